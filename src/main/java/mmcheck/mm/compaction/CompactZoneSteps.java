package mmcheck.mm.compaction;

import java.util.function.Function;

import mmcheck.mm.MigrateType;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.buddy.Watermarks;

/**
 * CompactZoneSteps - one compaction run of a one-zone node driven one spec action at a time: compact_node()'s or
 * direct compaction's run of compact_zone() cut where spec/Compaction.tla cuts it (CompactMemory / TryToCompactPages,
 * CompactionSuitable, CompactZoneStart, then the loop's steps, which are {@link Compaction}'s own, down to one page
 * of migrate_pages(), one pageblock of the free scanner and one page of release_freepages(), and CompactNodeEnd /
 * TryToCompactPagesEnd), and kswapd's ResetIsolationSuitable.
 * Kernel: compact_node(), try_to_compact_pages() with compact_zone_order() and __alloc_pages_direct_compact(),
 * reset_isolation_suitable(), and compact_zone() in mm/compaction.c of Linux 6.1.
 *
 * <p>Each method refuses (StepRefusedException, state unchanged) what the run's position does not enable. The loop's
 * steps are the ones {@link Compaction#compactZone} runs, so the steps checked here are the steps the batch runs.
 * kcompactd's and proactive compaction's runs are started and ended by the zone's {@link CompactionNode}
 * ({@link #node()}), which drives this zone's run with the same steps.
 */
public final class CompactZoneSteps {

    private final Compaction compaction;
    /** The owner direct compaction allocates to (its caller's). */
    private final int directOwner;
    /** The node whose kcompactd compacts this zone. */
    private final CompactionNode node;
    private CompactControl cc;
    private CompactPriority prio;

    /** The steps of a one-zone node, its kcompactd a plain {@link CompactionNode}. */
    public CompactZoneSteps(Compaction compaction, int directOwner) {
        this(compaction, directOwner, CompactionNode::new);
    }

    /** The steps of a one-zone node whose kcompactd node builds (a seeded bug, in a test). */
    public CompactZoneSteps(Compaction compaction, int directOwner, Function<CompactZoneSteps, CompactionNode> node) {
        this.compaction = compaction;
        this.directOwner = directOwner;
        this.node = node.apply(this);
    }

    /** A zone of a node of several zones; its direct compaction goes through the node's tryToCompactPages(). */
    CompactZoneSteps(Compaction compaction, CompactionNode node) {
        this.compaction = compaction;
        this.directOwner = -1;
        this.node = node;
    }

    /** The node this zone belongs to: kcompactd's and proactive compaction's steps. */
    public CompactionNode node() {
        return node;
    }

    /** Installs a run built elsewhere ({@link CompactionBuilder}): cc at its position, or null for no live run. */
    void restore(CompactControl cc, CompactPriority prio) {
        this.cc = cc;
        this.prio = prio;
    }

    /** The COMPACT_PRIO_* of the live run. */
    public CompactPriority prio() {
        return prio;
    }

    public Compaction compaction() {
        return compaction;
    }

    /** The running compact_control, or null when no run is live. */
    public CompactControl cc() {
        return cc;
    }

    /** Where compact_zone() is; IDLE when no run is live. */
    public CompactControl.Pc pc() {
        return cc == null ? CompactControl.Pc.IDLE : cc.pc;
    }

    /**
     * compactMemory() - /proc/sys/vm/compact_memory: compact_node() builds its control (order -1, MIGRATE_SYNC, the
     * whole zone, ignoring skip hints). Kernel: compact_node(). Spec: CompactMemory.
     */
    public void compactMemory() {
        start(CompactControl.compactMemory(), CompactPriority.COMPACT_PRIO_SYNC_FULL, "compact_node");
    }

    /**
     * A run's control filled in by its caller (compact_node(), kcompactd_do_work(), proactive_compact_node()):
     * compact_zone() starts with compaction_suitable(), except for order -1.
     */
    void start(CompactControl control, CompactPriority priority, String function) {
        require(CompactControl.Pc.IDLE, function);
        cc = control;
        prio = priority;
        cc.pc = control.order == -1 ? CompactControl.Pc.START : CompactControl.Pc.SUITABLE;
    }

    /** The caller takes the returned run's control back: no run is live any more. */
    CompactControl finish(String function) {
        require(CompactControl.Pc.END, function);
        CompactControl done = cc;
        cc = null;
        return done;
    }

