package mmcheck.mm.compaction;

import mmcheck.mm.FreeArea;
import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.PageArray;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.buddy.Watermarks;
import mmcheck.mm.migrate.MigrateMode;
import mmcheck.mm.migrate.PageList;
import mmcheck.mm.vmstat.Vmstat;

/**
 * Compaction - memory compaction of one zone: the two scanners, compact_zone(), suitability and deferral.
 * Kernel: mm/compaction.c of Linux 6.1, one method per function, in the file's order where it matters.
 * Spec: spec/Compaction.tla; each public step method is one action and refuses (StepRefusedException, state
 * unchanged) what the action does not enable.
 *
 * <p>{@link #compactZone} runs a whole compact_zone() as the sequence of its spec steps ({@link #compactZoneStep}:
 * {@link #compactFinished}, {@link #isolateMigratepagesBlock(CompactControl)}, {@link #migratePages},
 * {@link #compactionAlloc}, {@link #isolateFreepagesBlock(CompactControl)}, {@link #migratePagesReturn},
 * {@link #putbackMovablePages}, {@link #releaseFreepages}), each enabled by cc's position (cc.pc); a binding drives
 * the same steps one at a time.
 *
 * <p>Not modelled: lock contention (compact_lock_irqsave() never fails; a fatal signal can be raised with
 * {@link #setFatalSignalPending}), too_many_isolated() (one compactor, at most COMPACT_CLUSTER_MAX pages isolated),
 * the free-list reordering of move_freelist_head()/move_freelist_tail(), non-LRU movable pages, CMA.
 */
public class Compaction {

    /** COMPACT_CLUSTER_MAX (SWAP_CLUSTER_MAX): pages isolated per batch. */
    public static final int COMPACT_CLUSTER_MAX = 32;
    /** PAGE_ALLOC_COSTLY_ORDER. */
    public static final int PAGE_ALLOC_COSTLY_ORDER = 3;
    /** -EAGAIN, -EINTR, -ENOMEM. */
    public static final int EAGAIN = -11;
    public static final int EINTR = -4;
    public static final int ENOMEM = -12;
    /** Default of /proc/sys/vm/extfrag_threshold. */
    public static final int DEFAULT_EXTFRAG_THRESHOLD = 500;
    private static final int FAST_START_DONE = Integer.MAX_VALUE;

    protected final Zone zone;
    protected final PageAlloc pageAlloc;
    protected final PageArray pages;
    protected final MmGeometry g;
    protected final CompactionMigrator migrator;
    protected final ZoneCompactState state;
    protected final CompactionCounters counters;
    protected final int clusterMax;
    /** clusterMax - 1 when it is a power of two (pfn % COMPACT_CLUSTER_MAX as a mask), else -1. */
    private final int clusterMask;
    /** isolate_freepages()' isolate_start_pfn, passed in and out of isolate_freepages_block(). */
    private final int[] freeCursor = new int[1];
    /** The pfns the last {@link #passUntaken} passed over, each counted scanned. */
    private int passVisits;
    protected final int pageblockOrder;
    protected final int pageblockNrPages;
    protected final int maxOrder;
    protected final int zoneStart;
    protected final int zoneEnd;
    protected CompactionTracer tracer = CompactionTracer.NONE;
    /** /proc/sys/vm/extfrag_threshold. */
    protected int extfragThreshold = DEFAULT_EXTFRAG_THRESHOLD;
    /** fatal_signal_pending(current) of the task compacting. */
    protected boolean fatalSignalPending;
    /** Told the migrate scanner's position once per round of compact_zone(), for progress reports. */
    protected java.util.function.IntConsumer progress;

    /**
     * PAGE_ALLOC_COSTLY_ORDER as __compaction_suitable() (watermark, fragmentation index) and
     * fast_find_migrateblock() see it: the kernel's 3 by default; a binding passes the model's CostlyOrder so that
     * small zones (orders 0..2) reach what the spec's CostlyOrder guards. The skip-hint reset samples every
     * 1 << PAGE_ALLOC_COSTLY_ORDER pages as the kernel does.
     */
    private int costlyOrder = PAGE_ALLOC_COSTLY_ORDER;

    /** @param order the model's CostlyOrder (0..PAGE_ALLOC_COSTLY_ORDER) */
    public void setCostlyOrder(int order) {
        if (order < 0 || order > PAGE_ALLOC_COSTLY_ORDER) {
            throw new IllegalArgumentException("costly order must be 0.." + PAGE_ALLOC_COSTLY_ORDER + ", not " + order);
        }
        this.costlyOrder = order;
    }

    public Compaction(PageAlloc pageAlloc, CompactionMigrator migrator, CompactionCounters counters) {
        this(pageAlloc, migrator, counters, COMPACT_CLUSTER_MAX);
    }

    /** @param clusterMax COMPACT_CLUSTER_MAX; small models shrink it */
    public Compaction(PageAlloc pageAlloc, CompactionMigrator migrator, CompactionCounters counters, int clusterMax) {
        if (clusterMax < 1) {
            throw new IllegalArgumentException("COMPACT_CLUSTER_MAX must be at least 1, not " + clusterMax);
        }
        this.pageAlloc = pageAlloc;
        this.zone = pageAlloc.zone();
        this.pages = zone.pageArray();
        this.g = zone.geometry();
        this.migrator = migrator;
        this.counters = counters;
        this.clusterMax = clusterMax;
        this.clusterMask = Integer.bitCount(clusterMax) == 1 ? clusterMax - 1 : -1;
        this.state = new ZoneCompactState(g);
        this.pageblockOrder = g.pageblockOrder();
        this.pageblockNrPages = 1 << pageblockOrder;
        this.maxOrder = g.maxOrder();
        this.zoneStart = g.zoneStart();
        this.zoneEnd = g.zoneEnd();
    }

    public Zone zone() {
        return zone;
    }

    public PageAlloc pageAlloc() {
        return pageAlloc;
    }

    public CompactionMigrator migrator() {
        return migrator;
    }

    /** The zone's compaction fields. */
    public ZoneCompactState state() {
        return state;
    }

    public CompactionCounters counters() {
        return counters;
    }

    public int clusterMax() {
        return clusterMax;
    }

    public void setTracer(CompactionTracer tracer) {
        this.tracer = tracer;
    }

    public CompactionTracer tracer() {
        return tracer;
    }

    /** Sets /proc/sys/vm/extfrag_threshold (0..1000). */
    public void setExtfragThreshold(int threshold) {
        if (threshold < 0 || threshold > 1000) {
            throw new IllegalArgumentException("extfrag_threshold " + threshold + " is out of range 0..1000");
        }
        this.extfragThreshold = threshold;
    }

    public int extfragThreshold() {
        return extfragThreshold;
    }

    /** Reports cc->migrate_pfn once per round of compactZone(); null for none. */
    public void setProgress(java.util.function.IntConsumer progress) {
        this.progress = progress;
    }

    /** Raises or clears a fatal signal for the compacting task; the scanners then stop with COMPACT_CONTENDED. */
    public void setFatalSignalPending(boolean pending) {
        this.fatalSignalPending = pending;
    }

    // ------------------------------------------------------------------------------------------------ deferral

    /**
     * deferCompaction() - compaction of this order failed: skip the next 1 &lt;&lt; compact_defer_shift attempts.
     * Kernel: defer_compaction(). Spec: DeferCompaction(order). Trace: mm_compaction_defer_compaction.
     */
    public void deferCompaction(int order) {
        checkOrder("defer_compaction", order);
        state.compactConsidered = 0;
        state.compactDeferShift++;
        if (order < state.compactOrderFailed) {
            state.compactOrderFailed = order;
        }
        if (state.compactDeferShift > ZoneCompactState.COMPACT_MAX_DEFER_SHIFT) {
            state.compactDeferShift = ZoneCompactState.COMPACT_MAX_DEFER_SHIFT;
        }
        traceDefer("mm_compaction_defer_compaction", order);
    }

    /**
     * compactionDeferred() - whether this attempt is skipped; counts the attempt.
     * Kernel: compaction_deferred(). Spec: CompactionDeferred(order). Trace: mm_compaction_deferred.
     */
    public boolean compactionDeferred(int order) {
        checkOrder("compaction_deferred", order);
        long deferLimit = 1L << state.compactDeferShift;
        if (order < state.compactOrderFailed) {
            return false;
        }
        if (++state.compactConsidered >= deferLimit) {
            state.compactConsidered = (int) deferLimit;
            return false;
        }
        traceDefer("mm_compaction_deferred", order);
        return true;
    }

    /**
     * compactionDeferReset() - compaction of this order is expected to succeed (allocSuccess: it did).
     * Kernel: compaction_defer_reset(). Spec: CompactionDeferReset(order). Trace: mm_compaction_defer_reset.
     */
    public void compactionDeferReset(int order, boolean allocSuccess) {
        checkOrder("compaction_defer_reset", order);
        if (allocSuccess) {
            state.compactConsidered = 0;
            state.compactDeferShift = 0;
        }
        if (order >= state.compactOrderFailed) {
            state.compactOrderFailed = order + 1;
        }
        traceDefer("mm_compaction_defer_reset", order);
    }

    /** compactionRestarting() - deferred as long as it gets, and now retried. Kernel: compaction_restarting(). */
    public boolean compactionRestarting(int order) {
        if (order < state.compactOrderFailed) {
            return false;
        }
        return state.compactDeferShift == ZoneCompactState.COMPACT_MAX_DEFER_SHIFT
                && state.compactConsidered >= 1L << state.compactDeferShift;
    }

