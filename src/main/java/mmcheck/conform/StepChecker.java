package mmcheck.conform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.SemanticNode;
import tlc2.tool.Action;
import tlc2.tool.StateVec;
import tlc2.tool.TLCState;
import tlc2.value.impl.Value;

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
    private final ActionCatalog actions;
    private final SpecSource source;
    private final VerdictCache<StateId> goodStates;
    private final VerdictCache<StepKey> goodSteps;
    private final VerdictCache<RequestKey> disabled;
    /** The last state found to satisfy every invariant (by identity: a monitor's next step starts from it). */
    private TLCState lastGood;
    private TLCState idState0;
    private TLCState idState1;
    private StateId id0;
    private StateId id1;

    /** A step found good: the states before and after, and the step (its action and arguments). */
    private record StepKey(StateId before, SpecStep step, StateId after) {
    }

    /** A request found disabled in a state. */
    private record RequestKey(StateId state, SpecStep step) {
    }

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
        this.actions = binding.catalog();
        this.source = new SpecSource(spec.sourceDirs());
        this.goodStates = cached ? new VerdictCache<>() : null;
        this.goodSteps = cached ? new VerdictCache<>() : null;
        this.disabled = cached ? new VerdictCache<>() : null;
    }

    /** isEnabled() - whether the spec enables inst in s (a refused engine step must not be). */
    public boolean isEnabled(SpecStep inst, TLCState s) {
        RequestKey key = disabled == null ? null : new RequestKey(id(s), inst);
        if (key != null && disabled.contains(key)) {
            return false;
        }
        boolean enabled = spec.nextStates(actions.action(inst), s).size() > 0;
        if (!enabled && key != null) {
            disabled.add(key);
        }
        return enabled;
    }

    /**
     * A state's identity, remembered for the last two states asked about: a monitor asks about each state as the one
     * after a step, then as the one before the next step and its refused requests.
     */
    private StateId id(TLCState s) {
        if (s == idState0) {
            return id0;
        }
        if (s == idState1) {
            return id1;
        }
        StateId id = StateId.of(s);
        idState1 = idState0;
        id1 = id0;
        idState0 = s;
        id0 = id;
        return id;
    }

    /** Steps and states answered from the cache, and evaluated by TLC. */
    public long cacheHits() {
        return goodStates == null ? 0 : goodStates.hits() + goodSteps.hits() + disabled.hits();
    }

    public long cacheMisses() {
        return goodStates == null ? 0 : goodStates.misses() + goodSteps.misses() + disabled.misses();
    }

    public SpecModel spec() {
        return spec;
    }

    public ActionCatalog actions() {
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
        if (goodSteps == null) {
            return evaluate(step, inst, s, t).report();
        }
        StateId after = id(t);
        StepKey stepKey = new StepKey(id(s), inst, after);
        if (goodSteps.contains(stepKey) && goodStates.contains(after)) {
            lastGood = t;
            return new StepReport(step, inst.toString(), true, null, List.of(), List.of(), List.of());
        }
        Verdict v = evaluate(step, inst, s, t);
        if (v.stepGood()) {
            goodSteps.add(stepKey);
        }
        if (v.stateGood()) {
            goodStates.add(after);
        }
        return v.report();
    }

    /** A step's report, and which parts of it a cache may keep: the step (action and step properties), the state. */
    private record Verdict(StepReport report, boolean stepGood, boolean stateGood) {
    }

    private Verdict evaluate(long step, SpecStep inst, TLCState s, TLCState t) {
        Action a = actions.action(inst);
        boolean holds = spec.isValid(a, s, t);
        // From the state the last step left good, only invariants that read a changed variable can change.
        List<String> invariants = s == lastGood ? spec.violatedInvariants(t, s) : spec.violatedInvariants(t);
        if (invariants.isEmpty()) {
            lastGood = t;
        }
        List<String> stepProperties = spec.violatedStepProperties(s, t);
        List<String> violated = invariants;
        if (!stepProperties.isEmpty()) {
            violated = new ArrayList<>(invariants);
            violated.addAll(stepProperties);
        }
        StepReport r = holds ? new StepReport(step, inst.toString(), true, null, List.of(), List.of(), violated)
                : new StepReport(step, inst.toString(), false, falseConjunct(a, s, t), differences(a, s, t),
                        matchesInstead(s, t), violated);
        return new Verdict(r, holds && stepProperties.isEmpty(), invariants.isEmpty());
    }

    /** The first top-level conjunct of the action's body that is false for s -> t. */
    private String falseConjunct(Action a, TLCState s, TLCState t) {
        SemanticNode body = a.pred;
        if (body instanceof OpApplNode appl && isConjunction(appl)) {
            for (ExprOrOpArgNode c : appl.getArgs()) {
                if (!safeValid(new Action(c, a.con, a.getOpDef()), s, t)) {
                    return source.quote(c);
                }
            }
        }
        return source.quote(body);
    }

    private static boolean isConjunction(OpApplNode appl) {
        String op = appl.getOperator().getName().toString();
        return op.equals("$ConjList") || op.equals("\\land");
    }

    private boolean safeValid(Action a, TLCState s, TLCState t) {
        try {
            return spec.isValid(a, s, t);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Variables where t differs from the spec's successor of s for this action that is nearest to t. */
    private List<String> differences(Action a, TLCState s, TLCState t) {
        StateVec succ;
        try {
            succ = spec.nextStates(a, s);
        } catch (RuntimeException e) {
            return List.of("the spec could not evaluate the action here: " + SpecModel.oneLine(String.valueOf(e.getMessage())));
        }
        if (succ.size() == 0) {
            return List.of("the action is not enabled in the state before the step");
        }
        Map<String, Value> engine = spec.values(t);
        List<String> best = null;
        for (int i = 0; i < succ.size(); i++) {
            Map<String, Value> specVals = spec.values(succ.elementAt(i));
            List<String> d = new ArrayList<>();
            for (Map.Entry<String, Value> e : engine.entrySet()) {
                d.addAll(mmcheck.tlc.ValueDiff.diff(e.getKey(), specVals.get(e.getKey()), e.getValue(), DIFF_LINES));
            }
            if (best == null || d.size() < best.size()) {
                best = d;
            }
        }
        return best.size() > DIFF_LINES ? best.subList(0, DIFF_LINES) : best;
    }

    /** Every action instance of Next that relates s and t. */
    public List<String> matchesInstead(TLCState s, TLCState t) {
        List<String> out = new ArrayList<>();
        for (SpecStep i : actions.all()) {
            if (safeValid(actions.action(i), s, t)) {
                out.add(i.specForm());
            }
        }
        return out;
    }
}
