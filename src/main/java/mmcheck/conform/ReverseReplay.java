package mmcheck.conform;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import mmcheck.mm.Zone;
import mmcheck.mm.migrate.Migrate;

import tlc2.tool.StateVec;
import tlc2.tool.TLCState;
import tlc2.value.impl.Value;

/**
 * Conformance from the spec's side, exhaustive on a small model: every state reachable by the instances of Next
 * is built as an engine, and every action instance of Next is run on it.
 *
 * <ul>
 * <li>An instance the spec enables: the engine takes that step once per resolution of the spec's
 * nondeterministic pick (which block heads a free list); each result must be a spec successor, and
 * together they must produce every spec successor.</li>
 * <li>An instance the spec does not enable: the engine refuses it (StepRefusedException) and leaves its
 * state as it was, or answers with another step that the spec allows (a read of a migration entry
 * waits in migration_entry_wait()).</li>
 * </ul>
 *
 * <p>The instances are those of the spec's own Next (Buddy's Next, or MigrateNext), over the model's constants:
 * a model whose Next narrows them to roles is replayed over all of them.
 */
public final class ReverseReplay {
    /** What one run checked, and the first failures. */
    public record Report(long states, long transitions, long engineRuns, long refusals, double seconds,
            List<String> failures) {
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    private static final int MAX_FAILURES = 5;

    private final SpecModel spec;
    private final ReplayTarget<?> target;

    /** The buddy allocator's replay, on the steps engine takes (a seeded-bug test passes its own). */
    public ReverseReplay(SpecModel spec, EngineSteps engine) {
        this(spec, new BuddyReplayTarget(spec, engine));
    }

    private ReverseReplay(SpecModel spec, ReplayTarget<?> target) {
        this.spec = spec;
        this.target = target;
    }

    /** The replay that fits a loaded model: the migration engine's for Migrate.tla, else the buddy allocator's. */
    public static ReverseReplay of(SpecModel spec) {
        if (!spec.defines("MigrateNext")) {
            return new ReverseReplay(spec, new EngineSteps());
        }
        MigrateModel model = MigrateModel.of(spec);
        return forMigrate(spec, model::newEngine);
    }

    /** The migration engine's replay on the engine that engine builds over a zone (a seeded bug, in a test). */
    public static ReverseReplay forMigrate(SpecModel spec, Function<Zone, Migrate> engine) {
        return new ReverseReplay(spec, new MigrateReplayTarget(spec, MigrateModel.of(spec), engine));
    }

    /** run() - breadth-first over the reachable states, at most maxStates of them; up to five failures. */
    public Report run(long maxStates) {
        return run(maxStates, MAX_FAILURES);
    }

    /** run() - as above, stopping at the maxFailures-th failure (1: at the first step that does not conform). */
    public Report run(long maxStates, int maxFailures) {
        return new Run<>(target, maxFailures).run(maxStates);
    }

    /** One replay, typed by its engine. */
    private final class Run<E> {
        private final ReplayTarget<E> t;
        private final ActionCatalog actions;
        private final List<String> failures = new ArrayList<>();
        private final int maxFailures;

        Run(ReplayTarget<E> t, int maxFailures) {
            this.t = t;
            this.actions = t.catalog();
            this.maxFailures = maxFailures;
        }

        Report run(long maxStates) {
            long t0 = System.nanoTime();
            long transitions = 0;
            long runs = 0;
            long refusals = 0;
            Set<Long> seen = new HashSet<>();
            ArrayDeque<TLCState> queue = new ArrayDeque<>();
            StateVec inits = spec.initStates();
            for (int i = 0; i < inits.size(); i++) {
                TLCState s = inits.elementAt(i);
                if (seen.add(s.fingerPrint())) {
                    queue.add(s);
                }
            }
            checkInit(inits);
            long states = 0;
            while (!queue.isEmpty() && states < maxStates && failures.size() < maxFailures) {
                TLCState s = queue.poll();
                states++;
                List<Concretization.HeadChoice> choices = null;
                for (SpecStep inst : actions.all()) {
                    if (failures.size() >= maxFailures) {
                        break;
                    }
                    StateVec succ = spec.nextStates(actions.action(inst), s);
                    Map<Long, TLCState> bySpec = new HashMap<>();
                    for (int i = 0; i < succ.size(); i++) {
                        TLCState u = succ.elementAt(i);
                        bySpec.putIfAbsent(u.fingerPrint(), u);
                    }
                    if (bySpec.isEmpty()) {
                        refusals++;
                        checkRefused(s, inst);
                        continue;
                    }
                    transitions += bySpec.size();
                    if (choices == null) {
                        choices = t.choices(s);
                    }
                    Set<Long> produced = new HashSet<>();
                    for (Concretization.HeadChoice choice : choices) {
                        runs++;
                        Long fp = runEnabled(s, inst, choice, bySpec);
                        if (fp != null) {
                            produced.add(fp);
                        }
                    }
                    for (Map.Entry<Long, TLCState> e : bySpec.entrySet()) {
                        if (!produced.contains(e.getKey())) {
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
            }
            return new Report(states, transitions, runs, refusals, (System.nanoTime() - t0) / 1e9, failures);
        }

        private void checkInit(StateVec inits) {
            TLCState engineInit = t.engineInit();
            boolean found = false;
            for (int i = 0; i < inits.size(); i++) {
                found |= inits.elementAt(i).fingerPrint() == engineInit.fingerPrint();
            }
            if (!found) {
                fail("the engine's initial state is not the spec's: " + spec.values(engineInit));
            }
        }

        private Long runEnabled(TLCState s, SpecStep inst, Concretization.HeadChoice choice,
                Map<Long, TLCState> bySpec) {
            E engine = t.concretize(s, choice);
            List<SpecStep> took = t.run(engine, inst);
            if (!took.equals(List.of(inst))) {
                fail("state with " + inst.specForm() + " enabled: the engine "
                        + (took.isEmpty() ? "refused it" : "took " + took + " instead"));
                return null;
            }
            TLCState u = t.abstraction(engine);
            long fp = u.fingerPrint();
            if (!bySpec.containsKey(fp)) {
                TLCState nearest = bySpec.values().iterator().next();
                List<String> d = new ArrayList<>();
                Map<String, Value> ev = spec.values(u);
                Map<String, Value> sv = spec.values(nearest);
                for (String var : ev.keySet()) {
                    d.addAll(ValueDiff.diff(var, ev.get(var), sv.get(var), 6));
                }
                fail(inst.specForm() + (choice == null ? "" : " with pfn " + choice.pfn()
                        + " at the head of free_list[" + choice.order() + "][" + choice.migratetype() + "]")
                        + ": the engine's result is not a spec successor: " + String.join("; ", d));
                return null;
            }
            return fp;
        }

        private void checkRefused(TLCState s, SpecStep inst) {
            E engine = t.concretize(s, null);
            List<SpecStep> took = t.run(engine, inst);
            TLCState u = t.abstraction(engine);
            if (took.isEmpty()) {
                if (u.fingerPrint() != s.fingerPrint()) {
                    fail(inst.specForm() + ": the engine refused but changed its state");
                }
                return;
            }
            SpecStep other = took.get(0);
            boolean answered = took.size() == 1 && !other.equals(inst)
                    && spec.isValid(actions.action(other), s, u);
            if (!answered) {
                fail(inst.specForm() + " is not enabled in the spec, but the engine took " + took
                        + "; state before: " + spec.values(s));
            }
        }

        private void fail(String message) {
            if (failures.size() < maxFailures) {
                failures.add(message);
            }
        }
    }
}
