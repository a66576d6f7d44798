package mmcheck.conform;

import java.util.List;

import tlc2.tool.TLCState;

/**
 * What {@link ReverseReplay} needs of an engine: build it from a spec state (once per resolution of the spec's
 * nondeterministic picks), ask it for one step, and read its state back.
 *
 * @param <E> the engine
 */
interface ReplayTarget<E> {

    /** The spec's actions as the engine names them. */
    ActionCatalog catalog();

    /** The abstraction of the engine's own initial state. */
    TLCState engineInit();

    /** The engine's choices for s: null (free lists in ascending order), then each other block at a list's head. */
    List<Concretization.HeadChoice> choices(TLCState s);

    /** The engine in state s, with choice at the head of its list. */
    E concretize(TLCState s, Concretization.HeadChoice choice);

    /**
     * Asks the engine for the step; returns the steps it reported, in order: empty when it refused, the step itself
     * when it took it, another step when it answered the request with one (a read of a migration entry waits).
     */
    List<SpecStep> run(E engine, SpecStep inst);

    /** The spec state the engine stands for. */
    TLCState abstraction(E engine);
}