    private void traceDefer(String event, int order) {
        if (tracer.enabled()) {
            tracer.event(event, TracepointText.defer(zone.nodeId(), zone.name(), order, state.compactOrderFailed,
                    state.compactConsidered, 1L << state.compactDeferShift));
        }
    }

    // ------------------------------------------------------------------------------------------ skip hints

    /**
     * resetIsolationSuitable() - clear the skip bits and move the cached scanner positions to the first and last
     * pageblocks worth scanning, if compaction asked for it (compact_blockskip_flush).
     * Kernel: __reset_isolation_suitable() with __reset_isolation_pfn(). Spec: ResetIsolationSuitable.
     */
    public void resetIsolationSuitable() {
        if (!state.compactBlockskipFlush) {
            return;
        }
        state.compactBlockskipFlush = false;
        int migratePfn = zoneStart;
        int freePfn = zoneEnd - 1;
        int resetMigrate = freePfn;
        int resetFree = migratePfn;
        boolean sourceSet = false;
        boolean freeSet = false;
        for (; migratePfn < freePfn; migratePfn += pageblockNrPages, freePfn -= pageblockNrPages) {
            if (resetIsolationPfn(migratePfn, true, sourceSet) && migratePfn < resetMigrate) {
                sourceSet = true;
                resetMigrate = migratePfn;
                state.compactInitMigratePfn = resetMigrate;
                state.compactCachedMigratePfn[0] = resetMigrate;
                state.compactCachedMigratePfn[1] = resetMigrate;
            }
            if (resetIsolationPfn(freePfn, freeSet, true) && freePfn > resetFree) {
                freeSet = true;
                resetFree = freePfn;
                state.compactInitFreePfn = resetFree;
                state.compactCachedFreePfn = resetFree;
            }
        }
        if (resetMigrate >= resetFree) {
            state.compactCachedMigratePfn[0] = migratePfn;
            state.compactCachedMigratePfn[1] = migratePfn;
            state.compactCachedFreePfn = freePfn;
        }
    }

    /**
     * resetIsolationPfn() - whether a scanner may restart at this pageblock: its skip bit clears when a sample of
     * the block (every 1 &lt;&lt; PAGE_ALLOC_COSTLY_ORDER pages from its start) is what the scanner looks for (an LRU
     * page for the migrate scanner, a free page for the free scanner).
     * Kernel: __reset_isolation_pfn().
     */
    protected boolean resetIsolationPfn(int pfn, boolean checkSource, boolean checkTarget) {
        if (!g.contains(pfn) || pageblockSkipPersistent(pfn)) {
            return false;
        }
        // A skip bit already clear needs no sample once both restart points are set.
        if (checkSource && checkTarget && !state.getPageblockSkip(pfn)) {
            return true;
        }
        // The free scanner does not restart from a non-movable pageblock.
        if (!checkSource && checkTarget && pages.pfnblockMigratetype(pfn) != MigrateType.MIGRATE_MOVABLE.ordinal()) {
            return false;
        }
        int start = Math.max(state.pageblockStartPfn(pfn), zoneStart);
        int end = Math.min(pageblockEndPfn(start), zoneEnd) - 1;
        // Clear the hint only if a sample (every 1 << PAGE_ALLOC_COSTLY_ORDER pages) finds an LRU or a free page.
        for (int p = start; p <= end; p += 1 << PAGE_ALLOC_COSTLY_ORDER) {
            if ((checkSource && migrator.pageLru(p)) || (checkTarget && pages.isPageBuddy(p))) {
                state.clearPageblockSkip(p);
                return true;
            }
        }
        return false;
    }

    /**
     * pageblockSkipPersistent() - a compound page of at least pageblock order covers pfn (its head or a tail), so
     * the block's skip bit is never cleared. Kernel: pageblock_skip_persistent() (compound_head()).
     */
    protected boolean pageblockSkipPersistent(int pfn) {
        int head = zone.allocatedBlockCovering(pfn);
        return head >= 0 && pages.allocatedOrder(head) >= pageblockOrder;
    }

    /** isolationSuitable() - the block's skip bit allows scanning it. Kernel: isolation_suitable(). */
    protected boolean isolationSuitable(CompactControl cc, int pfn) {
        return cc.ignoreSkipHint || !state.getPageblockSkip(pfn);
    }

    /** testAndSetSkip() - claim a pageblock for this compactor. Kernel: test_and_set_skip(). */
    protected boolean testAndSetSkip(CompactControl cc, int pfn) {
        if (cc.ignoreSkipHint) {
            return false;
        }
        if ((pfn & (pageblockNrPages - 1)) != 0) {
            return false;
        }
        boolean skip = state.getPageblockSkip(pfn);
        if (!skip && !cc.noSetSkipHint) {
            state.setPageblockSkip(pfn);
        }
        return skip;
    }

    /**
     * updateCachedMigrate() - the migrate scanner finished the block before pfn: restart after it.
     * Kernel: update_cached_migrate(). Spec: UpdateCachedMigrate.
     */
    public void updateCachedMigrate(CompactControl cc, int pfn) {
        pfn = pageblockEndPfn(pfn);
        if (cc.noSetSkipHint) {
            return;
        }
        if (pfn > state.compactCachedMigratePfn[0]) {
            state.compactCachedMigratePfn[0] = pfn;
        }
        if (cc.mode != MigrateMode.MIGRATE_ASYNC && pfn > state.compactCachedMigratePfn[1]) {
            state.compactCachedMigratePfn[1] = pfn;
        }
    }

    /**
     * updateCachedFree() - the free scanner finished the pageblock at pfn: mark it skipped and restart below it.
     * Kernel: update_pageblock_skip(). Spec: UpdateCachedFree.
     */
    public void updateCachedFree(CompactControl cc, int pfn) {
        if (cc.noSetSkipHint) {
            return;
        }
        state.setPageblockSkip(pfn);
        if (pfn < state.compactCachedFreePfn) {
            state.compactCachedFreePfn = pfn;
        }
    }

    // --------------------------------------------------------------------------------------- free scanner

    /**
     * isolateFreepagesBlock() - take the free blocks of [startPfn[0], endPfn) off the free lists, every stride-th
     * page, until there are as many free pages as pages to migrate.
     * Kernel: isolate_freepages_block(). Spec: IsolateFreepagesBlock. Trace: mm_compaction_isolate_freepages.
     *
     * @param startPfn in: where to start; out: where the scan stopped
     * @return pages isolated
     */
    public int isolateFreepagesBlock(CompactControl cc, int[] startPfn, int endPfn, int stride, boolean strict) {
        requireRunning(cc, "isolate_freepages_block");
        int start = startPfn[0];
        if (start < zoneStart || endPfn > zoneEnd || start > endPfn
                || state.pageblockStartPfn(start) != state.pageblockStartPfn(endPfn - 1)) {
            throw new StepRefusedException("isolate_freepages_block", "range [" + hex(start) + ", " + hex(endPfn)
                    + ") is not within one pageblock of the zone");
        }
        if (strict) {
            stride = 1;
        }
        int nrScanned = 0;
        int totalIsolated = 0;
        int blockpfn = start;
        for (; blockpfn < endPfn; blockpfn += stride) {
            if (atClusterBoundary(blockpfn) && compactUnlockShouldAbort(cc)) {
                break;
            }
            nrScanned++;
            if (pages.isAllocatedHead(blockpfn)) {
                // PageCompound(): skip the whole compound page at once.
                int o = pages.allocatedOrder(blockpfn);
                if (o > 0 && o < maxOrder) {
                    blockpfn += (1 << o) - 1;
                }
                if (strict) {
                    break;
                }
                if (o == 0 && stride == 1) {
                    // The order-0 allocations that follow are only counted: pass them in one tight loop, up to
                    // the next pfn where the scan checks for a fatal signal.
                    int next = pages.skipOrder0Allocations(blockpfn + 1,
                            Math.min(endPfn, nextClusterBoundary(blockpfn)));
                    nrScanned += next - blockpfn - 1;
                    blockpfn = next - 1;
                }
                continue;
            }
            if (!pages.isPageBuddy(blockpfn)) {
                if (strict) {
                    break;
                }
                continue;
            }
            int order = pages.buddyOrder(blockpfn);
            int isolated = isolateFreePage(blockpfn, order);
            if (isolated == 0) {
                break;
            }
            nrScanned += isolated - 1;
            totalIsolated += isolated;
            cc.nrFreepages += isolated;
            cc.isolatedFree.add(blockpfn);
            cc.isolatedFreeOrder.add(order);
            if (!strict && cc.nrMigratepages <= cc.nrFreepages) {
                blockpfn += isolated;
                break;
            }
            blockpfn += isolated - 1;
        }
        if (blockpfn > endPfn) {
            blockpfn = endPfn;
        }
        if (tracer.enabled()) {
            tracer.event("mm_compaction_isolate_freepages",
                    TracepointText.isolate(start, blockpfn, nrScanned, totalIsolated));
        }
        startPfn[0] = blockpfn;
        if (nrScanned > 0) {
            cc.minFreeScannedPfn = Math.min(cc.minFreeScannedPfn, start);
        }
        if (strict && blockpfn < endPfn) {
            totalIsolated = 0;
        }
        cc.totalFreeScanned += nrScanned;
        counters.compactIsolated += totalIsolated;
        return totalIsolated;
    }

    /** isolateFreePage() - take one free block off its list. Kernel: __isolate_free_page() in mm/page_alloc.c. */
    protected int isolateFreePage(int pfn, int order) {
        return (int) pageAlloc.isolateFreePage(pfn, order);
    }

