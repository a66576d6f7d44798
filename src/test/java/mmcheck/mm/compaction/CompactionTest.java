package mmcheck.mm.compaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.BuddyInvariants;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.sim.FragmentedZone;
import org.junit.jupiter.api.Test;

/** Directed checks of compaction against what mm/compaction.c does, and the real traces show. */
class CompactionTest {

    private final List<String> events = new ArrayList<>();
    private final CompactionTracer recorder = new CompactionTracer() {
        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public void event(String name, String fields) {
            events.add(name + ": " + fields);
        }
    };

    private static Compaction engine(Zone z) {
        PageAlloc pa = new PageAlloc(z);
        return new Compaction(pa, new AtomicMigration(pa), new CompactionCounters());
    }

    @Test
    void deferral_printsAndCountsAsTheKernelDid() {
        Zone z = Zone.init(MmGeometry.linux(0x1000, 0x1ffe0), "DMA32", 0);
        Compaction c = engine(z);
        c.setTracer(recorder);
        c.compactionDeferReset(9, true);
        c.deferCompaction(9);
        assertTrue(c.compactionDeferred(9));
        assertFalse(c.compactionDeferred(9));
        c.deferCompaction(9);
        // The lines of m512-thp-direct/trace.txt at 12.369353, 12.443085, 12.482061 and 13.030327.
        assertEquals(List.of(
                "mm_compaction_defer_reset: node=0 zone=DMA32    order=9 order_failed=10 consider=0 limit=1",
                "mm_compaction_defer_compaction: node=0 zone=DMA32    order=9 order_failed=9 consider=0 limit=2",
                "mm_compaction_deferred: node=0 zone=DMA32    order=9 order_failed=9 consider=1 limit=2",
                "mm_compaction_defer_compaction: node=0 zone=DMA32    order=9 order_failed=9 consider=0 limit=4"),
                events);
        for (int i = 0; i < 10; i++) {
            c.deferCompaction(9);
        }
        assertEquals(ZoneCompactState.COMPACT_MAX_DEFER_SHIFT, c.state().compactDeferShift);
        assertFalse(c.compactionDeferred(8), "orders below compact_order_failed are never deferred");
    }

    @Test
    void fastIsolateFreepages_staysAboveTheMigrateScannersPageblock() {
        // The scenario in which CompactionProperties found the fast free search taking pages migration had just
        // freed in the migrate scanner's own pageblock.
        assertEquals(List.of(), new CompactionDriver(-6227083L, CompactionDriver.PRODUCTION).run(12));
    }

    @Test
    void compactScannersMet_comparesPageblocks() {
        Compaction c = engine(Zone.init(MmGeometry.linux(0x1000, 0x1ffe0)));
        CompactControl cc = CompactControl.compactMemory();
        // The end of the DMA32 run of m512-compact-memory-65pct: migrate_pfn=0xb240 free_pfn=0xb200, complete.
        cc.migratePfn = 0xb240;
        cc.freePfn = 0xb200;
        assertTrue(c.compactScannersMet(cc));
        cc.migratePfn = 0xb000;
        cc.freePfn = 0xb1ff;
        assertTrue(c.compactScannersMet(cc), "same pageblock");
        cc.migratePfn = 0xb1ff;
        cc.freePfn = 0xb200;
        assertFalse(c.compactScannersMet(cc));
    }

    @Test
    void steps_refusedOutsideARun_leaveTheZoneAlone() {
        Zone z = FragmentedZone.build(MmGeometry.linux(0, 4096), 50, 1);
        Zone before = z.copy();
        Compaction c = engine(z);
        CompactControl cc = CompactControl.compactMemory();
        StepRefusedException e = assertThrows(StepRefusedException.class,
                () -> c.isolateMigratepagesBlock(cc, 0, 512));
        assertEquals("isolate_migratepages_block: no compaction run is live (compact_zone() not entered)",
                e.getMessage());
        assertThrows(StepRefusedException.class, () -> c.isolateFreepagesBlock(cc, new int[] {0}, 512, 1, false));
        assertThrows(StepRefusedException.class, () -> c.compactFinished(cc));
        assertTrue(z.sameState(before));
        c.compactZoneStart(cc);
        assertThrows(StepRefusedException.class, () -> c.migratePages(cc, 0), "nothing isolated");
        assertThrows(StepRefusedException.class, () -> c.compactZoneStart(cc), "already running");
        assertThrows(StepRefusedException.class, () -> c.isolateMigratepagesBlock(cc, 500, 600),
                "crosses a pageblock");
    }

