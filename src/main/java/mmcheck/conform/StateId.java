package mmcheck.conform;

import tla2sany.semantic.OpDeclNode;
import tlc2.tool.TLCState;
import tlc2.util.FP64;

/**
 * The identity of a spec state for all of conform: a 64-bit fingerprint of the whole value tuple, every variable
 * in the spec's order.
 *
 * <p>Not {@code TLCState.fingerPrint()}: once the cfg has a VIEW, TLC's Tool installs it into every state, and that
 * fingerprint hashes the view (the migration models' MCView drops opParity and the content of free frames). Two
 * states that differ only there would be one state to the replay, the caches and the equivalence check, so an engine
 * wrong only there would pass. Each value's own fingerprint never sees the view. As in TLC's seen-set, a 64-bit
 * fingerprint stands for the state.
 */
public record StateId(long fingerprint) {

    /** of() - the identity of s over every variable. */
    public static StateId of(TLCState s) {
        long fp = FP64.New();
        for (OpDeclNode v : s.getVars()) {
            fp = s.lookup(v.getName()).fingerPrint(fp);
        }
        return new StateId(fp);
    }
}
