package mmcheck.conform;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import tlc2.tool.Action;
import tlc2.tool.TLCState;
import util.UniqueString;

/**
 * Checks engine steps against the spec: each step's named action must relate the abstract states
 * before and after, and every invariant of the model must hold after it.
 *
 * <p>The fast path is one directed check (the operator the engine says it ran, parameters bound)
 * plus the invariants; the diagnosis (false conjunct, differing variables, a scan of every action)
 * runs only on a failure.
 */
public final class StepChecker {
    private static final int DIFF_LINES = 8;

    private final SpecModel spec;
    private final Catalog actions;
    private final FalseCondition falseCondition;
    private final SpecSource source;
    /** With caches: the states found to satisfy every invariant (their StateIds). */
    private final VerdictCache goodStates;
    /** Per instance of Next: the steps found good (StateIds before and after), the states it was found disabled in. */
    private final Map<Catalog.Entry, VerdictCache> goodSteps;
    private final Map<Catalog.Entry, VerdictCache> disabled;
    private final PartVerdicts parts;
    private final UniqueString[] variables;
    /** The last state found to satisfy every invariant (by identity: a monitor's next step starts from it). */
    private TLCState lastGood;
    /** The last two states asked about, with their fingerprints (a monitor asks about each state twice). */
    private KnownState known0;
    private KnownState known1;
    /** Verdicts answered without TLC, and with it. */
    private long hits;
    private long misses;

    /** A checker of the loaded model's engine that evaluates the spec on every step. */
    public StepChecker(SpecModel spec) {
        this(spec, false);
    }

    /** A checker of the loaded model's engine; cached as below. */
    public StepChecker(SpecModel spec, boolean cached) {
        this(spec, Binding.of(spec), cached);
    }

    /**
     * A checker of the steps a binding names; with cached, a state or step already found good is not evaluated
     * again (see {@link VerdictCache}).
     */
    public StepChecker(SpecModel spec, Binding<?> binding, boolean cached) {
        this.spec = spec;
        this.actions = Catalog.of(spec, binding);
        this.source = new SpecSource(spec.sourceDirs());
        this.falseCondition = new FalseCondition(spec, source);
        this.goodStates = cached ? new VerdictCache() : null;
        this.goodSteps = cached ? perEntry(actions) : null;
        this.disabled = cached ? perEntry(actions) : null;
        this.parts = new PartVerdicts(spec, actions, cached);
        this.variables = spec.variables();
    }

    /** isEnabled() - whether the spec enables inst in s (a refused engine step must not be). */
    public boolean isEnabled(SpecStep inst, TLCState s) {
        Catalog.Entry e = actions.entry(inst);
        if (e == null) {
            // No instance of Next has these arguments: the spec has no such step, in any state.
            misses++;
            return false;
        }
        long state = disabled == null ? 0 : known(s).id().fingerprint();
        if (disabled != null && disabled.get(e).contains(state)) {
            hits++;
            return false;
        }
        misses++;
        boolean enabled = !actions.successors(e, s).isEmpty();
        if (!enabled && disabled != null) {
            disabled.get(e).add(state);
        }
        return enabled;
    }

    private static Map<Catalog.Entry, VerdictCache> perEntry(Catalog actions) {
        Map<Catalog.Entry, VerdictCache> out = new IdentityHashMap<>();
        for (Catalog.Entry e : actions.entries()) {
            out.put(e, new VerdictCache());
        }
        return out;
    }

    /**
     * A state with its fingerprints, remembered for the last two states asked about: a monitor asks about each state
     * as the one after a step, then as the one before the next step and its refused requests.
     */
    private KnownState known(TLCState s) {
        if (known0 != null && known0.state() == s) {
            return known0;
        }
        if (known1 != null && known1.state() == s) {
            return known1;
        }
        return remember(KnownState.of(s, variables));
    }

    /** t as the state after s: only the variables the step changed are hashed again. */
    private KnownState known(KnownState s, TLCState t) {
        if (known0 != null && known0.state() == t) {
            return known0;
        }
        if (known1 != null && known1.state() == t) {
            return known1;
        }
        return remember(s.successor(t, variables));
    }

    private KnownState remember(KnownState k) {
        known1 = known0;
        known0 = k;
        return k;
    }

    /** Verdicts (a step with its state after, or a refused request) answered without TLC, and evaluated by TLC. */
    public long cacheHits() {
        return goodStates == null ? 0 : hits;
    }

    public long cacheMisses() {
        return goodStates == null ? 0 : misses;
    }

    public SpecModel spec() {
        return spec;
    }

    public Catalog actions() {
        return actions;
    }

