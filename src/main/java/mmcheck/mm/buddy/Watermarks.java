package mmcheck.mm.buddy;

import mmcheck.mm.FreeArea;
import mmcheck.mm.MigrateType;
import mmcheck.mm.Zone;

/**
 * Watermarks - zone watermark setup and checks.
 * Kernel: __setup_per_zone_wmarks() and __zone_watermark_ok() in mm/page_alloc.c (6.1), without CMA, highatomic
 * reserves, ALLOC_RESERVES or watermark boosting, none of which the model has.
 */
public final class Watermarks {

    /** ALLOC_WMARK_MIN of mm/internal.h: check against min_wmark_pages() (the slow path, kcompactd). */
    public static final int ALLOC_WMARK_MIN = 0;
    /** ALLOC_WMARK_LOW: check against low_wmark_pages() (the allocation fast path). */
    public static final int ALLOC_WMARK_LOW = 1;
    /** ALLOC_WMARK_HIGH: check against high_wmark_pages(). */
    public static final int ALLOC_WMARK_HIGH = 2;
    /** ALLOC_WMARK_MASK: the bits of alloc_flags that select the watermark. */
    public static final int ALLOC_WMARK_MASK = 0x03;
    /** ALLOC_OOM of mm/internal.h (6.1, CONFIG_MMU): the OOM victim may dip to a quarter of the mark. */
    public static final int ALLOC_OOM = 0x08;
    /** ALLOC_HARDER of mm/internal.h: atomic and realtime requests take a quarter off the mark. */
    public static final int ALLOC_HARDER = 0x10;
    /** ALLOC_HIGH of mm/internal.h: __GFP_HIGH requests halve the mark. */
    public static final int ALLOC_HIGH = 0x20;

    /** /proc/sys/vm/watermark_scale_factor default: 10, i.e. 0.1% of the zone. */
    public static final int DEFAULT_WATERMARK_SCALE_FACTOR = 10;

    private Watermarks() {
    }

    /**
     * zoneWatermarkUnusableFree() - free pages an allocation of this order cannot use.
     * Kernel: __zone_watermark_unusable_free() in mm/page_alloc.c, without highatomic and CMA terms
     */
    public static long zoneWatermarkUnusableFree(int order) {
        return (1L << order) - 1;
    }

    /**
     * zoneWatermarkOk() - whether an allocation of this order leaves the zone above a watermark.
     * Kernel: __zone_watermark_ok() in mm/page_alloc.c
     *
     * <p>Fails if free pages minus the unusable part do not exceed mark plus the lowmem reserve; an order-0 request
     * then passes; a higher order passes only if some order at or above it has a block on a pcp-type list.
     * Spec: ZoneWatermarkOk(order, mark, lowmemReserve, {})
     *
     * @param freePages the free page count to judge, normally zone NR_FREE_PAGES
     */
    public static boolean zoneWatermarkOk(Zone z, int order, long mark, long lowmemReserve, long freePages) {
        return zoneWatermarkOk(z, order, mark, lowmemReserve, 0, freePages);
    }

    /**
     * zoneWatermarkOk() - as above, with the ALLOC_HIGH, ALLOC_HARDER and ALLOC_OOM flags lowering the mark.
     * Kernel: __zone_watermark_ok() in mm/page_alloc.c
     * Spec: ZoneWatermarkOk(order, mark, lowmemReserve, allocFlags)
     */
    public static boolean zoneWatermarkOk(Zone z, int order, long mark, long lowmemReserve, int allocFlags,
            long freePages) {
        long min = mark;
        freePages -= zoneWatermarkUnusableFree(order);
        if ((allocFlags & ALLOC_HIGH) != 0) {
            min -= min / 2;
        }
        if ((allocFlags & (ALLOC_HARDER | ALLOC_OOM)) != 0) {
            min -= (allocFlags & ALLOC_OOM) != 0 ? min / 2 : min / 4;
        }
        // Order-0 check first: if it fails, no higher order can succeed even with a suitable page free.
        if (freePages <= min + lowmemReserve) {
            return false;
        }
        if (order == 0) {
            return true;
        }
        FreeArea area = z.freeArea();
        for (int o = order; o < z.geometry().maxOrder(); o++) {
            if (area.nrFree(o) == 0) {
                continue;
            }
            for (int mt = 0; mt < MigrateType.MIGRATE_PCPTYPES; mt++) {
                if (!area.isEmpty(o, mt)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * wmarkPages() - the watermark alloc_flags select.
     * Kernel: wmark_pages(zone, alloc_flags &amp; ALLOC_WMARK_MASK) in mm/internal.h
     */
    public static long wmarkPages(Zone z, int allocFlags) {
        return switch (allocFlags & ALLOC_WMARK_MASK) {
            case ALLOC_WMARK_MIN -> z.minWmark();
            case ALLOC_WMARK_LOW -> z.lowWmark();
            default -> z.highWmark();
        };
    }

    /**
     * zoneWatermarkFast() - get_page_from_freelist()'s check before rmqueue(): the watermark alloc_flags select,
     * the zone's lowmem reserve for the request, NR_FREE_PAGES.
     * Kernel: zone_watermark_fast() in mm/page_alloc.c; without highatomic reserves, CMA and watermark boosting its
     * order-0 shortcut gives what __zone_watermark_ok() gives.
     * Spec: ZoneWatermarkFast(order) for ALLOC_WMARK_LOW; ZoneWatermarkOk(order, WmarkMin, LowmemReserve, {}) for
     * ALLOC_WMARK_MIN
     */
    public static boolean zoneWatermarkFast(Zone z, int order, long mark, int allocFlags) {
        return zoneWatermarkOk(z, order, mark, z.lowmemReserve(), allocFlags, z.freePages());
    }

    /**
     * zoneWatermarkOk() - the check against NR_FREE_PAGES with no lowmem reserve.
     * Kernel: zone_watermark_ok() in mm/page_alloc.c
     */
    public static boolean zoneWatermarkOk(Zone z, int order, long mark) {
        return zoneWatermarkOk(z, order, mark, 0, z.freePages());
    }

    /**
     * setupPerZoneWmarks() - derive low and high watermarks from min with the default watermark_scale_factor.
     * Kernel: __setup_per_zone_wmarks() in mm/page_alloc.c
     */
    public static void setupPerZoneWmarks(Zone z, long minPages) {
        setupPerZoneWmarks(z, minPages, DEFAULT_WATERMARK_SCALE_FACTOR);
    }

    /**
     * setupPerZoneWmarks() - low = min + max(min/4, managed * scale / 10000), high = low + the same step.
     * Kernel: __setup_per_zone_wmarks() in mm/page_alloc.c, for a zone that already received its share of
     * min_free_kbytes as minPages
     */
    public static void setupPerZoneWmarks(Zone z, long minPages, int watermarkScaleFactor) {
        if (minPages < 0 || watermarkScaleFactor < 1 || watermarkScaleFactor > 3000) {
            throw new IllegalArgumentException("min " + minPages + " must be >= 0 and watermark_scale_factor "
                    + watermarkScaleFactor + " in 1..3000");
        }
        long tmp = Math.max(minPages >> 2, multFrac(z.managedPages(), watermarkScaleFactor, 10000));
        long low = minPages + tmp;
        z.setWatermarks(minPages, low, low + tmp);
    }

    /** mult_frac(): x * n / d without overflowing the intermediate product. */
    private static long multFrac(long x, long n, long d) {
        long q = x / d;
        long r = x % d;
        return q * n + r * n / d;
    }
}