    /** compactUnlockShouldAbort() - a fatal signal ends the scan. Kernel: compact_unlock_should_abort(). */
    protected boolean compactUnlockShouldAbort(CompactControl cc) {
        if (fatalSignalPending) {
            cc.contended = true;
            return true;
        }
        return false;
    }

    /**
     * suitableMigrationTarget() - a pageblock the free scanner may take pages from: movable, and not already a
     * free block of pageblock order or more. Kernel: suitable_migration_target().
     */
    protected boolean suitableMigrationTarget(CompactControl cc, int pfn) {
        if (pages.isPageBuddy(pfn) && pages.buddyOrder(pfn) >= pageblockOrder) {
            return false;
        }
        if (cc.ignoreBlockSuitable) {
            return true;
        }
        return pages.pfnblockMigratetype(pfn) == MigrateType.MIGRATE_MOVABLE.ordinal();
    }

    /**
     * isolateFreepagesBlock() - one turn of isolate_freepages(): on its first turn since compaction_alloc() the fast
     * search (fast_isolate_freepages()), which, when it finds a block, ends the call; otherwise one pageblock of the
     * linear walk down from isolate_start_pfn (kept in cc.freePfn), above the migrate scanner's pageblock. What
     * the turn isolated is split at once (split_map_pages(), which no one can tell from the kernel's one split at the
     * end of the call). When the walk stops (enough pages, an early stop, or the scanners met) compaction_alloc()
     * goes back to migrate_pages(), with -ENOMEM if cc->freepages is still empty.
     * Kernel: isolate_freepages() with isolate_freepages_block() and split_map_pages().
     * Spec: FastIsolateFreepages(pfn) when the fast search isolated, else IsolateFreepagesBlock.
     * Trace: mm_compaction_fast_isolate_freepages / mm_compaction_isolate_freepages.
     *
     * @return the head of the block the fast search isolated (the step was FastIsolateFreepages), or -1
     */
    public int isolateFreepagesBlock(CompactControl cc) {
        requirePc(cc, CompactControl.Pc.ISOLATE_FREE, "isolate_freepages");
        if (!cc.fastFreeTried) {
            cc.fastFreeTried = true;
            fastIsolateFreepages(cc);
            if (cc.nrFreepages > 0) {
                int head = cc.isolatedFree.get(0);
                splitMapPages(cc);
                cc.fastDone = true;
                endIsolateFreepages(cc);
                return head;
            }
        }
        // The fast search has run in this call: the spec's cc.fastDone, which tells the call's first turn.
        cc.fastDone = true;
        int isolateStartPfn = cc.freePfn;
        int blockStartPfn = state.pageblockStartPfn(isolateStartPfn);
        int blockEndPfn = Math.min(blockStartPfn + pageblockNrPages, zoneEnd);
        if (blockStartPfn < freeScannerLowPfn(cc)) {
            // The scanners met: compaction_alloc() gets what is there.
            endIsolateFreepages(cc);
            return -1;
        }
        int next = blockStartPfn - pageblockNrPages;
        boolean stop = false;
        if (pageblockPfnToPage(blockStartPfn, blockEndPfn) && suitableMigrationTarget(cc, blockStartPfn)
                && isolationSuitable(cc, blockStartPfn)) {
            freeCursor[0] = isolateStartPfn;
            int nrIsolated = isolateFreepagesBlock(cc, freeCursor, blockEndPfn, cc.stride, false);
            isolateStartPfn = freeCursor[0];
            if (isolateStartPfn == blockEndPfn) {
                updateCachedFree(cc, blockStartPfn);
            }
            if (cc.nrFreepages >= cc.nrMigratepages) {
                // Restart at the previous pageblock if this one was scanned to its end.
                next = isolateStartPfn >= blockEndPfn ? blockStartPfn - pageblockNrPages : isolateStartPfn;
                stop = true;
            } else if (isolateStartPfn < blockEndPfn) {
                // Isolation failed early: do not continue needlessly.
                next = isolateStartPfn;
                stop = true;
            }
            cc.stride = nrIsolated > 0 ? 1 : Math.min(clusterMax, cc.stride << 1);
            splitMapPages(cc);
        }
        cc.freePfn = next;
        if (stop) {
            endIsolateFreepages(cc);
        }
        return -1;
    }

    /** isolate_freepages() returns to compaction_alloc(), which returns to migrate_pages(): NULL is -ENOMEM. */
    private void endIsolateFreepages(CompactControl cc) {
        cc.migrateErr = cc.freepages.isEmpty() ? CompactControl.ERR_ENOMEM : CompactControl.ERR_NONE;
        cc.pc = CompactControl.Pc.MIGRATE;
    }

    /** The lowest pfn the free scanner may scan: the end of the migrate scanner's pageblock. */
    protected int freeScannerLowPfn(CompactControl cc) {
        return pageblockEndPfn(cc.migratePfn);
    }

    /**
     * splitMapPages() - turn each isolated free block into order-0 pages ready for migration, each one allocated to
     * compaction; the list ends in reverse, as list_add() onto a temporary list leaves it.
     * Kernel: split_map_pages() (post_alloc_hook(), split_page()). Spec: SplitMapPages.
     */
    public void splitMapPages(CompactControl cc) {
        requireRunning(cc, "split_map_pages");
        PageList blocks = cc.isolatedFree;
        // list_add() of each page onto tmp_list, then list_splice() onto the head of freepages: the last page of the
        // last block ends up first. freepages keeps its head at the end of the PageList, so append in order.
        for (int i = 0; i < blocks.size(); i++) {
            int pfn = blocks.get(i);
            int nrPages = 1 << cc.isolatedFreeOrder.get(i);
            for (int p = pfn; p < pfn + nrPages; p++) {
                pages.setAllocated(p, 0, MigrateType.MIGRATE_MOVABLE.ordinal(), AtomicMigration.COMPACTION_OWNER);
                cc.freepages.add(p);
            }
        }
        blocks.clear();
        cc.isolatedFreeOrder.clear();
    }

    /**
     * compactionAlloc() - migrate_pages() needs a destination and cc->freepages is empty: isolate_freepages() starts
     * (stride COMPACT_CLUSTER_MAX for async runs, 1 otherwise).
     * Kernel: compaction_alloc() on an empty list. Spec: CompactionAlloc.
     */
    public void compactionAlloc(CompactControl cc) {
        requirePc(cc, CompactControl.Pc.MIGRATE, "compaction_alloc");
        requireMigrating(cc, "compaction_alloc");
        if (!cc.freepages.isEmpty()) {
            throw new StepRefusedException("compaction_alloc", "cc->freepages still holds " + cc.freepages.size()
                    + " pages");
        }
        boolean needed = false;
        for (int i = cc.migrateTried; i < cc.migratepages.size() && !needed; i++) {
            needed = !migrator.pageFreedUnderUs(cc.migratepages.get(i));
        }
        if (!needed) {
            throw new StepRefusedException("compaction_alloc", "no page left to migrate needs a destination");
        }
        cc.pc = CompactControl.Pc.ISOLATE_FREE;
        cc.fastDone = false;
        cc.fastFreeTried = false;
        cc.stride = cc.mode == MigrateMode.MIGRATE_ASYNC ? clusterMax : 1;
    }

    /**
     * releaseFreepages() - free one isolated free page that was not used; after the last, the cached free scanner
     * position moves up to the highest pageblock released, and compact_zone() returns.
     * Kernel: release_freepages() (__free_page() of each) at compact_zone()'s out: label. Spec: ReleaseFreepages(pfn).
     */
    public void releaseFreepages(CompactControl cc, int pfn) {
        requirePc(cc, CompactControl.Pc.RELEASE, "release_freepages");
        int i = cc.freepages.indexOf(pfn);
        if (i < 0) {
            throw new StepRefusedException("release_freepages", "pfn " + hex(pfn) + " is not on cc->freepages");
        }
        pageAlloc.freeOnePage(pfn, 0);
        cc.freepages.removeAt(i);
        cc.nrFreepages--;
        if (pfn > cc.releaseHigh) {
            cc.releaseHigh = pfn;
        }
        if (cc.freepages.isEmpty()) {
            int freePfn = state.pageblockStartPfn(cc.releaseHigh);
            if (freePfn > state.compactCachedFreePfn) {
                state.compactCachedFreePfn = freePfn;
            }
            compactZoneReturn(cc);
        }
    }

    // ------------------------------------------------------------------------------------------- fast search

    /** freelist_scan_limit(): how many free-list entries a fast search may look at. */
    protected int freelistScanLimit(CompactControl cc) {
        int shift = Math.min(Long.SIZE - 1, cc.fastSearchFail);
        return (clusterMax >> Math.min(shift, 31)) + 1;
    }

    /** next_search_order(): the next order a fast free search looks at, or -1 when it wrapped around. */
    protected int nextSearchOrder(CompactControl cc, int order) {
        order--;
        if (order < 0) {
            order = cc.order - 1;
        }
        if (order == cc.searchOrder) {
            cc.searchOrder--;
            if (cc.searchOrder < 0) {
                cc.searchOrder = cc.order - 1;
            }
            return -1;
        }
        return order;
    }

