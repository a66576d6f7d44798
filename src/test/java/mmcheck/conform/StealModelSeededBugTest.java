package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import mmcheck.conform.buddy.BuddyBinding;
import mmcheck.conform.buddy.BuddyEngineSteps;
import mmcheck.mm.buddy.mutants.IgnoresWatermark;
import mmcheck.mm.buddy.mutants.StealThresholdQuarter;
import mmcheck.tlc.ModelManifest;

/**
 * MCBuddySteal (one 4-page pageblock, WmarkLow 1) makes can_steal_fallback()'s order threshold and
 * get_page_from_freelist()'s watermark check fire both ways: the reverse replay catches a movable steal threshold
 * of pageblock_order / 4 at RmqueueFallback, and an allocator that skips the watermark at RmqueueSmallest.
 */
class StealModelSeededBugTest {
    private static final SpecModel SPEC = Models.load("MCBuddySteal");

    @Test
    void replay_correctEngine_conformsOnEveryStateTlcFinds() {
        ReverseReplay.Report r = new ReverseReplay(SPEC, new BuddyBinding(SPEC, new BuddyEngineSteps())).run(Long.MAX_VALUE);
        assertTrue(r.ok(), () -> String.join("\n", r.failures()));
        long distinct = ModelManifest.read(Path.of("models", "manifest.json")).find("MCBuddySteal").distinctStates();
        assertEquals(distinct, r.states());
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
