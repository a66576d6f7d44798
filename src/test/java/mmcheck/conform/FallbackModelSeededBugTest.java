package mmcheck.conform;

import org.junit.jupiter.api.Test;

import mmcheck.mm.buddy.mutants.FallbackMovableBeforeReclaimable;
import mmcheck.mm.buddy.mutants.MovePastZoneEnd;

/**
 * MCBuddyFallback (three request types, the zone's end inside a pageblock) makes the fallback-order and zone-end
 * rules fire: the reverse replay catches each seeded bug in them at RmqueueFallback.
 */
class FallbackModelSeededBugTest {
    private static final SpecModel SPEC = Models.load("MCBuddyFallback");

    @Test
    void replay_correctEngine_conformsOnEveryStateTlcFinds() {
        RuleBugReplay.assertConformsOnEveryState(SPEC, "MCBuddyFallback");
    }

    @Test
    void replay_unmovableFallsBackToMovableFirst_failsAtRmqueueFallback() {
        RuleBugReplay.assertCaughtAt("RmqueueFallback",
                RuleBugReplay.replay(SPEC, FallbackMovableBeforeReclaimable::new));
    }

    @Test
    void replay_moveFreepagesBlockPastTheZoneEnd_failsAtRmqueueFallback() {
        RuleBugReplay.assertCaughtAt("RmqueueFallback", RuleBugReplay.replay(SPEC, MovePastZoneEnd::new));
    }
}
