package mmcheck.sim;

import java.util.Locale;
import java.util.SplittableRandom;

import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.PageArray;
import mmcheck.mm.Zone;
import mmcheck.mm.ZoneBuilder;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.buddy.Watermarks;
import mmcheck.mm.compaction.AtomicMigration;
import mmcheck.mm.compaction.CompactPriority;
import mmcheck.mm.compaction.Compaction;
import mmcheck.mm.compaction.CompactionCounters;
import mmcheck.mm.compaction.CompactionNode;

/**
 * HugepageReclaimScenario - Mel Gorman's measurement from the compaction patches (LWN, "Memory compaction", 2010):
 * with compaction more than 90% of memory could be allocated as huge pages, with far less reclaim than without.
 *
 * <p>A 1 GiB zone holds a movable workload: 80% of its pages in use, each reclaimable (clean page cache or
 * swappable anonymous memory), scattered over the zone; 20% free, scattered. Huge pages (order 9) are allocated
 * until a target share of memory is huge pages or no more can be had. Three ways to make room when an allocation
 * fails: {@link Strategy#RECLAIM} frees SWAP_CLUSTER_MAX pages from the LRU (order-0 reclaim, a kernel without
 * compaction or lumpy reclaim); {@link Strategy#LUMPY_RECLAIM} frees the whole aligned block around the next LRU
 * page (2.6.32's lumpy reclaim, the baseline of Mel's measurement); {@link Strategy#COMPACTION} compacts (direct
 * compaction, async, sync-light, then sync-full) and reclaims SWAP_CLUSTER_MAX pages only when compaction cannot
 * produce a huge page.
 */
public final class HugepageReclaimScenario {

    /** How room is made when a huge page cannot be allocated. */
    public enum Strategy {
        RECLAIM, LUMPY_RECLAIM, COMPACTION
    }

    static final int HUGE_ORDER = 9;
    static final int SWAP_CLUSTER_MAX = 32;
    static final int LRU_OWNER = 1;
    static final int HUGE_OWNER = 6;

    private HugepageReclaimScenario() {
    }

    /** The outcome: huge pages allocated, and what it cost. */
    public record Result(Strategy strategy, int targetPct, int zonePages, int hugepages, long reclaimed,
            long migrated) {

        public double hugePct() {
            return 100.0 * ((long) hugepages << HUGE_ORDER) / zonePages;
        }

        public String row() {
            return String.format(Locale.ROOT, "%-14s %6d%% %10d %9.1f%% %12d %12d", strategy, targetPct, hugepages,
                    hugePct(), reclaimed, migrated);
        }

        public static String header() {
            return String.format(Locale.ROOT, "%-14s %7s %10s %10s %12s %12s", "strategy", "target", "hugepages",
                    "of memory", "reclaimed", "migrated");
        }
    }

