package mmcheck.mm.vmstat;

/**
 * Vmstat - the fragmentation figures of a zone, from its nr_free per order. Kernel: mm/vmstat.c (CONFIG_COMPACTION part).
 *
 * <p>A zone is represented by {@code nrFree}, free_area[order].nr_free for orders 0..nrFree.length-1. All arithmetic is
 * the kernel's: C {@code unsigned long} wrap-around and div_u64() truncation, so the results match the kernel
 * bit for bit, including the values the kernel never meant to produce (a negative fragmentation index).
 */
public final class Vmstat {

    /** Number of buddy orders in Linux 6.1 x86_64 (orders 0..10). Kernel: MAX_ORDER in include/linux/mmzone.h. */
    public static final int MAX_ORDER = 11;

    private Vmstat() {
    }

    /**
     * fillContigPageInfo() - count free pages, free blocks and blocks usable for {@code suitableOrder}.
     * Kernel: fill_contig_page_info() in mm/vmstat.c.
     */
    public static ContigPageInfo fillContigPageInfo(long[] nrFree, int suitableOrder) {
        checkOrder(suitableOrder);
        if (nrFree.length > MAX_ORDER) {
            throw new IllegalArgumentException("nr_free has " + nrFree.length + " orders, more than MAX_ORDER "
                    + MAX_ORDER);
        }
        long freePages = 0;
        long freeBlocksTotal = 0;
        long freeBlocksSuitable = 0;
        for (int order = 0; order < nrFree.length; order++) {
            long blocks = nrFree[order];
            freeBlocksTotal += blocks;
            freePages += blocks << order;
            if (order >= suitableOrder) {
                freeBlocksSuitable += blocks << (order - suitableOrder);
            }
        }
        return new ContigPageInfo(freePages, freeBlocksTotal, freeBlocksSuitable);
    }

    /**
     * fragmentationIndex() - whether a failing allocation of {@code order} fails from fragmentation (toward 1000) or
     * lack of memory (toward 0); -1000 when it would not fail. Kernel: __fragmentation_index() in mm/vmstat.c.
     */
    public static int fragmentationIndex(int order, ContigPageInfo info) {
        checkOrder(order);
        // The kernel WARNs and answers 0 here rather than shifting past its free_area array.
        if (order >= MAX_ORDER) {
            return 0;
        }
        if (info.freeBlocksTotal() == 0) {
            return 0;
        }
        if (info.freeBlocksSuitable() != 0) {
            return -1000;
        }
        long requested = 1L << order;
        long pagesPerRequest = Long.divideUnsigned(info.freePages() * 1000L, requested);
        // C computes 1000 - u64 in u64 and returns it as int: the low 32 bits, negative when the quotient exceeds 1000.
        return (int) (1000L - Long.divideUnsigned(1000L + pagesPerRequest, info.freeBlocksTotal()));
    }

    /** fragmentationIndex() - {@link #fragmentationIndex(int, ContigPageInfo)} for a zone. Kernel: fragmentation_index() in mm/vmstat.c. */
    public static int fragmentationIndex(long[] nrFree, int order) {
        return fragmentationIndex(order, fillContigPageInfo(nrFree, order));
    }

    /**
     * unusableFreeIndex() - thousandths of the free pages that cannot serve an allocation of {@code order}; 1000 when
     * nothing is free. Kernel: unusable_free_index() in mm/vmstat.c.
     */
    public static int unusableFreeIndex(int order, ContigPageInfo info) {
        checkOrder(order);
        if (info.freePages() == 0) {
            return 1000;
        }
        long unusable = info.freePages() - (info.freeBlocksSuitable() << order);
        return (int) Long.divideUnsigned(unusable * 1000L, info.freePages());
    }

    /**
     * extfragForOrder() - percentage of free pages in blocks smaller than {@code order}; 0 when nothing is free.
     * Kernel: extfrag_for_order() in mm/vmstat.c.
     */
    public static int extfragForOrder(long[] nrFree, int order) {
        ContigPageInfo info = fillContigPageInfo(nrFree, order);
        if (info.freePages() == 0) {
            return 0;
        }
        long unusable = info.freePages() - (info.freeBlocksSuitable() << order);
        return (int) Long.divideUnsigned(unusable * 100L, info.freePages());
    }

    private static void checkOrder(int order) {
        // The kernel's order is unsigned int; a negative Java int has no kernel meaning.
        if (order < 0) {
            throw new IllegalArgumentException("order " + order + " is negative");
        }
    }
}
