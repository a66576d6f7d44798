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
    private final VerdictCache goodStates;
    private final VerdictCache goodSteps;
    private final VerdictCache disabled;
    /** The last state found to satisfy every invariant (by identity: a monitor's next step starts from it). */
    private TLCState lastGood;
    private TLCState fpState0;
    private TLCState fpState1;
    private long fp0;
    private long fp1;

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
        this.goodStates = cached ? new VerdictCache() : null;
        this.goodSteps = cached ? new VerdictCache() : null;
        this.disabled = cached ? new VerdictCache() : null;
    }

    /** isEnabled() - whether the spec enables inst in s (a refused engine step must not be). */
    public boolean isEnabled(SpecStep inst, TLCState s) {
        long key = 0;
        if (disabled != null) {
            key = fingerprint(s) * 0x9E3779B97F4A7C15L + inst.hashCode();
            if (disabled.contains(key)) {
                return false;
            }
        }
        boolean enabled = spec.nextStates(actions.action(inst), s).size() > 0;
        if (!enabled && disabled != null) {
            disabled.add(key);
        }
        return enabled;
    }

    /**
     * A state's TLC fingerprint, remembered for the last two states asked about: a monitor asks about each state
     * as the one after a step, then as the one before the next step and its refused requests.
     */
    private long fingerprint(TLCState s) {
        if (s == fpState0) {
            return fp0;
        }
        if (s == fpState1) {
            return fp1;
        }
        long fp = s.fingerPrint();
        fpState1 = fpState0;
        fp1 = fp0;
        fpState0 = s;
        fp0 = fp;
        return fp;
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
        if (goodSteps != null) {
            long fs = fingerprint(s);
            long ft = fingerprint(t);
            long stepKey = (fs * 31 + inst.hashCode()) * 0x9E3779B97F4A7C15L ^ ft;
            boolean stepOk = goodSteps.contains(stepKey);
            boolean stateOk = goodStates.contains(ft);
            if (stepOk && stateOk) {
                lastGood = t;
                return new StepReport(step, inst.toString(), true, null, List.of(), List.of(), List.of());
            }
            StepReport r = evaluate(step, inst, s, t);
            if (r.actionHolds() && r.violatedInvariants().stream().noneMatch(v -> v.contains("(its step at "))) {
                goodSteps.add(stepKey);
            }
            if (r.violatedInvariants().isEmpty()) {
                goodStates.add(ft);
            }
            return r;
        }
        return evaluate(step, inst, s, t);
    }

    private StepReport evaluate(long step, SpecStep inst, TLCState s, TLCState t) {
        Action a = actions.action(inst);
        boolean holds = spec.isValid(a, s, t);
        // From the state the last step left good, only invariants that read a changed variable can change.
        List<String> violated = s == lastGood ? spec.violatedInvariants(t, s) : spec.violatedInvariants(t);
        if (violated.isEmpty()) {
            lastGood = t;
        }
        List<String> stepProperties = spec.violatedStepProperties(s, t);
        if (!stepProperties.isEmpty()) {
            violated = new ArrayList<>(violated);
            violated.addAll(stepProperties);
        }
        if (holds) {
            return new StepReport(step, inst.toString(), true, null, List.of(), List.of(), violated);
        }
        return new StepReport(step, inst.toString(), false, falseConjunct(a, s, t),
                differences(a, s, t), matchesInstead(s, t), violated);
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
