package mmcheck.mm;

import java.util.Arrays;

/**
 * PageArray - the zone's struct pages, one slot per pfn, in one primitive array.
 * Kernel: the mem_map that pfn_to_page() indexes (struct page in include/linux/mm_types.h).
 */
public final class PageArray {

    /*
     * Design.
     *
     * Slot i describes pfn base + i, as pfn_to_page() would, and is four ints of one int[]:
     *
     *   slots[4i + NEXT], slots[4i + PREV]
     *                   intrusive doubly-linked free lists, page->buddy_list. They hold slot indices, not pfns,
     *                   so following a link needs no subtraction; -1 ends a list. Valid only while the page is on
     *                   a free list (FreeArea owns the list heads and tails).
     *   slots[4i + OWNER]
     *                   for an allocated head, who owns the block.
     *   slots[4i + META]
     *                   bits 0..7 flags: PG_BUDDY is PageBuddy(), the page heads a free block on exactly one free
     *                   list; PG_HEAD marks the head of an allocated block (the spec's `allocated` set; the kernel
     *                   would know it from the caller holding the page).
     *                   bits 8..15 buddy_order(), page_private(): the free block's order while PG_BUDDY is set,
     *                   else 0, as the spec's pageOrder and the kernel keep it.
     *                   bits 16..23 migratetype: for a free head, the list it is on (the kernel finds that from the
     *                   list linkage; we need it to unlink in O(1)); for an allocated head, the requested type, as
     *                   set_pcppage_migratetype() stores it in page->index.
     *                   bits 24..31 the allocated block's order.
     *
     * Why one interleaved array rather than one array per field: the allocator touches a handful of fields of
     * a few pages that lie far apart (list neighbours, buddies). With one array per field every page costs a
     * cache miss per field; here a page's 16 bytes share one cache line, as a struct page's hot fields do. It
     * doubled order-0 alloc+free throughput on a fragmented 1M-page zone. Sequential scans (move_freepages,
     * the invariant checker) read 16 bytes per page either way.
     *
     * Pageblock migratetypes are one byte per pageblock (pageblock_flags / get_pageblock_migratetype()),
     * indexed from the first pageblock that overlaps the zone.
     *
     * Only heads carry state. Tail pages of a block are never read by the allocator, exactly as in the
     * kernel, where only the head of a free block is PageBuddy.
     */

    static final int INTS_PER_PAGE = 4;
    static final int SHIFT = 2;
    static final int NEXT = 0;
    static final int PREV = 1;
    static final int OWNER = 2;
    static final int META = 3;

    static final int PG_BUDDY = 1;
    static final int PG_HEAD = 2;
    static final int FLAGS_MASK = 0xff;
    static final int ORDER_SHIFT = 8;
    static final int MT_SHIFT = 16;
    static final int ALLOC_ORDER_SHIFT = 24;
    static final int BYTE = 0xff;
    /** PG_HEAD and the allocated order's bits: equal to PG_HEAD exactly for the head of an order-0 allocation. */
    private static final int ORDER0_HEAD_MASK = PG_HEAD | (BYTE << ALLOC_ORDER_SHIFT);

    final int base;
    final int size;
    final int[] slots;

    final int firstPageblock;
    final int pageblockOrder;
    final byte[] pageblockMt;

    PageArray(MmGeometry g) {
        base = g.zoneStart();
        size = g.nrPages();
        slots = new int[size << SHIFT];
        for (int i = 0; i < size; i++) {
            slots[(i << SHIFT) + NEXT] = -1;
            slots[(i << SHIFT) + PREV] = -1;
        }
        firstPageblock = g.firstPageblock();
        pageblockOrder = g.pageblockOrder();
        pageblockMt = new byte[g.nrPageblocks()];
    }

    private PageArray(PageArray o) {
        base = o.base;
        size = o.size;
        slots = o.slots.clone();
        firstPageblock = o.firstPageblock;
        pageblockOrder = o.pageblockOrder;
        pageblockMt = o.pageblockMt.clone();
    }

    PageArray copy() {
        return new PageArray(this);
    }

    boolean sameState(PageArray o) {
        return base == o.base && size == o.size && Arrays.equals(slots, o.slots)
                && Arrays.equals(pageblockMt, o.pageblockMt);
    }

    private int meta(int pfn) {
        return slots[((pfn - base) << SHIFT) + META];
    }

    /** First pfn described (zone_start_pfn). */
    public int base() {
        return base;
    }

    /** Number of pages described. */
    public int size() {
        return size;
    }

    /** PageBuddy(): the page heads a free block. */
    public boolean isPageBuddy(int pfn) {
        return (meta(pfn) & PG_BUDDY) != 0;
    }

    /** buddy_order(): page_private() of the page, the free block's order while PageBuddy, else normally 0. */
    public int buddyOrder(int pfn) {
        return (meta(pfn) >>> ORDER_SHIFT) & BYTE;
    }

