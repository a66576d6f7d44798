package mmcheck.conform;

import java.util.ArrayList;
import java.util.List;

import tla2sany.semantic.ASTConstants;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.FormalParamNode;
import tla2sany.semantic.LetInNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tlc2.tool.TLCState;
import tlc2.tool.coverage.CostModel;
import tlc2.util.Context;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.Enumerable;
import tlc2.value.impl.LazyValue;
import tlc2.value.impl.Value;
import tlc2.value.impl.ValueEnumeration;

/**
 * The sub-condition of an action that is false for a step s -> t: the first false conjunct, descended into through
 * LET, IF (the branch taken), CASE (the arm taken), applications of the spec's own operators and an {@code \E} (the
 * witness whose first false condition comes last in the text, the nearest miss), down to a leaf, quoted with its
 * location and the values bound on the way ("with p = 4").
 */
final class FalseCondition {
    private static final int MAX_DEPTH = 16;

    private final SpecModel spec;
    private final SpecSource source;

    FalseCondition(SpecModel spec, SpecSource source) {
        this.spec = spec;
        this.source = source;
    }

    /** A false leaf and the bindings made on the way to it. */
    private record Leaf(SemanticNode node, List<String> bindings, String note) {
        int position() {
            return node.getLocation().beginLine() * 1000 + node.getLocation().beginColumn();
        }
    }

    /** of() - the false leaf of pred for s -> t, quoted; pred itself when no part of it is false alone. */
    String of(SemanticNode pred, Context con, TLCState s, TLCState t) {
        Leaf leaf = descend(pred, con, s, t, new ArrayList<>(), 0);
        StringBuilder sb = new StringBuilder(source.quote(leaf.node()));
        if (leaf.note() != null) {
            sb.append(" (").append(leaf.note()).append(')');
        }
        if (!leaf.bindings().isEmpty()) {
            sb.append(" with ").append(String.join(", ", leaf.bindings()));
        }
        return sb.toString();
    }

    private Leaf descend(SemanticNode n, Context c, TLCState s, TLCState t, List<String> bindings, int depth) {
        if (depth > MAX_DEPTH) {
            return new Leaf(n, bindings, null);
        }
        if (n instanceof LetInNode let) {
            Context c1 = c;
            for (OpDefNode d : let.getLets()) {
                if (d.getArity() == 0) {
                    c1 = c1.cons(d, new LazyValue(d.getBody(), c1, CostModel.DO_NOT_RECORD));
                }
            }
            return descend(let.getBody(), c1, s, t, bindings, depth + 1);
        }
        if (!(n instanceof OpApplNode app)) {
            return new Leaf(n, bindings, null);
        }
        ExprOrOpArgNode[] args = app.getArgs();
        switch (app.getOperator().getName().toString()) {
            case "$ConjList", "\\land" -> {
                for (ExprOrOpArgNode a : args) {
                    if (!holds(a, c, s, t)) {
                        return descend(a, c, s, t, bindings, depth + 1);
                    }
                }
                return new Leaf(n, bindings, null);
            }
            case "$IfThenElse" -> {
                Boolean cond = value(args[0], c, s, t);
                return cond == null ? new Leaf(n, bindings, null)
                        : descend(cond ? args[1] : args[2], c, s, t, bindings, depth + 1);
            }
            case "$Case" -> {
                for (ExprOrOpArgNode arm : args) {
                    ExprOrOpArgNode[] pair = ((OpApplNode) arm).getArgs();
                    if (pair[0] == null || Boolean.TRUE.equals(value(pair[0], c, s, t))) {
                        return descend(pair[1], c, s, t, bindings, depth + 1);
                    }
                }
                return new Leaf(n, bindings, "no arm's guard holds");
            }
            case "$BoundedExists" -> {
                return exists(app, c, s, t, bindings, depth);
            }
            default -> {
                return application(app, c, s, t, bindings, depth);
            }
        }
    }

    /** \E x \in S : body, one bound symbol: every witness fails; the nearest miss is the one failing latest. */
    private Leaf exists(OpApplNode app, Context c, TLCState s, TLCState t, List<String> bindings, int depth) {
        FormalParamNode[][] symbols = app.getBdedQuantSymbolLists();
        if (symbols.length != 1 || symbols[0].length != 1 || app.isBdedQuantATuple()[0]) {
            return new Leaf(app, bindings, null);
        }
        Value domain;
        try {
            domain = spec.tool().eval(app.getBdedQuantBounds()[0], c, s, t, 0, CostModel.DO_NOT_RECORD);
        } catch (RuntimeException e) {
            return new Leaf(app, bindings, null);
        }
        if (!(domain instanceof Enumerable en)) {
            return new Leaf(app, bindings, null);
        }
        Leaf best = null;
        ValueEnumeration it = en.elements();
        for (Value v = it.nextElement(); v != null; v = it.nextElement()) {
            List<String> b = new ArrayList<>(bindings);
            b.add(symbols[0][0].getName() + " = " + v);
            Leaf l = descend(app.getArgs()[0], c.cons(symbols[0][0], v), s, t, b, depth + 1);
            if (best == null || l.position() > best.position()) {
                best = l;
            }
        }
        return best == null ? new Leaf(app, bindings, "the set is empty: " + domain) : best;
    }

    /** An application of the spec's own operator: its body, with the parameters bound to the arguments' values. */
    private Leaf application(OpApplNode app, Context c, TLCState s, TLCState t, List<String> bindings, int depth) {
        if (!(app.getOperator() instanceof OpDefNode d) || d.getKind() != ASTConstants.UserDefinedOpKind
                || d.getBody() == null || d.getArity() != app.getArgs().length) {
            return new Leaf(app, bindings, null);
        }
        Context c1 = c;
        FormalParamNode[] params = d.getParams();
        for (int i = 0; i < params.length; i++) {
            try {
                c1 = c1.cons(params[i], spec.tool().eval(app.getArgs()[i], c, s, t, 0, CostModel.DO_NOT_RECORD));
            } catch (RuntimeException e) {
                return new Leaf(app, bindings, null);
            }
        }
        Leaf inner = descend(d.getBody(), c1, s, t, bindings, depth + 1);
        // A leaf that is the whole body says no more than the application does.
        return inner.node() == d.getBody() ? new Leaf(app, bindings, null) : inner;
    }

    private boolean holds(SemanticNode n, Context c, TLCState s, TLCState t) {
        return Boolean.TRUE.equals(value(n, c, s, t));
    }

    /** The truth value of n for s -> t, or null when TLC cannot evaluate it there. */
    private Boolean value(SemanticNode n, Context c, TLCState s, TLCState t) {
        try {
            Value v = spec.tool().eval(n, c, s, t, 0, CostModel.DO_NOT_RECORD);
            return v instanceof BoolValue b ? b.val : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
