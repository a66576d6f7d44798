package mmcheck.mm.proc;

/** ProcFormatException - a /proc snapshot that is not what the kernel prints; the message is one line: file, line, problem. */
public final class ProcFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final int lineNumber;
    private final String problem;

    public ProcFormatException(String fileName, int lineNumber, String problem) {
        super(oneLine(fileName) + " line " + lineNumber + ": " + oneLine(problem));
        this.fileName = fileName;
        this.lineNumber = lineNumber;
        this.problem = problem;
    }

    public String fileName() {
        return fileName;
    }

    /** 1-based line of the input the problem was found on. */
    public int lineNumber() {
        return lineNumber;
    }

    public String problem() {
        return problem;
    }

    // Callers print the message as a single diagnostic line, so input quoted into it must not break it.
    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ");
    }
}
