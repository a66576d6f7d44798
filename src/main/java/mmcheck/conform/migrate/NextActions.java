package mmcheck.conform.migrate;

import mmcheck.conform.SpecModel;
import mmcheck.conform.SpecLoadException;

import java.util.HashMap;
import java.util.Map;

import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.FormalParamNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tla2sany.semantic.SymbolNode;
import tlc2.tool.Action;
import tlc2.util.Context;
import tlc2.value.impl.Value;

/**
 * The disjuncts of a Next definition, one per action, as directed TLC actions: a disjunct
 * {@code \E p \in Procs, v \in Vpages : DoAnonymousPage(p, v) /\ UNCHANGED migrateVars} checked for one step binds
 * p and v to the step's arguments and keeps the frame the disjunct adds. So a step is checked against the text of
 * Next itself, and an engine step that changes a variable its action leaves alone is caught even when the action
 * alone does not mention that variable.
 */
final class NextActions {
    /** One action's disjunct: what to evaluate, and the application whose arguments are the bound symbols. */
    private record Disjunct(SemanticNode pred, OpApplNode app, OpDefNode def) {
    }

    private final Map<String, Disjunct> byAction = new HashMap<>();

    /** Collects the disjuncts of the named zero-arity definition, through the sub-Nexts it names. */
    NextActions(SpecModel spec, String next) {
        collect(spec.operator(next).getBody());
    }

    private void collect(SemanticNode node) {
        if (!(node instanceof OpApplNode appl)) {
            return;
        }
        SymbolNode op = appl.getOperator();
        String name = op.getName().toString();
        switch (name) {
            case "$DisjList", "\\lor" -> {
                for (ExprOrOpArgNode a : appl.getArgs()) {
                    collect(a);
                }
            }
            case "$BoundedExists", "$UnboundedExists" -> collect(appl.getArgs()[0]);
            case "$ConjList", "\\land" -> {
                for (ExprOrOpArgNode a : appl.getArgs()) {
                    if (a instanceof OpApplNode c && isAction(c)) {
                        byAction.putIfAbsent(c.getOperator().getName().toString(),
                                new Disjunct(appl, c, (OpDefNode) c.getOperator()));
                        return;
                    }
                }
            }
            default -> {
                if (op instanceof OpDefNode d && d.getKind() == tla2sany.semantic.ASTConstants.UserDefinedOpKind) {
                    if (d.getArity() == 0 && !byAction.containsKey(name) && isSubNext(d)) {
                        collect(d.getBody());
                    } else {
                        byAction.putIfAbsent(name, new Disjunct(appl, appl, d));
                    }
                }
            }
        }
    }

    /** A zero-arity user operator that is an action in its own right (FolioTrylock), not a sub-Next. */
    private static boolean isAction(OpApplNode c) {
        return c.getOperator() instanceof OpDefNode d && d.getKind() == tla2sany.semantic.ASTConstants.UserDefinedOpKind;
    }

    /** A zero-arity definition whose body is a disjunction (MigrateUserNext) is a sub-Next to expand. */
    private static boolean isSubNext(OpDefNode d) {
        if (!(d.getBody() instanceof OpApplNode body)) {
            return false;
        }
        String op = body.getOperator().getName().toString();
        return op.equals("$DisjList") || op.equals("\\lor");
    }

    boolean has(String action) {
        return byAction.containsKey(action);
    }

    /** The disjunct of Next for the action, its bound symbols bound to args in the action's parameter order. */
    Action action(String actionName, Value[] args) {
        Disjunct d = byAction.get(actionName);
        if (d == null) {
            throw new SpecLoadException("Next has no disjunct for " + actionName);
        }
        ExprOrOpArgNode[] formals = d.app().getArgs();
        if (formals.length != args.length) {
            throw new IllegalArgumentException(actionName + " takes " + formals.length + " arguments, got "
                    + args.length);
        }
        Context ctx = Context.Empty;
        for (int i = 0; i < formals.length; i++) {
            if (formals[i] instanceof OpApplNode ref && ref.getOperator() instanceof FormalParamNode p) {
                ctx = ctx.cons(p, args[i]);
            }
        }
        return new Action(d.pred(), ctx, d.def());
    }
}