    /**
     * fastIsolateFreepages() - look for a free page high in the zone on the movable free lists below cc.order and
     * isolate it and the free pages around it, instead of scanning linearly.
     * Kernel: fast_isolate_freepages() with fast_isolate_around(). Spec: FastIsolateFreepages.
     */
    public void fastIsolateFreepages(CompactControl cc) {
        requireRunning(cc, "fast_isolate_freepages");
        if (cc.order <= 0) {
            return;
        }
        int limit = Math.max(1, freelistScanLimit(cc) >> 1);
        int nrScanned = 0;
        int highest = 0;
        int page = -1;
        boolean scanStart = false;
        if (cc.freePfn >= state.compactInitFreePfn) {
            limit = pageblockNrPages >> 1;
            scanStart = true;
        }
        int distance = cc.freePfn - cc.migratePfn;
        int lowPfn = state.pageblockStartPfn(cc.freePfn - (distance >> 2));
        int minPfn = state.pageblockStartPfn(cc.freePfn - (distance >> 1));
        if (minPfn > lowPfn) {
            lowPfn = minPfn;
        }
        // Above the migrate scanner's pageblock, as spec/Compaction.tla has it: 6.1's window alone reaches into that
        // block when the scanners are within a pageblock of each other, and would take back the pages migration has
        // just freed there (CompactionProperties found it: ScannersNonCrossingInv).
        int floor = freeScannerLowPfn(cc);
        minPfn = Math.max(minPfn, floor);
        lowPfn = Math.max(lowPfn, floor);
        cc.searchOrder = Math.min(cc.order - 1, cc.searchOrder);
        FreeArea area = zone.freeArea();
        int movable = MigrateType.MIGRATE_MOVABLE.ordinal();
        for (int order = cc.searchOrder; page < 0 && order >= 0; order = nextSearchOrder(cc, order)) {
            if (area.nrFree(order) == 0) {
                continue;
            }
            int orderScanned = 0;
            int highPfn = 0;
            for (int pfn = area.freeListTail(order, movable); pfn >= 0; pfn = pages.prev(pfn)) {
                orderScanned++;
                nrScanned++;
                if (pfn >= highest) {
                    highest = Math.max(state.pageblockStartPfn(pfn), zoneStart);
                }
                if (pfn >= lowPfn) {
                    cc.fastSearchFail = 0;
                    cc.searchOrder = order;
                    page = pfn;
                    break;
                }
                if (pfn >= minPfn && pfn > highPfn) {
                    highPfn = pfn;
                    limit >>= 1;
                }
                if (orderScanned >= limit) {
                    break;
                }
            }
            if (page < 0 && highPfn != 0) {
                page = highPfn;
            }
            if (page >= 0) {
                int isolated = isolateFreePage(page, order);
                cc.minFreeScannedPfn = Math.min(cc.minFreeScannedPfn, page);
                if (isolated > 0) {
                    nrScanned += isolated - 1;
                    cc.nrFreepages += isolated;
                    cc.isolatedFree.add(page);
                    cc.isolatedFreeOrder.add(order);
                    counters.compactIsolated += isolated;
                } else {
                    // If isolation fails, abort the search.
                    order = cc.searchOrder + 1;
                    page = -1;
                }
            }
            if (orderScanned >= limit) {
                limit = Math.max(1, limit >> 1);
            }
        }
        if (page < 0) {
            cc.fastSearchFail++;
            if (scanStart) {
                if (highest >= minPfn) {
                    page = highest;
                    cc.freePfn = highest;
                } else if (cc.directCompaction && g.contains(minPfn)) {
                    page = minPfn;
                    cc.freePfn = minPfn;
                }
            }
        }
        if (highest != 0 && highest >= state.compactCachedFreePfn) {
            highest -= pageblockNrPages;
            state.compactCachedFreePfn = highest;
        }
        cc.totalFreeScanned += nrScanned;
        if (page < 0) {
            return;
        }
        fastIsolateAround(cc, page);
    }

    /** fastIsolateAround() - isolate the rest of the pageblock a fast search found. Kernel: fast_isolate_around(). */
    protected void fastIsolateAround(CompactControl cc, int pfn) {
        if (cc.nrFreepages >= cc.nrMigratepages) {
            return;
        }
        if (cc.directCompaction && cc.mode == MigrateMode.MIGRATE_ASYNC) {
            return;
        }
        int startPfn = Math.max(state.pageblockStartPfn(pfn), zoneStart);
        int endPfn = Math.min(pageblockEndPfn(pfn), zoneEnd);
        if (!pageblockPfnToPage(startPfn, endPfn)) {
            return;
        }
        int[] cursor = {startPfn};
        isolateFreepagesBlock(cc, cursor, endPfn, 1, false);
        if (cursor[0] == endPfn) {
            state.setPageblockSkip(startPfn);
        }
    }

    /**
     * fastFindMigrateblock() - for costly orders, start the migrate scanner at a movable pageblock the free lists
     * show to be partly free, low in the zone, instead of the next block in line. The kernel returns the pfn the
     * migrate scanner continues from; here that pfn is left in cc.fastLow (a hit) or cc.migratePfn (a miss, after
     * reinit_migrate_pfn()), so that a hit can end the engine's step as the spec's FastFindMigrateblock(pfn) does.
     * Kernel: fast_find_migrateblock() with update_fast_start_pfn() and reinit_migrate_pfn().
     * Spec: FastFindMigrateblock(pfn) on a hit; a miss is the start of IsolateMigratepagesBlock.
     *
     * @return the free page whose pageblock the search chose, or -1 when it did not run or found none
     */
    public int fastFindMigrateblock(CompactControl cc) {
        requireRunning(cc, "fast_find_migrateblock");
        cc.fastDone = true;
        if (!fastFindMigrateGate(cc)) {
            return -1;
        }
        int limit = freelistScanLimit(cc);
        int nrScanned = 0;
        int found = -1;
        int distance = (cc.freePfn - cc.migratePfn) >> 1;
        if (cc.migratePfn != zoneStart) {
            distance >>= 2;
        }
        int highPfn = state.pageblockStartPfn(cc.migratePfn + distance);
        FreeArea area = zone.freeArea();
        int movable = MigrateType.MIGRATE_MOVABLE.ordinal();
        for (int order = cc.order - 1; order >= costlyOrder && found < 0 && nrScanned < limit; order--) {
            if (area.nrFree(order) == 0) {
                continue;
            }
            for (int freePfn = area.getPageFromFreeArea(order, movable); freePfn >= 0;
                    freePfn = pages.next(freePfn)) {
                if (nrScanned++ >= limit) {
                    break;
                }
                // A block skipped recently is passed over: the skip bits keep repeated searches apart.
                if (freePfn < highPfn && !state.getPageblockSkip(freePfn)) {
                    found = freePfn;
                    break;
                }
            }
        }
        cc.totalMigrateScanned += nrScanned;
        if (found < 0) {
            cc.fastSearchFail++;
            reinitMigratePfn(cc);
            return -1;
        }
        updateFastStartPfn(cc, found);
        cc.fastLow = Math.max(state.pageblockStartPfn(found), zoneStart);
        cc.fastSearchFail = 0;
        state.setPageblockSkip(found);
        return found;
    }

    /**
     * Whether fast_find_migrateblock() searches at all: not when ignoring skip hints (they keep searches apart), not
     * in the middle of a pageblock (a continued scan), not for orders up to PAGE_ALLOC_COSTLY_ORDER, and for direct
     * compaction only of movable requests. 6.1 searches even when finish_pageblock (then rescan) asks to finish the
     * block; 6.3 stopped that ("mm, compaction: finish pageblocks on complete migration failure").
     * Spec: FastFindMigrateGate.
     */
    private boolean fastFindMigrateGate(CompactControl cc) {
        int pfn = cc.migratePfn;
        return !cc.ignoreSkipHint
                && (pfn == zoneStart || pfn == state.pageblockStartPfn(pfn))
                && cc.order > costlyOrder
                && !(cc.directCompaction && cc.migratetype != MigrateType.MIGRATE_MOVABLE);
    }

    private void updateFastStartPfn(CompactControl cc, int pfn) {
        if (cc.fastStartPfn == FAST_START_DONE) {
            return;
        }
        if (cc.fastStartPfn == 0) {
            cc.fastStartPfn = pfn;
        }
        cc.fastStartPfn = Math.min(cc.fastStartPfn, pfn);
    }

    private int reinitMigratePfn(CompactControl cc) {
        if (cc.fastStartPfn == 0 || cc.fastStartPfn == FAST_START_DONE) {
            return cc.migratePfn;
        }
        cc.migratePfn = cc.fastStartPfn;
        cc.fastStartPfn = FAST_START_DONE;
        return cc.migratePfn;
    }

    // ------------------------------------------------------------------------------------ migrate scanner