    /** set_buddy_order(): set_page_private(page, order) and __SetPageBuddy(page). */
    public void setBuddyOrder(int pfn, int buddyOrder) {
        int m = ((pfn - base) << SHIFT) + META;
        slots[m] = (slots[m] & ~(BYTE << ORDER_SHIFT)) | ((buddyOrder & BYTE) << ORDER_SHIFT) | PG_BUDDY;
    }

    /** __ClearPageBuddy() and set_page_private(page, 0), as del_page_from_free_list() does. */
    public void clearPageBuddy(int pfn) {
        int m = ((pfn - base) << SHIFT) + META;
        slots[m] &= ~((BYTE << ORDER_SHIFT) | PG_BUDDY);
    }

    /** Whether the page heads an allocated block. */
    public boolean isAllocatedHead(int pfn) {
        return (meta(pfn) & PG_HEAD) != 0;
    }

    /** Order of the allocated block headed here; meaningful only if {@link #isAllocatedHead}. */
    public int allocatedOrder(int pfn) {
        return meta(pfn) >>> ALLOC_ORDER_SHIFT;
    }

    /**
     * Records an allocated block at its head; PG_BUDDY and page_private are left as they are, so a step that
     * forgot to clear them stays visible to the invariants.
     */
    public void setAllocated(int pfn, int allocOrder, int migratetype, int ownerId) {
        int s = (pfn - base) << SHIFT;
        int m = slots[s + META];
        slots[s + META] = (m & ((BYTE << ORDER_SHIFT) | PG_BUDDY)) | PG_HEAD
                | ((migratetype & BYTE) << MT_SHIFT) | (allocOrder << ALLOC_ORDER_SHIFT);
        slots[s + OWNER] = ownerId;
    }

    /** Forgets the allocated block headed here. */
    public void clearAllocated(int pfn) {
        int s = (pfn - base) << SHIFT;
        slots[s + META] &= ~(PG_HEAD | (BYTE << ALLOC_ORDER_SHIFT));
        slots[s + OWNER] = 0;
    }

    /**
     * The first pfn in [pfn, end) that does not head an order-0 allocated block, or end: the run of order-0
     * allocations a free scanner passes, read one int per page.
     */
    public int skipOrder0Allocations(int pfn, int end) {
        int i = ((pfn - base) << SHIFT) + META;
        int stop = ((end - base) << SHIFT) + META;
        int[] s = slots;
        while (i < stop && (s[i] & ORDER0_HEAD_MASK) == PG_HEAD) {
            i += INTS_PER_PAGE;
        }
        return ((i - META) >> SHIFT) + base;
    }

    /** Migratetype of the page: the list of a free head, or the requested type of an allocated head. */
    public int migratetype(int pfn) {
        return (meta(pfn) >>> MT_SHIFT) & BYTE;
    }

    /** Owner of the allocated block headed here. */
    public int owner(int pfn) {
        return slots[((pfn - base) << SHIFT) + OWNER];
    }

    /** The next page on the same free list, or -1. */
    public int next(int pfn) {
        int n = slots[((pfn - base) << SHIFT) + NEXT];
        return n == -1 ? -1 : n + base;
    }

    /** The previous page on the same free list, or -1. */
    public int prev(int pfn) {
        int p = slots[((pfn - base) << SHIFT) + PREV];
        return p == -1 ? -1 : p + base;
    }

    /** get_pageblock_migratetype() of a pageblock index that overlaps the zone, as an ordinal. */
    public int pageblockMigratetype(int pageblock) {
        return pageblockMt[pageblock - firstPageblock];
    }

    /** get_pfnblock_migratetype(): the migratetype of the pageblock a pfn lies in. */
    public int pfnblockMigratetype(int pfn) {
        return pageblockMt[(pfn >> pageblockOrder) - firstPageblock];
    }

    /** set_pageblock_migratetype() by pageblock index. */
    public void setPageblockMigratetype(int pageblock, int migratetype) {
        pageblockMt[pageblock - firstPageblock] = (byte) migratetype;
    }

    /** Bytes of page state per page: the element size of the slot array times the ints per page. */
    public static int bytesPerPage() {
        return elementBytes(int[].class) * INTS_PER_PAGE;
    }

    /** Bytes of state per pageblock: the element size of the pageblock array. */
    public static int bytesPerPageblock() {
        return elementBytes(byte[].class);
    }

    /** Total bytes of array payload for this zone (excluding object headers). */
    public long footprintBytes() {
        return (long) elementBytes(slots.getClass()) * slots.length
                + (long) elementBytes(pageblockMt.getClass()) * pageblockMt.length;
    }

    private static int elementBytes(Class<?> arrayType) {
        Class<?> c = arrayType.getComponentType();
        if (c == byte.class || c == boolean.class) {
            return Byte.BYTES;
        }
        if (c == short.class || c == char.class) {
            return Short.BYTES;
        }
        if (c == int.class || c == float.class) {
            return Integer.BYTES;
        }
        return Long.BYTES;
    }
}
