package mmcheck.mm;

/**
 * MmGeometry - the fixed shape of one zone: MAX_ORDER, pageblock_order and the zone's pfn range.
 * Kernel: MAX_ORDER and pageblock_order (include/linux/mmzone.h, pageblock-flags.h), zone_start_pfn and
 * zone_end_pfn() of struct zone. Spec: CONSTANTS MaxOrder, PageblockOrder, ZoneStart, ZoneEnd.
 *
 * <p>{@code maxOrder} counts orders as 6.1's MAX_ORDER does: 11 means orders 0..10. The zone range
 * [zoneStart, zoneEnd) need not be aligned to anything; blocks are aligned in absolute pfn.
 *
 * @param maxOrder number of orders, 1..{@value #MAX_ORDER_LIMIT}
 * @param pageblockOrder pageblock_order, 1..maxOrder-1
 * @param zoneStart first pfn of the zone, >= 0
 * @param zoneEnd first pfn after the zone, > zoneStart and <= {@value #PFN_LIMIT}
 */
public record MmGeometry(int maxOrder, int pageblockOrder, int zoneStart, int zoneEnd) {

    /** Largest maxOrder accepted: beyond Linux's 11, for experiments, small enough for int pfn arithmetic. */
    public static final int MAX_ORDER_LIMIT = 20;

    /**
     * Pfns stay below 2^30 (4 TiB of 4 KiB pages) so that pfn + 2^order and buddy pfns never overflow an int,
     * and the per-page arrays stay below Java's array limit.
     */
    public static final int PFN_LIMIT = 1 << 30;

    /** Linux 6.1 on x86-64: MAX_ORDER 11, pageblock_order 9. */
    public static final int LINUX_MAX_ORDER = 11;
    public static final int LINUX_PAGEBLOCK_ORDER = 9;

    /**
     * @throws MmConfigException naming the first parameter out of range
     */
    public MmGeometry {
        if (maxOrder < 1 || maxOrder > MAX_ORDER_LIMIT) {
            throw new MmConfigException("maxOrder " + maxOrder + " is out of range 1.." + MAX_ORDER_LIMIT
                    + " (maxOrder counts orders: 11 means orders 0..10)");
        }
        if (pageblockOrder < 1 || pageblockOrder > maxOrder - 1) {
            throw new MmConfigException("pageblockOrder " + pageblockOrder + " is out of range 1..maxOrder-1"
                    + (maxOrder >= 2 ? " = 1.." + (maxOrder - 1) : ", which is empty for maxOrder " + maxOrder));
        }
        if (zoneStart < 0) {
            throw new MmConfigException("zoneStart " + zoneStart + " is negative");
        }
        if (zoneEnd <= zoneStart) {
            throw new MmConfigException("zoneEnd " + zoneEnd + " must be greater than zoneStart " + zoneStart);
        }
        if (zoneEnd > PFN_LIMIT) {
            throw new MmConfigException("zoneEnd " + zoneEnd + " is beyond the pfn limit " + PFN_LIMIT + " (2^30)");
        }
    }

    /** Validating factory; same checks as the constructor. */
    public static MmGeometry of(int maxOrder, int pageblockOrder, int zoneStart, int zoneEnd) {
        return new MmGeometry(maxOrder, pageblockOrder, zoneStart, zoneEnd);
    }

    /** A zone with Linux 6.1's x86-64 MAX_ORDER and pageblock_order. */
    public static MmGeometry linux(int zoneStart, int zoneEnd) {
        return new MmGeometry(LINUX_MAX_ORDER, LINUX_PAGEBLOCK_ORDER, zoneStart, zoneEnd);
    }

    /** Pages in the zone: zone->spanned_pages. */
    public int nrPages() {
        return zoneEnd - zoneStart;
    }

    /** pageblock_nr_pages. */
    public int pageblockNrPages() {
        return 1 << pageblockOrder;
    }

    /** The pageblock a pfn lies in: pfn >> pageblock_order. */
    public int pageblockOf(int pfn) {
        return pfn >> pageblockOrder;
    }

    /** First pfn of a pageblock. */
    public int pageblockStartPfn(int pageblock) {
        return pageblock << pageblockOrder;
    }

    /** First pageblock that overlaps the zone (it may start before zoneStart). */
    public int firstPageblock() {
        return zoneStart >> pageblockOrder;
    }

    /** Last pageblock that overlaps the zone (it may end after zoneEnd). */
    public int lastPageblock() {
        return (zoneEnd - 1) >> pageblockOrder;
    }

    /** Number of pageblocks overlapping the zone. */
    public int nrPageblocks() {
        return lastPageblock() - firstPageblock() + 1;
    }

    /** Whether a pageblock index overlaps the zone. */
    public boolean hasPageblock(int pageblock) {
        return pageblock >= firstPageblock() && pageblock <= lastPageblock();
    }

    /** Whether a pageblock lies wholly inside the zone. */
    public boolean pageblockInsideZone(int pageblock) {
        long start = (long) pageblock << pageblockOrder;
        return start >= zoneStart && start + pageblockNrPages() <= zoneEnd;
    }

    /** zone_spans_pfn(). */
    public boolean contains(int pfn) {
        return pfn >= zoneStart && pfn < zoneEnd;
    }

    /** Whether an order is one of 0..maxOrder-1. */
    public boolean isValidOrder(int order) {
        return order >= 0 && order < maxOrder;
    }

    /** Why an order is invalid, e.g. "order 12 is beyond MAX_ORDER 11 (orders 0..10)"; null if it is valid. */
    public String orderProblem(int order) {
        if (order < 0) {
            return "order " + order + " is negative";
        }
        if (order >= maxOrder) {
            return "order " + order + " is beyond MAX_ORDER " + maxOrder + " (orders 0.." + (maxOrder - 1) + ")";
        }
        return null;
    }

    /**
     * Checks an order given as configuration, e.g. a benchmark parameter.
     *
     * @throws MmConfigException if it is not in 0..maxOrder-1
     */
    public int requireOrder(int order) {
        String problem = orderProblem(order);
        if (problem != null) {
            throw new MmConfigException(problem);
        }
        return order;
    }

    @Override
    public String toString() {
        return "MmGeometry[maxOrder=" + maxOrder + ", pageblockOrder=" + pageblockOrder
                + ", zone=[0x" + Integer.toHexString(zoneStart) + ", 0x" + Integer.toHexString(zoneEnd) + ")]";
    }
}
