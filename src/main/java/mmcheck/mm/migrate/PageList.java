package mmcheck.mm.migrate;

import java.util.Arrays;

/**
 * PageList - an ordered list of pfns, the caller's list of isolated pages that migrate_pages() works through.
 * Kernel: the struct list_head of pages linked through page->lru (cc->migratepages for compaction).
 *
 * <p>A growable int[] rather than a List&lt;Integer&gt;, so that migrating a batch does not box.
 */
public final class PageList {

    private int[] pfns;
    private int size;

    public PageList() {
        this(8);
    }

    public PageList(int capacity) {
        pfns = new int[Math.max(1, capacity)];
    }

    /** A list holding these pfns in this order. */
    public static PageList of(int... pfns) {
        PageList l = new PageList(pfns.length);
        for (int p : pfns) {
            l.add(p);
        }
        return l;
    }

    /** list_add_tail(). */
    public void add(int pfn) {
        if (size == pfns.length) {
            pfns = Arrays.copyOf(pfns, size * 2);
        }
        pfns[size++] = pfn;
    }

    public int get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index " + i + " of a list of " + size);
        }
        return pfns[i];
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public boolean contains(int pfn) {
        return indexOf(pfn) >= 0;
    }

    public int indexOf(int pfn) {
        for (int i = 0; i < size; i++) {
            if (pfns[i] == pfn) {
                return i;
            }
        }
        return -1;
    }

    /** Puts pfn in the i-th place. */
    public void set(int i, int pfn) {
        get(i);
        pfns[i] = pfn;
    }

    /** list_del() of the i-th entry; the others keep their order, as a list_for_each_entry_safe() walk sees them. */
    public int removeAt(int i) {
        int pfn = get(i);
        System.arraycopy(pfns, i + 1, pfns, i, size - i - 1);
        size--;
        return pfn;
    }

    /** list_splice() of another list onto the tail of this one; other ends up empty. */
    public void splice(PageList other) {
        for (int i = 0; i < other.size; i++) {
            add(other.pfns[i]);
        }
        other.clear();
    }

    public void clear() {
        size = 0;
    }

    public int[] toArray() {
        return Arrays.copyOf(pfns, size);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : ", ").append("0x").append(Integer.toHexString(pfns[i]));
        }
        return sb.append(']').toString();
    }
}
