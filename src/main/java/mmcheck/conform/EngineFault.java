package mmcheck.conform;

/**
 * An exception the engine threw while serving a request (an ArrayIndexOutOfBounds in a free-list walk, say): a
 * finding about the engine, reported with the request or step and where in the engine it was thrown, never as bad
 * input.
 */
final class EngineFault {
    private EngineFault() {
    }

    /**
     * "ArrayIndexOutOfBoundsException: Index -1 ... at mmcheck.mm.buddy.PageAlloc.expand(PageAlloc.java:120)": the
     * exception and the first frame outside the JDK and TLC, where the engine threw.
     */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            sb.append(": ").append(SpecModel.oneLine(e.getMessage()));
        }
        for (StackTraceElement f : e.getStackTrace()) {
            if (!f.getClassName().matches("(java|javax|jdk|sun|tlc2|tla2sany|util)\\..*")) {
                sb.append(" at ").append(f);
                break;
            }
        }
        return sb.toString();
    }
}
