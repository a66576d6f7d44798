package mmcheck.trace;

import mmcheck.tlc.BadInputException;

/** A trace line that does not parse: the message is {@code file:line: why}, one line. */
public final class TraceFormatException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public TraceFormatException(String file, int line, String why) {
        super(file + ":" + line + ": " + why);
    }
}
