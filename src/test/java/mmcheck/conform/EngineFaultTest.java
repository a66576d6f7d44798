package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import mmcheck.conform.buddy.BuddyBinding;
import mmcheck.conform.buddy.BuddyEngineSteps;
import mmcheck.mm.buddy.PageAlloc;

/**
 * An exception the engine throws under refine or replay is a finding about the engine: the run fails (exit 1) with
 * the step, where the engine threw and the last steps, instead of ending as bad input (exit 2).
 */
class EngineFaultTest {
    private static final SpecModel SPEC = Models.load("MCBuddySim");

    /** __free_one_page() that walks off its array on the 20th free. */
    private static BuddyBinding crashingOnFree() {
        return new BuddyBinding(SPEC, new BuddyEngineSteps((zone, sink) -> new PageAlloc(zone, sink) {
            private int frees;

            @Override
            public void freeOnePage(int pfn, int order) {
                if (++frees == 20) {
                    int[] orders = new int[order];
                    orders[order] = pfn;
                }
                super.freeOnePage(pfn, order);
            }
        }));
    }

    @Test
    void refine_engineException_isAFindingWithTheStepAndTheLastSteps() {
        RefinementRun.Summary s = RefinementRun.run(SPEC, crashingOnFree(), 5_000, 7, true);
        assertFalse(s.ok(), "the exception went unnoticed");
        assertNull(s.report());
        assertTrue(s.failure().contains("the engine threw during the request after step"), s.failure());
        assertTrue(s.failure().contains("ArrayIndexOutOfBoundsException"), s.failure());
        assertTrue(s.failure().contains("freeOnePage(EngineFaultTest.java"), s.failure());
        assertTrue(s.failure().contains("last steps, oldest first"), s.failure());
    }
}
