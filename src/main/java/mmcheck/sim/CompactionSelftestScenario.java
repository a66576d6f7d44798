package mmcheck.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.buddy.Watermarks;
import mmcheck.mm.compaction.AtomicMigration;
import mmcheck.mm.compaction.CompactPriority;
import mmcheck.mm.compaction.Compaction;
import mmcheck.mm.compaction.CompactionCounters;
import mmcheck.mm.compaction.CompactionNode;

/**
 * CompactionSelftestScenario - the kernel selftest tools/testing/selftests/mm/compaction_test.c run on the engine.
 *
 * <p>The test reads MemFree, maps and touches MAP_LOCKED anonymous chunks of 100 MB until 80% of it is used, unmaps
 * every other chunk, then asks for 100000 huge pages through /proc/sys/vm/nr_hugepages; it passes when
 * MemFree / (nr_hugepages * hugepage size) is at most 3, i.e. about a third of the free memory became huge pages.
 *
 * <p>In the engine: one zone; the pages of a chunk come from the allocator one by one as the touches fault them in,
 * each 512 user pages needing one page-table page (an unmovable allocation); mlocked pages stay migratable
 * (compact_unevictable_allowed=1). Each huge page is allocated as alloc_pool_huge_page() does with
 * __GFP_RETRY_MAYFAIL: the fast path, then direct compaction at COMPACT_PRIO_ASYNC, COMPACT_PRIO_SYNC_LIGHT and
 * COMPACT_PRIO_SYNC_FULL in turn; the allocation stops at the first huge page none of them produces.
 */
public final class CompactionSelftestScenario {

    static final int MAP_SIZE_PAGES = 100 * 256;
    static final int HUGE_ORDER = 9;
    static final int PAGE_TABLE_OWNER = 5;
    static final int HUGE_OWNER = 6;
    static final int PAGE_CACHE_OWNER = 8;

    private CompactionSelftestScenario() {
    }

    /** The outcome and the figures the selftest prints. */
    public record Result(long memFreePages, int chunksMapped, int hugepages, int compactionIndex, boolean passed,
            boolean withCompaction, CompactionCounters counters, long pgmigrate) {

        public String report() {
            return String.format(Locale.ROOT, "compaction_test (%s compaction): MemFree %d kB, %d chunks of 100 MB "
                    + "locked, every other one unmapped; nr_hugepages %d (%d kB), compaction index %d: %s",
                    withCompaction ? "with" : "without", memFreePages * 4, chunksMapped, hugepages,
                    (long) hugepages * 2048, compactionIndex, passed ? "PASS" : "FAIL (less than 1/3 of memory as huge pages)");
        }
    }

    /** Runs the selftest on a zone of this many pages. */
    public static Result run(int zonePages, boolean withCompaction) {
        Zone zone = Zone.init(MmGeometry.linux(0, zonePages));
        Watermarks.setupPerZoneWmarks(zone, Math.max(128, zonePages / 256));
        PageAlloc pa = new PageAlloc(zone);
        age(pa, zonePages);
        AtomicMigration migration = new AtomicMigration(pa);
        CompactionCounters counters = new CompactionCounters();
        Compaction c = new Compaction(pa, migration, counters);
        CompactionNode node = new CompactionNode(0, List.of(c), counters);
        long memFree = zone.freePages();
        long fragmentable = memFree * 8 / 10;
        List<int[]> chunks = new ArrayList<>();
        while (fragmentable >= MAP_SIZE_PAGES) {
            int[] chunk = new int[MAP_SIZE_PAGES];
            for (int i = 0; i < MAP_SIZE_PAGES; i++) {
                if (i % 512 == 0) {
                    pa.rmqueue(0, MigrateType.MIGRATE_UNMOVABLE, PAGE_TABLE_OWNER);
                }
                chunk[i] = pa.rmqueue(0, MigrateType.MIGRATE_MOVABLE, FragmentedZone.USER_OWNER);
            }
            chunks.add(chunk);
            fragmentable -= MAP_SIZE_PAGES;
        }
        for (int k = 0; k < chunks.size(); k += 2) {
            for (int pfn : chunks.get(k)) {
                if (pfn >= 0) {
                    pa.freeOnePage(pfn, 0);
                }
            }
        }
        int huge = 0;
        while (huge < 100000) {
            int pfn = allocHugePage(node, c, withCompaction);
            if (pfn < 0) {
                break;
            }
            huge++;
        }
        int index = huge == 0 ? Integer.MAX_VALUE : (int) (memFree / ((long) huge << HUGE_ORDER));
        return new Result(memFree, chunks.size(), huge, index, index <= 3, withCompaction, counters,
                migration.pgmigrateSuccess());
    }

    /**
     * age() - a system that has been running: every page was used once, and one in ten stays in use as page cache
     * (movable, scattered); the others were freed in random order, so the free lists hand out pages from all over.
     */
    static void age(PageAlloc pa, int zonePages) {
        int[] used = new int[zonePages];
        int n = 0;
        int pfn;
        while ((pfn = pa.rmqueue(0, MigrateType.MIGRATE_MOVABLE, PAGE_CACHE_OWNER)) >= 0) {
            used[n++] = pfn;
        }
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = used[i];
            used[i] = used[j];
            used[j] = t;
        }
        for (int i = n / 10; i < n; i++) {
            pa.freeOnePage(used[i], 0);
        }
    }

    static int allocHugePage(CompactionNode node, Compaction c, boolean withCompaction) {
        Zone z = c.zone();
        if (Watermarks.zoneWatermarkOk(z, HUGE_ORDER, z.minWmark())) {
            int pfn = c.pageAlloc().rmqueue(HUGE_ORDER, MigrateType.MIGRATE_MOVABLE, HUGE_OWNER);
            if (pfn >= 0) {
                return pfn;
            }
        }
        if (!withCompaction) {
            return -1;
        }
        for (CompactPriority prio : new CompactPriority[] {CompactPriority.COMPACT_PRIO_ASYNC,
                CompactPriority.COMPACT_PRIO_SYNC_LIGHT, CompactPriority.COMPACT_PRIO_SYNC_FULL}) {
            int pfn = node.allocPagesDirectCompact(HUGE_ORDER, prio, MigrateType.MIGRATE_MOVABLE, HUGE_OWNER);
            if (pfn >= 0) {
                return pfn;
            }
        }
        return -1;
    }
}
