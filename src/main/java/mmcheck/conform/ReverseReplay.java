package mmcheck.conform;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import mmcheck.event.EventSink;
import mmcheck.mm.MigrateType;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.Zone;
import tlc2.tool.StateVec;
import tlc2.tool.TLCState;

/**
 * Conformance from the spec's side, exhaustive on a small model: every reachable spec state is built
 * as an engine zone, and every action instance of Next is run on it.
 *
 * <ul>
 * <li>An instance the spec enables: the engine takes the step once per resolution of the spec's
 * nondeterministic pick (which block heads a free list), each result must be a spec successor, and
 * together they must produce every spec successor.</li>
 * <li>An instance the spec does not enable: the engine refuses it with StepRefusedException and
 * leaves the zone as it was.</li>
 * </ul>
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
    private final SpecActions actions;
    private final EngineSteps engine;
    private final Abstraction abstraction;
    private final Concretization concretization;

    public ReverseReplay(SpecModel spec, EngineSteps engine) {
        this.spec = spec;
        this.actions = new SpecActions(spec);
        this.engine = engine;
        this.abstraction = new Abstraction(spec);
        this.concretization = new Concretization(Concretization.geometryOf(spec));
    }

    /** run() - breadth-first over the reachable states, at most maxStates of them. */
    public Report run(long maxStates) {
        long t0 = System.nanoTime();
        List<String> failures = new ArrayList<>();
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
        checkInit(inits, failures);
        long states = 0;
        while (!queue.isEmpty() && states < maxStates && failures.size() < MAX_FAILURES) {
            TLCState s = queue.poll();
            states++;
            for (ActionInstance inst : actions.all()) {
                StateVec succ = spec.nextStates(actions.action(inst), s);
                Map<Long, TLCState> bySpec = new HashMap<>();
                for (int i = 0; i < succ.size(); i++) {
                    TLCState t = succ.elementAt(i);
                    bySpec.putIfAbsent(t.fingerPrint(), t);
                }
                if (bySpec.isEmpty()) {
                    refusals++;
                    checkRefused(s, inst, failures);
                    continue;
                }
                transitions += bySpec.size();
                Set<Long> produced = new HashSet<>();
                for (Concretization.HeadChoice choice : choices(s)) {
                    runs++;
                    Long fp = runEnabled(s, inst, choice, bySpec, failures);
                    if (fp != null) {
                        produced.add(fp);
                    }
                }
                for (Map.Entry<Long, TLCState> e : bySpec.entrySet()) {
                    if (!produced.contains(e.getKey())) {
                        fail(failures, "state " + states + ", " + inst.specForm()
                                + ": no engine choice produces this spec successor: "
                                + spec.values(e.getValue()));
                    }
                    if (seen.add(e.getKey())) {
                        queue.add(e.getValue());
                    }
                }
            }
        }
        return new Report(states, transitions, runs, refusals, (System.nanoTime() - t0) / 1e9, failures);
    }

    private void checkInit(StateVec inits, List<String> failures) {
        TLCState engineInit = abstraction.abstraction(Zone.init(concretization.geometry()));
        boolean found = false;
        for (int i = 0; i < inits.size(); i++) {
            found |= inits.elementAt(i).fingerPrint() == engineInit.fingerPrint();
        }
        if (!found) {
            fail(failures, "Zone.init is not the spec's initial state: " + spec.values(engineInit));
        }
    }

    /** The engine's head choices for s: canonical lists, then each other block at the head of its list. */
    private List<Concretization.HeadChoice> choices(TLCState s) {
        List<Concretization.HeadChoice> out = new ArrayList<>();
        out.add(null);
        Zone z = concretization.concretization(s, null);
        for (int o = 0; o < concretization.geometry().maxOrder(); o++) {
            for (MigrateType t : Abstraction.SPEC_TYPES) {
                int[] pfns = z.freeListPfns(o, t);
                for (int i = 1; i < pfns.length; i++) {
                    out.add(new Concretization.HeadChoice(o, t, pfns[i]));
                }
            }
        }
        return out;
    }

    private Long runEnabled(TLCState s, ActionInstance inst, Concretization.HeadChoice choice,
            Map<Long, TLCState> bySpec, List<String> failures) {
        Zone z = concretization.concretization(s, choice);
        try {
            engine.apply(z, inst, EventSink.NONE);
        } catch (StepRefusedException e) {
            fail(failures, "state with " + inst.specForm() + " enabled: the engine refused it: "
                    + e.getMessage());
            return null;
        }
        TLCState u = abstraction.abstraction(z);
        long fp = u.fingerPrint();
        if (!bySpec.containsKey(fp)) {
            TLCState nearest = bySpec.values().iterator().next();
            List<String> d = new ArrayList<>();
            Map<String, tlc2.value.impl.Value> ev = spec.values(u);
            Map<String, tlc2.value.impl.Value> sv = spec.values(nearest);
            for (String var : ev.keySet()) {
                d.addAll(ValueDiff.diff(var, ev.get(var), sv.get(var), 6));
            }
            fail(failures, inst.specForm() + (choice == null ? "" : " with pfn " + choice.pfn()
                    + " at the head of free_list[" + choice.order() + "][" + choice.migratetype() + "]")
                    + ": the engine's result is not a spec successor: " + String.join("; ", d));
            return null;
        }
        return fp;
    }

    private void checkRefused(TLCState s, ActionInstance inst, List<String> failures) {
        Zone z = concretization.concretization(s, null);
        try {
            engine.apply(z, inst, EventSink.NONE);
            fail(failures, inst.specForm() + " is not enabled in the spec, but the engine took it; state before: "
                    + spec.values(s));
        } catch (StepRefusedException e) {
            if (abstraction.abstraction(z).fingerPrint() != s.fingerPrint()) {
                fail(failures, inst.specForm() + ": the engine refused but changed the zone");
            }
        }
    }

    private static void fail(List<String> failures, String message) {
        if (failures.size() < MAX_FAILURES) {
            failures.add(message);
        }
    }
}
