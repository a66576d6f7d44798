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
    /** Seeds tried for runs whose fast searches take nothing and move the cached free pfn and free_pfn. */
    private static final long FAST_FAIL_SEEDS = 12;
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

    /**
     * 6.1's fast_isolate_freepages() that takes nothing still leaves its mark for the linear walk that follows:
     * compact_cached_free_pfn a pageblock below `highest` when that is at or above it, and cc->free_pfn at `highest`
     * or min_pfn when it started at compact_init_free_pfn. The engine does so in this model's runs (a free scanner
     * started at pageblock 8 moved compact_cached_free_pfn to 4) and the spec's IsolateFreepagesBlock allows it on
     * the call's first turn; before it did, the spec refused these steps.
     */
    @Test
    void aFastSearchThatTakesNothingMovesTheCachedFreePfn() {
        int clusterMax = TlcValues.toInt(SPEC.value("CompactClusterMax"));
        long[] seen = new long[2];
        // The first seeds whose runs have both (seed 2 today): each run's every step checked on the way.
        for (long seed = 1; seed <= FAST_FAIL_SEEDS && (seen[0] == 0 || seen[1] == 0); seed++) {
            RefinementRun.Summary s = RefinementRun.run(SPEC, new CompactionBinding(SPEC,
                    (pa, m) -> new Compaction(pa, m, new CompactionCounters(), clusterMax) {
                        @Override
                        public void fastIsolateFreepages(CompactControl cc) {
                            int cached = state().compactCachedFreePfn;
                            int freePfn = cc.freePfn;
                            super.fastIsolateFreepages(cc);
                            if (cc.nrFreepages == 0) {
                                seen[0] += state().compactCachedFreePfn < cached ? 1 : 0;
                                seen[1] += cc.freePfn != freePfn ? 1 : 0;
                            }
                        }
                    }), STEPS, seed, true);
            assertTrue(s.ok(), s.failure());
        }
        assertTrue(seen[0] > 0 && seen[1] > 0, "cached free pfn lowered " + seen[0] + ", free_pfn moved " + seen[1]);
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
        // It isolates a page of a block skip_on_failure gives up (or goes on past it): the spec's state differs.
        assertFalse(r.differences().isEmpty(), s.failure());
    }
}