    /**
     * isolateMigratepagesBlock() - isolate the LRU pages of [lowPfn, endPfn), at most COMPACT_CLUSTER_MAX of them
     * unless the block is being finished, skipping free and compound pages by their order.
     * Kernel: isolate_migratepages_block(). Spec: IsolateMigratepagesBlock(pfn).
     * Trace: mm_compaction_isolate_migratepages.
     *
     * @return 0, or -EINTR when a fatal signal stopped it
     */
    public int isolateMigratepagesBlock(CompactControl cc, int lowPfn, int endPfn) {
        requireRunning(cc, "isolate_migratepages_block");
        if (lowPfn < zoneStart || endPfn > zoneEnd || lowPfn > endPfn
                || (endPfn > lowPfn && state.pageblockStartPfn(lowPfn) != state.pageblockStartPfn(endPfn - 1))) {
            throw new StepRefusedException("isolate_migratepages_block", "range [" + hex(lowPfn) + ", "
                    + hex(endPfn) + ") is not within one pageblock of the zone");
        }
        if (!cc.migratepages.isEmpty() && cc.nrMigratepages >= clusterMax && !cc.finishPageblock) {
            throw new StepRefusedException("isolate_migratepages_block", "cc->migratepages already holds "
                    + cc.nrMigratepages + " pages");
        }
        int nrScanned = 0;
        int nrIsolated = 0;
        int validPage = -1;
        int startPfn = lowPfn;
        boolean skipOnFailure = false;
        int nextSkipPfn = 0;
        boolean skipUpdated = false;
        int ret = 0;
        boolean asyncIsolate = cc.mode != MigrateMode.MIGRATE_SYNC;
        cc.migratePfn = lowPfn;
        if (skipOnFailure(cc)) {
            skipOnFailure = true;
            nextSkipPfn = blockEndPfn(lowPfn, cc.order);
        }
        boolean aborted = false;
        for (; lowPfn < endPfn; lowPfn++) {
            if (skipOnFailure && lowPfn >= nextSkipPfn) {
                if (nrIsolated > 0) {
                    break;
                }
                nextSkipPfn = blockEndPfn(lowPfn, cc.order);
            }
            if (fatalSignalPending && atClusterBoundary(lowPfn)) {
                cc.contended = true;
                ret = EINTR;
                cc.totalMigrateScanned += nrScanned;
                counters.compactIsolated += nrIsolated;
                cc.migratePfn = lowPfn;
                return ret;
            }
            nrScanned++;
            if (validPage < 0 && (lowPfn & (pageblockNrPages - 1)) == 0) {
                if (!isolationSuitable(cc, lowPfn)) {
                    lowPfn = endPfn;
                    aborted = true;
                    break;
                }
                validPage = lowPfn;
            }
            if (pages.isPageBuddy(lowPfn)) {
                int freepageOrder = pages.buddyOrder(lowPfn);
                if (freepageOrder > 0 && freepageOrder < maxOrder) {
                    lowPfn += (1 << freepageOrder) - 1;
                }
                if (!skipOnFailure) {
                    int next = passUntaken(lowPfn + 1, scanStop(lowPfn, endPfn), asyncIsolate);
                    nrScanned += passVisits;
                    lowPfn = next - 1;
                }
                continue;
            }
            boolean fail;
            if (pages.isAllocatedHead(lowPfn) && pages.allocatedOrder(lowPfn) > 0) {
                int o = pages.allocatedOrder(lowPfn);
                if (o < maxOrder) {
                    lowPfn += (1 << o) - 1;
                }
                fail = true;
            } else if (!migrator.pageLru(lowPfn) || migrator.pageMaybePinned(lowPfn)
                    || (asyncIsolate && migrator.pageWriteback(lowPfn))) {
                fail = true;
            } else {
                if (!skipUpdated) {
                    skipUpdated = true;
                    if (testAndSetSkip(cc, lowPfn)) {
                        aborted = true;
                        break;
                    }
                }
                migrator.isolateLruPage(lowPfn);
                cc.migratepages.add(lowPfn);
                cc.nrMigratepages++;
                nrIsolated++;
                if (cc.nrMigratepages >= clusterMax && !cc.finishPageblock && !cc.contended) {
                    ++lowPfn;
                    break;
                }
                continue;
            }
            // isolate_fail:
            if (!skipOnFailure) {
                int next = passUntaken(lowPfn + 1, scanStop(lowPfn, endPfn), asyncIsolate);
                nrScanned += passVisits;
                lowPfn = next - 1;
                continue;
            }
            if (nrIsolated > 0) {
                isolateFailPutback(cc);
                nrIsolated = 0;
            }
            if (lowPfn < nextSkipPfn) {
                lowPfn = nextSkipPfn - 1;
                nextSkipPfn += 1 << cc.order;
            }
        }
        if (!aborted && lowPfn > endPfn) {
            lowPfn = endPfn;
        }
        // isolate_abort:
        if (lowPfn == endPfn && (nrIsolated == 0 || cc.finishPageblock)) {
            if (validPage >= 0 && !skipUpdated) {
                state.setPageblockSkip(validPage);
            }
            updateCachedMigrate(cc, lowPfn);
        }
        if (tracer.enabled()) {
            tracer.event("mm_compaction_isolate_migratepages",
                    TracepointText.isolate(startPfn, lowPfn, nrScanned, nrIsolated));
        }
        cc.totalMigrateScanned += nrScanned;
        counters.compactIsolated += nrIsolated;
        cc.migratePfn = lowPfn;
        return ret;
    }

    /**
     * isolateFailPutback() - skip_on_failure met a page it cannot isolate after taking some of this order-aligned
     * block: the block cannot become free, so what this call isolated goes back instead of being migrated.
     * Kernel: isolate_migratepages_block()'s isolate_fail: putback_movable_pages(), cc->nr_migratepages = 0.
     * Spec: IsolateFail.
     */
    protected void isolateFailPutback(CompactControl cc) {
        migrator.putbackMovablePages(cc.migratepages);
        cc.nrMigratepages = 0;
    }

    /**
     * skipOnFailure() - whether isolate_migratepages_block() gives up a cc->order-aligned block at its first page that
     * cannot be isolated (async direct compaction: that block cannot become free, so nothing of it is worth
     * migrating). Kernel: isolate_migratepages_block()'s skip_on_failure. Spec: SkipOnFailure.
     */
    protected boolean skipOnFailure(CompactControl cc) {
        return cc.directCompaction && cc.mode == MigrateMode.MIGRATE_ASYNC;
    }

    /**
     * suitableMigrationSource() - a pageblock the migrate scanner may take pages from: for async direct compaction
     * only blocks of the requested type. Kernel: suitable_migration_source() with pageblock_skip_persistent().
     */
    protected boolean suitableMigrationSource(CompactControl cc, int pfn) {
        if (pageblockSkipPersistent(pfn)) {
            return false;
        }
        if (cc.mode != MigrateMode.MIGRATE_ASYNC || !cc.directCompaction) {
            return true;
        }
        int blockMt = pages.pfnblockMigratetype(pfn);
        if (cc.migratetype == MigrateType.MIGRATE_MOVABLE) {
            return blockMt == MigrateType.MIGRATE_MOVABLE.ordinal();
        }
        return blockMt == cc.migratetype.ordinal();
    }

    /**
     * isolateMigratepages() - find the next pageblock below the free scanner worth scanning and isolate from it.
     * Kernel: isolate_migratepages(). Spec: the IsolateMigratepagesBlock step of the first suitable pageblock
     * (with UpdateCachedMigrate of blocks passed over), from the block a FastFindMigrateblock step found if any: the
     * turn's fast search has run (isolateMigratepagesBlock() runs it first).
     */
    private IsolateMigrate isolateMigratepages(CompactControl cc) {
        requireRunning(cc, "isolate_migratepages");
        if (!cc.migratepages.isEmpty()) {
            throw new StepRefusedException("isolate_migratepages", "cc->migratepages still holds "
                    + cc.migratepages.size() + " pages");
        }
        int lowPfn = cc.fastLow >= 0 ? cc.fastLow : cc.migratePfn;
        int blockStartPfn = Math.max(state.pageblockStartPfn(lowPfn), zoneStart);
        boolean fastFindBlock = lowPfn != cc.migratePfn && cc.fastSearchFail == 0;
        int blockEndPfn = pageblockEndPfn(lowPfn);
        for (; blockEndPfn <= cc.freePfn; fastFindBlock = false, cc.migratePfn = lowPfn = blockEndPfn,
                blockStartPfn = blockEndPfn, blockEndPfn += pageblockNrPages) {
            if (!pageblockPfnToPage(blockStartPfn, blockEndPfn)) {
                continue;
            }
            if ((lowPfn & (pageblockNrPages - 1)) == 0 && !fastFindBlock && !isolationSuitable(cc, lowPfn)) {
                continue;
            }
            if (!suitableMigrationSource(cc, blockStartPfn)) {
                updateCachedMigrate(cc, blockEndPfn);
                continue;
            }
            if (isolateMigratepagesBlock(cc, lowPfn, blockEndPfn) != 0) {
                return IsolateMigrate.ISOLATE_ABORT;
            }
            break;
        }
        return cc.nrMigratepages > 0 ? IsolateMigrate.ISOLATE_SUCCESS : IsolateMigrate.ISOLATE_NONE;
    }

    // ------------------------------------------------------------------------------------------ suitability

    /**
     * compactScannersMet() - the scanners are in the same pageblock or have passed each other.
     * Kernel: compact_scanners_met(): (free_pfn &gt;&gt; pageblock_order) &lt;= (migrate_pfn &gt;&gt; pageblock_order).
     */
    public boolean compactScannersMet(CompactControl cc) {
        return (cc.freePfn >> pageblockOrder) <= (cc.migratePfn >> pageblockOrder);
    }

    /** compact_gap(): free pages compaction needs above the watermark to have room to migrate into. */
    public static long compactGap(int order) {
        return 2L << order;
    }

    /**
     * compactionSuitableInternal() - whether compaction of this order can run here: COMPACT_SUCCESS if the
     * allocation would already succeed, COMPACT_SKIPPED if order-0 pages are too few to migrate into. Both
     * watermark tests add lowmemReserve, the zone's lowmem_reserve[highest_zoneidx] for the caller's index.
     * Kernel: __compaction_suitable().
     */
    protected CompactResult compactionSuitableInternal(int order, long lowmemReserve, long wmarkTarget) {
        if (order == -1) {
            return CompactResult.COMPACT_CONTINUE;
        }
        long watermark = zone.minWmark();
        if (Watermarks.zoneWatermarkOk(zone, order, watermark, lowmemReserve, zone.freePages())) {
            return CompactResult.COMPACT_SUCCESS;
        }
        watermark = order > costlyOrder ? zone.lowWmark() : zone.minWmark();
        watermark += compactGap(order);
        if (!Watermarks.zoneWatermarkOk(zone, 0, watermark, lowmemReserve, wmarkTarget)) {
            return CompactResult.COMPACT_SKIPPED;
        }
        return CompactResult.COMPACT_CONTINUE;
    }