    /** checkInit() - the first state must satisfy Init and every invariant. */
    public StepReport checkInit(TLCState s) {
        boolean init = spec.isInit(s);
        List<String> violated = spec.violatedInvariants(s);
        if (violated.isEmpty()) {
            lastGood = s;
        }
        return new StepReport(0, "Init", init, init ? null : "Init is false for the engine's initial state",
                List.of(), List.of(), violated);
    }

    /** check() - is s -> t the step inst, and do the invariants hold in t? */
    public StepReport check(long step, SpecStep inst, TLCState s, TLCState t) {
        KnownState before = known(s);
        KnownState after = known(before, t);
        if (goodSteps == null) {
            return evaluate(step, inst, before, after, false).report();
        }
        Catalog.Entry e = actions.entry(inst);
        VerdictCache steps = e == null ? null : goodSteps.get(e);
        long from = before.id().fingerprint();
        long to = after.id().fingerprint();
        if (steps != null && steps.contains(from, to) && goodStates.contains(to)) {
            lastGood = t;
            hits++;
            return new StepReport(step, inst.toString(), true, null, List.of(), List.of(), List.of());
        }
        long evaluations = parts.evaluations();
        // A state found to satisfy every invariant (after another step into it) needs none evaluated again.
        boolean stateKnownGood = goodStates.contains(to);
        Verdict v = evaluate(step, inst, before, after, stateKnownGood);
        if (parts.evaluations() == evaluations) {
            hits++;
        } else {
            misses++;
        }
        if (v.stepGood()) {
            // A step with no instance never holds, so a good step has its cache.
            steps.add(from, to);
        }
        if (v.stateGood()) {
            goodStates.add(to);
        }
        return v.report();
    }

    /** A step's report, and which parts of it a cache may keep: the step (action and step properties), the state. */
    private record Verdict(StepReport report, boolean stepGood, boolean stateGood) {
    }

    private Verdict evaluate(long step, SpecStep inst, KnownState before, KnownState after, boolean stateKnownGood) {
        TLCState s = before.state();
        TLCState t = after.state();
        Catalog.Entry e = actions.entry(inst);
        boolean holds = e != null && parts.holds(e, before, after);
        // From the state the last step left good, only invariants that read a changed variable can change.
        List<String> invariants = stateKnownGood ? List.of()
                : parts.violatedInvariants(after, s == lastGood ? before : null);
        if (invariants.isEmpty()) {
            lastGood = t;
        }
        List<String> stepProperties = parts.violatedStepProperties(before, after);
        List<String> violated = invariants;
        if (!stepProperties.isEmpty()) {
            violated = new ArrayList<>(invariants);
            violated.addAll(stepProperties);
        }
        StepReport r;
        if (holds) {
            r = new StepReport(step, inst.toString(), true, null, List.of(), List.of(), violated);
        } else if (e == null) {
            r = new StepReport(step, inst.toString(), false, "no instance of " + actions.next() + " is "
                    + inst.specForm() + ": its arguments are outside the domains " + actions.next() + " gives them",
                    List.of(), matchesInstead(s, t), violated);
        } else {
            Action a = e.disjuncts().get(0);
            r = new StepReport(step, inst.toString(), false, falseCondition.of(a.pred, a.con, s, t),
                    differences(e, s, t), matchesInstead(s, t), violated);
        }
        return new Verdict(r, holds && stepProperties.isEmpty(), invariants.isEmpty());
    }

    /** Variables where t differs from the spec's successor of s for this instance that is nearest to t. */
    private List<String> differences(Catalog.Entry e, TLCState s, TLCState t) {
        List<TLCState> succ;
        try {
            succ = actions.successors(e, s);
        } catch (RuntimeException ex) {
            return List.of("the spec could not evaluate the action here: " + SpecModel.oneLine(String.valueOf(ex.getMessage())));
        }
        if (succ.isEmpty()) {
            return List.of("the action is not enabled in the state before the step");
        }
        List<String> best = null;
        for (TLCState u : succ) {
            List<String> d = spec.diff(u, t, DIFF_LINES);
            if (best == null || d.size() < best.size()) {
                best = d;
            }
        }
        return best.size() > DIFF_LINES ? best.subList(0, DIFF_LINES) : best;
    }

    /** Every instance of Next that relates s and t. */
    public List<String> matchesInstead(TLCState s, TLCState t) {
        List<String> out = new ArrayList<>();
        for (Catalog.Entry e : actions.entries()) {
            try {
                if (actions.holds(e, s, t)) {
                    out.add(e.step().specForm());
                }
            } catch (RuntimeException ex) {
                // An instance TLC cannot evaluate on this pair does not relate it.
            }
        }
        return out;
    }
}
