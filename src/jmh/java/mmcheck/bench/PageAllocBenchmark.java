package mmcheck.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
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
import mmcheck.mm.buddy.PageAlloc;

/**
 * {@code mvn -B -o -q test-compile && java -cp target/test-classes:target/classes:$(cat target/test.classpath)
 * org.openjdk.jmh.Main PageAllocBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s}
 *
 * <p>Bytes of page state per page: {@code java -cp target/test-classes:target/classes mmcheck.bench.PageAllocBenchmark}.
 *
 * <p>Measures one alloc+free pair per operation, {@code rmqueueSmallest(order, MIGRATE_MOVABLE)} followed by
 * {@code freeOnePage(pfn, order)} (__rmqueue_smallest() and __free_one_page(), no per-cpu lists), on a 2^20-page zone
 * (4 GiB) with Linux's MAX_ORDER 11 and pageblock_order 9, events discarded (EventSink.NONE).
 *
 * <ul>
 * <li>{@code layout=fragmented}, the steady state of a used machine: the first page of every 1024-page block is
 * allocated and the rest is free as one block of each order 0..9, so every list of orders 0..9 holds 1024 blocks.
 * An allocation takes a block of exactly its order without splitting; freeing it cannot merge (its buddy holds the
 * pinned page), and below order 9 buddy_merge_likely() sends it to the list tail, so successive pairs walk through
 * all 1024 blocks rather than reusing one hot block.</li>
 * <li>{@code layout=hot}: one free block of the benchmark's order per 1024-page block, its buddies allocated, so
 * buddy_merge_likely() is false, a freed block returns to the list head and the next pair reuses it while it is
 * cache-hot (what the kernel's per-cpu lists achieve for order 0).</li>
 * <li>{@code layout=init}, the zone right after boot: only order-10 blocks, so each allocation splits 10 - order
 * times in expand() and each free merges as many times.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PageAllocBenchmark {

    /** 2^20 pages of 4 KiB. */
    static final int ZONE_PAGES = 1 << 20;
    static final int CHUNK = 1 << 10;

    @Param({"0", "3", "9"})
    int order;

    @Param({"fragmented", "hot", "init"})
    String layout;

    Zone zone;
    PageAlloc pageAlloc;

    @Setup
    public void setUp() {
        MmGeometry g = MmGeometry.linux(0, ZONE_PAGES);
        g.requireOrder(order);
        zone = Zone.init(g);
        pageAlloc = new PageAlloc(zone);
        if (layout.equals("fragmented")) {
            fragment();
        } else if (layout.equals("hot")) {
            fragmentHot();
        } else if (!layout.equals("init")) {
            throw new IllegalArgumentException("layout " + layout + " is not fragmented, hot or init");
        }
    }

    /** Allocates every page, then frees all but the first page of each 1024-page block. */
    private void fragment() {
        int[] pfns = new int[ZONE_PAGES];
        int n = 0;
        for (int pfn; (pfn = pageAlloc.rmqueue(0, MigrateType.MIGRATE_MOVABLE, 1)) >= 0; ) {
            pfns[n++] = pfn;
        }
        for (int i = 0; i < n; i++) {
            if (pfns[i] % CHUNK != 0) {
                pageAlloc.freeOnePage(pfns[i], 0);
            }
        }
    }

    /**
     * Allocates every page, then frees one block of the benchmark's order in each 1024-page block, leaving its
     * buddies allocated: buddy_merge_likely() is false, so a freed block goes back to the list head and the next
     * allocation takes it again, the cache-hot reuse per-cpu lists give the kernel.
     */
    private void fragmentHot() {
        int[] pfns = new int[ZONE_PAGES];
        int n = 0;
        for (int pfn; (pfn = pageAlloc.rmqueue(order, MigrateType.MIGRATE_MOVABLE, 1)) >= 0; ) {
            pfns[n++] = pfn;
        }
        for (int i = 0; i < n; i++) {
            if (pfns[i] % CHUNK == (1 << order) % CHUNK && order < 10) {
                pageAlloc.freeOnePage(pfns[i], order);
            }
        }
    }

    @Benchmark
    public int allocFreePair() {
        int pfn = pageAlloc.rmqueueSmallest(order, MigrateType.MIGRATE_MOVABLE, 1);
        pageAlloc.freeOnePage(pfn, order);
        return pfn;
    }

    /** Prints the page-state footprint of the benchmark's zone. */
    public static void main(String[] args) {
        Zone z = Zone.init(MmGeometry.linux(0, ZONE_PAGES));
        System.out.println("bytes of page state per page: " + PageArray.bytesPerPage()
                + " (+" + PageArray.bytesPerPageblock() + " per pageblock)");
        System.out.println("zone of " + ZONE_PAGES + " pages: " + z.pageArray().footprintBytes() + " bytes of arrays");
    }
}