    /** Allocates huge pages until targetPct of the zone is huge pages, or no more can be had. */
    public static Result run(int zonePages, Strategy strategy, int targetPct, long seed) {
        MmGeometry g = MmGeometry.linux(0, zonePages);
        SplittableRandom layout = new SplittableRandom(seed);
        ZoneBuilder b = Zone.builder(g);
        int runStart = -1;
        for (int pfn = 0; pfn < zonePages; pfn++) {
            if (layout.nextInt(100) < 80) {
                if (runStart >= 0) {
                    FragmentedZone.freeRun(b, g, runStart, pfn);
                    runStart = -1;
                }
                b.allocatedBlock(pfn, 0, MigrateType.MIGRATE_MOVABLE, LRU_OWNER);
            } else if (runStart < 0) {
                runStart = pfn;
            }
        }
        if (runStart >= 0) {
            FragmentedZone.freeRun(b, g, runStart, zonePages);
        }
        Zone zone = b.build();
        Watermarks.setupPerZoneWmarks(zone, Math.max(128, zonePages / 256));
        PageAlloc pa = new PageAlloc(zone);
        AtomicMigration migration = new AtomicMigration(pa);
        CompactionCounters counters = new CompactionCounters();
        Compaction c = new Compaction(pa, migration, counters);
        CompactionNode node = new CompactionNode(0, java.util.List.of(c), counters);
        SplittableRandom lru = new SplittableRandom(seed + 1);
        long target = ((long) zonePages * targetPct / 100 + (1 << HUGE_ORDER) - 1) >> HUGE_ORDER;
        int huge = 0;
        long reclaimed = 0;
        while (huge < target) {
            int pfn = allocHuge(pa, zone);
            if (pfn < 0 && strategy == Strategy.COMPACTION) {
                for (CompactPriority prio : CompactPriority.values()) {
                    pfn = node.allocPagesDirectCompact(HUGE_ORDER, CompactPriority.values()[2 - prio.ordinal()],
                            MigrateType.MIGRATE_MOVABLE, HUGE_OWNER);
                    if (pfn >= 0) {
                        break;
                    }
                }
            }
            if (pfn >= 0) {
                huge++;
                continue;
            }
            long freed = strategy == Strategy.LUMPY_RECLAIM ? lumpyReclaim(pa, zone, lru)
                    : shrinkLru(pa, zone, lru, SWAP_CLUSTER_MAX);
            if (freed == 0) {
                break;
            }
            reclaimed += freed;
        }
        return new Result(strategy, targetPct, zonePages, huge, reclaimed, migration.pgmigrateSuccess());
    }

    private static int allocHuge(PageAlloc pa, Zone zone) {
        if (!Watermarks.zoneWatermarkOk(zone, HUGE_ORDER, zone.minWmark())) {
            return -1;
        }
        return pa.rmqueue(HUGE_ORDER, MigrateType.MIGRATE_MOVABLE, HUGE_OWNER);
    }

    /** The next LRU page: the LRU order of a long-running workload is unrelated to pfn, so a seeded random probe. */
    private static int nextLruPage(Zone zone, SplittableRandom lru) {
        PageArray pages = zone.pageArray();
        int n = zone.geometry().nrPages();
        for (int tries = 0; tries < 64; tries++) {
            int pfn = lru.nextInt(n);
            if (isLru(pages, pfn)) {
                return pfn;
            }
        }
        int start = lru.nextInt(n);
        for (int i = 0; i < n; i++) {
            int pfn = (start + i) % n;
            if (isLru(pages, pfn)) {
                return pfn;
            }
        }
        return -1;
    }

    private static boolean isLru(PageArray pages, int pfn) {
        return pages.isAllocatedHead(pfn) && pages.allocatedOrder(pfn) == 0 && pages.owner(pfn) == LRU_OWNER;
    }

    /** shrink_inactive_list() of nr pages: free them. */
    private static long shrinkLru(PageAlloc pa, Zone zone, SplittableRandom lru, int nr) {
        long freed = 0;
        for (int i = 0; i < nr; i++) {
            int pfn = nextLruPage(zone, lru);
            if (pfn < 0) {
                break;
            }
            pa.freeOnePage(pfn, 0);
            freed++;
        }
        return freed;
    }

    /** Lumpy reclaim (isolate_lru_pages() with an order, 2.6.32): the next LRU page and every LRU page of its block. */
    private static long lumpyReclaim(PageAlloc pa, Zone zone, SplittableRandom lru) {
        int pfn = nextLruPage(zone, lru);
        if (pfn < 0) {
            return 0;
        }
        PageArray pages = zone.pageArray();
        int start = pfn & -(1 << HUGE_ORDER);
        int end = Math.min(start + (1 << HUGE_ORDER), zone.geometry().zoneEnd());
        long freed = 0;
        for (int p = start; p < end; p++) {
            if (isLru(pages, p)) {
                pa.freeOnePage(p, 0);
                freed++;
            }
        }
        return freed;
    }
}
