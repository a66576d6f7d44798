package mmcheck.mm.buddy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import mmcheck.mm.FreeArea;
import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.PageArray;
import mmcheck.mm.Zone;

/**
 * BuddyInvariants - the invariants of spec/Buddy.tla, checked natively on an engine zone, under the same names.
 *
 * <p>{@link #check(Zone)} returns one line per violation, {@code Name: detail}, grouped in the order of
 * {@link #NAMES} (the order of the cfg), at most {@value #MAX_REPORTS} lines per invariant plus a count of the rest.
 * It runs in time linear in the zone size and terminates on any representation, however corrupted.
 *
 * <p>The free blocks are what the lists link, walked from each head; that is the abstraction of freeList. A list
 * that cannot be read as a set of pfns (a cycle, a link out of the zone, prev/next or count or tail disagreeing, a
 * page on two lists, a block on the spare order-MAX_ORDER row or on a MIGRATE_HIGHATOMIC list, which the spec has
 * no variable for) is reported under TypeOK, since the spec's freeList could not hold it.
 */
public final class BuddyInvariants {

    public static final String TYPE_OK = "TypeOK";
    public static final String FREE_BLOCK_ALIGNED_INV = "FreeBlockAlignedInv";
    public static final String BLOCKS_PARTITION_ZONE_INV = "BlocksPartitionZoneInv";
    public static final String FREE_LIST_BUDDY_FLAG_INV = "FreeListBuddyFlagInv";
    public static final String NR_FREE_INV = "NrFreeInv";
    public static final String FREE_PAGES_INV = "FreePagesInv";
    public static final String MAXIMAL_COALESCING_INV = "MaximalCoalescingInv";
    public static final String FREE_LIST_MIGRATETYPE_INV = "FreeListMigratetypeInv";

    /** The invariant names, in the order of models/MCBuddy.cfg. */
    public static final List<String> NAMES = List.of(TYPE_OK, FREE_BLOCK_ALIGNED_INV, BLOCKS_PARTITION_ZONE_INV,
            FREE_LIST_BUDDY_FLAG_INV, NR_FREE_INV, FREE_PAGES_INV, MAXIMAL_COALESCING_INV, FREE_LIST_MIGRATETYPE_INV);

    /** Lines reported per invariant before the rest are only counted. */
    public static final int MAX_REPORTS = 8;

    private static final int NR_MT = FreeArea.NR_MIGRATETYPES;
    private static final int ISOLATE = 4;
    private static final int HIGHATOMIC = 3;

    private BuddyInvariants() {
    }

    /** All violations, grouped by invariant in {@link #NAMES} order; empty if the zone satisfies every invariant. */
    public static List<String> check(Zone zone) {
        return new Checker(zone).run();
    }