    /**
     * compactZone() - the live run's steps, in compact_zone()'s order, until it returns; what kcompactd and
     * compact_memory run as one call. Kernel: compact_zone().
     */
    public CompactResult compactZone() {
        while (pc() != CompactControl.Pc.END) {
            switch (pc()) {
                case IDLE -> throw new StepRefusedException("compact_zone", "no run is live");
                case SUITABLE -> compactionSuitable();
                case START -> compactZoneStart();
                default -> compaction.compactZoneStep(cc);
            }
        }
        return cc.result;
    }

    /**
     * tryToCompactPages() - an allocation of order failed its min watermark: unless at the highest priority, a
     * deferred zone is skipped (compaction_deferred() counts the attempt); otherwise compact_zone_order() builds a
     * direct compactor's control, to run compact_zone() from compaction_suitable(). Kernel: try_to_compact_pages(),
     * compact_zone_order(). Spec: TryToCompactPages(order, prio).
     */
    public void tryToCompactPages(int order, CompactPriority priority) {
        require(CompactControl.Pc.IDLE, "try_to_compact_pages");
        if (order < 0 || order >= compaction.zone().geometry().maxOrder()) {
            throw new StepRefusedException("try_to_compact_pages", "order " + order + " is out of range");
        }
        if (Watermarks.zoneWatermarkFast(compaction.zone(), order, compaction.zone().minWmark(),
                Watermarks.ALLOC_WMARK_MIN)) {
            throw new StepRefusedException("try_to_compact_pages", "an allocation of order " + order
                    + " succeeds without compaction");
        }
        if (priority.compareTo(CompactPriority.MIN_COMPACT_PRIORITY) > 0 && compaction.compactionDeferred(order)) {
            return;
        }
        cc = CompactControl.direct(order, priority, MigrateType.MIGRATE_MOVABLE);
        cc.allocOwner = directOwner;
        prio = priority;
        cc.pc = CompactControl.Pc.SUITABLE;
    }

    /**
     * compactionSuitable() - compact_zone()'s first test; anything but COMPACT_CONTINUE returns at once.
     * Kernel: compaction_suitable() in compact_zone(). Spec: CompactionSuitable.
     */
    public CompactResult compactionSuitable() {
        require(CompactControl.Pc.SUITABLE, "compaction_suitable");
        CompactResult r = compaction.compactionSuitable(cc.order);
        if (r == CompactResult.COMPACT_CONTINUE) {
            cc.pc = CompactControl.Pc.START;
        } else {
            cc.phase = CompactControl.Phase.DONE;
            cc.result = r;
            cc.pc = CompactControl.Pc.END;
        }
        return r;
    }

    /**
     * tryToCompactPagesEnd() - after compact_zone(): success resets the deferral expecting an allocation, a failed
     * sync run over the zone defers it; unless skipped, the captured page or a retry of the allocation, whose
     * success clears compact_blockskip_flush and resets the deferral for good. Kernel: the rest of
     * try_to_compact_pages() and __alloc_pages_direct_compact(). Spec: TryToCompactPagesEnd.
     *
     * @return the pfn the allocation got, or -1
     */
    public int tryToCompactPagesEnd() {
        require(CompactControl.Pc.END, "__alloc_pages_direct_compact");
        if (!cc.directCompaction) {
            throw new StepRefusedException("__alloc_pages_direct_compact", "the run is not a direct compaction");
        }
        int order = cc.order;
        CompactResult status = cc.capturedPfn >= 0 ? CompactResult.COMPACT_SUCCESS : cc.result;
        if (status == CompactResult.COMPACT_SUCCESS) {
            compaction.compactionDeferReset(order, false);
        } else if (prio != CompactPriority.COMPACT_PRIO_ASYNC
                && (status == CompactResult.COMPACT_COMPLETE || status == CompactResult.COMPACT_PARTIAL_SKIPPED)) {
            compaction.deferCompaction(order);
        }
        int page = -1;
        if (status != CompactResult.COMPACT_SKIPPED) {
            page = cc.capturedPfn;
            if (page < 0) {
                // get_page_from_freelist() with the slow path's ALLOC_WMARK_MIN: the watermark, then rmqueue().
                page = compaction.pageAlloc().getPageFromFreelist(order, MigrateType.MIGRATE_MOVABLE, directOwner,
                        Watermarks.ALLOC_WMARK_MIN);
            }
            if (page >= 0) {
                compaction.state().compactBlockskipFlush = false;
                compaction.compactionDeferReset(order, true);
            }
        }
        cc = null;
        return page;
    }

