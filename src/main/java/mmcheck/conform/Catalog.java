package mmcheck.conform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import tla2sany.semantic.ASTConstants;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.FormalParamNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tlc2.tool.Action;
import tlc2.tool.StateVec;
import tlc2.tool.TLCState;
import tlc2.value.impl.Value;

/**
 * The catalogue of steps, as TLC built it: the spec's Next split by TLC into one {@link Action} per disjunct and per
 * value of an {@code \E} over a constant set, each mapped to the engine step its binding names for the action's
 * operator and bound arguments. Java keeps no copy of Next's shape: its domains ({@code t \in AllocTypes}), fixed
 * arguments ({@code UnsetMigratetypeIsolate(pb, MOVABLE)}) and frames ({@code UNCHANGED migrateVars}) are TLC's,
 * and a step the catalogue has no entry for is not a step of Next.
 */
public final class Catalog {
    /** One instance of Next: the engine's step, and the disjunct(s) of Next TLC built for it. */
    public record Entry(SpecStep step, String operator, List<Value> args, List<Action> disjuncts) {
    }

    private final SpecModel spec;
    private final String next;
    private final Map<SpecStep, Entry> bySteps = new LinkedHashMap<>();

    private Catalog(SpecModel spec, Binding<?> binding) {
        this.spec = spec;
        this.next = binding.nextOperator();
        Map<SpecStep, List<Action>> disjuncts = new LinkedHashMap<>();
        Map<SpecStep, Instance> instances = new LinkedHashMap<>();
        TreeSet<String> unbound = new TreeSet<>();
        for (Action a : spec.split(next)) {
            Instance inst = instance(a);
            SpecStep step = binding.step(inst.operator(), inst.args());
            if (step == null) {
                unbound.add(inst.operator());
                continue;
            }
            disjuncts.computeIfAbsent(step, k -> new ArrayList<>()).add(a);
            instances.putIfAbsent(step, inst);
        }
        if (!unbound.isEmpty()) {
            throw new SpecLoadException(spec.cfg().getFileName() + ": the engine has no step for " + next
                    + "'s actions " + String.join(", ", unbound));
        }
        disjuncts.forEach((step, as) -> bySteps.put(step, new Entry(step, instances.get(step).operator(),
                instances.get(step).args(), List.copyOf(as))));
    }

    /** of() - the catalogue of the binding's Next over the loaded model's constants. */
    public static Catalog of(SpecModel spec, Binding<?> binding) {
        return new Catalog(spec, binding);
    }

    /** The Next operator the catalogue splits, e.g. "MigrateNext". */
    public String next() {
        return next;
    }

    /** Every instance of Next, in TLC's order. */
    public List<Entry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(bySteps.values()));
    }

    /** The instance of Next that is this engine step, or null: no disjunct of Next has these arguments. */
    public Entry entry(SpecStep step) {
        return bySteps.get(step);
    }

    /** Whether s -> t is the instance (one of its disjuncts). */
    public boolean holds(Entry e, TLCState s, TLCState t) {
        for (Action a : e.disjuncts()) {
            if (spec.isValid(a, s, t)) {
                return true;
            }
        }
        return false;
    }

    /** The successors of s by the instance, over all its disjuncts. */
    public List<TLCState> successors(Entry e, TLCState s) {
        List<TLCState> out = new ArrayList<>();
        for (Action a : e.disjuncts()) {
            StateVec v = spec.nextStates(a, s);
            for (int i = 0; i < v.size(); i++) {
                out.add(v.elementAt(i));
            }
        }
        return out;
    }

    /** An action's operator and its arguments in the operator's parameter order. */
    private record Instance(String operator, List<Value> args) {
    }

    /**
     * Which operator a split action is: a disjunct that is a conjunction around exactly one application of an action
     * operator ({@code DoAnonymousPage(p, v) /\ UNCHANGED migrateVars}), with the arguments the action's Context
     * gives; or the body of the operator TLC went into, with its formal parameters bound in the Context (a disjunct
     * that applies the operator to constants, {@code RmqueueSmallest(o, t, w)}).
     */
    private Instance instance(Action a) {
        OpDefNode def = a.getOpDef();
        List<OpApplNode> apps = new ArrayList<>();
        if (def == null || a.pred != def.getBody()) {
            actionApplications(a.pred, apps);
        }
        if (apps.size() == 1) {
            OpApplNode app = apps.get(0);
            List<Value> args = new ArrayList<>();
            for (ExprOrOpArgNode arg : app.getArgs()) {
                args.add((Value) spec.tool().eval(arg, a.con, TLCState.Empty));
            }
            return new Instance(app.getOperator().getName().toString(), args);
        }
        if (def == null || !apps.isEmpty()) {
            throw new SpecLoadException(next + "'s disjunct at " + a.getLocation() + " applies "
                    + (apps.isEmpty() ? "no action operator" : apps.size() + " action operators")
                    + "; each disjunct must name one action");
        }
        List<Value> args = new ArrayList<>();
        for (FormalParamNode p : def.getParams()) {
            Object v = a.con.lookup(p);
            if (v == null) {
                throw new SpecLoadException(next + "'s disjunct at " + a.getLocation() + ": TLC did not bind "
                        + def.getName() + "'s parameter " + p.getName() + " (an \\E over a set that depends on the state)");
            }
            args.add((Value) v);
        }
        return new Instance(def.getName().toString(), args);
    }

    /** The applications of user-defined action operators among the conjuncts of pred. */
    private static void actionApplications(SemanticNode pred, List<OpApplNode> out) {
        if (!(pred instanceof OpApplNode appl)) {
            return;
        }
        String op = appl.getOperator().getName().toString();
        if (op.equals("$ConjList") || op.equals("\\land")) {
            for (ExprOrOpArgNode c : appl.getArgs()) {
                actionApplications(c, out);
            }
        } else if (appl.getOperator() instanceof OpDefNode d && d.getKind() == ASTConstants.UserDefinedOpKind
                && d.getLevel() == tla2sany.semantic.LevelConstants.ActionLevel) {
            out.add(appl);
        }
    }
}
