package mmcheck.tlc;

/** models/manifest.json is malformed or names a missing file. */
public class ManifestException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public ManifestException(String message) {
        super(message);
    }
}
