package mmcheck.mm;

import java.util.function.IntConsumer;

/**
 * Zone - one memory zone: its pages, free areas, NR_FREE_PAGES and watermarks.
 * Kernel: struct zone in include/linux/mmzone.h. Spec: the variables of spec/Buddy.tla.
 *
 * <p>The abstraction function onto the spec reads: freeList[o][mt] = {@link #freeArea()} list members;
 * nrFree[o] = {@link #nrFree(int)}; pageBuddy[p] = {@link #isPageBuddy(int)}; pageOrder[p] = {@link #buddyOrder(int)};
 * pageblockMt[pb] = {@link #pageblockMigratetype(int)}; allocated = the allocated blocks of {@link #forEachBlock};
 * freePages = {@link #freePages()}.
 *
 * <p>The allocator steps live in {@code mmcheck.mm.buddy}; this class only holds and exposes state.
 */
public final class Zone {

    /** Name of the zone when none is given, as /proc/zoneinfo prints it. */
    public static final String DEFAULT_NAME = "Normal";

    private static final MigrateType[] MIGRATE_TYPES = MigrateType.values();

    private final MmGeometry geometry;
    private final String name;
    private final int nodeId;
    private final PageArray pages;
    private final FreeArea freeArea;
    private long nrFreePages;
    private long wmarkMin;
    private long wmarkLow;
    private long wmarkHigh;
    private long lowmemReserve;

    Zone(MmGeometry geometry, String name, int nodeId) {
        this.geometry = geometry;
        this.name = name;
        this.nodeId = nodeId;
        this.pages = new PageArray(geometry);
        this.freeArea = new FreeArea(geometry.maxOrder(), pages);
    }

    private Zone(Zone o) {
        this.geometry = o.geometry;
        this.name = o.name;
        this.nodeId = o.nodeId;
        this.pages = o.pages.copy();
        this.freeArea = o.freeArea.copy(pages);
        this.nrFreePages = o.nrFreePages;
        this.wmarkMin = o.wmarkMin;
        this.wmarkLow = o.wmarkLow;
        this.wmarkHigh = o.wmarkHigh;
        this.lowmemReserve = o.lowmemReserve;
    }

    /** The Init state of spec/Buddy.tla for a zone named "Normal" on node 0. */
    public static Zone init(MmGeometry geometry) {
        return init(geometry, DEFAULT_NAME, 0);
    }

    /**
     * init() - the zone after boot: every pageblock MIGRATE_MOVABLE, all pages free in maximal aligned chunks.
     * Kernel: memmap_init() and memblock_free_all() (__free_pages_core() with FPI_TO_TAIL, so the lists run
     * in ascending pfn order). Spec: Init.
     */
    public static Zone init(MmGeometry geometry, String name, int nodeId) {
        ZoneBuilder b = new ZoneBuilder(geometry, name, nodeId);
        int end = geometry.zoneEnd();
        for (int p = geometry.zoneStart(); p < end; ) {
            int o = geometry.maxOrder() - 1;
            while ((p & ((1 << o) - 1)) != 0 || (long) p + (1 << o) > end) {
                o--;
            }
            b.freeBlock(p, o, MigrateType.MIGRATE_MOVABLE);
            p += 1 << o;
        }
        return b.build();
    }

    /** A builder for an arbitrary state; every pageblock starts MIGRATE_MOVABLE and every page unowned. */
    public static ZoneBuilder builder(MmGeometry geometry) {
        return new ZoneBuilder(geometry, DEFAULT_NAME, 0);
    }

    /** A builder for an arbitrary state of a named zone. */
    public static ZoneBuilder builder(MmGeometry geometry, String name, int nodeId) {
        return new ZoneBuilder(geometry, name, nodeId);
    }

    /** A deep copy. */
    public Zone copy() {
        return new Zone(this);
    }

    /** Whether another zone holds exactly the same representation, list order included. */
    public boolean sameState(Zone o) {
        return geometry.equals(o.geometry) && nrFreePages == o.nrFreePages && wmarkMin == o.wmarkMin
                && wmarkLow == o.wmarkLow && wmarkHigh == o.wmarkHigh && lowmemReserve == o.lowmemReserve
                && pages.sameState(o.pages)
                && freeArea.sameState(o.freeArea);
    }

    public MmGeometry geometry() {
        return geometry;
    }

    /** zone->name, e.g. "Normal" or "DMA". */
    public String name() {
        return name;
    }

    /** zone_to_nid(). */
    public int nodeId() {
        return nodeId;
    }

    /** The page slots; the allocator reads and writes them directly. */
    public PageArray pageArray() {
        return pages;
    }

    /** zone->free_area[]. */
    public FreeArea freeArea() {
        return freeArea;
    }

