package mmcheck.event;

/**
 * The four spellings of one engine step, so that a TLC counterexample leads to the Java line and
 * to the kernel function without a dictionary. Engine classes are named, not referenced: this
 * package must not depend on mmcheck.mm.
 *
 * @param kernelName the C function in Linux 6.1, e.g. {@code __rmqueue_smallest}
 * @param specName   the TLA+ action, e.g. {@code RmqueueSmallest}
 * @param javaClass  the fully qualified engine class, e.g. {@code mmcheck.mm.buddy.PageAlloc}
 * @param javaName   the Java step method, e.g. {@code rmqueueSmallest}
 * @param traceName  the tracepoint or trace-line name, e.g. {@code mm_page_alloc_zone_locked}
 */
public record StepNames(String kernelName, String specName, String javaClass, String javaName, String traceName) {

    /** The engine class and method, e.g. {@code PageAlloc.freeOnePage}. */
    public String javaMethod() {
        return javaClass.substring(javaClass.lastIndexOf('.') + 1) + '.' + javaName;
    }
}
