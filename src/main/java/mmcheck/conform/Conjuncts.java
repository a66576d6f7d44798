package mmcheck.conform;

import java.util.List;

import tla2sany.semantic.ASTConstants;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;

/**
 * The conjuncts of a predicate: through conjunction lists and the definitions it applies, down to the expressions
 * that are not conjunctions. A predicate holds exactly when each of them does, so {@link ActionFrame} can tell an
 * action's UNCHANGED conjuncts from the rest.
 */
final class Conjuncts {
    private static final int MAX_DEPTH = 64;

    private Conjuncts() {
    }

    /**
     * of() - adds pred's conjuncts to conjuncts, going into definitions applied to arguments too (the conjuncts then
     * use the definition's parameters, so they are for reading which variables they use, not for evaluating alone),
     * and adds those arguments to arguments.
     */
    static void of(SemanticNode pred, SpecModel spec, List<SemanticNode> conjuncts, List<SemanticNode> arguments) {
        of(pred, spec, conjuncts, arguments, 0);
    }

    /**
     * evaluable() - adds pred's conjuncts that can be evaluated alone, in pred's context: through conjunction lists
     * and definitions without parameters only (a LET, an IF, an instance's substitution or a definition applied to
     * arguments is one conjunct). pred holds exactly when each of them does.
     */
    static void evaluable(SemanticNode pred, SpecModel spec, List<SemanticNode> conjuncts) {
        evaluable(pred, spec, conjuncts, 0);
    }

    private static void evaluable(SemanticNode node, SpecModel spec, List<SemanticNode> conjuncts, int depth) {
        if (depth < MAX_DEPTH && node instanceof OpApplNode appl) {
            String op = appl.getOperator().getName().toString();
            if (op.equals("$ConjList") || op.equals("\\land")) {
                for (ExprOrOpArgNode c : appl.getArgs()) {
                    evaluable(c, spec, conjuncts, depth + 1);
                }
                return;
            }
            if (appl.getOperator() instanceof OpDefNode d && d.getKind() == ASTConstants.UserDefinedOpKind
                    && d.getArity() == 0 && d.getBody() != null && !spec.overridden(d.getName().toString())) {
                evaluable(d.getBody(), spec, conjuncts, depth + 1);
                return;
            }
        }
        conjuncts.add(node);
    }

    private static void of(SemanticNode node, SpecModel spec, List<SemanticNode> conjuncts,
            List<SemanticNode> arguments, int depth) {
        if (depth < MAX_DEPTH && node instanceof OpApplNode appl) {
            String op = appl.getOperator().getName().toString();
            if (op.equals("$ConjList") || op.equals("\\land")) {
                for (ExprOrOpArgNode c : appl.getArgs()) {
                    of(c, spec, conjuncts, arguments, depth + 1);
                }
                return;
            }
            if (appl.getOperator() instanceof OpDefNode d && d.getKind() == ASTConstants.UserDefinedOpKind
                    && d.getBody() != null && !spec.overridden(d.getName().toString())) {
                for (ExprOrOpArgNode arg : appl.getArgs()) {
                    arguments.add(arg);
                }
                of(d.getBody(), spec, conjuncts, arguments, depth + 1);
                return;
            }
        }
        conjuncts.add(node);
    }
}
