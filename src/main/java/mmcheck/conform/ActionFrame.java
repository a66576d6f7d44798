package mmcheck.conform;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import tla2sany.semantic.ASTConstants;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDeclNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tlc2.tool.Action;

/**
 * One disjunct of Next seen as {@code Body /\ UNCHANGED frame}: the variables its UNCHANGED conjuncts keep (through
 * conjunctions and the definitions it applies, see {@link Conjuncts}), and every variable the rest of it reads,
 * primed or not, with the arguments of the definitions it goes through.
 *
 * <p>Whether the disjunct relates s and t then depends only on s and t over the body's variables, given that t keeps
 * every frame variable's value. So a step whose body was found to hold before is the action when its frame variables
 * are unchanged, whatever the other variables hold: the allocator's step holds whichever run the compaction control
 * is in. An UNCHANGED nested in an IF or a LET, or over an expression that is not a tuple of variables, counts as
 * body. The body's reads are by field where it reads a record variable only as {@code v.f} ({@link Reads}): a body
 * that reads cc only as cc.migratepages is keyed on that field, not on the whole compaction control.
 */
record ActionFrame(Reads body, int[] frame, List<SemanticNode> bodyAlone) {
    private static final int MAX_DEPTH = 64;

    /**
     * bodyAlone: the action's conjuncts that TLC evaluates alone in its context ({@link Conjuncts#evaluable}) but
     * its UNCHANGED ones over frame variables; null when it has none of those. On a step that keeps every frame
     * variable (Java compares them, as TLC's UNCHANGED would, with TLC's equality) the action holds exactly when
     * each of them does, and TLC is spared comparing the frame: UNCHANGED compares every kept variable in depth, the
     * abstraction's unchanged values included, and IsolateMigratepagesBlock keeps 24 of 28.
     */
    ActionFrame {
        bodyAlone = bodyAlone == null ? null : List.copyOf(bodyAlone);
    }

    /** of() - the frame and body variables of a split action of the loaded spec. */
    static ActionFrame of(Action a, SpecModel spec) {
        List<SemanticNode> conjuncts = new ArrayList<>();
        List<SemanticNode> arguments = new ArrayList<>();
        Conjuncts.of(a.pred, spec, conjuncts, arguments);
        List<SemanticNode> body = new ArrayList<>();
        BitSet frame = new BitSet();
        for (SemanticNode c : conjuncts) {
            BitSet kept = new BitSet();
            if (c instanceof OpApplNode appl && appl.getOperator().getName().toString().equals("UNCHANGED")
                    && frameVariables(appl.getArgs()[0], kept, spec, 0)) {
                frame.or(kept);
            } else {
                body.add(c);
            }
        }
        body.addAll(arguments);
        return new ActionFrame(spec.fieldReads(body), frame.stream().toArray(), bodyAlone(a, frame, spec));
    }

    /** The conjuncts of a TLC evaluates alone, without the UNCHANGED ones over variables of frame; see above. */
    private static List<SemanticNode> bodyAlone(Action a, BitSet frame, SpecModel spec) {
        List<SemanticNode> alone = new ArrayList<>();
        Conjuncts.evaluable(a.pred, spec, alone);
        List<SemanticNode> out = new ArrayList<>();
        for (SemanticNode c : alone) {
            BitSet kept = new BitSet();
            if (c instanceof OpApplNode appl && appl.getOperator().getName().toString().equals("UNCHANGED")
                    && frameVariables(appl.getArgs()[0], kept, spec, 0)) {
                kept.andNot(frame);
                if (kept.isEmpty()) {
                    continue;
                }
            }
            out.add(c);
        }
        return out.size() == alone.size() ? null : out;
    }

    /** Adds the variables of an UNCHANGED operand that is a (nested) tuple of variables; false for anything else. */
    private static boolean frameVariables(SemanticNode expr, BitSet out, SpecModel spec, int depth) {
        if (depth >= MAX_DEPTH || !(expr instanceof OpApplNode appl)) {
            return false;
        }
        if (appl.getOperator() instanceof OpDeclNode v && v.getKind() == ASTConstants.VariableDeclKind) {
            read(appl, out, spec);
            return true;
        }
        if (appl.getOperator().getName().toString().equals("$Tuple")) {
            for (ExprOrOpArgNode e : appl.getArgs()) {
                if (!frameVariables(e, out, spec, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (appl.getOperator() instanceof OpDefNode d && d.getKind() == ASTConstants.UserDefinedOpKind
                && d.getArity() == 0 && d.getBody() != null && !spec.overridden(d.getName().toString())) {
            return frameVariables(d.getBody(), out, spec, depth + 1);
        }
        return false;
    }

    private static void read(SemanticNode node, BitSet body, SpecModel spec) {
        for (int i : spec.variablesRead(node)) {
            body.set(i);
        }
    }
}