    /**
     * compactionSuitable() for a request whose highest zone lies above this one, as the requests this zone
     * serves are: compact_zone() and kcompactd_node_suitable() pass such a highest_zoneidx, so the zone's
     * {@link Zone#lowmemReserve()} counts. Kernel: compaction_suitable(zone, order, alloc_flags,
     * cc-&gt;highest_zoneidx). Spec: CompactionSuitableResult(order, LowmemReserve).
     */
    public CompactResult compactionSuitable(int order) {
        return compactionSuitable(order, zone.lowmemReserve());
    }

    /**
     * compactionSuitable() - whether to compact this zone for this order: COMPACT_CONTINUE, COMPACT_SUCCESS
     * (watermarks met already) or COMPACT_SKIPPED (too little free memory above the watermark and
     * lowmemReserve, or for costly orders a failure that would be due to lack of memory rather than
     * fragmentation: fragmentation_index() at most extfrag_threshold). lowmemReserve is
     * lowmem_reserve[highest_zoneidx]: 0 when the caller passes the zone's own index, as kcompactd_do_work() does.
     * Kernel: compaction_suitable(). Spec: CompactionSuitableResult(order, reserve). Trace: mm_compaction_suitable.
     */
    public CompactResult compactionSuitable(int order, long lowmemReserve) {
        if (order < -1 || order >= maxOrder) {
            throw new StepRefusedException("compaction_suitable", "order " + order + " is outside -1.."
                    + (maxOrder - 1));
        }
        CompactResult ret = compactionSuitableInternal(order, lowmemReserve, zone.freePages());
        if (ret == CompactResult.COMPACT_CONTINUE && order > costlyOrder) {
            int fragindex = fragmentationIndex(order);
            if (fragindex >= 0 && fragindex <= extfragThreshold) {
                ret = CompactResult.COMPACT_NOT_SUITABLE_ZONE;
            }
        }
        if (tracer.enabled()) {
            tracer.event("mm_compaction_suitable", TracepointText.suitable(zone.nodeId(), zone.name(), order, ret));
        }
        if (ret == CompactResult.COMPACT_NOT_SUITABLE_ZONE) {
            ret = CompactResult.COMPACT_SKIPPED;
        }
        return ret;
    }

    /** fragmentation_index() of this zone. Kernel: fragmentation_index() in mm/vmstat.c. */
    public int fragmentationIndex(int order) {
        return Vmstat.fragmentationIndex(nrFree(), order);
    }

    /** fragmentation_score_zone(): extfrag_for_order() at COMPACTION_HPAGE_ORDER. */
    public int fragmentationScoreZone() {
        return Vmstat.extfragForOrder(nrFree(), Math.min(pageblockOrder, maxOrder - 1));
    }

    /** free_area[order].nr_free for every order. */
    public long[] nrFree() {
        long[] n = new long[maxOrder];
        for (int o = 0; o < maxOrder; o++) {
            n[o] = zone.nrFree(o);
        }
        return n;
    }

    // ------------------------------------------------------------------------------------------ compact_zone

    /**
     * compactFinished() - whether the run is over: the scanners met (COMPACT_COMPLETE, or
     * COMPACT_PARTIAL_SKIPPED when the whole zone was not scanned), a suitable free block exists (COMPACT_SUCCESS),
     * a fatal signal (COMPACT_CONTENDED), or COMPACT_CONTINUE; on COMPACT_CONTINUE the loop body starts, with
     * cc->finish_pageblock (6.1's rescan) set when the migrate scanner is still in the block it last migrated from,
     * else compact_zone() goes to its out: label.
     * Kernel: compact_finished() around __compact_finished(), in compact_zone()'s loop. Spec: CompactFinished.
     * Trace: mm_compaction_finished.
     */
    public CompactResult compactFinished(CompactControl cc) {
        requirePc(cc, CompactControl.Pc.FINISHED, "compact_finished");
        CompactResult ret = compactFinishedInternal(cc);
        if (tracer.enabled()) {
            tracer.event("mm_compaction_finished", TracepointText.suitable(zone.nodeId(), zone.name(), cc.order, ret));
        }
        if (ret == CompactResult.COMPACT_NO_SUITABLE_PAGE) {
            ret = CompactResult.COMPACT_CONTINUE;
        }
        if (ret != CompactResult.COMPACT_CONTINUE) {
            cc.result = ret;
            out(cc);
            return ret;
        }
        if (progress != null) {
            progress.accept(cc.migratePfn);
        }
        // Avoid rescanning the same pageblock: the first rescan captures the whole block.
        cc.finishPageblock = state.pageblockStartPfn(cc.lastMigratedPfn) == state.pageblockStartPfn(cc.migratePfn);
        cc.fastDone = false;
        cc.fastLow = -1;
        cc.pc = CompactControl.Pc.ISOLATE;
        return ret;
    }

    /** __compact_finished(). */
    protected CompactResult compactFinishedInternal(CompactControl cc) {
        if (compactScannersMet(cc)) {
            state.resetCachedPositions();
            if (cc.directCompaction) {
                state.compactBlockskipFlush = true;
            }
            return cc.wholeZone ? CompactResult.COMPACT_COMPLETE : CompactResult.COMPACT_PARTIAL_SKIPPED;
        }
        CompactResult ret;
        if (cc.proactiveCompaction) {
            int score = fragmentationScoreZone();
            ret = score > proactiveWmarkLow ? CompactResult.COMPACT_CONTINUE : CompactResult.COMPACT_SUCCESS;
        } else {
            if (cc.isViaCompactMemory()) {
                return CompactResult.COMPACT_CONTINUE;
            }
            // Always finish scanning a pageblock to reduce the possibility of fallbacks in the future.
            if ((cc.migratePfn & (pageblockNrPages - 1)) != 0) {
                return CompactResult.COMPACT_CONTINUE;
            }
            ret = CompactResult.COMPACT_NO_SUITABLE_PAGE;
            if (suitableFreeBlock(cc)) {
                return CompactResult.COMPACT_SUCCESS;
            }
        }
        if (cc.contended || fatalSignalPending) {
            ret = CompactResult.COMPACT_CONTENDED;
        }
        return ret;
    }

    /** fragmentation_score_wmark(pgdat, true) that proactive runs stop at; set by kcompactd. */
    protected int proactiveWmarkLow = 80;

    /** Sets the low fragmentation-score watermark proactive compaction stops at. */
    public void setProactiveWmarkLow(int wmarkLow) {
        this.proactiveWmarkLow = wmarkLow;
    }

    /**
     * suitableFreeBlock() - a free block of order &gt;= cc.order on the requested type's list, or one the allocator
     * would steal from another type. The loop of __compact_finished() with find_suitable_fallback().
     */
    public boolean suitableFreeBlock(CompactControl cc) {
        FreeArea area = zone.freeArea();
        int mt = cc.migratetype.ordinal();
        for (int order = Math.max(cc.order, 0); order < maxOrder; order++) {
            if (!area.isEmpty(order, mt)) {
                return true;
            }
            if (findSuitableFallback(order, mt)) {
                return true;
            }
        }
        return false;
    }

    /** find_suitable_fallback(only_stealable=true) != -1 for a free area: the allocator's own. */
    protected boolean findSuitableFallback(int order, int migratetype) {
        return pageAlloc.findSuitableFallback(order, migratetype, true) != -1;
    }

    /**
     * compactZoneStart() - start a run: clear stale skip bits if compaction is restarting after deferral, and
     * place the scanners at the cached positions or the zone's ends.
     * Kernel: the part of compact_zone() between compaction_suitable() and the main loop.
     * Spec: CompactZoneStart. Trace: mm_compaction_begin.
     */
    public void compactZoneStart(CompactControl cc) {
        if (cc.phase != CompactControl.Phase.IDLE) {
            throw new StepRefusedException("compact_zone", "this compact_control has already run");
        }
        cc.totalMigrateScanned = 0;
        cc.totalFreeScanned = 0;
        cc.nrMigratepages = 0;
        cc.nrFreepages = 0;
        cc.startPfn = zoneStart;
        cc.endPfn = zoneEnd;
        boolean sync = cc.mode != MigrateMode.MIGRATE_ASYNC;
        if (compactionRestarting(Math.max(cc.order, 0)) && cc.order >= 0) {
            resetIsolationSuitable();
        }
        cc.fastStartPfn = 0;
        if (cc.wholeZone) {
            cc.migratePfn = zoneStart;
            cc.freePfn = state.pageblockStartPfn(zoneEnd - 1);
        } else {
            cc.migratePfn = state.compactCachedMigratePfn[sync ? 1 : 0];
            cc.freePfn = state.compactCachedFreePfn;
            if (cc.freePfn < zoneStart || cc.freePfn >= zoneEnd) {
                cc.freePfn = state.pageblockStartPfn(zoneEnd - 1);
                state.compactCachedFreePfn = cc.freePfn;
            }
            if (cc.migratePfn < zoneStart || cc.migratePfn >= zoneEnd) {
                cc.migratePfn = zoneStart;
                state.compactCachedMigratePfn[0] = cc.migratePfn;
                state.compactCachedMigratePfn[1] = cc.migratePfn;
            }
            if (cc.migratePfn <= state.compactInitMigratePfn) {
                cc.wholeZone = true;
            }
        }
        cc.lastMigratedPfn = 0;
        cc.updateCached = !sync && state.compactCachedMigratePfn[0] == state.compactCachedMigratePfn[1];
        cc.phase = CompactControl.Phase.RUNNING;
        cc.pc = CompactControl.Pc.FINISHED;
        if (tracer.enabled()) {
            tracer.event("mm_compaction_begin", TracepointText.begin(zoneStart, cc.migratePfn, cc.freePfn, zoneEnd,
                    sync));
        }
    }

