package mmcheck.conform;

/** A spec or model that TLC cannot load; the message is one line naming the file and the problem. */
public final class SpecLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SpecLoadException(String message) {
        super(message);
    }
}
