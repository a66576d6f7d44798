package mmcheck.mm.compaction;

import java.util.ArrayList;
import java.util.List;

import mmcheck.mm.BlockVisitor;
import mmcheck.mm.MigrateType;
import mmcheck.mm.PageArray;
import mmcheck.mm.Zone;
import mmcheck.mm.migrate.PageList;

/**
 * CompactionInvariants - the compaction invariants of spec/Compaction.tla, checked on the engine, same names.
 * Each returns the violations it finds as "Name: what", empty when it holds.
 */
public final class CompactionInvariants {

    /**
     * While a run is live the migrate scanner isolates below the free scanner, in pageblocks (compact_scanners_met()),
     * and the isolated migrate pages lie below the isolated free pages.
     */
    public static final String SCANNERS_NON_CROSSING_INV = "ScannersNonCrossingInv";
    /** Every isolated page is on exactly one cc list, on no free list and not counted free; NR_ISOLATED is exact. */
    public static final String ISOLATED_ACCOUNTED_INV = "IsolatedAccountedInv";
    /** Both cc lists are empty when compact_zone() returns (its VM_BUG_ONs). */
    public static final String CC_LISTS_EMPTY_AT_RETURN_INV = "CcListsEmptyAtReturnInv";
    /** compact_defer_shift &lt;= COMPACT_MAX_DEFER_SHIFT, compact_considered &lt;= 1 &lt;&lt; shift. */
    public static final String DEFER_BOUNDS_INV = "DeferBoundsInv";
    /** Every page is free, allocated or isolated, once; user pages are neither created nor lost. */
    public static final String CONSERVATION_INV = "ConservationInv";
    /** COMPACT_SUCCESS from compact_finished() means a suitable free block of order &gt;= cc.order exists. */
    public static final String SUCCESS_IMPLIES_SUITABLE_BLOCK_INV = "SuccessImpliesSuitableBlockInv";

    public static final List<String> NAMES = List.of(SCANNERS_NON_CROSSING_INV, ISOLATED_ACCOUNTED_INV,
            CC_LISTS_EMPTY_AT_RETURN_INV, DEFER_BOUNDS_INV, CONSERVATION_INV, SUCCESS_IMPLIES_SUITABLE_BLOCK_INV);

    private CompactionInvariants() {
    }

    /**
     * check() - every invariant of one zone's compaction, with cc the run in progress or just ended (or null).
     *
     * @param userPages the number of user pages (allocated to owners other than compaction) the zone must hold
     */
    public static List<String> check(Compaction c, CompactControl cc, long userPages) {
        List<String> out = new ArrayList<>();
        if (cc != null) {
            scannersNonCrossing(c, cc, out);
            ccListsEmptyAtReturn(cc, out);
        }
        isolatedAccounted(c, cc, out);
        deferBounds(c, out);
        conservation(c, cc, userPages, out);
        return out;
    }

    /** The names of the invariants check() finds broken, in NAMES order, each once. */
    public static List<String> violatedNames(List<String> violations) {
        List<String> names = new ArrayList<>();
        for (String n : NAMES) {
            for (String v : violations) {
                if (v.startsWith(n + ":")) {
                    names.add(n);
                    break;
                }
            }
        }
        return names;
    }

