package mmcheck.event;

/**
 * EventSink - receives one call per engine step, after the step has left the state consistent.
 *
 * <p>Arguments are primitive so that the allocator's fast path neither boxes nor allocates; {@link #NONE}
 * lets the JIT remove the call entirely.
 */
@FunctionalInterface
public interface EventSink {

    /** Discards every event. */
    EventSink NONE = (action, a0, a1, a2, result) -> { };

    /**
     * A step ran.
     *
     * @param action the step
     * @param a0 first parameter in {@link MmAction#params()} order (migratetypes as ordinals), 0 if absent
     * @param a1 second parameter, 0 if absent
     * @param a2 third parameter, 0 if absent
     * @param result the pfn the step returned (the allocated block for {@code RMQUEUE_SMALLEST}, the stolen
     *               block for {@code RMQUEUE_FALLBACK}), -1 for steps that return none
     */
    void step(MmAction action, int a0, int a1, int a2, int result);
}
