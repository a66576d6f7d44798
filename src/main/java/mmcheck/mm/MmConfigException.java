package mmcheck.mm;

/** MmConfigException - a geometry or configuration value outside what the model supports; the message names it. */
public class MmConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MmConfigException(String message) {
        super(message);
    }
}