    /**
     * resetIsolationSuitable() - kswapd going to sleep clears the skip bits a direct compaction asked it to.
     * Kernel: reset_isolation_suitable(). Spec: ResetIsolationSuitable.
     */
    public void resetIsolationSuitable() {
        if (!compaction.state().compactBlockskipFlush) {
            throw new StepRefusedException("reset_isolation_suitable", "compact_blockskip_flush is clear");
        }
        compaction.resetIsolationSuitable();
    }

    /** compactZoneStart() - Kernel: compact_zone() up to its loop. Spec: CompactZoneStart. */
    public void compactZoneStart() {
        require(CompactControl.Pc.START, "compact_zone");
        compaction.compactZoneStart(cc);
    }

    /** compactFinished() - Kernel: compact_finished() in compact_zone(). Spec: CompactFinished. */
    public CompactResult compactFinished() {
        require(CompactControl.Pc.FINISHED, "compact_finished");
        return compaction.compactFinished(cc);
    }

    /**
     * isolateMigratepagesBlock() - Kernel: compact_zone()'s loop body. Spec: FastFindMigrateblock(pfn) or
     * IsolateMigratepagesBlock.
     *
     * @return the free page whose pageblock the fast search found, or -1 for a turn of isolate_migratepages()
     */
    public int isolateMigratepagesBlock() {
        require(CompactControl.Pc.ISOLATE, "isolate_migratepages");
        return compaction.isolateMigratepagesBlock(cc);
    }

    /** migratePages() - Kernel: unmap_and_move() in migrate_pages(). Spec: MigratePages(pfn). */
    public void migratePages(int pfn) {
        require(CompactControl.Pc.MIGRATE, "migrate_pages");
        compaction.migratePages(cc, pfn);
    }

    /** compactionAlloc() - Kernel: compaction_alloc() on an empty list. Spec: CompactionAlloc. */
    public void compactionAlloc() {
        require(CompactControl.Pc.MIGRATE, "compaction_alloc");
        compaction.compactionAlloc(cc);
    }

    /**
     * isolateFreepagesBlock() - Kernel: one turn of isolate_freepages(). Spec: FastIsolateFreepages(pfn) or
     * IsolateFreepagesBlock.
     *
     * @return the head of the block the fast search isolated, or -1 for a turn of the linear walk
     */
    public int isolateFreepagesBlock() {
        require(CompactControl.Pc.ISOLATE_FREE, "isolate_freepages");
        return compaction.isolateFreepagesBlock(cc);
    }

    /** migratePagesReturn() - Kernel: migrate_pages() returns. Spec: MigratePagesReturn. */
    public int migratePagesReturn() {
        require(CompactControl.Pc.MIGRATE, "migrate_pages");
        return compaction.migratePagesReturn(cc);
    }

    /** putbackMovablePages() - Kernel: putback_movable_pages(), one page. Spec: PutbackMovablePages(pfn). */
    public void putbackMovablePages(int pfn) {
        require(CompactControl.Pc.PUTBACK, "putback_movable_pages");
        compaction.putbackMovablePages(cc, pfn);
    }

    /** releaseFreepages() - Kernel: release_freepages(), one page. Spec: ReleaseFreepages(pfn). */
    public void releaseFreepages(int pfn) {
        require(CompactControl.Pc.RELEASE, "release_freepages");
        compaction.releaseFreepages(cc, pfn);
    }

    /** compactNodeEnd() - compact_node() returns; the run's control is gone. Spec: CompactNodeEnd. */
    public void compactNodeEnd() {
        require(CompactControl.Pc.END, "compact_node");
        if (!CompactionNode.isManual(cc)) {
            throw new StepRefusedException("compact_node", "the run is not compact_memory's");
        }
        cc = null;
    }

    private void require(CompactControl.Pc at, String function) {
        if (pc() != at) {
            throw new StepRefusedException(function, "compact_zone() is at " + pc().specName() + ", not "
                    + at.specName());
        }
    }
}
