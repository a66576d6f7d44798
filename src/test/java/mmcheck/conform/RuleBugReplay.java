package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.function.BiFunction;

import mmcheck.conform.buddy.BuddyBinding;
import mmcheck.conform.buddy.BuddyEngineSteps;
import mmcheck.event.EventSink;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.tlc.ModelManifest;

/** The reverse replay of a seeded-bug allocator on the loaded model, stopping at the first failure. */
final class RuleBugReplay {
    private RuleBugReplay() {
    }

    static ReverseReplay.Report replay(SpecModel spec, BiFunction<Zone, EventSink, PageAlloc> engine) {
        return new ReverseReplay(spec, new BuddyBinding(spec, new BuddyEngineSteps(engine))).run(Long.MAX_VALUE, 1);
    }

    /** The engine's own allocator conforms on every state TLC finds, as many as the manifest records for model. */
    static void assertConformsOnEveryState(SpecModel spec, String model) {
        ReverseReplay.Report r = new ReverseReplay(spec, new BuddyBinding(spec, new BuddyEngineSteps())).run(Long.MAX_VALUE);
        assertTrue(r.ok(), () -> String.join("\n", r.failures()));
        long distinct = ModelManifest.read(Path.of("models", "manifest.json")).find(model).distinctStates();
        assertEquals(distinct, r.states(), "the replay keeps to the cfg's CONSTRAINT, as TLC does");
    }

    /** The replay failed, and its first failure is a step of the named spec action. */
    static void assertCaughtAt(String action, ReverseReplay.Report r) {
        assertFalse(r.ok(), "the seeded bug conformed on all " + r.states() + " states");
        String failure = r.failures().get(0);
        assertTrue(failure.contains(action + "("),
                "expected the first failure at " + action + ": " + failure);
    }
}
