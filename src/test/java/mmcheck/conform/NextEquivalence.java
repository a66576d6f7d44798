package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

import tlc2.tool.Action;
import tlc2.tool.StateVec;
import tlc2.tool.TLCState;

/** A catalog of action instances must be Next, no more and no less: the same successors as TLC's own split of Next. */
final class NextEquivalence {
    private NextEquivalence() {
    }

    /**
     * Breadth-first over at most maxStates states reachable by the cfg's NEXT, asserting in each that the catalog's
     * instances have exactly Next's successors; fired sees each instance that had a successor. Returns the states
     * visited.
     */
    static int assertInstancesAreNext(SpecModel spec, Catalog actions, int maxStates,
            Consumer<SpecStep> fired) {
        Action[] next = spec.tool().getActions();
        ArrayDeque<TLCState> queue = new ArrayDeque<>();
        Set<StateId> seen = new HashSet<>();
        TLCState init = spec.initStates().elementAt(0);
        queue.add(init);
        seen.add(StateId.of(init));
        int states = 0;
        while (!queue.isEmpty() && states < maxStates) {
            TLCState s = queue.poll();
            states++;
            Set<StateId> viaNext = new HashSet<>();
            for (Action a : next) {
                StateVec v = spec.nextStates(a, s);
                for (int i = 0; i < v.size(); i++) {
                    viaNext.add(StateId.of(v.elementAt(i)));
                    if (seen.add(StateId.of(v.elementAt(i)))) {
                        queue.add(v.elementAt(i));
                    }
                }
            }
            Set<StateId> viaInstances = new HashSet<>();
            for (Catalog.Entry e : actions.entries()) {
                for (TLCState u : actions.successors(e, s)) {
                    viaInstances.add(StateId.of(u));
                    fired.accept(e.step());
                }
            }
            assertEquals(viaNext, viaInstances, "successors differ in state " + spec.values(s));
        }
        return states;
    }
}
