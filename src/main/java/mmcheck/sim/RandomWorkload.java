package mmcheck.sim;

import java.util.List;
import java.util.SplittableRandom;

import mmcheck.event.MmAction;
import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.buddy.PageIsolation;
import mmcheck.mm.buddy.Watermarks;

/**
 * A seeded random mix of page-allocator requests on one zone: allocations of every order and
 * requested migratetype (so that fallback and stealing happen), frees of random allocated blocks,
 * and pageblock isolation and its undo.
 *
 * <p>Requests go through the kernel-shaped entry points (get_page_from_freelist, __free_one_page,
 * set/unset_migratetype_isolate); the steps they take reach the allocator's EventSink. A request
 * that the allocator turns down is reported to the {@link Refusals} listener with the step it
 * would have been, so a checker can confirm the spec turns it down too.
 */
public final class RandomWorkload {
    /** Receives the steps the engine refused. */
    public interface Refusals {
        void refused(MmAction action, int[] args);

        /** As above, with the engine's own reason. */
        default void refusedBecause(String reason, MmAction action, int[] args) {
            refused(action, args);
        }
    }

    private final Zone zone;
    private final PageAlloc alloc;
    private final PageIsolation isolation;
    private final MigrateType[] allocTypes;
    private final int[] owners;
    private final Refusals refusals;
    private final SplittableRandom random;
    private final MmGeometry g;
    // Allocated blocks as parallel arrays; removal swaps in the last entry.
    private int[] allocPfn = new int[64];
    private int[] allocOrder = new int[64];
    private int nrAllocated;

    public RandomWorkload(PageAlloc alloc, List<MigrateType> allocTypes, int[] owners, long seed,
            Refusals refusals) {
        this.alloc = alloc;
        this.zone = alloc.zone();
        this.g = zone.geometry();
        this.isolation = new PageIsolation(alloc);
        this.allocTypes = allocTypes.toArray(new MigrateType[0]);
        this.owners = owners.clone();
        this.refusals = refusals;
        this.random = new SplittableRandom(seed);
    }

    /**
     * One request: 7% isolate or unisolate a pageblock; otherwise allocate or free, allocating less
     * as the zone fills so that a small zone keeps cycling instead of staying full.
     */
    public void next() {
        int r = random.nextInt(100);
        long allocatable = Math.max(1, zone.managedPages());
        int allocPct = (int) (75 * zone.freePages() / allocatable) + 10;
        if (r >= 93) {
            isolation();
        } else if (nrAllocated == 0 || random.nextInt(100) < allocPct) {
            allocate();
        } else {
            free();
        }
    }

    private void allocate() {
        // Low orders dominate real traffic; every order still occurs.
        int order = Math.min(g.maxOrder() - 1, Integer.numberOfTrailingZeros(random.nextInt() | (1 << 30)));
        MigrateType mt = allocTypes[random.nextInt(allocTypes.length)];
        int owner = owners[random.nextInt(owners.length)];
        int pfn = alloc.getPageFromFreelist(order, mt, owner, Watermarks.ALLOC_WMARK_LOW);
        if (pfn < 0) {
            String why = Watermarks.zoneWatermarkFast(zone, order, zone.lowWmark(), Watermarks.ALLOC_WMARK_LOW)
                    ? "__rmqueue() found no free block of order " + order + " or above"
                    : "zone_watermark_fast() fails for order " + order + " at the low watermark";
            refusals.refusedBecause(why, MmAction.RMQUEUE_SMALLEST, new int[] {order, mt.ordinal(), owner});
            refusals.refusedBecause(why, MmAction.RMQUEUE_FALLBACK, new int[] {order, mt.ordinal()});
            return;
        }
        if (nrAllocated == allocPfn.length) {
            allocPfn = java.util.Arrays.copyOf(allocPfn, nrAllocated * 2);
            allocOrder = java.util.Arrays.copyOf(allocOrder, nrAllocated * 2);
        }
        allocPfn[nrAllocated] = pfn;
        allocOrder[nrAllocated++] = order;
    }

    private void free() {
        int i = random.nextInt(nrAllocated);
        int pfn = allocPfn[i];
        int order = allocOrder[i];
        allocPfn[i] = allocPfn[--nrAllocated];
        allocOrder[i] = allocOrder[nrAllocated];
        alloc.freeOnePage(pfn, order);
    }

    private void isolation() {
        int pb = g.firstPageblock() + random.nextInt(g.nrPageblocks());
        boolean isolated = zone.pageblockMigratetype(pb) == MigrateType.MIGRATE_ISOLATE;
        try {
            if (isolated) {
                isolation.unsetMigratetypeIsolate(pb, MigrateType.MIGRATE_MOVABLE);
            } else {
                isolation.setMigratetypeIsolate(pb);
            }
        } catch (StepRefusedException e) {
            if (isolated) {
                refusals.refusedBecause(e.getMessage(), MmAction.UNSET_MIGRATETYPE_ISOLATE,
                        new int[] {pb, MigrateType.MIGRATE_MOVABLE.ordinal()});
            } else {
                refusals.refusedBecause(e.getMessage(), MmAction.SET_MIGRATETYPE_ISOLATE, new int[] {pb});
            }
        }
    }
}
