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

import mmcheck.mm.MmGeometry;
import mmcheck.mm.PageArray;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.migrate.AddressSpaces;
import mmcheck.mm.migrate.Migrate;
import mmcheck.mm.migrate.MigrateMode;
import mmcheck.mm.migrate.MigrateReason;
import mmcheck.mm.migrate.PageList;

/**
 * {@code ./check.sh bench MigratePagesBenchmark} (short run: {@code ./check.sh bench MigratePagesBenchmark -wi 2 -i 3
 * -w 1s -r 1s}).
 *
 * <p>Bytes of the new per-page state: {@code java -cp target/test-classes:target/classes mmcheck.bench.MigratePagesBenchmark}.
 *
 * <p>Pages migrated per second by {@code Migrate.migratePages} on a 2^20-page zone (4 GiB, MAX_ORDER 11,
 * pageblock_order 9). Eight processes each map 24576 pages (196608 in all, 3/4 of a GiB); every fourth page of
 * each is also mapped by the next process, as fork leaves it, so a quarter of the pages have two PTEs. One
 * operation isolates the next 32 mapped pages (COMPACT_CLUSTER_MAX; folio_isolate_lru()) and migrates them with
 * destinations from the buddy allocator (alloc_migration_target()): try_to_migrate() and remove_migration_ptes()
 * walk each page's reverse map, move_to_new_folio() copies, and the freed source merges back. The score is pages
 * per second: every page migrates in the first pass (nothing is pinned, locked or under writeback), which the
 * benchmark checks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MigratePagesBenchmark {

    static final int ZONE_PAGES = 1 << 20;
    static final int PROCS = 8;
    static final int PRIVATE_VPAGES = 24576;
    static final int SHARED_EVERY = 4;
    static final int VPAGES = PRIVATE_VPAGES + PRIVATE_VPAGES / SHARED_EVERY;
    /** COMPACT_CLUSTER_MAX: the batch compaction isolates and migrates at once. */
    static final int BATCH = 32;

    @Param({"MIGRATE_ASYNC", "MIGRATE_SYNC"})
    MigrateMode mode;

    AddressSpaces as;
    Migrate migrate;
    final PageList list = new PageList(BATCH);
    int cursor;

    @Setup
    public void setUp() {
        Zone zone = Zone.init(MmGeometry.linux(0, ZONE_PAGES));
        as = new AddressSpaces(new PageAlloc(zone), PROCS, VPAGES);
        migrate = new Migrate(as);
        for (int p = 0; p < PROCS; p++) {
            for (int v = 0; v < PRIVATE_VPAGES; v++) {
                as.doAnonymousPage(p, v);
                as.userWrite(p, v, p * PRIVATE_VPAGES + v + 1);
            }
        }
        for (int p = 0; p < PROCS; p++) {
            for (int v = 0; v < PRIVATE_VPAGES; v += SHARED_EVERY) {
                as.copyPresentPte(p, v, (p + 1) % PROCS, PRIVATE_VPAGES + v / SHARED_EVERY);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int migrateBatch() {
        for (int i = 0; i < BATCH; i++) {
            int c = cursor;
            cursor = (c + 1) % (PROCS * PRIVATE_VPAGES);
            migrate.folioIsolateLru(as.ptePfn(c / PRIVATE_VPAGES, c % PRIVATE_VPAGES), list);
        }
        int rc = migrate.migratePages(list, as::allocMigrationTarget, null, mode, MigrateReason.MR_COMPACTION);
        if (rc != 0) {
            throw new IllegalStateException("migrate_pages returned " + rc + " for " + list);
        }
        return rc;
    }

    /** Prints the footprint of the per-page and per-PTE state. */
    public static void main(String[] args) {
        System.out.println("buddy allocator page state: " + PageArray.bytesPerPage() + " bytes per page");
        System.out.println("page tables, rmap and migration state: " + AddressSpaces.BYTES_PER_PAGE
                + " bytes per page + " + AddressSpaces.BYTES_PER_SLOT + " bytes per PTE slot");
        System.out.println("benchmark zone: " + ZONE_PAGES + " pages, " + PROCS * VPAGES + " PTE slots, "
                + ((long) AddressSpaces.BYTES_PER_PAGE * ZONE_PAGES + (long) AddressSpaces.BYTES_PER_SLOT * PROCS * VPAGES)
                + " bytes of new state");
    }
}
