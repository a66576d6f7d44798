package mmcheck.mm;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * PageArray - the zone's struct pages, one slot per pfn, as parallel primitive arrays.
 * Kernel: the mem_map that pfn_to_page() indexes (struct page in include/linux/mm_types.h).
 */
public final class PageArray {

    /*
     * Design.
     *
     * Slot i describes pfn base + i, as pfn_to_page() would. An array of objects would cost a header and a
     * pointer per page and scatter the free-list walk over the heap; parallel primitive arrays keep the hot
     * fields of neighbouring pfns on the same cache lines and cost 15 bytes per page (bytesPerPage()).
     *
     *   next[], prev[]  intrusive doubly-linked free lists, page->buddy_list. They hold slot indices, not pfns,
     *                   so that following a link needs no subtraction; -1 ends a list. Valid only while the
     *                   page is on a free list (FreeArea owns the list heads and tails).
     *   flags[]         bit 0 PG_BUDDY: PageBuddy(), the page heads a free block on exactly one free list.
     *                   bit 1 PG_HEAD: the page heads an allocated block (the spec's `allocated` set; the
     *                   kernel would know this from the caller holding the page).
     *                   bits 2..7: the allocated block's order. It lives here rather than in order[] because
     *                   order[] is page_private(), which the spec (pageOrder) and the kernel keep at 0 for
     *                   every page that is not PageBuddy.
     *   order[]         buddy_order(): the free block's order while PG_BUDDY is set, else 0.
     *   mt[]            for a free head, the migratetype of the list it is on (the kernel finds that from
     *                   the list linkage; we need it to unlink in O(1)); for an allocated head, the requested
     *                   migratetype, as set_pcppage_migratetype() stores it in page->index.
     *   owner[]         for an allocated head, who owns the block.
     *
     * Pageblock migratetypes are one byte per pageblock (pageblock_flags / get_pageblock_migratetype()),
     * indexed from the first pageblock that overlaps the zone.
     *
     * Only heads carry state. Tail pages of a block are never read by the allocator, exactly as in the
     * kernel, where only the head of a free block is PageBuddy.
     */

    static final int PG_BUDDY = 1;
    static final int PG_HEAD = 2;
    static final int ALLOC_ORDER_SHIFT = 2;
    /** Largest allocated order the flags byte can hold. */
    public static final int MAX_STORED_ORDER = (0xff >>> ALLOC_ORDER_SHIFT);

    final int base;
    final int size;
    final int[] next;
    final int[] prev;
    final int[] owner;
    final byte[] flags;
    final byte[] order;
    final byte[] mt;

    final int firstPageblock;
    final int pageblockOrder;
    final byte[] pageblockMt;

    PageArray(MmGeometry g) {
        base = g.zoneStart();
        size = g.nrPages();
        next = new int[size];
        prev = new int[size];
        owner = new int[size];
        flags = new byte[size];
        order = new byte[size];
        mt = new byte[size];
        Arrays.fill(next, -1);
        Arrays.fill(prev, -1);
        firstPageblock = g.firstPageblock();
        pageblockOrder = g.pageblockOrder();
        pageblockMt = new byte[g.nrPageblocks()];
    }

    private PageArray(PageArray o) {
        base = o.base;
        size = o.size;
        next = o.next.clone();
        prev = o.prev.clone();
        owner = o.owner.clone();
        flags = o.flags.clone();
        order = o.order.clone();
        mt = o.mt.clone();
        firstPageblock = o.firstPageblock;
        pageblockOrder = o.pageblockOrder;
        pageblockMt = o.pageblockMt.clone();
    }

    PageArray copy() {
        return new PageArray(this);
    }

