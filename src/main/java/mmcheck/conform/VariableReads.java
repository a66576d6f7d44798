package mmcheck.conform;

import java.util.HashSet;
import java.util.Set;

import tla2sany.semantic.ASTConstants;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDeclNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;

/**
 * The state variables a TLA+ expression reads, through every definition it uses. An invariant that reads none of
 * the variables a step changed has the value it had before the step, so a checker that knows the state before was
 * good need not evaluate it again: the reason a step of a process's read costs no invariant at all.
 */
final class VariableReads {
    private VariableReads() {
    }

    /** Stands for every variable: the expression uses a definition the cfg replaces, whose reads are unknown here. */
    static final String ALL = "*";

    /** The names of the variables expr reads, or a set holding {@link #ALL}. */
    static Set<String> of(SemanticNode expr, Set<String> overridden) {
        Set<String> vars = new HashSet<>();
        collect(expr, vars, new HashSet<>(), overridden);
        return vars;
    }

    private static void collect(SemanticNode node, Set<String> vars, Set<SemanticNode> seen, Set<String> overridden) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof OpApplNode appl) {
            if (appl.getOperator() instanceof OpDeclNode d && d.getKind() == ASTConstants.VariableDeclKind) {
                vars.add(d.getName().toString());
            } else if (appl.getOperator() instanceof OpDefNode def) {
                if (overridden.contains(def.getName().toString())) {
                    vars.add(ALL);
                } else if (def.getBody() != null) {
                    collect(def.getBody(), vars, seen, overridden);
                }
            }
        }
        SemanticNode[] children = node.getChildren();
        if (children != null) {
            for (SemanticNode c : children) {
                collect(c, vars, seen, overridden);
            }
        }
    }
}
