package mmcheck.conform;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

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
    private final int[][] invariantReads;
    private final int[][] propertyReads;
    private final Map<Action, ActionFrame> frames = new IdentityHashMap<>();
    private final VerdictCache<InvariantKey> goodInvariants = new VerdictCache<>();
    private final VerdictCache<PropertyKey> goodProperties = new VerdictCache<>();
    private final VerdictCache<BodyKey> goodBodies = new VerdictCache<>();
    /** Evaluations TLC did (an action, an invariant or a step property), for the caller to tell cached verdicts. */
    private long evaluations;

    /** An invariant found true on these values of the variables it reads. */
    private record InvariantKey(int invariant, long reads) {
    }

    /** A step property found true on these values of its variables before and after. */
    private record PropertyKey(int property, long before, long after) {
    }

    /** A disjunct of an instance found true on these values of its body's variables before and after. */
    private record BodyKey(SpecStep step, int disjunct, long before, long after) {
    }

    PartVerdicts(SpecModel spec, Catalog actions, boolean cached) {
        this.spec = spec;
        this.actions = actions;
        this.cached = cached;
        invariantReads = new int[spec.invariantCount()][];
        for (int i = 0; i < invariantReads.length; i++) {
            invariantReads[i] = spec.invariantReads(i);
        }
        propertyReads = new int[spec.stepPropertyCount()][];
        for (int i = 0; i < propertyReads.length; i++) {
            propertyReads[i] = spec.stepPropertyReads(i);
        }
        if (cached) {
            for (Catalog.Entry e : actions.entries()) {
                for (Action a : e.disjuncts()) {
                    frames.put(a, ActionFrame.of(a, spec));
                }
            }
        }
    }

    long evaluations() {
        return evaluations;
    }

    /** holds() - whether s -> t is the instance e (one of its disjuncts). */
    boolean holds(Catalog.Entry e, KnownState s, KnownState t) {
        List<Action> disjuncts = e.disjuncts();
        if (!cached) {
            evaluations++;
            return actions.holds(e, s.state(), t.state());
        }
        boolean[] changed = t.changedFrom(s);
        BodyKey[] keys = new BodyKey[disjuncts.size()];
        for (int d = 0; d < keys.length; d++) {
            ActionFrame f = frames.get(disjuncts.get(d));
            if (!anyChanged(f.frame(), changed)) {
                keys[d] = new BodyKey(e.step(), d, s.part(f.body()), t.part(f.body()));
                if (goodBodies.contains(keys[d])) {
                    return true;
                }
            }
        }
        for (int d = 0; d < keys.length; d++) {
            evaluations++;
            if (spec.isValid(disjuncts.get(d), s.state(), t.state())) {
                if (keys[d] != null) {
                    goodBodies.add(keys[d]);
                }
                return true;
            }
        }
        return false;
    }

    /**
     * The names of the cfg's invariants that t violates, in cfg order. With good (a state known to satisfy them
     * all), an invariant that reads no variable whose value differs between good and t is not evaluated.
     */
    List<String> violatedInvariants(KnownState t, KnownState good) {
        boolean[] changed = good == null ? null : t.changedFrom(good);
        List<String> out = new ArrayList<>(0);
        for (int i = 0; i < invariantReads.length; i++) {
            if (changed != null && !anyChanged(invariantReads[i], changed)) {
                continue;
            }
            InvariantKey key = cached ? new InvariantKey(i, t.part(invariantReads[i])) : null;
            if (key != null && goodInvariants.contains(key)) {
                continue;
            }
            evaluations++;
            if (!spec.holds(spec.invariant(i), t.state())) {
                out.add(spec.invariantName(i));
            } else if (key != null) {
                goodInvariants.add(key);
            }
        }
        return out;
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
            PropertyKey key = cached ? new PropertyKey(i, s.part(propertyReads[i]), t.part(propertyReads[i])) : null;
            if (key != null && goodProperties.contains(key)) {
                continue;
            }
            evaluations++;
            if (spec.stepPropertyHolds(i, s.state(), t.state())) {
                if (key != null) {
                    goodProperties.add(key);
                }
            } else {
                out.add(spec.stepPropertyName(i));
            }
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
