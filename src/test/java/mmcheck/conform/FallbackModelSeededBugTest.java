package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import mmcheck.mm.buddy.mutants.FallbackMovableBeforeReclaimable;
import mmcheck.mm.buddy.mutants.MovePastZoneEnd;
import mmcheck.conform.buddy.BuddyBinding;
import mmcheck.conform.buddy.BuddyEngineSteps;
import mmcheck.tlc.ModelManifest;

/**
 * MCBuddyFallback (three request types, the zone's end inside a pageblock) makes the fallback-order and zone-end
 * rules fire: the reverse replay catches each seeded bug in them at RmqueueFallback.
 */
class FallbackModelSeededBugTest {
    private static final SpecModel SPEC = Models.load("MCBuddyFallback");

    @Test
    void replay_correctEngine_conformsOnEveryStateTlcFinds() {
        ReverseReplay.Report r = new ReverseReplay(SPEC, new BuddyBinding(SPEC, new BuddyEngineSteps())).run(Long.MAX_VALUE);
        assertTrue(r.ok(), () -> String.join("\n", r.failures()));
        long distinct = ModelManifest.read(Path.of("models", "manifest.json")).find("MCBuddyFallback")
                .distinctStates();
        assertEquals(distinct, r.states(), "the replay keeps to the cfg's CONSTRAINT, as TLC does");
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
