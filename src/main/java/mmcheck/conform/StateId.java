package mmcheck.conform;

import tlc2.tool.TLCState;
import tlc2.util.FP64;
import tlc2.value.IValue;
import util.UniqueString;

/**
 * The identity of a spec state for all of conform: a 64-bit fingerprint of the whole value tuple, every variable
 * in the spec's order.
 *
 * <p>Not {@code TLCState.fingerPrint()}: once the cfg has a VIEW, TLC's Tool installs it into every state, and that
 * fingerprint hashes the view (the migration models' MCView drops opParity and the content of free frames). Two
 * states that differ only there would be one state to the replay, the caches and the equivalence check, so an engine
 * wrong only there would pass. Each value's own fingerprint never sees the view. As in TLC's seen-set, a 64-bit
 * fingerprint stands for the state.
 *
 * <p>The fingerprint is built from one fingerprint per variable, so that a checker that knows a variable kept its
 * value over a step reuses that variable's fingerprint instead of hashing its value again ({@link KnownState}).
 */
public record StateId(long fingerprint) {

    /** of() - the identity of s over every variable. */
    public static StateId of(TLCState s) {
        return of(variableFingerprints(s));
    }

    /** The identity of a state whose variables, in the spec's order, have these fingerprints. */
    static StateId of(long[] variableFingerprints) {
        return new StateId(combine(variableFingerprints));
    }

    /** One fingerprint of several variables' fingerprints, in the order given. */
    static long combine(long[] variableFingerprints) {
        long fp = FP64.New();
        for (long v : variableFingerprints) {
            fp = FP64.Extend(fp, v);
        }
        return fp;
    }

    /** The fingerprint of each variable of s, in the spec's order. */
    static long[] variableFingerprints(TLCState s) {
        UniqueString[] names = names(s);
        long[] fps = new long[names.length];
        for (int i = 0; i < names.length; i++) {
            fps[i] = fingerprint(s.lookup(names[i]));
        }
        return fps;
    }

    /** The fingerprint of one variable's value. */
    static long fingerprint(IValue value) {
        return value.fingerPrint(FP64.New());
    }

    private static UniqueString[] names(TLCState s) {
        var vars = s.getVars();
        UniqueString[] names = new UniqueString[vars.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = vars[i].getName();
        }
        return names;
    }
}