    /** zone_page_state(zone, NR_FREE_PAGES). Spec: freePages. */
    public long freePages() {
        return nrFreePages;
    }

    /** __mod_zone_page_state(zone, NR_FREE_PAGES, delta). */
    public void modFreePages(long delta) {
        nrFreePages += delta;
    }

    void setFreePages(long n) {
        nrFreePages = n;
    }

    /** zone_managed_pages(): every page of the zone, since the model reserves none. */
    public long managedPages() {
        return geometry.nrPages();
    }

    /** min_wmark_pages(). */
    public long minWmark() {
        return wmarkMin;
    }

    /** low_wmark_pages(). */
    public long lowWmark() {
        return wmarkLow;
    }

    /** high_wmark_pages(). */
    public long highWmark() {
        return wmarkHigh;
    }

    /** Sets zone->_watermark[WMARK_MIN..WMARK_HIGH]. */
    public void setWatermarks(long min, long low, long high) {
        wmarkMin = min;
        wmarkLow = low;
        wmarkHigh = high;
    }

    /**
     * lowmem_reserve[highest_zoneidx] for the allocations made here: the pages a request whose highest usable zone
     * lies above this one must leave free. 0 (the kernel's entry for the zone's own index) unless set.
     * Spec: LowmemReserve
     */
    public long lowmemReserve() {
        return lowmemReserve;
    }

    /** Sets the lowmem_reserve[] entry of the allocations made here. */
    public void setLowmemReserve(long pages) {
        if (pages < 0) {
            throw new IllegalArgumentException("lowmem_reserve " + pages + " must be >= 0");
        }
        lowmemReserve = pages;
    }

    /** Blocks on free_list[order][mt]. */
    public int freeCount(int order, MigrateType mt) {
        return freeArea.count(order, mt.ordinal());
    }

    /** free_area[order].nr_free. Spec: nrFree[order]. */
    public int nrFree(int order) {
        return freeArea.nrFree(order);
    }

    /** The head of free_list[order][mt], or -1. */
    public int freeListHead(int order, MigrateType mt) {
        return freeArea.getPageFromFreeArea(order, mt.ordinal());
    }

    /** Visits free_list[order][mt] head first. */
    public void forEachOnFreeList(int order, MigrateType mt, IntConsumer pfnConsumer) {
        freeArea.forEachOnList(order, mt.ordinal(), pfnConsumer);
    }

    /** The pfns on free_list[order][mt], head first. */
    public int[] freeListPfns(int order, MigrateType mt) {
        return freeArea.freeListPfns(order, mt.ordinal());
    }

    /**
     * The pfns of free_list[order][mt], head first, copied into dst from off; how many. dst needs room for
     * {@link #freeListRoom}: a corrupted list is cut there, as {@link #freeListPfns} cuts it.
     */
    public int copyFreeList(int order, MigrateType mt, int[] dst, int off) {
        return freeArea.copyList(order, mt.ordinal(), dst, off);
    }

    /** The most pfns {@link #copyFreeList} copies of free_list[order][mt]: its count and one more, within the zone. */
    public int freeListRoom(int order, MigrateType mt) {
        return freeArea.listRoom(order, mt.ordinal());
    }

    /** get_pageblock_migratetype() by pageblock index. Spec: pageblockMt[pageblock]. */
    public MigrateType pageblockMigratetype(int pageblock) {
        return MIGRATE_TYPES[pages.pageblockMigratetype(pageblock)];
    }

    /** Number of pageblocks overlapping the zone whose type is mt, as /proc/pagetypeinfo counts them. */
    public int pageblockCount(MigrateType mt) {
        int n = 0;
        for (int pb = geometry.firstPageblock(); pb <= geometry.lastPageblock(); pb++) {
            if (pages.pageblockMigratetype(pb) == mt.ordinal()) {
                n++;
            }
        }
        return n;
    }

    /** PageBuddy(). Spec: pageBuddy[pfn]. */
    public boolean isPageBuddy(int pfn) {
        return pages.isPageBuddy(pfn);
    }

    /** buddy_order(); 0 where not PageBuddy. Spec: pageOrder[pfn]. */
    public int buddyOrder(int pfn) {
        return pages.buddyOrder(pfn);
    }

    /** The migratetype of the free list a free head is on. */
    public MigrateType freeListMigratetype(int pfn) {
        return MIGRATE_TYPES[pages.migratetype(pfn)];
    }

    /** Whether pfn heads an allocated block. */
    public boolean isAllocated(int pfn) {
        return pages.isAllocatedHead(pfn);
    }

    /** Order of the allocated block at pfn. */
    public int allocatedOrder(int pfn) {
        return pages.allocatedOrder(pfn);
    }