    /**
     * spec/Compaction.tla's ScannersNonCrossingInv: while the migrate scanner isolates, its pageblock is below the
     * free scanner's (compact_scanners_met() is false); and the pages of the batch being migrated lie in lower
     * pageblocks than every pfn the free scanner scanned for that batch. (Not over the whole run, nor against free
     * pages left from earlier batches: 6.1's fast_isolate_freepages() takes pages anywhere above the migrate
     * scanner's pageblock without moving free_pfn, so the migrate scanner may later scan a pageblock the free scanner
     * took pages from, while some of them are still on cc->freepages.)
     */
    static void scannersNonCrossing(Compaction c, CompactControl cc, List<String> out) {
        if (cc.phase() != CompactControl.Phase.RUNNING) {
            return;
        }
        int pbo = c.zone().geometry().pageblockOrder();
        if (cc.pc() == CompactControl.Pc.ISOLATE && (cc.migratePfn >> pbo) >= (cc.freePfn >> pbo)) {
            out.add(SCANNERS_NON_CROSSING_INV + ": isolate_migratepages() at migrate_pfn 0x"
                    + Integer.toHexString(cc.migratePfn) + " with free_pfn 0x" + Integer.toHexString(cc.freePfn)
                    + ": the scanners met");
        }
        int highestMigrate = -1;
        for (int i = 0; i < cc.migratepages.size(); i++) {
            highestMigrate = Math.max(highestMigrate, cc.migratepages.get(i));
        }
        if (highestMigrate >= 0 && cc.minFreeScannedPfn != Integer.MAX_VALUE
                && (highestMigrate >> pbo) >= (cc.minFreeScannedPfn >> pbo)) {
            out.add(SCANNERS_NON_CROSSING_INV + ": page 0x" + Integer.toHexString(highestMigrate)
                    + " is on cc->migratepages and the free scanner scanned pfn 0x"
                    + Integer.toHexString(cc.minFreeScannedPfn) + " for this batch, not in lower and higher pageblocks");
        }
    }

    static void ccListsEmptyAtReturn(CompactControl cc, List<String> out) {
        if (cc.phase() != CompactControl.Phase.DONE) {
            return;
        }
        if (!cc.migratepages.isEmpty() || !cc.freepages.isEmpty() || !cc.isolatedFree.isEmpty()
                || cc.nrFreepages != 0) {
            out.add(CC_LISTS_EMPTY_AT_RETURN_INV + ": compact_zone() returned " + cc.result() + " with migratepages "
                    + cc.migratepages + ", freepages " + cc.freepages + ", unsplit " + cc.isolatedFree
                    + ", nr_freepages " + cc.nrFreepages);
        }
    }

    static void isolatedAccounted(Compaction c, CompactControl cc, List<String> out) {
        CompactionMigrator m = c.migrator();
        Zone z = c.zone();
        PageArray pages = z.pageArray();
        int listed = 0;
        if (cc != null) {
            PageList mp = cc.migratepages;
            for (int i = 0; i < mp.size(); i++) {
                int pfn = mp.get(i);
                if (!m.isIsolated(pfn)) {
                    out.add(ISOLATED_ACCOUNTED_INV + ": 0x" + Integer.toHexString(pfn)
                            + " is on cc->migratepages but not isolated");
                }
                if (mp.indexOf(pfn) != i) {
                    out.add(ISOLATED_ACCOUNTED_INV + ": 0x" + Integer.toHexString(pfn) + " is listed twice");
                }
            }
            listed = mp.size();
            // As IsolatedPagesInv: no batch between migrate_pages() calls; during one, nr_migratepages still counts
            // the whole batch while the migrated pages leave the list; after it, the putback empties the list.
            CompactControl.Pc pc = cc.pc();
            boolean between = pc == CompactControl.Pc.FINISHED || pc == CompactControl.Pc.ISOLATE;
            boolean migrating = pc == CompactControl.Pc.MIGRATE || pc == CompactControl.Pc.ISOLATE_FREE;
            if ((between && (mp.size() != 0 || cc.nrMigratepages != 0))
                    || (migrating && cc.nrMigratepages < mp.size())) {
                out.add(ISOLATED_ACCOUNTED_INV + ": nr_migratepages " + cc.nrMigratepages + " but "
                        + mp.size() + " pages listed at " + pc.specName());
            }
            long freeListed = cc.freepages.size();
            for (int i = 0; i < cc.isolatedFree.size(); i++) {
                freeListed += 1L << cc.isolatedFreeOrder.get(i);
            }
            if (freeListed != cc.nrFreepages) {
                out.add(ISOLATED_ACCOUNTED_INV + ": nr_freepages " + cc.nrFreepages + " but " + freeListed
                        + " free pages isolated on the cc lists");
            }
            for (int i = 0; i < cc.freepages.size(); i++) {
                int pfn = cc.freepages.get(i);
                if (pages.isPageBuddy(pfn) || !pages.isAllocatedHead(pfn)
                        || pages.owner(pfn) != AtomicMigration.COMPACTION_OWNER) {
                    out.add(ISOLATED_ACCOUNTED_INV + ": 0x" + Integer.toHexString(pfn)
                            + " is on cc->freepages but is not a page split off for compaction");
                }
            }
        }
        if (m.nrIsolatedAnon() != listed) {
            out.add(ISOLATED_ACCOUNTED_INV + ": NR_ISOLATED_ANON is " + m.nrIsolatedAnon() + " but " + listed
                    + " pages are on cc->migratepages");
        }
    }

