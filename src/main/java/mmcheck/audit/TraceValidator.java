package mmcheck.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import mmcheck.conform.SpecModel;
import mmcheck.conform.StateId;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tlc2.tool.Action;
import tlc2.tool.StateVec;
import tlc2.tool.TLCState;
import tlc2.value.IBoolValue;
import tlc2.value.IValue;
import tlc2.value.impl.Value;

/**
 * TLC, in this JVM, deciding whether a sequence of events is a behaviour of CompactionObs: the set of spec states
 * consistent with the events so far (hidden state left free) is stepped through each event's action.
 */
public final class TraceValidator {
    static final String MODULE = "MCCompactionObsTrace";

    private final SpecModel spec;
    private final List<TLCState> init;
    private final mmcheck.conform.SpecSource source;

    private TraceValidator(SpecModel spec) {
        this.spec = spec;
        StateVec s = spec.initStates();
        List<TLCState> states = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            states.add(s.elementAt(i));
        }
        this.init = List.copyOf(states);
        this.source = new mmcheck.conform.SpecSource(spec.sourceDirs());
    }

    /**
     * Loads models/MCCompactionObsTrace.tla with a cfg for this pageblock size (the repository's cfg when it is
     * 512 pages, else a private copy with the constant changed).
     */
    public static TraceValidator load(Path repoRoot, int pageblockNrPages) {
        Path models = repoRoot.resolve("models");
        Path cfg = models.resolve(MODULE + ".cfg");
        if (pageblockNrPages != 512) {
            try {
                Path dir = Files.createTempDirectory("mmcheck-audit-cfg");
                dir.toFile().deleteOnExit();
                String text = Files.readString(cfg).replace("PageblockNrPages = 512",
                        "PageblockNrPages = " + pageblockNrPages);
                cfg = dir.resolve(MODULE + ".cfg");
                Files.writeString(cfg, text);
                cfg.toFile().deleteOnExit();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return new TraceValidator(SpecModel.load(models.resolve(MODULE + ".tla"), cfg, repoRoot.resolve("spec")));
    }

    /** TraceInit: a task before its first event. */
    public List<TLCState> initial() {
        return init;
    }

    /** Every state the zone's deferral counters may be in before its first traced deferral event. */
    public List<TLCState> deferUnknown() {
        return successors(init, spec.action("DeferCountersUnknown"));
    }

    /** The states reachable from these by untraced steps (TraceSilent), these included. */
    public List<TLCState> closeSilent(List<TLCState> states) {
        List<TLCState> all = new ArrayList<>(states);
        Set<StateId> seen = new HashSet<>();
        for (TLCState s : states) {
            seen.add(StateId.of(s));
        }
        Action silent = spec.action("TraceSilent");
        for (int i = 0; i < all.size(); i++) {
            StateVec next = spec.nextStates(silent, all.get(i));
            for (int k = 0; k < next.size(); k++) {
                TLCState t = next.elementAt(k);
                if (seen.add(StateId.of(t))) {
                    all.add(t);
                }
            }
        }
        return all;
    }

    /** The successors of every state under the action with these arguments, without duplicates. */
    public List<TLCState> step(List<TLCState> states, String action, Value[] args) {
        return successors(states, spec.action(action, args));
    }

    private List<TLCState> successors(List<TLCState> states, Action a) {
        List<TLCState> out = new ArrayList<>();
        Set<StateId> seen = new HashSet<>();
        for (TLCState s : states) {
            StateVec next = spec.nextStates(a, s);
            for (int k = 0; k < next.size(); k++) {
                TLCState t = next.elementAt(k);
                if (seen.add(StateId.of(t))) {
                    out.add(t.copy());
                }
            }
        }
        return out;
    }

    /** The invariants of the cfg that a state breaks. */
    public List<String> violatedInvariants(TLCState s) {
        return spec.violatedInvariants(s);
    }

    public int invariantCount() {
        return spec.invariantNames().length;
    }

    /** Values of a state by variable name. */
    public java.util.Map<String, Value> values(TLCState s) {
        return spec.values(s);
    }

    /**
     * Why the action is not enabled in s: the first top-level conjunct of its body that is false in s (a guard;
     * conjuncts that assign primed variables are passed over), as the rule's name and its source text.
     */
    public Rule firstFalseRule(TLCState s, String action, Value[] args) {
        Action a = spec.action(action, args);
        SemanticNode body = a.pred;
        if (body instanceof OpApplNode appl && isConjunction(appl)) {
            List<ExprOrOpArgNode> primed = new ArrayList<>();
            for (ExprOrOpArgNode c : appl.getArgs()) {
                Boolean holds = evalGuard(c, a, s);
                if (holds == null) {
                    primed.add(c);
                } else if (!holds) {
                    return new Rule(ruleName(c, action), source.quote(c));
                }
            }
            // Every guard holds: the update (the conjunct that alone gives successors) is fine, so the rule broken
            // is a conjunct that relates the successor to the printed values, e.g. PrintedCounters.
            List<TLCState> update = List.of();
            ExprOrOpArgNode updater = null;
            for (ExprOrOpArgNode c : primed) {
                update = successorsOf(c, a, s);
                if (!update.isEmpty()) {
                    updater = c;
                    break;
                }
            }
            for (ExprOrOpArgNode c : primed) {
                if (c != updater && !holdsForSome(c, a, s, update)) {
                    return new Rule(ruleName(c, action), source.quote(c));
                }
            }
        }
        return new Rule(action, source.quote(body) + " (no successor with the printed values)");
    }

    private List<TLCState> successorsOf(ExprOrOpArgNode c, Action a, TLCState s) {
        try {
            StateVec next = spec.nextStates(new Action(c, a.con, a.getOpDef()), s);
            List<TLCState> out = new ArrayList<>();
            for (int k = 0; k < next.size(); k++) {
                out.add(next.elementAt(k));
            }
            return out;
        } catch (RuntimeException partialAssignment) {
            return List.of();
        }
    }

    private boolean holdsForSome(ExprOrOpArgNode c, Action a, TLCState s, List<TLCState> successors) {
        for (TLCState t : successors) {
            try {
                if (spec.isValid(new Action(c, a.con, a.getOpDef()), s, t)) {
                    return true;
                }
            } catch (RuntimeException e) {
                // not decidable on this pair
            }
        }
        return false;
    }

    /** Number of named rules (guards that apply a definition) the action's body checks. */
    public int ruleCount(String action) {
        OpDefNode d = spec.operator(action);
        int n = 0;
        if (d.getBody() instanceof OpApplNode appl && isConjunction(appl)) {
            for (ExprOrOpArgNode c : appl.getArgs()) {
                if (c instanceof OpApplNode o && o.getOperator() instanceof OpDefNode def && def.getBody() != null) {
                    n++;
                }
            }
        }
        return n;
    }

    private Boolean evalGuard(ExprOrOpArgNode c, Action a, TLCState s) {
        try {
            IValue v = spec.tool().eval(c, a.con, s);
            return v instanceof IBoolValue b ? b.getVal() : null;
        } catch (RuntimeException e) {
            return null; // a conjunct with primed variables cannot be evaluated on one state
        }
    }

    private static String ruleName(ExprOrOpArgNode c, String action) {
        if (c instanceof OpApplNode o && o.getOperator() instanceof OpDefNode def && def.getBody() != null) {
            return def.getName().toString();
        }
        return action;
    }

    private static boolean isConjunction(OpApplNode appl) {
        String op = appl.getOperator().getName().toString();
        return op.equals("$ConjList") || op.equals("\\land");
    }

    /** A rule of the spec: its operator name and where it is written, with its text. */
    public record Rule(String name, String quote) {
    }
}
