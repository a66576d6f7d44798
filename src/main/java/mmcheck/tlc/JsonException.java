package mmcheck.tlc;

/** Malformed JSON; the message starts with "line L, column C:". */
public class JsonException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public JsonException(String message) {
        super(message);
    }
}
