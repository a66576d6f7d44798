package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import mmcheck.event.MigrateAction;
import tlc2.tool.Action;
import tlc2.tool.StateVec;
import tlc2.tool.TLCState;

/**
 * The engine's list of Migrate.tla action instances, each a disjunct of MigrateNext with its frame, must be
 * MigrateNext, no more and no less: on the first reachable states of MCMigrateReplay (whose NEXT is MigrateNext
 * itself), the instances have exactly the successors TLC's own decomposition of Next has.
 */
class MigrateSpecActionsTest {
    private static final SpecModel SPEC = Models.load("MCMigrateReplay");
    private static final int STATES = 1_500;

    @Test
    void all_haveExactlyNextsSuccessors() {
        MigrateSpecActions actions = new MigrateSpecActions(SPEC);
        Action[] next = SPEC.tool().getActions();
        ArrayDeque<TLCState> queue = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        TLCState init = SPEC.initStates().elementAt(0);
        queue.add(init);
        seen.add(init.fingerPrint());
        Set<MigrateAction> fired = new HashSet<>();
        int states = 0;
        while (!queue.isEmpty() && states < STATES) {
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
            for (MigrateStep inst : actions.all()) {
                StateVec v = SPEC.nextStates(actions.action(inst), s);
                for (int i = 0; i < v.size(); i++) {
                    viaInstances.add(v.elementAt(i).fingerPrint());
                    fired.add(inst.action());
                }
            }
            assertEquals(viaNext, viaInstances, "successors differ in state " + SPEC.values(s));
        }
        assertEquals(STATES, states);
        assertTrue(fired.size() > MigrateAction.values().length / 2, "actions that fired: " + fired);
    }
}
