package mmcheck.conform;

import mmcheck.conform.buddy.BuddyBinding;

import mmcheck.conform.buddy.BuddyEngineSteps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import mmcheck.mm.buddy.mutants.BuddyMutant;
import mmcheck.tlc.ModelManifest;

class ReverseReplayTest {
    private static final SpecModel SPEC = Models.load("MCBuddySmall");

    @Test
    void replay_everyReachableStateConforms() {
        ReverseReplay.Report r = ReverseReplay.of(SPEC).run(Long.MAX_VALUE);
        assertTrue(r.ok(), () -> String.join("\n", r.failures()));
        long distinct = ModelManifest.read(Path.of("models", "manifest.json")).find("MCBuddySmall").distinctStates();
        assertEquals(distinct, r.states(), "the replay visits exactly TLC's distinct states");
        assertTrue(r.transitions() > r.states(), "transitions were checked");
        assertTrue(r.engineRuns() > r.transitions(), "head choices were resolved more than one way");
        assertTrue(r.refusals() > 0, "disabled instances were checked for refusal");
    }

    @Test
    void replay_mutantWhoseStepsLeaveTheSpec_isCaught() {
        BuddyEngineSteps mutant = new BuddyEngineSteps(BuddyMutant.EXPAND_FORGETS_A_HALF::newPageAlloc);
        ReverseReplay.Report r = new ReverseReplay(SPEC, new BuddyBinding(SPEC, mutant)).run(Long.MAX_VALUE);
        assertTrue(!r.ok(), "a mutant that forgets half of an expand must not conform");
        assertTrue(r.failures().get(0).contains("RmqueueSmallest"), r.failures().get(0));
    }
}
