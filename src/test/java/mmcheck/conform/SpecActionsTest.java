package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tlc2.tool.Action;
import tlc2.tool.StateVec;
import tlc2.tool.TLCState;

/** The engine's list of action instances must be Next, no more and no less. */
class SpecActionsTest {
    private static final SpecModel SPEC = Models.load("MCBuddySmall");

    @Test
    void all_haveExactlyNextsSuccessors() {
        SpecActions actions = new SpecActions(SPEC);
        Action[] next = SPEC.tool().getActions();
        ArrayDeque<TLCState> queue = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        TLCState init = SPEC.initStates().elementAt(0);
        queue.add(init);
        seen.add(init.fingerPrint());
        int states = 0;
        while (!queue.isEmpty()) {
            TLCState s = queue.poll();
            states++;
            Set<Long> viaNext = new HashSet<>();
            for (Action a : next) {
                StateVec v = SPEC.nextStates(a, s);
                for (int i = 0; i < v.size(); i++) {
                    viaNext.add(v.elementAt(i).fingerPrint());
                    if (seen.add(v.elementAt(i).fingerPrint())) {
                        queue.add(v.elementAt(i));
                    }
                }
            }
            Set<Long> viaInstances = new HashSet<>();
            for (ActionInstance inst : actions.all()) {
                StateVec v = SPEC.nextStates(actions.action(inst), s);
                for (int i = 0; i < v.size(); i++) {
                    viaInstances.add(v.elementAt(i).fingerPrint());
                }
            }
            assertEquals(viaNext, viaInstances, "successors differ in state " + SPEC.values(s));
        }
        assertEquals(2116, states);
    }
}
