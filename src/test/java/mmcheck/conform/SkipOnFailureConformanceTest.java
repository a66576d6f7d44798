package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;

import mmcheck.conform.compaction.CompactionBinding;
import mmcheck.mm.compaction.CompactControl;
import mmcheck.mm.compaction.Compaction;
import mmcheck.mm.compaction.CompactionCounters;
import mmcheck.mm.compaction.CompactionMigrator;
import mmcheck.mm.buddy.PageAlloc;

/**
 * The compaction engine against spec/Compaction.tla on MCCompactionBindSkipOnFailure (async direct compaction alone,
 * 4-page pageblocks, COMPACT_CLUSTER_MAX 2, so isolate_migratepages_block() runs with skip_on_failure): the
 * direct-compaction workload (the zone filled, freed apart, then an order-1 allocation that compacts) conforms and
 * reaches migrate_pages() and the free scanner; and an engine without skip_on_failure is caught in
 * isolate_migratepages_block().
 */
class SkipOnFailureConformanceTest {
    private static final SpecModel SPEC = Models.load("MCCompactionBindSkipOnFailure");
    private static final int STEPS = 30000;
    /** The actions of a direct run down to migrate_pages() and the free scanner. */
    private static final List<String> RUN_ACTIONS = List.of("TryToCompactPages", "IsolateMigratepagesBlock",
            "MigratePages", "CompactionAlloc", "IsolateFreepagesBlock", "MigratePagesReturn",
            "ResetIsolationSuitable");

    @Test
    void everyEngineStepIsASpecStep() {
        RefinementRun.Summary s = RefinementRun.run(SPEC, STEPS, 1, true);
        assertTrue(s.ok(), s.failure());
        for (String a : RUN_ACTIONS) {
            assertTrue(s.coverage().getOrDefault(a, 0L) > 0, a + " not reached: " + s.coverage());
        }
    }

    /**
     * Both arms of skip_on_failure are taken and checked: the loop-head break (a block gave pages and failed none,
     * so they are migrated before the next block is scanned) and isolate_fail's putback of what the call took.
     */
    @Test
    void bothSkipOnFailureArmsAreReached() {
        long[] arms = new long[2];
        RefinementRun.Summary s = RefinementRun.run(SPEC, new CompactionBinding(SPEC, armCounting(arms)), STEPS, 1,
                true);
        assertTrue(s.ok(), s.failure());
        assertTrue(arms[0] > 0 && arms[1] > 0, "loop-head breaks " + arms[0] + ", putbacks " + arms[1]);
    }

    /**
     * The model's engine, counting into arms[0] the isolate_migratepages_block() calls that ended at the loop-head
     * break and into arms[1] isolate_fail's putbacks.
     */
    static BiFunction<PageAlloc, CompactionMigrator, Compaction> armCounting(long[] arms) {
        int clusterMax = TlcValues.toInt(SPEC.value("CompactClusterMax"));
        return (pa, m) -> new Compaction(pa, m, new CompactionCounters(), clusterMax) {
            @Override
            public int isolateMigratepagesBlock(CompactControl cc, int lowPfn, int endPfn) {
                int before = cc.nrMigratepages;
                int ret = super.isolateMigratepagesBlock(cc, lowPfn, endPfn);
                // Pages taken, fewer than COMPACT_CLUSTER_MAX, and the scan stopped inside the range: only the
                // loop-head break of skip_on_failure ends a call so.
                if (skipOnFailure(cc) && ret == 0 && cc.nrMigratepages > before && cc.nrMigratepages < clusterMax
                        && cc.migratePfn < endPfn) {
                    arms[0]++;
                }
                return ret;
            }

            @Override
            protected void isolateFailPutback(CompactControl cc) {
                arms[1]++;
                super.isolateFailPutback(cc);
            }
        };
    }

    /** The engine as if skip_on_failure were always false: it migrates batches from more than one order-1 block. */
    @Test
    void anEngineWithoutSkipOnFailureIsCaught() {
        int clusterMax = TlcValues.toInt(SPEC.value("CompactClusterMax"));
        RefinementRun.Summary s = RefinementRun.run(SPEC, new CompactionBinding(SPEC,
                (pa, m) -> new Compaction(pa, m, new CompactionCounters(), clusterMax) {
                    @Override
                    protected boolean skipOnFailure(CompactControl cc) {
                        return false;
                    }
                }), STEPS, 1, true);
        assertFalse(s.ok(), "an engine without skip_on_failure was not caught");
        StepReport r = s.report();
        assertNotNull(r, s.failure());
        assertEquals("mm_compaction_isolate_migratepages", r.instance(), s.failure());
        assertFalse(r.actionHolds(), s.failure());
        assertEquals("action", r.caughtBy(), s.failure());
        // Without the jump past a failed order-1 block the scan ends further on than the spec's.
        assertTrue(r.differences().stream().anyMatch(d -> d.startsWith("cc.migratePfn")), s.failure());
    }
}