    @Test
    void compactMemory_movesEveryMovablePageUp_andEndsComplete() {
        MmGeometry g = MmGeometry.of(11, 9, 0, 1 << 14);
        Zone z = FragmentedZone.build(g, 40, 7);
        long users = g.nrPages() - z.freePages();
        Compaction c = engine(z);
        mmcheck.sim.CompactionTraceStats stats = new mmcheck.sim.CompactionTraceStats();
        c.setTracer(stats);
        CompactControl cc = CompactControl.compactMemory();
        assertEquals(CompactResult.COMPACT_COMPLETE, c.compactZone(cc));
        assertEquals(List.of(), BuddyInvariants.check(z));
        assertEquals(List.of(), CompactionInvariants.check(c, cc, users));
        // Below the scanners' meeting point every pageblock is free, in blocks of MAX_ORDER-1 where aligned.
        int meet = cc.freePfn & -512;
        for (int pfn = 0; pfn < meet - 1024; pfn += 1024) {
            assertTrue(z.isPageBuddy(pfn) && z.buddyOrder(pfn) == 10, "pfn 0x" + Integer.toHexString(pfn));
        }
        assertEquals(stats.migrateTaken + stats.freeTaken, c.counters().compactIsolated);
        assertEquals(stats.migrateScanned, c.counters().compactMigrateScanned);
        assertEquals(stats.freeScanned, c.counters().compactFreeScanned);
        assertEquals(stats.migrated, ((AtomicMigration) c.migrator()).pgmigrateSuccess());
    }

    @Test
    void directCompaction_capturesThePageblockItFreed() {
        MmGeometry g = MmGeometry.of(11, 9, 0, 1 << 14);
        Zone z = FragmentedZone.buildStride(g, 2);
        Compaction c = engine(z);
        CompactionNode node = new CompactionNode(0, List.of(c), c.counters());
        c.setExtfragThreshold(0);
        int pfn = node.allocPagesDirectCompact(9, CompactPriority.COMPACT_PRIO_SYNC_LIGHT,
                MigrateType.MIGRATE_MOVABLE, 9);
        assertTrue(pfn >= 0);
        assertTrue(z.isAllocated(pfn) && z.allocatedOrder(pfn) == 9 && z.allocatedOwner(pfn) == 9);
        assertEquals(1, c.counters().compactStall);
        assertEquals(1, c.counters().compactSuccess);
        assertEquals(List.of(), BuddyInvariants.check(z));
    }

    @Test
    void kcompactd_wakesForAnOrder_countsItsScans() {
        MmGeometry g = MmGeometry.of(11, 9, 0, 1 << 14);
        Zone z = FragmentedZone.buildStride(g, 2);
        Compaction c = engine(z);
        c.setExtfragThreshold(0);
        CompactionNode node = new CompactionNode(0, List.of(c), c.counters());
        node.wakeupKcompactd(9, 0);
        assertTrue(node.kcompactdWorkRequested());
        assertTrue(node.kcompactd());
        assertEquals(1, c.counters().compactDaemonWake);
        assertTrue(c.counters().compactDaemonMigrateScanned > 0 && c.counters().compactDaemonFreeScanned > 0);
        assertTrue(c.suitableFreeBlock(CompactControl.kcompactd(9)));
    }

    @Test
    void proactiveCompaction_lowersTheFragmentationScoreBelowItsWatermark() {
        MmGeometry g = MmGeometry.of(11, 9, 0, 1 << 14);
        Compaction c = engine(FragmentedZone.buildStride(g, 2));
        CompactionNode node = new CompactionNode(0, List.of(c), c.counters());
        int before = node.fragmentationScoreNode();
        assertTrue(node.shouldProactiveCompactNode(), "score " + before);
        assertTrue(node.kcompactd());
        assertTrue(node.fragmentationScoreNode() <= node.fragmentationScoreWmark(true),
                before + " -> " + node.fragmentationScoreNode());
    }

