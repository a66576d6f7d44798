package mmcheck.mm;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * FreeArea - zone->free_area[]: per order, one free list per migratetype and nr_free.
 * Kernel: struct free_area in include/linux/mmzone.h and the list helpers in mm/page_alloc.c.
 *
 * <p>The lists are intrusive through {@link PageArray}'s next/prev slots, so every operation is O(1) and
 * allocates nothing. Besides nr_free (blocks of an order on all lists, MIGRATE_ISOLATE included) we keep a count
 * per list for /proc/pagetypeinfo; the kernel counts those by walking.
 *
 * <p>There is one spare row at order MAX_ORDER that no correct step touches: a merge loop that runs one order too
 * far (the off-by-one 6.4's redefinition of MAX_ORDER invited) lands there, and the invariant checker reports
 * TypeOK instead of the JVM throwing ArrayIndexOutOfBoundsException.
 */
public final class FreeArea {

    /** Lists per order: one per migratetype, MIGRATE_TYPES in the kernel. */
    public static final int NR_MIGRATETYPES = 5;

    private final int maxOrder;
    private final int rows;
    final int[] head;
    final int[] tail;
    final int[] count;
    final int[] nrFree;

    private final PageArray pages;
    private final int base;
    /** PageArray's slots: next, prev, owner, meta per page. */
    private final int[] slots;

    FreeArea(int maxOrder, PageArray pages) {
        this.maxOrder = maxOrder;
        this.rows = maxOrder + 1;
        head = new int[rows * NR_MIGRATETYPES];
        tail = new int[rows * NR_MIGRATETYPES];
        count = new int[rows * NR_MIGRATETYPES];
        nrFree = new int[rows];
        Arrays.fill(head, -1);
        Arrays.fill(tail, -1);
        this.pages = pages;
        this.base = pages.base;
        this.slots = pages.slots;
    }

    private FreeArea(FreeArea o, PageArray pages) {
        this(o.maxOrder, pages);
        System.arraycopy(o.head, 0, head, 0, head.length);
        System.arraycopy(o.tail, 0, tail, 0, tail.length);
        System.arraycopy(o.count, 0, count, 0, count.length);
        System.arraycopy(o.nrFree, 0, nrFree, 0, nrFree.length);
    }

    FreeArea copy(PageArray pagesCopy) {
        return new FreeArea(this, pagesCopy);
    }

    boolean sameState(FreeArea o) {
        return Arrays.equals(head, o.head) && Arrays.equals(tail, o.tail) && Arrays.equals(count, o.count)
                && Arrays.equals(nrFree, o.nrFree);
    }

    /** Orders that have lists, including the spare row: MAX_ORDER + 1. */
    public int rows() {
        return rows;
    }

    /** add_to_free_list(): put a page at the head of free_list[order][migratetype]; nr_free++. */
    public void addToFreeList(int pfn, int o, int migratetype) {
        int i = pfn - base;
        int li = o * NR_MIGRATETYPES + migratetype;
        int h = head[li];
        int s = i << PageArray.SHIFT;
        slots[s + PageArray.NEXT] = h;
        slots[s + PageArray.PREV] = -1;
        if (h >= 0) {
            slots[(h << PageArray.SHIFT) + PageArray.PREV] = i;
        } else {
            tail[li] = i;
        }
        head[li] = i;
        setMt(s, migratetype);
        count[li]++;
        nrFree[o]++;
    }

    /** add_to_free_list_tail(): put a page at the tail of free_list[order][migratetype]; nr_free++. */
    public void addToFreeListTail(int pfn, int o, int migratetype) {
        int li = o * NR_MIGRATETYPES + migratetype;
        int i = pfn - base;
        linkTail(i, li);
        setMt(i << PageArray.SHIFT, migratetype);
        count[li]++;
        nrFree[o]++;
    }

    /** move_to_free_list(): list_move_tail() onto free_list[order][migratetype]; nr_free is unchanged. */
    public void moveToFreeList(int pfn, int o, int migratetype) {
        int i = pfn - base;
        int s = i << PageArray.SHIFT;
        unlink(i, o * NR_MIGRATETYPES + mt(s));
        int li = o * NR_MIGRATETYPES + migratetype;
        linkTail(i, li);
        setMt(s, migratetype);
        count[li]++;
    }

    /**
     * del_page_from_free_list(): list_del(), __ClearPageBuddy(), set_page_private(page, 0), nr_free--.
     * The page must be on a list of this order.
     */
    public void delPageFromFreeList(int pfn, int o) {
        int i = pfn - base;
        int s = i << PageArray.SHIFT;
        unlink(i, o * NR_MIGRATETYPES + mt(s));
        slots[s + PageArray.META] &= ~((PageArray.BYTE << PageArray.ORDER_SHIFT) | PageArray.PG_BUDDY);
        nrFree[o]--;
    }

    /** get_page_from_free_area(): the head of free_list[order][migratetype], or -1 if the list is empty. */
    public int getPageFromFreeArea(int o, int migratetype) {
        int h = head[o * NR_MIGRATETYPES + migratetype];
        return h < 0 ? -1 : h + base;
    }

    /** The tail of free_list[order][migratetype], or -1. */
    public int freeListTail(int o, int migratetype) {
        int t = tail[o * NR_MIGRATETYPES + migratetype];
        return t < 0 ? -1 : t + base;
    }

    /** free_area_empty(). */
    public boolean isEmpty(int o, int migratetype) {
        return head[o * NR_MIGRATETYPES + migratetype] < 0;
    }

    /** free_area[order].nr_free. */
    public int nrFree(int o) {
        return nrFree[o];
    }

    /** Overwrites nr_free, for building a given state or seeding an accounting bug in a test. */
    public void setNrFree(int o, int n) {
        nrFree[o] = n;
    }

    /** Blocks on free_list[order][migratetype], as maintained by the list operations. */
    public int count(int o, int migratetype) {
        return count[o * NR_MIGRATETYPES + migratetype];
    }

    /**
     * Visits free_list[order][migratetype] from head to tail. Stops after {@code count + 1} entries, so a corrupted
     * list cannot make it loop forever; BuddyInvariants reports such corruption.
     */
    public void forEachOnList(int o, int migratetype, IntConsumer pfnConsumer) {
        int li = o * NR_MIGRATETYPES + migratetype;
        int limit = Math.min(count[li] + 1, pages.size);
        for (int i = head[li]; i >= 0 && i < pages.size && limit-- > 0; i = slots[(i << PageArray.SHIFT) + PageArray.NEXT]) {
            pfnConsumer.accept(i + base);
        }
    }

    /**
     * Copies the pfns on free_list[order][migratetype], head first, into dst from off, as {@link #forEachOnList}
     * visits them; returns how many. dst needs room for {@link #listRoom} of them.
     */
    public int copyList(int o, int migratetype, int[] dst, int off) {
        int li = o * NR_MIGRATETYPES + migratetype;
        int limit = Math.min(count[li] + 1, pages.size);
        int n = 0;
        for (int i = head[li]; i >= 0 && i < pages.size && limit-- > 0; i = slots[(i << PageArray.SHIFT) + PageArray.NEXT]) {
            dst[off + n++] = i + base;
        }
        return n;
    }

    /** The most pfns {@link #copyList} copies of free_list[order][migratetype]: count + 1, within the zone. */
    public int listRoom(int o, int migratetype) {
        return Math.max(0, Math.min(count[o * NR_MIGRATETYPES + migratetype] + 1, pages.size));
    }

    /** The pfns on free_list[order][migratetype], head first. */
    public int[] freeListPfns(int o, int migratetype) {
        int[] out = new int[count(o, migratetype) + 1];
        int[] n = {0};
        forEachOnList(o, migratetype, p -> {
            if (n[0] < out.length) {
                out[n[0]++] = p;
            }
        });
        return Arrays.copyOf(out, n[0]);
    }

    private int mt(int s) {
        return (slots[s + PageArray.META] >>> PageArray.MT_SHIFT) & PageArray.BYTE;
    }

    private void setMt(int s, int migratetype) {
        int m = s + PageArray.META;
        slots[m] = (slots[m] & ~(PageArray.BYTE << PageArray.MT_SHIFT)) | ((migratetype & PageArray.BYTE) << PageArray.MT_SHIFT);
    }

    private void linkTail(int i, int li) {
        int t = tail[li];
        int s = i << PageArray.SHIFT;
        slots[s + PageArray.PREV] = t;
        slots[s + PageArray.NEXT] = -1;
        if (t >= 0) {
            slots[(t << PageArray.SHIFT) + PageArray.NEXT] = i;
        } else {
            head[li] = i;
        }
        tail[li] = i;
    }

    private void unlink(int i, int li) {
        int s = i << PageArray.SHIFT;
        int n = slots[s + PageArray.NEXT];
        int p = slots[s + PageArray.PREV];
        if (p >= 0) {
            slots[(p << PageArray.SHIFT) + PageArray.NEXT] = n;
        } else {
            head[li] = n;
        }
        if (n >= 0) {
            slots[(n << PageArray.SHIFT) + PageArray.PREV] = p;
        } else {
            tail[li] = p;
        }
        slots[s + PageArray.NEXT] = -1;
        slots[s + PageArray.PREV] = -1;
        count[li]--;
    }
}
