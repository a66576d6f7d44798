package mmcheck.conform;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tlc2.tool.StateVec;
import tlc2.tool.TLCState;

/**
 * Conformance from the spec's side, exhaustive on a small model: every state reachable by the instances of Next
 * is built as an engine, and every action instance of Next is run on it.
 *
 * <ul>
 * <li>An instance the spec enables: the engine takes that step once per way its binding builds the state (which
 * block heads a free list); each result must be a spec successor, and together they must produce every spec
 * successor.</li>
 * <li>An instance the spec does not enable: the engine refuses it and leaves its state as it was, or answers with
 * another step that the spec allows (a read of a migration entry waits in migration_entry_wait()).</li>
 * </ul>
 *
 * <p>Then the binding's drivers (whole kernel calls such as migrate_pages()) run on the engine for the state: each
 * step they report must be the spec instance it names from the state the previous step left, with the engine's
 * hidden state carried from step to step, and nothing may change without a reported step.
 *
 * <p>An instance the binding cannot run alone ({@link Binding#notReplayed}) is not run: its transitions are counted
 * and reported as not replayed, and the states they reach are still visited. Where the engine picks among the
 * spec's steps by state the spec does not keep ({@link Binding#engineChooses}), its step must hold, but it need not
 * produce each successor of the instance asked for.
 *
 * <p>The instances are those of the spec's own Next over the model's constants: a model whose Next narrows them to
 * roles is replayed over all of them.
 */