    /** Requested migratetype of the allocated block at pfn. */
    public MigrateType allocatedMigratetype(int pfn) {
        return MIGRATE_TYPES[pages.migratetype(pfn)];
    }

    /** Owner of the allocated block at pfn. */
    public int allocatedOwner(int pfn) {
        return pages.owner(pfn);
    }

    /**
     * The head of the allocated block that covers pfn, or -1 if pfn lies in a free block or in none.
     * O(MAX_ORDER): blocks are aligned, so the head is pfn with some low bits cleared.
     */
    public int allocatedBlockCovering(int pfn) {
        for (int o = 0; o <= geometry.maxOrder(); o++) {
            int h = pfn & -(1 << o);
            if (h < geometry.zoneStart()) {
                break;
            }
            if (pages.isAllocatedHead(h) && (long) h + (1L << pages.allocatedOrder(h)) > pfn) {
                return h;
            }
        }
        return -1;
    }

    /** The head of the free or allocated block that covers pfn, or -1. O(MAX_ORDER). */
    public int blockHead(int pfn) {
        for (int o = 0; o <= geometry.maxOrder(); o++) {
            int h = pfn & -(1 << o);
            if (h < geometry.zoneStart()) {
                break;
            }
            if (pages.isPageBuddy(h) && (long) h + (1L << pages.buddyOrder(h)) > pfn) {
                return h;
            }
            if (pages.isAllocatedHead(h) && (long) h + (1L << pages.allocatedOrder(h)) > pfn) {
                return h;
            }
        }
        return -1;
    }

    /**
     * Visits every block in pfn order: free heads (PageBuddy) and allocated heads. Pages that head no block are
     * skipped one by one, so a corrupted zone is still walked to its end.
     */
    public void forEachBlock(BlockVisitor visitor) {
        int base = pages.base;
        int size = pages.size;
        int[] slots = pages.slots;
        for (int i = 0; i < size; ) {
            int s = i << PageArray.SHIFT;
            int meta = slots[s + PageArray.META];
            int pfn = base + i;
            int mt = (meta >>> PageArray.MT_SHIFT) & PageArray.BYTE;
            if ((meta & PageArray.PG_BUDDY) != 0) {
                int o = (meta >>> PageArray.ORDER_SHIFT) & PageArray.BYTE;
                visitor.freeBlock(pfn, o, mt);
                i += 1 << Math.min(o, 30);
            } else if ((meta & PageArray.PG_HEAD) != 0) {
                int o = meta >>> PageArray.ALLOC_ORDER_SHIFT;
                visitor.allocatedBlock(pfn, o, mt, slots[s + PageArray.OWNER]);
                i += 1 << Math.min(o, 30);
            } else {
                i++;
            }
        }
    }

    @Override
    public String toString() {
        return "Zone " + name + " node " + nodeId + " " + geometry + " NR_FREE_PAGES=" + nrFreePages;
    }

    /** A multi-line description of every non-empty list, allocated block and pageblock, for test failures. */
    public String dump() {
        StringBuilder sb = new StringBuilder(toString()).append('\n');
        for (int o = 0; o < freeArea.rows(); o++) {
            for (int mt = 0; mt < FreeArea.NR_MIGRATETYPES; mt++) {
                if (!freeArea.isEmpty(o, mt) || freeArea.count(o, mt) != 0) {
                    sb.append("  free_list[").append(o).append("][").append(MIGRATE_TYPES[mt]).append("] =");
                    freeArea.forEachOnList(o, mt, p -> sb.append(" 0x").append(Integer.toHexString(p)));
                    sb.append('\n');
                }
            }
        }
        sb.append("  nr_free =");
        for (int o = 0; o < freeArea.rows(); o++) {
            sb.append(' ').append(freeArea.nrFree(o));
        }
        sb.append("\n  allocated =");
        forEachBlock(new BlockVisitor() {
            @Override
            public void freeBlock(int pfn, int order, int listMigratetype) {
            }

            @Override
            public void allocatedBlock(int pfn, int order, int migratetype, int owner) {
                sb.append(" (0x").append(Integer.toHexString(pfn)).append(',').append(order).append(',')
                        .append(migratetype < MIGRATE_TYPES.length ? MIGRATE_TYPES[migratetype].procName() : "?" + migratetype)
                        .append(',').append(owner).append(')');
            }
        });
        sb.append("\n  pageblocks =");
        for (int pb = geometry.firstPageblock(); pb <= geometry.lastPageblock(); pb++) {
            int mt = pages.pageblockMigratetype(pb);
            sb.append(' ').append(pb).append(':').append(mt < MIGRATE_TYPES.length ? MIGRATE_TYPES[mt].procName() : "?" + mt);
        }
        return sb.append('\n').toString();
    }
}
