package mmcheck.conform;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;

import tlc2.tool.TLCState;

/**
 * How one spec's engine joins the conformance core: the only interface a spec implements. The core
 * ({@link StepChecker}, {@link ReverseReplay}, {@link RefinementRun}) never names a spec; a binding maps
 * between the engine and the spec's states (abstraction, concretization) and asks the engine for steps.
 *
 * <p>A binding is found through {@link Provider}, listed in
 * {@code META-INF/services/mmcheck.conform.Binding$Provider}: adding a spec adds a package and one line there.
 *
 * @param <E> the engine (a zone, a migration engine ...)
 */
public interface Binding<E> {

    /** Finds the binding of a loaded model; one provider per spec. */
    interface Provider {
        /** Whether the loaded model is a model of this binding's spec. */
        boolean fits(SpecModel spec);

        /** The binding over the model's constants. */
        Binding<?> bind(SpecModel spec);

        /** For the message that refuses a model no binding fits, e.g. "buddy (Buddy.tla's variables)". */
        String describe();
    }

    /** of() - the binding of the loaded model, or a one-line SpecLoadException naming the bindings there are. */
    static Binding<?> of(SpecModel spec) {
        List<String> known = new ArrayList<>();
        for (Provider p : ServiceLoader.load(Provider.class)) {
            if (p.fits(spec)) {
                return p.bind(spec);
            }
            known.add(p.describe());
        }
        throw new SpecLoadException(spec.cfg().getFileName() + ": no engine is bound to this model's spec (bindings: "
                + String.join("; ", known) + ")");
    }

    /** One way to build the engine for a spec state: the engine orders what the spec keeps as a set. */
    record Build<E>(String choice, Supplier<E> engine) {
    }

    /** What the engine did with one request. */
    record Outcome(List<SpecStep> steps, String refusal) {
        /** The engine refused: no step, and its own reason. */
        public static Outcome refused(String why) {
            return new Outcome(List.of(), why);
        }

        public boolean isRefused() {
            return refusal != null;
        }
    }

    /** Hears an engine's steps as it takes them, and the requests it refuses. */
    interface StepListener {
        /** A step ran; line is its trace form, with its result where it has one. */
        void step(SpecStep step, String line);

        /** The engine refused the request (StepRefusedException). */
        void refused(SpecStep request);

        /** The engine refused the request, for its own reason (the exception's message). */
        default void refused(SpecStep request, String reason) {
            refused(request);
        }

        /**
         * The engine is between two steps of one call (a driver such as migrate_pages()): it must still be where
         * its last step left it. A checker compares; the default ignores it.
         */
        default void between() {
        }

        /** A listener that keeps the steps in steps; a refusal arrives as the engine's exception instead. */
        static StepListener into(List<SpecStep> steps) {
            return new StepListener() {
                @Override
                public void step(SpecStep step, String line) {
                    steps.add(step);
                }

                @Override
                public void refused(SpecStep request) {
                }
            };
        }
    }

    /** The spec's Next operator whose instances the engine takes, e.g. "Next" or "MigrateNext"; TLC splits it. */
    String nextOperator();

    /**
     * The engine step that is the spec's operator applied to args (TLC values in the operator's parameter order),
     * or null when the engine has no such step. The {@link Catalog} calls it once per instance of Next.
     */
    SpecStep step(String operator, List<tlc2.value.impl.Value> args);

    /** The spec names of every action the engine can take, for the coverage line. */
    List<String> actionNames();

    /** A new engine in its initial state. */
    E initialEngine();

    /** abstraction() - the spec state the engine stands for, over every variable. */
    TLCState abstraction(E engine);

    /** Every way to build the engine for s, the canonical one first; each supplier builds a fresh engine. */
    List<Build<E>> concretizations(TLCState s);

    /**
     * Why the engine cannot take step on its own (it runs it only inside a whole call, such as kcompactd's), or null
     * when it can. The reverse replay does not run such a step: it counts its spec transitions as not replayed and
     * reports them, and still explores the states they reach.
     */
    default String notReplayed(SpecStep step) {
        return null;
    }

    /**
     * Whether the spec leaves open a choice that the engine makes from state the spec does not keep (the scan limits
     * of fast_isolate_freepages()), so that the engine's answer to step is one of several steps the spec allows from
     * the state, not necessarily step itself. The reverse replay then requires the engine's step to be an instance
     * of Next that holds, but not that the engine produce each of step's spec successors.
     */
    default boolean engineChooses(SpecStep step) {
        return false;
    }

    /** Asks the engine for the step; the steps it reported (another one when it answered with it), or its refusal. */
    Outcome run(E engine, SpecStep request);

    /**
     * A whole kernel call the engine's callers use (migrate_pages() with its passes, the rmap walks of
     * try_to_migrate() and remove_migration_ptes()), run on an engine built for a spec state. The replay checks each
     * step it reports against the catalogue, carrying the engine's hidden state from step to step, and that it
     * changes nothing without reporting a step.
     */
    interface Driver<E> {
        /** The call as the kernel spells it, e.g. "migrate_pages(MIGRATE_SYNC)". */
        String name();

        /** Runs the call on engine, its steps to listener; refused (no step) where the call does not apply. */
        Outcome run(E engine, StepListener listener);
    }

    /** The engine's drivers; none by default. */
    default List<Driver<E>> drivers() {
        return List.of();
    }

    /**
     * A seeded random workload on engine whose steps and refusals go to listener: each call of the returned
     * runnable serves one request.
     */
    Runnable workload(E engine, StepListener listener, long seed);
}
