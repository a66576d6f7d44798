package mmcheck.conform;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.SemanticNode;
import tlc2.tool.Action;

/**
 * The spec's verdicts on a step, evaluated by TLC or, when cached, answered from what the run already found on the
 * part of the state each verdict depends on: an invariant on the variables it reads, a step property on the
 * variables it reads before and after, an action on its body's variables before and after (its UNCHANGED frame
 * checked here, see {@link ActionFrame}). A random run rarely meets a whole state twice, but it meets the same
 * allocator lists under many compaction controls, and the same control over many lists.
 *
 * <p>Keys are fingerprints of the variables' values ({@link KnownState#part}), as {@link StateId} is of all of them;
 * only verdicts found good are kept, so a bad step is always evaluated by TLC and reported in full.
 */
final class PartVerdicts {
    private final SpecModel spec;
    private final Catalog actions;
    private final boolean cached;
    /**
     * Per invariant, its conjuncts that TLC evaluates alone ({@link Conjuncts#evaluable}) and what each reads,
     * variables whole or by field ({@link Reads}): a step that changed one variable re-evaluates only the conjuncts
     * that read it (TypeOK's, RmapTypeOK's), a step that changed cc but not cc.migratepages none of those that read
     * cc only there (CompactRefcountInv, most of IsolatedPagesInv's), and each is cached on its own reads. The
     * invariant holds exactly when all of them do.
     */
    private final Action[][] invariantParts;
    private final Reads[][] invariantPartReads;
    /** Per step property [A]_v: the variables it reads in all (v unchanged over them: it holds). */
    private final int[][] propertyReads;
    /**
     * Per step property [A]_v, A alone and what A reads: A found true on a step is a function of those reads before
     * and after, while [A]_v found true may only say that v kept its value. Null A: the property is not of that form
     * and is evaluated and cached whole, on propertyKeys.
     */
    private final Action[] propertyActions;
    private final Reads[] propertyKeys;
    private final Map<Action, ActionFrame> frames = new IdentityHashMap<>();
    /** Per disjunct with UNCHANGED conjuncts over its frame, its other conjuncts ({@link ActionFrame#bodyAlone}). */
    private final Map<Action, Action[]> bodies = new IdentityHashMap<>();
    /** Per invariant and conjunct, the values of what it reads on which it was found true. */
    private final VerdictCache[][] goodInvariants;
    /** Per step property, the values of what A reads before and after on which A was found true. */
    private final VerdictCache[] goodProperties;
    /** Per instance and disjunct, the values of its body's reads before and after on which it was found true. */
    private final Map<Catalog.Entry, VerdictCache[]> goodBodies = new IdentityHashMap<>();
    /** Evaluations TLC did (an action, an invariant or a step property), for the caller to tell cached verdicts. */
    private long evaluations;
    /** Per invariant, the evaluations TLC did of its conjuncts: what a step cost, invariant by invariant. */
    private final long[] invariantEvaluations;

    PartVerdicts(SpecModel spec, Catalog actions, boolean cached) {
        this.spec = spec;
        this.actions = actions;
        this.cached = cached;
        int invariants = spec.invariantCount();
        invariantParts = new Action[invariants][];
        invariantPartReads = new Reads[invariants][];
        goodInvariants = new VerdictCache[invariants][];
        invariantEvaluations = new long[invariants];
        for (int i = 0; i < invariants; i++) {
            Action inv = spec.invariant(i);
            List<SemanticNode> conjuncts = new ArrayList<>();
            Conjuncts.evaluable(inv.pred, spec, conjuncts);
            if (conjuncts.size() <= 1) {
                invariantParts[i] = new Action[] {inv};
                invariantPartReads[i] = new Reads[] {spec.fieldReads(List.of(inv.pred))};
            } else {
                invariantParts[i] = new Action[conjuncts.size()];
                invariantPartReads[i] = new Reads[conjuncts.size()];
                for (int c = 0; c < conjuncts.size(); c++) {
                    invariantParts[i][c] = new Action(conjuncts.get(c), inv.con, inv.getOpDef());
                    invariantPartReads[i][c] = spec.fieldReads(List.of(conjuncts.get(c)));
                }
            }
            goodInvariants[i] = caches(invariantParts[i].length);
        }
        int properties = spec.stepPropertyCount();
        propertyReads = new int[properties][];
        propertyActions = new Action[properties];
        propertyKeys = new Reads[properties];
        for (int i = 0; i < properties; i++) {
            propertyReads[i] = spec.stepPropertyReads(i);
            Action p = spec.stepProperty(i);
            if (p.pred instanceof OpApplNode sq && sq.getOperator().getName().toString().equals("$SquareAct")
                    && sq.getArgs().length == 2) {
                propertyActions[i] = new Action(sq.getArgs()[0], p.con, p.getOpDef());
                propertyKeys[i] = spec.fieldReads(List.of(sq.getArgs()[0]));
            } else {
                propertyKeys[i] = spec.fieldReads(List.of(p.pred));
            }
        }
        goodProperties = caches(properties);
        if (cached) {
            for (Catalog.Entry e : actions.entries()) {
                for (Action a : e.disjuncts()) {
                    ActionFrame f = ActionFrame.of(a, spec);
                    frames.put(a, f);
                    if (f.bodyAlone() != null) {
                        bodies.put(a, f.bodyAlone().stream().map(c -> new Action(c, a.con, a.getOpDef()))
                                .toArray(Action[]::new));
                    }
                }
                goodBodies.put(e, caches(e.disjuncts().size()));
            }
        }
    }

    long evaluations() {
        return evaluations;
    }