public final class ReverseReplay {
    /**
     * What one run checked, and the first failures; complete says whether every reachable state was visited (not
     * cut short by maxStates or by the failures); stepsByAction counts the engine steps checked per spec action
     * (runs of an enabled instance and steps of the drivers), in the order the actions first ran; notReplayed counts
     * per spec action the transitions the binding cannot run on the engine alone ({@link Binding#notReplayed}).
     */
    public record Report(long states, long transitions, long engineRuns, long refusals, long driverRuns,
            double seconds, List<String> failures, boolean complete, Map<String, Long> stepsByAction,
            Map<String, Long> notReplayed) {
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    private static final int MAX_FAILURES = 5;

    private final SpecModel spec;
    private final Binding<?> binding;
    private Progress progress = Progress.NONE;
    private SpecCoverage rules;

    /** The replay of the engine a binding builds (a seeded-bug engine, in a test). */
    public ReverseReplay(SpecModel spec, Binding<?> binding) {
        this.spec = spec;
        this.binding = binding;
    }

    /** The replay of the loaded model's engine. */
    public static ReverseReplay of(SpecModel spec) {
        return new ReverseReplay(spec, Binding.of(spec));
    }

    /** withProgress() - report the states visited to progress as the run goes. */
    public ReverseReplay withProgress(Progress p) {
        this.progress = p;
        return this;
    }

    /** withRuleCoverage() - count TLC's evaluations of every instance run on every state into rules. */
    public ReverseReplay withRuleCoverage(SpecCoverage rules) {
        this.rules = rules;
        return this;
    }

    /** run() - breadth-first over the reachable states, at most maxStates of them; up to five failures. */
    public Report run(long maxStates) {
        return run(maxStates, MAX_FAILURES);
    }

    /** run() - as above, stopping at the maxFailures-th failure (1: at the first step that does not conform). */
    public Report run(long maxStates, int maxFailures) {
        return new Run<>(binding, maxFailures).run(maxStates);
    }

    /** One replay, typed by its engine. */
    private final class Run<E> {
        private final Binding<E> b;
        private final Catalog actions;
        private final List<String> failures = new ArrayList<>();
        private final Map<String, Long> stepsByAction = new LinkedHashMap<>();
        private final Map<String, Long> notReplayed = new LinkedHashMap<>();
        private final int maxFailures;

        Run(Binding<E> b, int maxFailures) {
            this.b = b;
            this.actions = Catalog.of(spec, b);
            this.maxFailures = maxFailures;
        }

        Report run(long maxStates) {
            long t0 = System.nanoTime();
            long transitions = 0;
            long runs = 0;
            long refusals = 0;
            long driverRuns = 0;
            Set<StateId> seen = new HashSet<>();
            ArrayDeque<TLCState> queue = new ArrayDeque<>();
            StateVec inits = spec.initStates();
            for (int i = 0; i < inits.size(); i++) {
                TLCState s = inits.elementAt(i);
                if (seen.add(StateId.of(s))) {
                    queue.add(s);
                }
            }
            checkInit(inits);
            long states = 0;
            while (!queue.isEmpty() && states < maxStates && failures.size() < maxFailures) {
                TLCState s = queue.poll();
                states++;
                progress.tick(states);
                // Built once per state: the refusals check the canonical build too.
                List<Binding.Build<E>> builds = b.concretizations(s);
                for (Catalog.Entry entry : actions.entries()) {
                    if (failures.size() >= maxFailures) {
                        break;
                    }
                    SpecStep inst = entry.step();
                    if (rules != null) {
                        rules.count(inst, s);
                    }
                    Map<StateId, TLCState> bySpec = new HashMap<>();
                    for (TLCState u : actions.successors(entry, s)) {
                        bySpec.putIfAbsent(StateId.of(u), u);
                    }
                    if (bySpec.isEmpty()) {
                        refusals++;
                        checkRefused(s, inst, builds.get(0));
                        continue;
                    }
                    transitions += bySpec.size();
                    boolean replayed = b.notReplayed(inst) == null;
                    if (!replayed) {
                        notReplayed.merge(inst.specName(), (long) bySpec.size(), Long::sum);
                    }
                    Set<StateId> produced = new HashSet<>();
                    if (replayed) {
                        stepsByAction.merge(inst.specName(), (long) builds.size(), Long::sum);
                        for (Binding.Build<E> build : builds) {
                            runs++;
                            StateId fp = runEnabled(s, inst, build, bySpec);
                            if (fp != null) {
                                produced.add(fp);
                            }
                        }
                    }
                    for (Map.Entry<StateId, TLCState> e : bySpec.entrySet()) {
                        if (replayed && !b.engineChooses(inst) && !produced.contains(e.getKey())) {
                            fail("state " + states + ", " + inst.specForm()
                                    + ": no engine choice produces this spec successor: " + spec.values(e.getValue()));
                        }
                        // The cfg's CONSTRAINT bounds the search as it bounds TLC's: a state outside it is checked
                        // as a successor but neither counted nor explored.
                        if (spec.tool().isInModel(e.getValue()) && seen.add(e.getKey())) {
                            queue.add(e.getValue());
                        }
                    }
                }
                for (Binding.Driver<E> d : b.drivers()) {
                    if (failures.size() < maxFailures) {
                        driverRuns += runDriver(states, s, d);
                    }
                }
            }
            return new Report(states, transitions, runs, refusals, driverRuns, (System.nanoTime() - t0) / 1e9,
                    failures, queue.isEmpty() && failures.size() < maxFailures, stepsByAction, notReplayed);
        }

        private void checkInit(StateVec inits) {
            TLCState engineInit = b.abstraction(b.initialEngine());
            boolean found = false;
            for (int i = 0; i < inits.size(); i++) {
                found |= StateId.of(inits.elementAt(i)).equals(StateId.of(engineInit));
            }
            if (!found) {
                fail("the engine's initial state is not the spec's: " + spec.values(engineInit));
            }
        }

        private StateId runEnabled(TLCState s, SpecStep inst, Binding.Build<E> build, Map<StateId, TLCState> bySpec) {
            E engine = build.engine().get();
            Binding.Outcome took = safeRun(engine, inst, "enabled", build.choice());
            if (took == null) {
                return null;
            }
            if (b.engineChooses(inst) && took.steps().size() == 1) {
                // The engine picked its own answer among the spec's: it must be an instance of Next that holds.
                TLCState u = b.abstraction(engine);
                Catalog.Entry answer = actions.entry(took.steps().get(0));
                if (answer == null || !actions.holds(answer, s, u)) {
                    List<String> d = spec.diff(bySpec.values().iterator().next(), u, 6);
                    fail(inst.specForm() + build.choice() + ": the engine took " + took.steps()
                            + ", which is not a spec step from this state (spec's " + inst.specName()
                            + " -> engine): " + String.join("; ", d));
                    return null;
                }
                return StateId.of(u);
            }
            if (!took.steps().equals(List.of(inst))) {
                fail("state with " + inst.specForm() + " enabled: the engine "
                        + (took.isRefused() ? "refused it (" + took.refusal() + ")" : "took " + took.steps() + " instead"));
                return null;
            }
            TLCState u = b.abstraction(engine);
            StateId fp = StateId.of(u);
            if (!bySpec.containsKey(fp)) {
                List<String> d = spec.diff(bySpec.values().iterator().next(), u, 6);
                fail(inst.specForm() + build.choice() + ": the engine's result is not a spec successor (spec -> engine): "
                        + String.join("; ", d));
                return null;
            }
            return fp;
        }

        private void checkRefused(TLCState s, SpecStep inst, Binding.Build<E> canonical) {
            E engine = canonical.engine().get();
            Binding.Outcome took = safeRun(engine, inst, "not enabled", "");
            if (took == null) {
                return;
            }
            TLCState u = b.abstraction(engine);
            if (took.steps().isEmpty()) {
                if (!StateId.of(u).equals(StateId.of(s))) {
                    fail(inst.specForm() + ": the engine refused but changed its state");
                }
                return;
            }
            SpecStep other = took.steps().get(0);
            Catalog.Entry answer = actions.entry(other);
            boolean answered = took.steps().size() == 1 && !other.equals(inst) && answer != null
                    && actions.holds(answer, s, u);
            if (!answered) {
                fail(inst.specForm() + " is not enabled in the spec, but the engine took " + took.steps()
                        + "; state before: " + spec.values(s));
            }
        }

        /** Runs driver d on the engine for state number n (s); 1 when it took a step, 0 when it did not apply. */
        private int runDriver(long n, TLCState s, Binding.Driver<E> d) {
            DriverRun<E> run = DriverRun.run(spec, b, actions, s, d);
            run.actions().forEach(a -> stepsByAction.merge(a, 1L, Long::sum));
            if (run.failure() != null) {
                fail("state " + n + ", " + run.failure());
            }
            return run.tookSteps() ? 1 : 0;
        }

        /** The engine's outcome, or null when it threw: a finding about the engine, with the request that made it. */
        private Binding.Outcome safeRun(E engine, SpecStep inst, String enabled, String choice) {
            try {
                return b.run(engine, inst);
            } catch (RuntimeException e) {
                fail(inst.specForm() + choice + " (" + enabled + " in the spec): the engine threw "
                        + EngineFault.describe(e));
                return null;
            }
        }

        private void fail(String message) {
            if (failures.size() < maxFailures) {
                failures.add(message);
            }
        }
    }
}