    /** The violations of one invariant. */
    public static List<String> check(Zone zone, String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("no invariant is named '" + name + "'; names are " + NAMES);
        }
        List<String> out = new ArrayList<>();
        for (String v : check(zone)) {
            if (v.startsWith(name + ":")) {
                out.add(v);
            }
        }
        return out;
    }

    /** The names of the violated invariants, in {@link #NAMES} order. */
    public static List<String> violatedNames(Zone zone) {
        List<String> out = new ArrayList<>();
        for (String v : check(zone)) {
            String name = v.substring(0, v.indexOf(':'));
            if (!out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    private static final class Checker {
        private final Zone zone;
        private final MmGeometry g;
        private final PageArray pages;
        private final FreeArea area;
        private final int base;
        private final int n;
        private final int maxOrder;
        private final int rows;
        private final Map<String, List<String>> reports = new LinkedHashMap<>();
        private final Map<String, Integer> dropped = new LinkedHashMap<>();

        /** For each page, the list (order * NR_MT + mt) it was found on, or -1. */
        private final int[] listOf;
        /** Blocks linked per list, by walking. */
        private final int[] walked;
        /** Free block heads in walk order; listOf gives their list. */
        private final int[] freeHeads;
        private int nrFreeHeads;

        Checker(Zone zone) {
            this.zone = zone;
            this.g = zone.geometry();
            this.pages = zone.pageArray();
            this.area = zone.freeArea();
            this.base = g.zoneStart();
            this.n = g.nrPages();
            this.maxOrder = g.maxOrder();
            this.rows = area.rows();
            this.listOf = new int[n];
            Arrays.fill(listOf, -1);
            this.walked = new int[rows * NR_MT];
            this.freeHeads = new int[n];
            for (String name : NAMES) {
                reports.put(name, new ArrayList<>());
            }
        }

        List<String> run() {
            walkLists();
            typeOk();
            freeBlockAligned();
            blocksPartitionZone();
            freeListBuddyFlag();
            nrFree();
            freePages();
            maximalCoalescing();
            freeListMigratetype();
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : reports.entrySet()) {
                for (String detail : e.getValue()) {
                    out.add(e.getKey() + ": " + detail);
                }
                Integer more = dropped.get(e.getKey());
                if (more != null) {
                    out.add(e.getKey() + ": " + more + " more violations not shown");
                }
            }
            return out;
        }

        private void report(String name, String detail) {
            List<String> l = reports.get(name);
            if (l.size() < MAX_REPORTS) {
                l.add(detail);
            } else {
                dropped.merge(name, 1, Integer::sum);
            }
        }

        private void walkLists() {
            for (int o = 0; o < rows; o++) {
                for (int mt = 0; mt < NR_MT; mt++) {
                    walkList(o, mt);
                }
            }
        }

        private void walkList(int o, int mt) {
            int li = o * NR_MT + mt;
            String list = listName(o, mt);
            int p = area.getPageFromFreeArea(o, mt);
            int last = -1;
            int steps = 0;
            while (p != -1) {
                if (p < base || p >= base + n) {
                    report(TYPE_OK, list + " links to pfn " + hex(p) + " outside the zone");
                    break;
                }
                int i = p - base;
                if (listOf[i] == li) {
                    report(TYPE_OK, list + " has a cycle at " + hex(p));
                    break;
                }
                if (listOf[i] != -1) {
                    report(TYPE_OK, hex(p) + " is on " + listName(listOf[i] / NR_MT, listOf[i] % NR_MT)
                            + " and " + list);
                    break;
                }
                listOf[i] = li;
                freeHeads[nrFreeHeads++] = p;
                walked[li]++;
                if (pages.prev(p) != last) {
                    report(TYPE_OK, list + ": prev of " + hex(p) + " is " + hex(pages.prev(p))
                            + " but the entry before it is " + hex(last));
                }
                if (pages.migratetype(p) != mt) {
                    report(TYPE_OK, hex(p) + " is on " + list + " but records list "
                            + PageAlloc.mtName(pages.migratetype(p)));
                }
                last = p;
                p = pages.next(p);
                if (++steps > n) {
                    report(TYPE_OK, list + " is longer than the zone");
                    break;
                }
            }
            if (area.freeListTail(o, mt) != last) {
                report(TYPE_OK, list + ": tail is " + hex(area.freeListTail(o, mt)) + " but the last entry is "
                        + hex(last));
            }
            if (area.count(o, mt) != walked[li]) {
                report(TYPE_OK, list + " counts " + area.count(o, mt) + " blocks but " + walked[li] + " are linked");
            }
        }

        /** TypeOK: every variable holds a value of its type. */
        private void typeOk() {
            for (int o = 0; o < rows; o++) {
                for (int mt = 0; mt < NR_MT; mt++) {
                    int head = area.getPageFromFreeArea(o, mt);
                    if (walked[o * NR_MT + mt] == 0) {
                        continue;
                    }
                    if (o >= maxOrder) {
                        report(TYPE_OK, listName(o, mt) + " holds " + hex(head) + " but orders are 0.." + (maxOrder - 1));
                    } else if (mt == HIGHATOMIC) {
                        report(TYPE_OK, listName(o, mt) + " holds " + hex(head)
                                + " but the spec's MigrateTypes has no MIGRATE_HIGHATOMIC");
                    }
                }
            }
            for (int o = 0; o < rows; o++) {
                if (o < maxOrder && area.nrFree(o) < 0) {
                    report(TYPE_OK, "nr_free[" + o + "] is " + area.nrFree(o) + ", not a Nat");
                } else if (o >= maxOrder && area.nrFree(o) != 0) {
                    report(TYPE_OK, "nr_free[" + o + "] is " + area.nrFree(o) + " but orders are 0.." + (maxOrder - 1));
                }
            }
            for (int i = 0; i < n; i++) {
                int p = base + i;
                int order = pages.buddyOrder(p);
                if (order < 0 || order >= maxOrder) {
                    report(TYPE_OK, "pageOrder of " + hex(p) + " is " + order + " but orders are 0.." + (maxOrder - 1));
                }
                if (pages.isAllocatedHead(p)) {
                    int ao = pages.allocatedOrder(p);
                    int amt = pages.migratetype(p);
                    if (ao >= maxOrder) {
                        report(TYPE_OK, "allocated block " + hex(p) + " has order " + ao + " but orders are 0.."
                                + (maxOrder - 1));
                    }
                    if (amt < 0 || amt >= MigrateType.MIGRATE_PCPTYPES) {
                        report(TYPE_OK, "allocated block " + hex(p) + " has migratetype " + PageAlloc.mtName(amt)
                                + ", not a pcp type");
                    }
                }
            }
            for (int pb = g.firstPageblock(); pb <= g.lastPageblock(); pb++) {
                int mt = pages.pageblockMigratetype(pb);
                if (mt < 0 || mt >= NR_MT || mt == HIGHATOMIC) {
                    report(TYPE_OK, "pageblock " + pb + " has migratetype " + PageAlloc.mtName(mt)
                            + ", not one of MigrateTypes");
                }
            }
            if (zone.freePages() < 0) {
                report(TYPE_OK, "NR_FREE_PAGES is " + zone.freePages() + ", not a Nat");
            }
        }

        /** FreeBlockAlignedInv: every free block is aligned to its order and lies inside the zone. */
        private void freeBlockAligned() {
            for (int k = 0; k < nrFreeHeads; k++) {
                int p = freeHeads[k];
                int li = listOf[p - base];
                int o = li / NR_MT;
                if ((p & ((1 << o) - 1)) != 0) {
                    report(FREE_BLOCK_ALIGNED_INV, "free block " + hex(p) + " on " + listName(o, li % NR_MT)
                            + " is not aligned to " + (1 << o) + " pages");
                }
                long end = (long) p + (1L << o);
                if (end > g.zoneEnd()) {
                    report(FREE_BLOCK_ALIGNED_INV, "free block " + hex(p) + " on " + listName(o, li % NR_MT)
                            + " ends at " + hex(end) + ", past the zone end " + hex(g.zoneEnd()));
                }
            }
        }

        /** BlocksPartitionZoneInv: free and allocated blocks are disjoint, inside the zone, and cover it. */
        private void blocksPartitionZone() {
            int[] coveredBy = new int[n];
            Arrays.fill(coveredBy, -1);
            for (int k = 0; k < nrFreeHeads; k++) {
                int p = freeHeads[k];
                cover(coveredBy, p, listOf[p - base] / NR_MT, "free block");
            }
            for (int i = 0; i < n; i++) {
                if (pages.isAllocatedHead(base + i)) {
                    cover(coveredBy, base + i, pages.allocatedOrder(base + i), "allocated block");
                }
            }
            for (int i = 0; i < n; ) {
                if (coveredBy[i] != -1) {
                    i++;
                    continue;
                }
                int j = i;
                while (j < n && coveredBy[j] == -1) {
                    j++;
                }
                report(BLOCKS_PARTITION_ZONE_INV, "pages [" + hex(base + i) + ", " + hex(base + j)
                        + ") are in no block, neither free nor allocated");
                i = j;
            }
        }

        private void cover(int[] coveredBy, int p, int order, String what) {
            long end = (long) p + (1L << Math.min(order, 40));
            if (end > g.zoneEnd()) {
                report(BLOCKS_PARTITION_ZONE_INV, what + " " + hex(p) + " of order " + order + " ends at " + hex(end)
                        + ", past the zone end " + hex(g.zoneEnd()));
            }
            int stop = (int) Math.min(end, g.zoneEnd());
            for (int q = p; q < stop; q++) {
                int i = q - base;
                if (coveredBy[i] != -1) {
                    int other = coveredBy[i];
                    report(BLOCKS_PARTITION_ZONE_INV, what + " " + hex(p) + " of order " + order + " overlaps "
                            + describeBlock(other) + " at " + hex(q));
                    return;
                }
                coveredBy[i] = p;
            }
        }

        private String describeBlock(int p) {
            int i = p - base;
            if (listOf[i] != -1) {
                return "free block " + hex(p) + " of order " + listOf[i] / NR_MT;
            }
            return "allocated block " + hex(p) + " of order " + pages.allocatedOrder(p);
        }

        /** FreeListBuddyFlagInv: a pfn is on a list of order o exactly when PageBuddy with buddy_order o. */
        private void freeListBuddyFlag() {
            for (int i = 0; i < n; i++) {
                int p = base + i;
                boolean buddy = pages.isPageBuddy(p);
                int li = listOf[i];
                if (buddy && li == -1) {
                    report(FREE_LIST_BUDDY_FLAG_INV, hex(p) + " is PageBuddy with order " + pages.buddyOrder(p)
                            + " but on no free list");
                } else if (!buddy && li != -1) {
                    report(FREE_LIST_BUDDY_FLAG_INV, hex(p) + " is on " + listName(li / NR_MT, li % NR_MT)
                            + " but not PageBuddy");
                } else if (li != -1 && pages.buddyOrder(p) != li / NR_MT) {
                    report(FREE_LIST_BUDDY_FLAG_INV, hex(p) + " is on " + listName(li / NR_MT, li % NR_MT)
                            + " but buddy_order is " + pages.buddyOrder(p));
                }
                if (!buddy && pages.buddyOrder(p) != 0) {
                    report(FREE_LIST_BUDDY_FLAG_INV, hex(p) + " is not PageBuddy but buddy_order is "
                            + pages.buddyOrder(p));
                }
            }
        }

        /** NrFreeInv: nr_free[o] counts the blocks on all lists of order o. */
        private void nrFree() {
            for (int o = 0; o < maxOrder; o++) {
                int blocks = 0;
                for (int mt = 0; mt < NR_MT; mt++) {
                    blocks += walked[o * NR_MT + mt];
                }
                if (area.nrFree(o) != blocks) {
                    report(NR_FREE_INV, "nr_free[" + o + "] is " + area.nrFree(o) + " but " + blocks
                            + " blocks are on the order-" + o + " lists");
                }
            }
        }

        /** FreePagesInv: NR_FREE_PAGES counts the pages on all lists but MIGRATE_ISOLATE. */
        private void freePages() {
            long counted = 0;
            for (int o = 0; o < rows; o++) {
                for (int mt = 0; mt < NR_MT; mt++) {
                    if (mt != ISOLATE) {
                        counted += (long) walked[o * NR_MT + mt] << o;
                    }
                }
            }
            if (zone.freePages() != counted) {
                report(FREE_PAGES_INV, "NR_FREE_PAGES is " + zone.freePages() + " but the lists other than "
                        + "MIGRATE_ISOLATE hold " + counted + " pages");
            }
        }

        /**
         * MaximalCoalescingInv: no two free buddies of the same order below MAX_ORDER-1, except at order &gt;=
         * pageblock_order when either pageblock is isolated.
         */
        private void maximalCoalescing() {
            for (int k = 0; k < nrFreeHeads; k++) {
                int p = freeHeads[k];
                int li = listOf[p - base];
                int o = li / NR_MT;
                if (o >= maxOrder - 1) {
                    continue;
                }
                int bp = p ^ (1 << o);
                if (bp < p || bp >= base + n) {
                    continue;
                }
                int bli = listOf[bp - base];
                if (bli == -1 || bli / NR_MT != o) {
                    continue;
                }
                int pmt = pages.pfnblockMigratetype(p);
                int bmt = pages.pfnblockMigratetype(bp);
                if (o >= g.pageblockOrder() && (pmt == ISOLATE || bmt == ISOLATE)) {
                    continue;
                }
                report(MAXIMAL_COALESCING_INV, "free buddies " + hex(p) + " and " + hex(bp) + " of order " + o
                        + " (on " + listName(o, li % NR_MT) + " and " + listName(o, bli % NR_MT) + ", pageblocks "
                        + PageAlloc.mtName(pmt) + " and " + PageAlloc.mtName(bmt) + ") are not merged");
            }
        }

        /** FreeListMigratetypeInv: a free block is on a MIGRATE_ISOLATE list exactly when its pageblocks are isolated. */
        private void freeListMigratetype() {
            for (int k = 0; k < nrFreeHeads; k++) {
                int p = freeHeads[k];
                int li = listOf[p - base];
                int o = li / NR_MT;
                int mt = li % NR_MT;
                long last = Math.min((long) p + (1L << o) - 1, g.zoneEnd() - 1);
                int firstPb = Math.max(g.pageblockOf(p), g.firstPageblock());
                int lastPb = Math.min((int) (last >> g.pageblockOrder()), g.lastPageblock());
                for (int pb = firstPb; pb <= lastPb; pb++) {
                    boolean pbIsolated = pages.pageblockMigratetype(pb) == ISOLATE;
                    if (pbIsolated != (mt == ISOLATE)) {
                        report(FREE_LIST_MIGRATETYPE_INV, "free block " + hex(p) + " on " + listName(o, mt)
                                + " covers pageblock " + pb + " of type "
                                + PageAlloc.mtName(pages.pageblockMigratetype(pb)));
                        break;
                    }
                }
            }
        }

        private static String listName(int o, int mt) {
            return "free_list[" + o + "][" + PageAlloc.mtName(mt) + "]";
        }

        private static String hex(long pfn) {
            return PageAlloc.hex(pfn);
        }
    }
}
