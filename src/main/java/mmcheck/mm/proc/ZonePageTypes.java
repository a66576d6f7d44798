package mmcheck.mm.proc;

import java.util.Arrays;

import mmcheck.mm.MigrateType;

/**
 * ZonePageTypes - one zone's per-migratetype part of /proc/pagetypeinfo. Kernel: what pagetypeinfo_show() prints
 * for a zone in mm/vmstat.c.
 *
 * <p>Arrays are indexed by {@link MigrateType#ordinal()}; {@link #types()} lists the columns the kernel printed
 * (its MIGRATE_TYPES order), and rows of types that are not columns stay zero. Arrays are shared, not copied:
 * treat them as read-only.
 */
public final class ZonePageTypes {

    private final int pageblockOrder;
    private final MigrateType[] types;
    private final long[][] freeCounts;
    private final long[] blockCounts;
    private final long[] mixedCounts;

    /**
     * @param pageblockOrder pageblock_order
     * @param types          printed migratetype columns, in enum order
     * @param freeCounts     [migratetype ordinal][order] free blocks on free_area[order].free_list[mt]
     * @param blockCounts    [migratetype ordinal] pageblocks of that migratetype
     * @param mixedCounts    [migratetype ordinal] "Number of mixed blocks" (page_owner kernels), or null when absent
     */
    public ZonePageTypes(int pageblockOrder, MigrateType[] types, long[][] freeCounts, long[] blockCounts,
            long[] mixedCounts) {
        int nTypes = MigrateType.values().length;
        if (pageblockOrder < 0 || pageblockOrder > 62) {
            throw new IllegalArgumentException("pageblock order " + pageblockOrder + " out of range 0..62");
        }
        if (types.length == 0) {
            throw new IllegalArgumentException("no migratetype columns");
        }
        for (int i = 1; i < types.length; i++) {
            if (types[i].ordinal() <= types[i - 1].ordinal()) {
                throw new IllegalArgumentException("migratetype columns not in kernel order: "
                        + Arrays.toString(types));
            }
        }
        if (freeCounts.length != nTypes || blockCounts.length != nTypes
                || (mixedCounts != null && mixedCounts.length != nTypes)) {
            throw new IllegalArgumentException("per-migratetype arrays must have " + nTypes + " rows");
        }
        int orders = freeCounts[0].length;
        for (long[] row : freeCounts) {
            if (row.length != orders) {
                throw new IllegalArgumentException("free count rows differ in number of orders");
            }
        }
        this.pageblockOrder = pageblockOrder;
        this.types = types.clone();
        this.freeCounts = freeCounts;
        this.blockCounts = blockCounts;
        this.mixedCounts = mixedCounts;
    }

    /** Kernel: pageblock_order. */
    public int pageblockOrder() {
        return pageblockOrder;
    }

    /** Kernel: pageblock_nr_pages. */
    public long pagesPerBlock() {
        return 1L << pageblockOrder;
    }

    public MigrateType[] types() {
        return types.clone();
    }

    public int orders() {
        return freeCounts[0].length;
    }

    public long freeCount(MigrateType mt, int order) {
        return freeCounts[mt.ordinal()][order];
    }

    public long blockCount(MigrateType mt) {
        return blockCounts[mt.ordinal()];
    }

    public boolean hasMixedCounts() {
        return mixedCounts != null;
    }

    /** @throws IllegalStateException when the snapshot had no "Number of mixed blocks" section */
    public long mixedCount(MigrateType mt) {
        if (mixedCounts == null) {
            throw new IllegalStateException("no mixed block counts (kernel without page_owner)");
        }
        return mixedCounts[mt.ordinal()];
    }

    /** nr_free per order: the kernel's free_area[order].nr_free counts the blocks on every migratetype's list. */
    public long[] nrFree() {
        long[] nrFree = new long[orders()];
        for (long[] row : freeCounts) {
            for (int order = 0; order < row.length; order++) {
                nrFree[order] += row[order];
            }
        }
        return nrFree;
    }

    /** Whether some free count reached the kernel's print cap, so that count and {@link #nrFree()} are lower bounds. */
    public boolean capped() {
        for (long[] row : freeCounts) {
            for (long count : row) {
                if (Long.compareUnsigned(count, PagetypeinfoPrinter.FREE_COUNT_CAP) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZonePageTypes other
                && pageblockOrder == other.pageblockOrder
                && Arrays.equals(types, other.types)
                && Arrays.deepEquals(freeCounts, other.freeCounts)
                && Arrays.equals(blockCounts, other.blockCounts)
                && Arrays.equals(mixedCounts, other.mixedCounts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * pageblockOrder + Arrays.hashCode(types)) + Arrays.deepHashCode(freeCounts);
    }
}