    /**
     * isolateMigratepagesBlock() - the loop body of compact_zone() up to migrate_pages(): isolate_migratepages(),
     * then on ISOLATE_SUCCESS migrate_pages() starts on the batch, on ISOLATE_NONE check_drain and the next turn,
     * on ISOLATE_ABORT the out: label with COMPACT_CONTENDED. The turn's first call runs fast_find_migrateblock(),
     * and a hit ends the call there (the spec's FastFindMigrateblock(pfn) is a step of its own): the next call scans
     * from the block it found.
     * Kernel: compact_zone()'s loop body. Spec: FastFindMigrateblock(pfn), then IsolateMigratepagesBlock.
     * Trace: mm_compaction_isolate_migratepages, mm_migrate_pages_start.
     *
     * @return the free page whose pageblock the fast search found (the call ended there), or -1 for a turn of
     *         isolate_migratepages()
     */
    public int isolateMigratepagesBlock(CompactControl cc) {
        requirePc(cc, CompactControl.Pc.ISOLATE, "isolate_migratepages");
        int iterationStartPfn = cc.migratePfn;
        if (!cc.fastDone) {
            int found = fastFindMigrateblock(cc);
            if (found >= 0) {
                return found;
            }
        }
        IsolateMigrate isolated = isolateMigratepages(cc);
        if (isolated == IsolateMigrate.ISOLATE_ABORT) {
            migrator.putbackMovablePages(cc.migratepages);
            cc.nrMigratepages = 0;
            cc.result = CompactResult.COMPACT_CONTENDED;
            out(cc);
        } else if (isolated == IsolateMigrate.ISOLATE_SUCCESS) {
            cc.updateCached = false;
            cc.lastMigratedPfn = iterationStartPfn;
            cc.migrateTried = 0;
            cc.nrFailed = 0;
            cc.nrSucceeded = 0;
            cc.migrateErr = CompactControl.ERR_NONE;
            cc.minFreeScannedPfn = Integer.MAX_VALUE;
            cc.pc = CompactControl.Pc.MIGRATE;
            if (tracer.enabled()) {
                tracer.event("mm_migrate_pages_start", TracepointText.migratePagesStart(cc.mode.name(), "compaction"));
            }
        } else {
            if (cc.updateCached) {
                state.compactCachedMigratePfn[1] = state.compactCachedMigratePfn[0];
            }
            checkDrain(cc);
            cc.pc = CompactControl.Pc.FINISHED;
        }
        return -1;
    }

    /**
     * migratePages() - one page of migrate_pages(&cc->migratepages, compaction_alloc, compaction_free, ...):
     * unmap_and_move(). A page its owner freed meanwhile is just released; otherwise the destination is
     * cc->freepages' head, and the page migrates (its source freed, where compaction_capture() may take the merged
     * block) or fails (-EAGAIN in every pass: pinned; compaction_free() takes the destination back) and stays on the
     * list for the putback.
     * Kernel: unmap_and_move() in migrate_pages() (mm/migrate.c) with compaction_alloc()/compaction_free().
     * Spec: MigratePages(pfn).
     */
    public void migratePages(CompactControl cc, int src) {
        requirePc(cc, CompactControl.Pc.MIGRATE, "migrate_pages");
        requireMigrating(cc, "migrate_pages");
        int i = cc.migratepages.indexOf(src);
        if (i < cc.migrateTried) {
            throw new StepRefusedException("migrate_pages", "pfn " + hex(src) + " is not a page of this batch still to "
                    + "try");
        }
        if (migrator.pageFreedUnderUs(src)) {
            migrator.putbackMovablePage(src);
            cc.migratepages.removeAt(i);
            cc.nrSucceeded++;
            return;
        }
        if (cc.freepages.isEmpty()) {
            throw new StepRefusedException("migrate_pages", "cc->freepages is empty: compaction_alloc() isolates first");
        }
        if (!migrator.migratable(src)) {
            // -EAGAIN in every pass: the destination goes back (compaction_free()), the page waits for the putback.
            cc.migratepages.set(i, cc.migratepages.get(cc.migrateTried));
            cc.migratepages.set(cc.migrateTried++, src);
            cc.nrFailed++;
            return;
        }
        int last = cc.freepages.size() - 1;
        migrator.movePageAtomic(src, cc.freepages.get(last));
        cc.freepages.removeAt(last);
        cc.nrFreepages--;
        cc.migratepages.removeAt(i);
        cc.nrSucceeded++;
        compactionCapture(cc, src);
    }

    /**
     * migratePagesReturn() - migrate_pages() returns: every page was tried, or compaction_alloc() found none
     * (-ENOMEM). cc->nr_migratepages is zeroed; pages left on cc->migratepages are put back next, else the loop
     * goes on (AfterMigrate).
     * Kernel: the return of migrate_pages() in compact_zone(). Spec: MigratePagesReturn.
     * Trace: mm_migrate_pages, mm_compaction_migratepages.
     *
     * @return migrate_pages()' result: 0, the pages that failed, or -ENOMEM
     */
    public int migratePagesReturn(CompactControl cc) {
        requirePc(cc, CompactControl.Pc.MIGRATE, "migrate_pages");
        boolean enomem = cc.migrateErr == CompactControl.ERR_ENOMEM;
        if (!enomem && cc.migrateTried < cc.migratepages.size()) {
            throw new StepRefusedException("migrate_pages", (cc.migratepages.size() - cc.migrateTried)
                    + " pages are still to try");
        }
        // -ENOMEM stops at the page that found no destination: it counts as failed, the rest are not tried.
        int failed = cc.nrFailed + (enomem ? 1 : 0);
        migrator.countMigrated(cc.nrSucceeded, failed);
        if (tracer.enabled()) {
            tracer.event("mm_migrate_pages", TracepointText.migratePages(cc.nrSucceeded, failed, 0, 0, 0,
                    cc.mode.name(), "compaction"));
            tracer.event("mm_compaction_migratepages",
                    TracepointText.migratepages(cc.nrSucceeded, cc.nrMigratepages - cc.nrSucceeded));
        }
        cc.nrMigratepages = 0;
        cc.migrateTried = cc.migratepages.size();
        cc.migrateErr = enomem ? CompactControl.ERR_ENOMEM
                : cc.migratepages.isEmpty() ? CompactControl.ERR_NONE : CompactControl.ERR_FAILED;
        if (cc.migratepages.isEmpty()) {
            afterMigrate(cc);
        } else {
            cc.pc = CompactControl.Pc.PUTBACK;
        }
        return enomem ? ENOMEM : failed;
    }

    /**
     * putbackMovablePages() - one page left on cc->migratepages after migrate_pages() goes back to the LRU; after
     * the last, the loop goes on. Kernel: putback_movable_pages() in compact_zone(). Spec: PutbackMovablePages(pfn).
     */
    public void putbackMovablePages(CompactControl cc, int pfn) {
        requirePc(cc, CompactControl.Pc.PUTBACK, "putback_movable_pages");
        int i = cc.migratepages.indexOf(pfn);
        if (i < 0) {
            throw new StepRefusedException("putback_movable_pages", "pfn " + hex(pfn) + " is not on cc->migratepages");
        }
        migrator.putbackMovablePage(pfn);
        cc.migratepages.removeAt(i);
        if (cc.migratepages.isEmpty()) {
            afterMigrate(cc);
        }
    }

    /**
     * After migrate_pages() and the putback: -ENOMEM before the scanners met ends the run as contended; an async
     * direct compaction skips the rest of the cc->order block after a failure; then check_drain and the capture.
     * Kernel: compact_zone()'s loop body after migrate_pages(). Spec: AfterMigrate.
     */
    private void afterMigrate(CompactControl cc) {
        if (cc.migrateErr == CompactControl.ERR_ENOMEM && !compactScannersMet(cc)) {
            cc.result = CompactResult.COMPACT_CONTENDED;
            out(cc);
            return;
        }
        if (cc.migrateErr != CompactControl.ERR_NONE && cc.directCompaction && cc.mode == MigrateMode.MIGRATE_ASYNC) {
            cc.migratePfn = blockEndPfn(cc.migratePfn - 1, cc.order);
            cc.lastMigratedPfn = 0;
        }
        checkDrain(cc);
        if (cc.capturedPfn >= 0) {
            cc.result = CompactResult.COMPACT_SUCCESS;
            out(cc);
        } else {
            cc.pc = CompactControl.Pc.FINISHED;
        }
    }

    /** check_drain: no per-cpu lists to drain; 6.1 forgets last_migrated_pfn below block_start_pfn(migrate_pfn). */
    private void checkDrain(CompactControl cc) {
        if (cc.order > 0 && cc.lastMigratedPfn != 0 && cc.lastMigratedPfn < blockStartPfn(cc.migratePfn, cc.order)) {
            cc.lastMigratedPfn = 0;
        }
    }

