package mmcheck.conform;

import org.junit.jupiter.api.Test;

import mmcheck.mm.buddy.mutants.ClaimThresholdQuarter;
import mmcheck.mm.buddy.mutants.MergeStopsEarly;
import mmcheck.mm.buddy.mutants.NoMergeAcrossPageblocks;

/**
 * MCBuddyMerge (zone from pfn 0, 4-page pageblocks, MAX_ORDER 4) makes the merging and claiming rules fire: the
 * reverse replay catches each seeded bug in them at the spec action whose rule the bug breaks, which the replay of
 * MCBuddySmall does not (SmallModelMissesRuleBugsTest).
 */
class MergeModelSeededBugTest {
    private static final SpecModel SPEC = Models.load("MCBuddyMerge");

    @Test
    void replay_correctEngine_conformsOnEveryStateTlcFinds() {
        RuleBugReplay.assertConformsOnEveryState(SPEC, "MCBuddyMerge");
    }

    @Test
    void replay_noMergeAcrossPageblocks_failsAtFreeOnePage() {
        RuleBugReplay.assertCaughtAt("FreeOnePage", RuleBugReplay.replay(SPEC, NoMergeAcrossPageblocks::new));
    }

    @Test
    void replay_mergeStopsBelowMaxOrderMinusOne_failsAtFreeOnePage() {
        RuleBugReplay.assertCaughtAt("FreeOnePage", RuleBugReplay.replay(SPEC, MergeStopsEarly::new));
    }

    @Test
    void replay_claimThresholdAQuarter_failsAtRmqueueFallback() {
        RuleBugReplay.assertCaughtAt("RmqueueFallback", RuleBugReplay.replay(SPEC, ClaimThresholdQuarter::new));
    }
}