    @Test
    void compactionSuitable_countsTheCallersLowmemReserve() {
        // MCCompactionDirectReserve's zone: pfns 2..13, every other page in use, six free order-0 pages, so an
        // order-1 request needs more than min 0 + compact_gap(1) 4 + reserve free pages.
        MmGeometry g = MmGeometry.of(2, 1, 2, 14);
        Zone z = FragmentedZone.buildStride(g, 2);
        Compaction c = engine(z);
        assertEquals(6, z.freePages());
        assertEquals(CompactResult.COMPACT_CONTINUE, c.compactionSuitable(1, 1));
        assertEquals(CompactResult.COMPACT_SKIPPED, c.compactionSuitable(1, 2));
        z.setLowmemReserve(2);
        assertEquals(CompactResult.COMPACT_SKIPPED, c.compactionSuitable(1), "compact_zone()'s highest_zoneidx");
        CompactControl cc = CompactControl.direct(1, CompactPriority.COMPACT_PRIO_SYNC_LIGHT,
                MigrateType.MIGRATE_MOVABLE);
        assertEquals(CompactResult.COMPACT_SKIPPED, c.compactZone(cc));
        assertEquals(0, cc.totalMigrateScanned);
    }

    @Test
    void kcompactdDoWork_testsItsOwnZoneWithoutReserveThenCompactZoneWithIt() {
        MmGeometry g = MmGeometry.of(2, 1, 2, 14);
        Zone z = FragmentedZone.buildStride(g, 2);
        z.setLowmemReserve(2);
        Compaction c = engine(z);
        c.setTracer(recorder);
        CompactionNode node = new CompactionNode(0, List.of(c), c.counters());
        node.wakeupKcompactd(1, 0);
        assertFalse(node.kcompactdWorkRequested(), "kcompactd_node_suitable() counts the reserve");
        assertEquals(List.of("mm_compaction_suitable: node=0 zone=Normal   order=1 ret=skipped"), events);
        events.clear();
        // Woken while the reserve was 0 (another zone's allocation raised it since): kcompactd_do_work() runs.
        z.setLowmemReserve(0);
        node.wakeupKcompactd(1, 0);
        assertTrue(node.kcompactdWorkRequested());
        z.setLowmemReserve(2);
        events.clear();
        node.kcompactdDoWork();
        node.zoneSteps(0).compactZone();
        node.kcompactdDoWorkEnd();
        // kcompactd_do_work(): compaction_suitable(zone, 1, 0, zoneid) says continue; compact_zone() with
        // cc.highest_zoneidx's reserve says skipped, so nothing is scanned and nothing deferred.
        assertEquals(2, events.size(), events.toString());
        assertTrue(events.get(0).endsWith("order=1 ret=continue"), events.get(0));
        assertTrue(events.get(1).endsWith("order=1 ret=skipped"), events.get(1));
        assertEquals(0, c.counters().compactDaemonMigrateScanned);
        assertEquals(0, c.state().compactDeferShift, "a skipped run does not defer");
    }

    @Test
    void compactionSuitable_costlyOrder_skipsWhenFailureWouldBeLackOfMemory() {
        // Every page allocated but a few scattered ones: fragmentation_index() is low, the zone is not suitable.
        MmGeometry g = MmGeometry.of(11, 9, 0, 1 << 14);
        Compaction c = engine(FragmentedZone.build(g, 99, 3));
        c.setTracer(recorder);
        assertEquals(CompactResult.COMPACT_SKIPPED, c.compactionSuitable(9));
        assertEquals(CompactResult.COMPACT_CONTINUE, c.compactionSuitable(-1));
        assertTrue(events.get(0).endsWith("order=9 ret=skipped") || events.get(0).endsWith("ret=not_suitable_zone"),
                events.get(0));
    }
}
