package mmcheck.tlc;

/**
 * A problem with what the user gave us (a file, a manifest entry, a model name), as opposed to a bug.
 * The message is one line that names the input, so the CLI can print it as is.
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
