package mmcheck.event;

/** A kind of engine step that carries its four spellings (see {@link StepNames}). */
public interface NamedStep {
    StepNames names();

    /** The C function in Linux 6.1. */
    default String kernelName() {
        return names().kernelName();
    }

    /** The TLA+ action. */
    default String specName() {
        return names().specName();
    }

    /** The fully qualified engine class. */
    default String javaClass() {
        return names().javaClass();
    }

    /** The Java step method. */
    default String javaName() {
        return names().javaName();
    }

    /** The engine class and method, e.g. {@code PageAlloc.freeOnePage}. */
    default String javaMethod() {
        return names().javaMethod();
    }

    /** The tracepoint, or the bare function name where the kernel has none. */
    default String traceName() {
        return names().traceName();
    }
}
