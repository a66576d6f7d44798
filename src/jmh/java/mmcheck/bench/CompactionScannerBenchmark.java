package mmcheck.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.PageArray;
import mmcheck.mm.Zone;
import mmcheck.mm.ZoneBuilder;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.compaction.AtomicMigration;
import mmcheck.mm.compaction.CompactControl;
import mmcheck.mm.compaction.Compaction;
import mmcheck.mm.compaction.CompactionCounters;
import mmcheck.sim.FragmentedZone;

/**
 * {@code ./check.sh bench CompactionScannerBenchmark -f 1 -wi 2 -i 3}
 *
 * <p>Pages per second of the two scanners over a 2^20-page zone (scores are pages/s: one operation is one page).
 * {@code layout=busy}: every page an order-0 allocation nobody can migrate (unmovable), the worst case: each page is
 * looked at and none is taken or skipped. {@code layout=fragmented}: half the pages movable at random, the rest
 * free buddy blocks, which the migrate scanner skips by their order (nothing is isolated: every page is pinned).
 * {@code migrateScanner} runs isolate_migratepages_block() over every pageblock. {@code naiveScan} is the baseline
 * in the same run: one pass over the same page array asking of each page what the migrate scanner asks (PageBuddy,
 * compound head, a movable user page), without skipping anything. The free scanner is in
 * {@link CompactionFreeScannerBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CompactionScannerBenchmark {

    static final int PAGES = 1 << 20;

    @Param({"busy", "fragmented"})
    String layout;

    Compaction compaction;
    CompactControl cc;
    PageArray pageArray;
    int pageblockPages;

    @Setup
    public void setUp() {
        MmGeometry g = MmGeometry.linux(0, PAGES);
        Zone zone;
        if (layout.equals("busy")) {
            ZoneBuilder b = Zone.builder(g);
            for (int pfn = 0; pfn < PAGES; pfn++) {
                b.allocatedBlock(pfn, 0, MigrateType.MIGRATE_UNMOVABLE, 2);
            }
            zone = b.build();
        } else {
            zone = FragmentedZone.build(g, 50, 1);
        }
        PageAlloc pa = new PageAlloc(zone);
        AtomicMigration m = new AtomicMigration(pa);
        for (int pfn = 0; pfn < PAGES; pfn++) {
            if (m.pageLru(pfn)) {
                m.pin(pfn);
            }
        }
        compaction = new Compaction(pa, m, new CompactionCounters());
        cc = CompactControl.compactMemory();
        compaction.compactZoneStart(cc);
        pageArray = zone.pageArray();
        pageblockPages = g.pageblockNrPages();
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public long migrateScanner() {
        for (int pfn = 0; pfn < PAGES; pfn += pageblockPages) {
            compaction.isolateMigratepagesBlock(cc, pfn, pfn + pageblockPages);
        }
        return cc.totalMigrateScanned;
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public int naiveScan() {
        PageArray p = pageArray;
        int candidates = 0;
        for (int pfn = 0; pfn < PAGES; pfn++) {
            if (!p.isPageBuddy(pfn) && p.isAllocatedHead(pfn) && p.allocatedOrder(pfn) == 0
                    && p.migratetype(pfn) == MigrateType.MIGRATE_MOVABLE.ordinal()) {
                candidates++;
            }
        }
        return candidates;
    }
}