    /** The evaluations TLC did of the named invariant's conjuncts so far. */
    long evaluations(String invariant) {
        for (int i = 0; i < invariantParts.length; i++) {
            if (spec.invariantName(i).equals(invariant)) {
                return invariantEvaluations[i];
            }
        }
        throw new IllegalArgumentException("no invariant " + invariant + " in the cfg");
    }

    /** holds() - whether s -> t is the instance e (one of its disjuncts). */
    boolean holds(Catalog.Entry e, KnownState s, KnownState t) {
        List<Action> disjuncts = e.disjuncts();
        if (!cached) {
            evaluations++;
            return actions.holds(e, s.state(), t.state());
        }
        boolean[] changed = t.changedFrom(s);
        VerdictCache[] good = goodBodies.get(e);
        int n = disjuncts.size();
        // A disjunct whose frame the step kept is keyed on its body's values before and after (before[d], after[d]).
        boolean[] keyed = new boolean[n];
        long[] before = new long[n];
        long[] after = new long[n];
        for (int d = 0; d < n; d++) {
            ActionFrame f = frames.get(disjuncts.get(d));
            if (!anyChanged(f.frame(), changed)) {
                keyed[d] = true;
                before[d] = s.part(f.body());
                after[d] = t.part(f.body());
                if (good[d].contains(before[d], after[d])) {
                    return true;
                }
            }
        }
        for (int d = 0; d < n; d++) {
            evaluations++;
            Action a = disjuncts.get(d);
            Action[] body = keyed[d] ? bodies.get(a) : null;
            if (body != null ? allValid(body, s, t) : spec.isValid(a, s.state(), t.state())) {
                if (keyed[d]) {
                    good[d].add(before[d], after[d]);
                }
                return true;
            }
        }
        return false;
    }

    /** Whether s -> t satisfies each of these conjuncts, evaluated in order up to the first false one (as TLC's /\). */
    private boolean allValid(Action[] conjuncts, KnownState s, KnownState t) {
        for (Action c : conjuncts) {
            if (!spec.isValid(c, s.state(), t.state())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The names of the cfg's invariants that t violates, in cfg order. With good (a state known to satisfy them
     * all), an invariant that reads no variable whose value differs between good and t is not evaluated.
     */
    List<String> violatedInvariants(KnownState t, KnownState good) {
        boolean[] changed = good == null ? null : t.changedFrom(good);
        List<String> out = new ArrayList<>(0);
        for (int i = 0; i < invariantParts.length; i++) {
            if (!holds(i, t, good, changed)) {
                out.add(spec.invariantName(i));
            }
        }
        return out;
    }

    /**
     * Whether the i-th invariant holds in t: each conjunct that reads something changed since good (every conjunct,
     * without good), from the cache or TLC.
     */
    private boolean holds(int i, KnownState t, KnownState good, boolean[] changed) {
        Action[] parts = invariantParts[i];
        Reads[] reads = invariantPartReads[i];
        for (int c = 0; c < parts.length; c++) {
            if (changed != null && (!anyChanged(reads[c].vars, changed) || !t.changed(good, changed, reads[c]))) {
                continue;
            }
            long key = cached ? t.part(reads[c]) : 0;
            if (cached && goodInvariants[i][c].contains(key)) {
                continue;
            }
            evaluations++;
            invariantEvaluations[i]++;
            if (!spec.holds(parts[c], t.state())) {
                // The invariant is violated; its other conjuncts do not change the verdict.
                return false;
            }
            if (cached) {
                goodInvariants[i][c].add(key);
            }
        }
        return true;
    }

    /** The names of the cfg's PROPERTY step parts ([][A]_v) that s -> t breaks, in cfg order. */
    List<String> violatedStepProperties(KnownState s, KnownState t) {
        List<String> out = new ArrayList<>(0);
        if (propertyReads.length == 0) {
            return out;
        }
        boolean[] changed = t.changedFrom(s);
        for (int i = 0; i < propertyReads.length; i++) {
            if (!anyChanged(propertyReads[i], changed)) {
                // [A]_v holds when v is unchanged, and v reads no variable the step changed.
                continue;
            }
            long before = cached ? s.part(propertyKeys[i]) : 0;
            long after = cached ? t.part(propertyKeys[i]) : 0;
            if (cached && goodProperties[i].contains(before, after)) {
                continue;
            }
            evaluations++;
            if (propertyActions[i] != null && actionHolds(propertyActions[i], s, t)) {
                if (cached) {
                    goodProperties[i].add(before, after);
                }
                continue;
            }
            // A is false (or the property is not [A]_v): the whole property decides, v' = v included.
            if (propertyActions[i] != null) {
                evaluations++;
            }
            if (spec.stepPropertyHolds(i, s.state(), t.state())) {
                if (cached && propertyActions[i] == null) {
                    goodProperties[i].add(before, after);
                }
            } else {
                out.add(spec.stepPropertyName(i));
            }
        }
        return out;
    }

    /** Whether a step s -> t satisfies an action (one TLC cannot evaluate on it does not). */
    private boolean actionHolds(Action a, KnownState s, KnownState t) {
        try {
            return spec.isValid(a, s.state(), t.state());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static VerdictCache[] caches(int n) {
        VerdictCache[] out = new VerdictCache[n];
        for (int i = 0; i < n; i++) {
            out[i] = new VerdictCache();
        }
        return out;
    }

    private static boolean anyChanged(int[] vars, boolean[] changed) {
        for (int v : vars) {
            if (changed[v]) {
                return true;
            }
        }
        return false;
    }
}
