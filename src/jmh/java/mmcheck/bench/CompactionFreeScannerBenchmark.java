package mmcheck.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
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

/**
 * {@code ./check.sh bench CompactionFreeScannerBenchmark -f 1 -wi 2 -i 3}
 *
 * <p>Pages per second of the free scanner, isolate_freepages_block() with stride 1 (sync), over every pageblock of a
 * 2^20-page zone in which every page is an order-0 allocation, so each page is looked at and none taken (the scan
 * leaves the zone as it found it). {@code naiveScan} is the baseline in the same run: one pass over the same page
 * array asking of each page what the free scanner asks (compound head, PageBuddy).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CompactionFreeScannerBenchmark {

    static final int PAGES = 1 << 20;

    Compaction compaction;
    CompactControl cc;
    PageArray pageArray;
    int pageblockPages;
    final int[] cursor = new int[1];

    @Setup
    public void setUp() {
        MmGeometry g = MmGeometry.linux(0, PAGES);
        ZoneBuilder b = Zone.builder(g);
        for (int pfn = 0; pfn < PAGES; pfn++) {
            b.allocatedBlock(pfn, 0, MigrateType.MIGRATE_MOVABLE, 1);
        }
        Zone zone = b.build();
        PageAlloc pa = new PageAlloc(zone);
        compaction = new Compaction(pa, new AtomicMigration(pa), new CompactionCounters());
        cc = CompactControl.compactMemory();
        compaction.compactZoneStart(cc);
        pageArray = zone.pageArray();
        pageblockPages = g.pageblockNrPages();
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public long freeScanner() {
        long taken = 0;
        for (int pfn = PAGES - pageblockPages; pfn >= 0; pfn -= pageblockPages) {
            cursor[0] = pfn;
            taken += compaction.isolateFreepagesBlock(cc, cursor, pfn + pageblockPages, 1, false);
        }
        return taken + cc.totalFreeScanned;
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public int naiveScan() {
        PageArray p = pageArray;
        int free = 0;
        for (int pfn = 0; pfn < PAGES; pfn++) {
            if (!(p.isAllocatedHead(pfn) && p.allocatedOrder(pfn) > 0) && p.isPageBuddy(pfn)) {
                free++;
            }
        }
        return free;
    }
}
