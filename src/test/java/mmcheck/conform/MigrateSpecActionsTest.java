package mmcheck.conform;

import mmcheck.conform.migrate.MigrateActions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import mmcheck.event.MigrateAction;

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
        Set<MigrateAction> fired = new HashSet<>();
        int states = NextEquivalence.assertInstancesAreNext(SPEC, new MigrateActions(SPEC), STATES,
                inst -> fired.add((MigrateAction) inst.action()));
        assertEquals(STATES, states);
        assertTrue(fired.size() > MigrateAction.values().length / 2, "actions that fired: " + fired);
    }
}
