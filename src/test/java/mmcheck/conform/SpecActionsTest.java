package mmcheck.conform;

import mmcheck.conform.buddy.BuddyActions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The engine's list of action instances must be Next, no more and no less. */
class SpecActionsTest {
    private static final SpecModel SPEC = Models.load("MCBuddySmall");

    @Test
    void all_haveExactlyNextsSuccessors() {
        int states = NextEquivalence.assertInstancesAreNext(SPEC, new BuddyActions(SPEC), Integer.MAX_VALUE,
                inst -> { });
        assertEquals(2116, states);
    }
}
