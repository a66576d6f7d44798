package mmcheck.mm.compaction;

import java.util.Arrays;

import mmcheck.mm.MmGeometry;

/**
 * ZoneCompactState - the compaction fields of one zone: cached scanner positions, deferral state and the pageblock
 * skip bits.
 * Kernel: the CONFIG_COMPACTION members of struct zone in include/linux/mmzone.h (compact_cached_free_pfn,
 * compact_cached_migrate_pfn[ASYNC_AND_SYNC], compact_init_migrate_pfn, compact_init_free_pfn, compact_considered,
 * compact_defer_shift, compact_order_failed, compact_blockskip_flush) and PB_migrate_skip of pageblock_flags.
 *
 * <p>What compaction adds to the allocator's 16 bytes per page: one skip bit per pageblock here (a long per 64
 * pageblocks, 1/4096 bit per page at pageblock_order 9) and one "isolated" bit per page in the migrator.
 */
public final class ZoneCompactState {

    /** COMPACT_MAX_DEFER_SHIFT: at most 64 attempts are skipped after repeated failures. */
    public static final int COMPACT_MAX_DEFER_SHIFT = 6;

    private final MmGeometry g;
    private final int firstPageblock;
    /** PB_migrate_skip, one bit per pageblock overlapping the zone. */
    private final long[] skip;

    /** compact_cached_free_pfn: where the free scanner restarts. */
    public int compactCachedFreePfn;
    /** compact_cached_migrate_pfn[0] (async) and [1] (sync): where the migrate scanner restarts. */
    public final int[] compactCachedMigratePfn = new int[2];
    /** compact_init_migrate_pfn: the first pfn the migrate scanner found worth scanning after a reset. */
    public int compactInitMigratePfn;
    /** compact_init_free_pfn: the last pfn the free scanner found worth scanning after a reset. */
    public int compactInitFreePfn;
    /** compact_considered: attempts skipped since the last failure. */
    public int compactConsidered;
    /** compact_defer_shift: 1 &lt;&lt; shift attempts are skipped. */
    public int compactDeferShift;
    /** compact_order_failed: the lowest order that failed; smaller orders are never deferred. */
    public int compactOrderFailed;
    /** compact_blockskip_flush: the skip bits should be cleared when kswapd or compaction restarts. */
    public boolean compactBlockskipFlush;

    public ZoneCompactState(MmGeometry g) {
        this.g = g;
        this.firstPageblock = g.firstPageblock();
        this.skip = new long[(g.nrPageblocks() + 63) >>> 6];
        resetCachedPositions();
        // struct zone starts zeroed: compact_init_*_pfn and compact_order_failed are 0 until a reset or a failure.
    }

    private ZoneCompactState(ZoneCompactState o) {
        g = o.g;
        firstPageblock = o.firstPageblock;
        skip = o.skip.clone();
        compactCachedFreePfn = o.compactCachedFreePfn;
        compactCachedMigratePfn[0] = o.compactCachedMigratePfn[0];
        compactCachedMigratePfn[1] = o.compactCachedMigratePfn[1];
        compactInitMigratePfn = o.compactInitMigratePfn;
        compactInitFreePfn = o.compactInitFreePfn;
        compactConsidered = o.compactConsidered;
        compactDeferShift = o.compactDeferShift;
        compactOrderFailed = o.compactOrderFailed;
        compactBlockskipFlush = o.compactBlockskipFlush;
    }

    /** A deep copy. */
    public ZoneCompactState copy() {
        return new ZoneCompactState(this);
    }

    /** Whether another state is the same, skip bits included. */
    public boolean sameState(ZoneCompactState o) {
        return Arrays.equals(skip, o.skip) && compactCachedFreePfn == o.compactCachedFreePfn
                && Arrays.equals(compactCachedMigratePfn, o.compactCachedMigratePfn)
                && compactInitMigratePfn == o.compactInitMigratePfn && compactInitFreePfn == o.compactInitFreePfn
                && compactConsidered == o.compactConsidered && compactDeferShift == o.compactDeferShift
                && compactOrderFailed == o.compactOrderFailed && compactBlockskipFlush == o.compactBlockskipFlush;
    }

    /** reset_cached_positions(): both scanners restart at the zone's ends. Kernel: reset_cached_positions() in mm/compaction.c. */
    public void resetCachedPositions() {
        compactCachedMigratePfn[0] = g.zoneStart();
        compactCachedMigratePfn[1] = g.zoneStart();
        compactCachedFreePfn = pageblockStartPfn(g.zoneEnd() - 1);
    }

    /** get_pageblock_skip() of the pageblock holding pfn. */
    public boolean getPageblockSkip(int pfn) {
        int i = (pfn >> g.pageblockOrder()) - firstPageblock;
        return (skip[i >>> 6] & (1L << i)) != 0;
    }

    /** set_pageblock_skip() of the pageblock holding pfn. */
    public void setPageblockSkip(int pfn) {
        int i = (pfn >> g.pageblockOrder()) - firstPageblock;
        skip[i >>> 6] |= 1L << i;
    }

    /** clear_pageblock_skip() of the pageblock holding pfn. */
    public void clearPageblockSkip(int pfn) {
        int i = (pfn >> g.pageblockOrder()) - firstPageblock;
        skip[i >>> 6] &= ~(1L << i);
    }

    /** Number of pageblocks whose skip bit is set. */
    public int skipCount() {
        int n = 0;
        for (long w : skip) {
            n += Long.bitCount(w);
        }
        return n;
    }

    /** Bytes of skip bits for this zone. */
    public long skipBitsBytes() {
        return (long) skip.length * Long.BYTES;
    }

    /** pageblock_start_pfn(). */
    public int pageblockStartPfn(int pfn) {
        return pfn & -(1 << g.pageblockOrder());
    }
}
