package mmcheck.conform;

import org.junit.jupiter.api.Test;

import mmcheck.mm.buddy.mutants.IgnoresWatermark;
import mmcheck.mm.buddy.mutants.StealThresholdQuarter;

/**
 * MCBuddySteal (one 4-page pageblock, WmarkLow 1) makes can_steal_fallback()'s order threshold and
 * get_page_from_freelist()'s watermark check fire both ways: the reverse replay catches a movable steal threshold
 * of pageblock_order / 4 at RmqueueFallback, and an allocator that skips the watermark at RmqueueSmallest.
 */
class StealModelSeededBugTest {
    private static final SpecModel SPEC = Models.load("MCBuddySteal");

    @Test
    void replay_correctEngine_conformsOnEveryStateTlcFinds() {
        RuleBugReplay.assertConformsOnEveryState(SPEC, "MCBuddySteal");
    }

    @Test
    void replay_movableStealsThePageblockFromAQuarter_failsAtRmqueueFallback() {
        RuleBugReplay.assertCaughtAt("RmqueueFallback", RuleBugReplay.replay(SPEC, StealThresholdQuarter::new));
    }

    @Test
    void replay_allocationIgnoresTheWatermark_failsAtRmqueueSmallest() {
        RuleBugReplay.assertCaughtAt("RmqueueSmallest", RuleBugReplay.replay(SPEC, IgnoresWatermark::new));
    }
}
