package mmcheck.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The real-world scenarios reproduce the real-world outcomes: the kernel selftest passes with compaction and fails
 * without it; Gorman's shape (more than 90% of memory as huge pages, less reclaim); the engine's compaction of the
 * kernel datasets behaves like the kernel's.
 */
class CompactionScenarioTest {

    @Test
    void compactionTest_passesWithCompaction_failsWithout() {
        CompactionSelftestScenario.Result with = CompactionSelftestScenario.run(131072, true);
        CompactionSelftestScenario.Result without = CompactionSelftestScenario.run(131072, false);
        assertTrue(with.passed(), with.report());
        assertTrue(with.counters().compactStall > 0 && with.pgmigrate() > 0, with.report());
        assertTrue(!without.passed(), without.report());
    }

    @Test
    void gorman_compactionReachesNinetyPercent_withLessReclaim() {
        int pages = 65536;
        HugepageReclaimScenario.Result compaction = HugepageReclaimScenario.run(pages,
                HugepageReclaimScenario.Strategy.COMPACTION, 90, 1);
        HugepageReclaimScenario.Result lumpy = HugepageReclaimScenario.run(pages,
                HugepageReclaimScenario.Strategy.LUMPY_RECLAIM, 90, 1);
        HugepageReclaimScenario.Result reclaim = HugepageReclaimScenario.run(pages,
                HugepageReclaimScenario.Strategy.RECLAIM, 90, 1);
        assertTrue(compaction.hugePct() >= 90.0, compaction.row());
        assertTrue(compaction.reclaimed() < lumpy.reclaimed() && lumpy.reclaimed() <= reclaim.reclaimed(),
                compaction.row() + "\n" + lumpy.row() + "\n" + reclaim.row());
        HugepageReclaimScenario.Result half = HugepageReclaimScenario.run(pages,
                HugepageReclaimScenario.Strategy.COMPACTION, 50, 1);
        HugepageReclaimScenario.Result halfLumpy = HugepageReclaimScenario.run(pages,
                HugepageReclaimScenario.Strategy.LUMPY_RECLAIM, 50, 1);
        assertTrue(half.reclaimed() * 10 < halfLumpy.reclaimed() * 8, half.row() + "\n" + halfLumpy.row());
    }

    @Test
    void compactMemoryDataset_engineRunsLikeTheKernel() {
        KernelDatasetScenario.Dataset d = KernelDatasetScenario.COMPACT_MEMORY_65PCT;
        CompactionTraceStats kernel = KernelDatasetScenario.kernelStats(d);
        CompactionTraceStats engine = KernelDatasetScenario.run(d).stats();
        assertEquals(kernel.runs, engine.runs);
        assertEquals(kernel.outcomes, engine.outcomes);
        assertTrue(Math.abs(engine.migrated - kernel.migrated) < kernel.migrated / 4, engine.row("engine"));
        assertTrue(ratio(engine.migrateScannedPerIsolated(), kernel.migrateScannedPerIsolated()) < 2,
                engine.row("engine") + "\n" + kernel.row("kernel"));
        assertTrue(ratio(engine.freeScannedPerIsolated(), kernel.freeScannedPerIsolated()) < 2,
                engine.row("engine") + "\n" + kernel.row("kernel"));
    }

    @Test
    void thpDirectDataset_engineCompactsDefersAndFallsBackLikeTheKernel() {
        KernelDatasetScenario.Dataset d = KernelDatasetScenario.THP_DIRECT;
        CompactionTraceStats kernel = KernelDatasetScenario.kernelStats(d);
        KernelDatasetScenario.Result r = KernelDatasetScenario.run(d);
        CompactionTraceStats engine = r.stats();
        assertTrue(kernel.outcomes.containsKey("partial_skipped") && engine.outcomes.containsKey("partial_skipped"),
                engine.row("engine"));
        assertTrue(kernel.deferCompaction > 0 && engine.deferCompaction > 0, engine.row("engine"));
        assertTrue(kernel.deferred > 0 && engine.deferred > 0, engine.row("engine"));
        assertTrue(r.thpAllocated() > 0 && r.thpFallback() > 0, r.thpAllocated() + " / " + r.thpFallback());
        assertTrue(ratio(engine.runs, kernel.runs) < 2, engine.row("engine") + "\n" + kernel.row("kernel"));
    }

    private static double ratio(double a, double b) {
        return Math.max(a, b) / Math.min(a, b);
    }
}
