package mmcheck.conform;

import java.util.List;

import tla2sany.semantic.ASTConstants;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;

/**
 * The conjuncts of a predicate: through conjunction lists and the definitions it applies, down to the expressions
 * that are not conjunctions. A predicate holds exactly when each of them does, so the step checker can judge (and
 * cache) each on the variables it reads alone.
 */
final class Conjuncts {
    private static final int MAX_DEPTH = 64;

    private Conjuncts() {
    }

    /**
     * of() - adds pred's conjuncts to conjuncts. With parameterised, it also goes into definitions applied to
     * arguments (the conjuncts then use the definition's parameters, so they are for reading, not for evaluating
     * alone) and adds those arguments to arguments.
     */
    static void of(SemanticNode pred, SpecModel spec, boolean parameterised, List<SemanticNode> conjuncts,
            List<SemanticNode> arguments) {
        of(pred, spec, parameterised, conjuncts, arguments, 0);
    }

    private static void of(SemanticNode node, SpecModel spec, boolean parameterised, List<SemanticNode> conjuncts,
            List<SemanticNode> arguments, int depth) {
        if (depth < MAX_DEPTH && node instanceof OpApplNode appl) {
            String op = appl.getOperator().getName().toString();
            if (op.equals("$ConjList") || op.equals("\\land")) {
                for (ExprOrOpArgNode c : appl.getArgs()) {
                    of(c, spec, parameterised, conjuncts, arguments, depth + 1);
                }
                return;
            }
            if (appl.getOperator() instanceof OpDefNode d && d.getKind() == ASTConstants.UserDefinedOpKind
                    && d.getBody() != null && !spec.overridden(d.getName().toString())
                    && (d.getArity() == 0 || parameterised)) {
                for (ExprOrOpArgNode arg : appl.getArgs()) {
                    arguments.add(arg);
                }
                of(d.getBody(), spec, parameterised, conjuncts, arguments, depth + 1);
                return;
            }
        }
        conjuncts.add(node);
    }
}
