package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiFunction;

import mmcheck.conform.buddy.BuddyBinding;
import mmcheck.conform.buddy.BuddyEngineSteps;
import mmcheck.event.EventSink;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;

/** The reverse replay of a seeded-bug allocator on the loaded model, stopping at the first failure. */
final class RuleBugReplay {
    private RuleBugReplay() {
    }

    static ReverseReplay.Report replay(SpecModel spec, BiFunction<Zone, EventSink, PageAlloc> engine) {
        return new ReverseReplay(spec, new BuddyBinding(spec, new BuddyEngineSteps(engine))).run(Long.MAX_VALUE, 1);
    }

    /** The replay failed, and its first failure is a step of the named spec action. */
    static void assertCaughtAt(String action, ReverseReplay.Report r) {
        assertFalse(r.ok(), "the seeded bug conformed on all " + r.states() + " states");
        String failure = r.failures().get(0);
        assertTrue(failure.contains(action + "("),
                "expected the first failure at " + action + ": " + failure);
    }
}