    /**
     * compactionCapture() - a page freed by migration merged into a block of cc.order: take it for the direct
     * compactor at once, before anyone else can allocate it.
     * Kernel: compaction_capture() in __free_one_page() (mm/page_alloc.c). The engine frees first and then takes
     * the cc.order block out of the merged block, which leaves the same free lists (up to list order).
     */
    protected void compactionCapture(CompactControl cc, int freedPfn) {
        if (!cc.capture || cc.capturedPfn >= 0 || cc.order < 0) {
            return;
        }
        int head = zone.blockHead(freedPfn);
        if (head < 0 || !pages.isPageBuddy(head)) {
            return;
        }
        int o = pages.buddyOrder(head);
        if (o < cc.order) {
            return;
        }
        int mt = pages.migratetype(head);
        if (mt == MigrateType.MIGRATE_ISOLATE.ordinal()) {
            return;
        }
        if (cc.order < pageblockOrder && mt == MigrateType.MIGRATE_MOVABLE.ordinal()) {
            return;
        }
        FreeArea area = zone.freeArea();
        area.delPageFromFreeList(head, o);
        int target = freedPfn & -(1 << cc.order);
        // The merge stopped at cc.order: the buddies above it stay free at their own orders.
        for (int k = o - 1; k >= cc.order; k--) {
            int half = target ^ (1 << k);
            int buddyHead = half & -(1 << k);
            area.addToFreeList(buddyHead, k, mt);
            pages.setBuddyOrder(buddyHead, k);
        }
        zone.modFreePages(-(1L << cc.order));
        pages.setAllocated(target, cc.order, cc.migratetype.ordinal(), cc.allocOwner);
        cc.capturedPfn = target;
    }

    /** compact_zone()'s out: label: release the isolated free pages if any, else return. */
    protected void out(CompactControl cc) {
        if (cc.freepages.isEmpty() && cc.isolatedFree.isEmpty()) {
            compactZoneReturn(cc);
        } else {
            cc.pc = CompactControl.Pc.RELEASE;
        }
    }

    /** compact_zone() returns cc.result: count the scanned pages. Trace: mm_compaction_end. */
    protected void compactZoneReturn(CompactControl cc) {
        counters.compactMigrateScanned += cc.totalMigrateScanned;
        counters.compactFreeScanned += cc.totalFreeScanned;
        if (tracer.enabled()) {
            tracer.event("mm_compaction_end", TracepointText.end(zoneStart, cc.migratePfn, cc.freePfn, zoneEnd,
                    cc.mode != MigrateMode.MIGRATE_ASYNC, cc.result));
        }
        cc.phase = CompactControl.Phase.DONE;
        cc.pc = CompactControl.Pc.END;
    }

    /**
     * compactZone() - one compaction run over the zone: compaction_suitable(), the set-up, then the step the kernel
     * takes next ({@link #compactZoneStep}) until compact_zone() returns. The steps are the ones a binding drives
     * one at a time, so what the step checker checks is what this runs.
     * Kernel: compact_zone(). Spec: CompactionSuitable, CompactZoneStart, then the CompactRunStep actions.
     */
    public CompactResult compactZone(CompactControl cc) {
        if (cc.phase != CompactControl.Phase.IDLE) {
            throw new StepRefusedException("compact_zone", "this compact_control has already run");
        }
        CompactResult ret = compactionSuitable(cc.order);
        if (ret != CompactResult.COMPACT_CONTINUE) {
            cc.phase = CompactControl.Phase.DONE;
            cc.pc = CompactControl.Pc.END;
            cc.result = ret;
            return ret;
        }
        compactZoneStart(cc);
        while (cc.pc != CompactControl.Pc.END) {
            compactZoneStep(cc);
        }
        return cc.result;
    }

    /**
     * compactZoneStep() - the step compact_zone() takes next from cc.pc, in the kernel's order: migrate_pages()
     * takes its list head first and calls compaction_alloc() when it needs a destination and has none; the putback
     * and release_freepages() take the list heads.
     */
    public void compactZoneStep(CompactControl cc) {
        switch (cc.pc) {
            case FINISHED -> compactFinished(cc);
            case ISOLATE -> isolateMigratepagesBlock(cc);
            case MIGRATE -> {
                if (cc.migrateErr == CompactControl.ERR_ENOMEM || cc.migrateTried == cc.migratepages.size()) {
                    migratePagesReturn(cc);
                } else {
                    int src = cc.migratepages.get(cc.migrateTried);
                    if (cc.freepages.isEmpty() && !migrator.pageFreedUnderUs(src)) {
                        compactionAlloc(cc);
                    } else {
                        migratePages(cc, src);
                    }
                }
            }
            case ISOLATE_FREE -> isolateFreepagesBlock(cc);
            case PUTBACK -> putbackMovablePages(cc, cc.migratepages.get(cc.migratepages.size() - 1));
            case RELEASE -> releaseFreepages(cc, cc.freepages.get(cc.freepages.size() - 1));
            default -> throw new StepRefusedException("compact_zone", "compact_zone() is not running (at "
                    + cc.pc.specName() + ")");
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** !(pfn % COMPACT_CLUSTER_MAX): where the kernel drops its locks and looks for signals. */
    private boolean atClusterBoundary(int pfn) {
        return clusterMask >= 0 ? (pfn & clusterMask) == 0 : pfn % clusterMax == 0;
    }

    /** The first pfn above pfn at a COMPACT_CLUSTER_MAX boundary (where the scanners check for a fatal signal). */
    private int nextClusterBoundary(int pfn) {
        return clusterMask >= 0 ? (pfn | clusterMask) + 1 : (pfn / clusterMax + 1) * clusterMax;
    }

    /**
     * Where the migrate scanner's tight loop ({@link #passUntaken}) after pfn must hand back to the main loop: endPfn,
     * or the next COMPACT_CLUSTER_MAX boundary when a fatal signal is pending (the main loop checks for it there).
     */
    private int scanStop(int pfn, int endPfn) {
        return fatalSignalPending ? Math.min(endPfn, nextClusterBoundary(pfn)) : endPfn;
    }

    /**
     * The pages from pfn that isolate_migratepages_block() without skipOnFailure would pass without taking any, as
     * its main loop judges them in the same order: free blocks and compound pages skipped by their order, pages that
     * fail isolation (not on the LRU, maybe pinned, under writeback for an async isolate). Stops at end or at an
     * isolation candidate.
     *
     * @return the next pfn for the main loop; {@link #passVisits} the pfns the main loop would have counted scanned
     */
    private int passUntaken(int pfn, int end, boolean asyncIsolate) {
        PageArray p = pages;
        CompactionMigrator m = migrator;
        int visits = 0;
        while (pfn < end) {
            int jump = 1;
            if (p.isPageBuddy(pfn)) {
                int o = p.buddyOrder(pfn);
                if (o > 0 && o < maxOrder) {
                    jump = 1 << o;
                }
            } else if (p.isAllocatedHead(pfn) && p.allocatedOrder(pfn) > 0) {
                int o = p.allocatedOrder(pfn);
                if (o < maxOrder) {
                    jump = 1 << o;
                }
            } else if (m.pageLru(pfn) && !m.pageMaybePinned(pfn) && !(asyncIsolate && m.pageWriteback(pfn))) {
                break;
            }
            visits++;
            pfn += jump;
        }
        passVisits = visits;
        return pfn;
    }

    /** pageblock_pfn_to_page(): the pageblock range lies in this zone. */
    protected boolean pageblockPfnToPage(int startPfn, int endPfn) {
        return startPfn >= zoneStart && endPfn <= zoneEnd && startPfn < endPfn;
    }

    /** pageblock_end_pfn(): ALIGN(pfn + 1, pageblock_nr_pages). */
    protected int pageblockEndPfn(int pfn) {
        return (pfn + pageblockNrPages) & -pageblockNrPages;
    }

    /** block_end_pfn(pfn, order): ALIGN(pfn + 1, 1 &lt;&lt; order). */
    protected static int blockEndPfn(int pfn, int order) {
        int n = 1 << Math.max(order, 0);
        return (pfn + n) & -n;
    }

    /** block_start_pfn(pfn, order): round_down(pfn, 1 &lt;&lt; order). */
    protected static int blockStartPfn(int pfn, int order) {
        return pfn & -(1 << Math.max(order, 0));
    }

    private static void requirePc(CompactControl cc, CompactControl.Pc at, String function) {
        if (cc.pc != at) {
            throw new StepRefusedException(function, "compact_zone() is at " + cc.pc.specName() + ", not "
                    + at.specName());
        }
    }

    /** migrate_pages() goes on unless compaction_alloc() found no page (the spec's cc.err = "none"). */
    private static void requireMigrating(CompactControl cc, String function) {
        if (cc.migrateErr != CompactControl.ERR_NONE) {
            throw new StepRefusedException(function, "migrate_pages() stopped at -ENOMEM");
        }
    }

    private void requireRunning(CompactControl cc, String function) {
        if (cc.phase != CompactControl.Phase.RUNNING) {
            throw new StepRefusedException(function, "no compaction run is live (compact_zone() "
                    + (cc.phase == CompactControl.Phase.IDLE ? "not entered" : "returned") + ")");
        }
    }

    private void checkOrder(String function, int order) {
        if (order < 0 || order >= maxOrder) {
            throw new StepRefusedException(function, "order " + order + " is outside 0.." + (maxOrder - 1));
        }
    }

    static String hex(long pfn) {
        return TracepointText.hex(pfn);
    }
}
