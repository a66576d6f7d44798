package mmcheck.sim;

import java.util.SplittableRandom;

import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.Zone;
import mmcheck.mm.ZoneBuilder;

/**
 * FragmentedZone - builds a zone as a long-running movable workload leaves it: a given share of the pages allocated
 * as order-0 movable user pages scattered over the zone, the rest free, merged into maximal aligned buddy blocks.
 * The state is the one that allocating every page and freeing the others would leave, built directly so that a
 * 16 M-page zone takes well under a second.
 */
public final class FragmentedZone {

    /** The owner of the user pages. */
    public static final int USER_OWNER = 1;

    private FragmentedZone() {
    }

    /**
     * build() - a zone with pct percent of its pages allocated, chosen by a seeded random walk.
     *
     * @param pct 0..100
     */
    public static Zone build(MmGeometry g, int pct, long seed) {
        if (pct < 0 || pct > 100) {
            throw new IllegalArgumentException("fragment " + pct + "% is outside 0..100");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        // pct in 100 as a threshold on 31 random bits: one draw per page, no rejection loop.
        long threshold = ((1L << 31) * pct) / 100;
        return build(g, pfn -> (rnd.nextInt() >>> 1) < threshold);
    }

    /** build() - a zone where every stride-th page is kept allocated (the kernel datasets' "keep 1 of stride"). */
    public static Zone buildStride(MmGeometry g, int stride) {
        if (stride < 1) {
            throw new IllegalArgumentException("stride " + stride + " must be at least 1");
        }
        return build(g, pfn -> (pfn - g.zoneStart()) % stride == 0);
    }

    /** Decides for each pfn, in ascending order, whether it is allocated. */
    @FunctionalInterface
    public interface PagePredicate {
        boolean allocated(int pfn);
    }

    /** build() - allocated pages where the predicate says so, free buddy blocks elsewhere. */
    public static Zone build(MmGeometry g, PagePredicate allocated) {
        ZoneBuilder b = Zone.builder(g);
        int runStart = -1;
        for (int pfn = g.zoneStart(); pfn < g.zoneEnd(); pfn++) {
            if (allocated.allocated(pfn)) {
                if (runStart >= 0) {
                    freeRun(b, g, runStart, pfn);
                    runStart = -1;
                }
                b.allocatedBlock(pfn, 0, MigrateType.MIGRATE_MOVABLE, USER_OWNER);
            } else if (runStart < 0) {
                runStart = pfn;
            }
        }
        if (runStart >= 0) {
            freeRun(b, g, runStart, g.zoneEnd());
        }
        return b.build();
    }

    /** Frees [start, end) as the largest aligned blocks, as merging in __free_one_page() leaves it. */
    static void freeRun(ZoneBuilder b, MmGeometry g, int start, int end) {
        for (int p = start; p < end; ) {
            int o = g.maxOrder() - 1;
            while ((p & ((1 << o) - 1)) != 0 || (long) p + (1 << o) > end) {
                o--;
            }
            b.freeBlock(p, o, MigrateType.MIGRATE_MOVABLE);
            p += 1 << o;
        }
    }
}
