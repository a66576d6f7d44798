package mmcheck.conform;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import tla2sany.semantic.ASTConstants;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDeclNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tla2sany.semantic.StringNode;

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

    /**
     * fields() - adds to reads what expr reads, variable by variable: a variable every use of which (through every
     * definition) is a field access {@code v.f} or {@code v'.f} with a constant f maps to those fields; any other use
     * (the variable compared, passed to an operator, under EXCEPT, DOMAIN or UNCHANGED, its fields taken by a
     * computed name) maps it to null, read whole. {@link #ALL} maps to null when a cfg-replaced definition is used.
     * Several expressions may add to one map: the reads of all of them.
     */
    static void fields(SemanticNode expr, Set<String> overridden, Map<String, Set<String>> reads) {
        Set<String> whole = new HashSet<>();
        Map<String, Set<String>> fields = new TreeMap<>();
        collectFields(expr, whole, fields, new HashSet<>(), overridden);
        for (Map.Entry<String, Set<String>> f : fields.entrySet()) {
            if (!reads.containsKey(f.getKey())) {
                reads.put(f.getKey(), new TreeSet<>());
            }
            if (reads.get(f.getKey()) != null) {
                reads.get(f.getKey()).addAll(f.getValue());
            }
        }
        for (String v : whole) {
            reads.put(v, null);
        }
    }

    private static void collectFields(SemanticNode node, Set<String> whole, Map<String, Set<String>> fields,
            Set<SemanticNode> seen, Set<String> overridden) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof OpApplNode appl) {
            String field = constantField(appl);
            if (field != null) {
                // The record operand is a variable, primed or not: only this field of it is read here.
                fields.computeIfAbsent(recordVariable(appl).getName().toString(), v -> new TreeSet<>()).add(field);
                return;
            }
            if (appl.getOperator() instanceof OpDeclNode d && d.getKind() == ASTConstants.VariableDeclKind) {
                whole.add(d.getName().toString());
            } else if (appl.getOperator() instanceof OpDefNode def) {
                if (overridden.contains(def.getName().toString())) {
                    whole.add(ALL);
                } else if (def.getBody() != null) {
                    collectFields(def.getBody(), whole, fields, seen, overridden);
                }
            }
        }
        SemanticNode[] children = node.getChildren();
        if (children != null) {
            for (SemanticNode c : children) {
                collectFields(c, whole, fields, seen, overridden);
            }
        }
    }

    /** The field name of {@code v.f} or {@code v'.f} (v a variable, f a string constant), else null. */
    private static String constantField(OpApplNode appl) {
        if (!appl.getOperator().getName().toString().equals("$RcdSelect") || appl.getArgs().length != 2
                || !(appl.getArgs()[1] instanceof StringNode f) || recordVariable(appl) == null) {
            return null;
        }
        return f.getRep().toString();
    }

    /** The variable a field access {@code v.f} or {@code v'.f} selects from, or null for any other operand. */
    private static OpDeclNode recordVariable(OpApplNode select) {
        SemanticNode operand = select.getArgs()[0];
        if (operand instanceof OpApplNode prime && prime.getOperator().getName().toString().equals("$Prime")
                && prime.getArgs().length == 1) {
            operand = prime.getArgs()[0];
        }
        if (operand instanceof OpApplNode v && v.getArgs().length == 0 && v.getOperator() instanceof OpDeclNode d
                && d.getKind() == ASTConstants.VariableDeclKind) {
            return d;
        }
        return null;
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