    boolean sameState(PageArray o) {
        return base == o.base && size == o.size && Arrays.equals(next, o.next) && Arrays.equals(prev, o.prev)
                && Arrays.equals(owner, o.owner) && Arrays.equals(flags, o.flags) && Arrays.equals(order, o.order)
                && Arrays.equals(mt, o.mt) && Arrays.equals(pageblockMt, o.pageblockMt);
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
        return (flags[pfn - base] & PG_BUDDY) != 0;
    }

    /** buddy_order(): page_private() of the page, the free block's order while PageBuddy, else normally 0. */
    public int buddyOrder(int pfn) {
        return order[pfn - base];
    }

    /** set_buddy_order(): set_page_private(page, order) and __SetPageBuddy(page). */
    public void setBuddyOrder(int pfn, int buddyOrder) {
        int i = pfn - base;
        order[i] = (byte) buddyOrder;
        flags[i] |= PG_BUDDY;
    }

    /** __ClearPageBuddy() and set_page_private(page, 0), as del_page_from_free_list() does. */
    public void clearPageBuddy(int pfn) {
        int i = pfn - base;
        flags[i] &= ~PG_BUDDY;
        order[i] = 0;
    }

    /** Whether the page heads an allocated block. */
    public boolean isAllocatedHead(int pfn) {
        return (flags[pfn - base] & PG_HEAD) != 0;
    }

    /** Order of the allocated block headed here; meaningful only if {@link #isAllocatedHead}. */
    public int allocatedOrder(int pfn) {
        return (flags[pfn - base] & 0xff) >>> ALLOC_ORDER_SHIFT;
    }

    /**
     * Records an allocated block at its head; PG_BUDDY is left as it is, so a step that forgot to clear it
     * stays visible to the invariants.
     */
    public void setAllocated(int pfn, int allocOrder, int migratetype, int ownerId) {
        int i = pfn - base;
        flags[i] = (byte) ((flags[i] & PG_BUDDY) | PG_HEAD | (allocOrder << ALLOC_ORDER_SHIFT));
        mt[i] = (byte) migratetype;
        owner[i] = ownerId;
    }

    /** Forgets the allocated block headed here. */
    public void clearAllocated(int pfn) {
        int i = pfn - base;
        flags[i] &= PG_BUDDY;
        owner[i] = 0;
    }

    /** Migratetype byte of the page: the list of a free head, or the requested type of an allocated head. */
    public int migratetype(int pfn) {
        return mt[pfn - base];
    }

    /** Owner of the allocated block headed here. */
    public int owner(int pfn) {
        return owner[pfn - base];
    }

    /** The next page on the same free list, or -1. */
    public int next(int pfn) {
        int n = next[pfn - base];
        return n == -1 ? -1 : n + base;
    }

    /** The previous page on the same free list, or -1. */
    public int prev(int pfn) {
        int p = prev[pfn - base];
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

    /** Bytes of page state per page: the element sizes of every per-page array, found by reflection. */
    public static int bytesPerPage() {
        return bytesOfArraysSized(true);
    }

    /** Bytes of state per pageblock. */
    public static int bytesPerPageblock() {
        return bytesOfArraysSized(false);
    }

    /** Total bytes of array payload for this zone (excluding object headers). */
    public long footprintBytes() {
        return (long) bytesPerPage() * size + (long) bytesPerPageblock() * pageblockMt.length;
    }

    private static int bytesOfArraysSized(boolean perPage) {
        int bytes = 0;
        for (Field f : PageArray.class.getDeclaredFields()) {
            Class<?> t = f.getType();
            if (Modifier.isStatic(f.getModifiers()) || !t.isArray()) {
                continue;
            }
            if (f.getName().startsWith("pageblock") != perPage) {
                bytes += elementBytes(t.getComponentType());
            }
        }
        return bytes;
    }

    private static int elementBytes(Class<?> c) {
        if (c == byte.class || c == boolean.class) {
            return 1;
        }
        if (c == short.class || c == char.class) {
            return 2;
        }
        if (c == int.class || c == float.class) {
            return 4;
        }
        return 8;
    }
}