    static void deferBounds(Compaction c, List<String> out) {
        ZoneCompactState s = c.state();
        int maxOrder = c.zone().geometry().maxOrder();
        if (s.compactDeferShift < 0 || s.compactDeferShift > ZoneCompactState.COMPACT_MAX_DEFER_SHIFT
                || s.compactConsidered < 0 || s.compactConsidered > 1L << Math.max(0, s.compactDeferShift)
                || s.compactOrderFailed < 0 || s.compactOrderFailed > maxOrder) {
            out.add(DEFER_BOUNDS_INV + ": compact_defer_shift " + s.compactDeferShift + ", compact_considered "
                    + s.compactConsidered + ", compact_order_failed " + s.compactOrderFailed);
        }
    }

    static void conservation(Compaction c, CompactControl cc, long userPages, List<String> out) {
        Zone z = c.zone();
        long[] counts = new long[3];
        z.forEachBlock(new BlockVisitor() {
            @Override
            public void freeBlock(int pfn, int order, int listMigratetype) {
                if (listMigratetype != MigrateType.MIGRATE_ISOLATE.ordinal()) {
                    counts[0] += 1L << order;
                }
            }

            @Override
            public void allocatedBlock(int pfn, int order, int migratetype, int owner) {
                counts[owner == AtomicMigration.COMPACTION_OWNER ? 2 : 1] += 1L << order;
            }
        });
        long unsplit = 0;
        if (cc != null) {
            for (int i = 0; i < cc.isolatedFree.size(); i++) {
                unsplit += 1L << cc.isolatedFreeOrder.get(i);
            }
        }
        long total = counts[0] + counts[1] + counts[2] + unsplit;
        if (total != z.geometry().nrPages()) {
            out.add(CONSERVATION_INV + ": " + counts[0] + " free + " + counts[1] + " allocated + " + counts[2]
                    + " split for compaction + " + unsplit + " isolated unsplit = " + total + " pages, the zone has "
                    + z.geometry().nrPages());
        }
        if (counts[0] != z.freePages()) {
            out.add(CONSERVATION_INV + ": NR_FREE_PAGES is " + z.freePages() + " but " + counts[0]
                    + " pages are in free blocks");
        }
        if (userPages >= 0 && counts[1] != userPages) {
            out.add(CONSERVATION_INV + ": " + counts[1] + " pages are allocated to users, " + userPages + " expected");
        }
    }

    /**
     * successImpliesSuitableBlock() - for a run that compact_finished() ended with COMPACT_SUCCESS (not by a
     * capture), a free block of order &gt;= cc.order is on the requested type's list or one it may steal from.
     */
    public static List<String> successImpliesSuitableBlock(Compaction c, CompactControl cc, CompactResult finished) {
        List<String> out = new ArrayList<>();
        if (finished != CompactResult.COMPACT_SUCCESS || cc.order < 0 || cc.proactiveCompaction) {
            return out;
        }
        Zone z = c.zone();
        for (int o = cc.order; o < z.geometry().maxOrder(); o++) {
            for (MigrateType mt : new MigrateType[] {MigrateType.MIGRATE_UNMOVABLE, MigrateType.MIGRATE_MOVABLE,
                    MigrateType.MIGRATE_RECLAIMABLE}) {
                if (z.freeCount(o, mt) > 0 && (mt == cc.migratetype || o >= z.geometry().pageblockOrder() / 2
                        || cc.migratetype != MigrateType.MIGRATE_MOVABLE)) {
                    return out;
                }
            }
        }
        out.add(SUCCESS_IMPLIES_SUITABLE_BLOCK_INV + ": compact_finished() returned COMPACT_SUCCESS for order "
                + cc.order + " but no free block of that order or above can serve " + cc.migratetype);
        return out;
    }
}
