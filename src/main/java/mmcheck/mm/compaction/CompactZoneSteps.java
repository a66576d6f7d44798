package mmcheck.mm.compaction;

import mmcheck.mm.MigrateType;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.buddy.Watermarks;

/**
 * CompactZoneSteps - one compaction run of a one-zone node driven one spec action at a time: compact_node()'s or
 * direct compaction's run of compact_zone() cut where spec/Compaction.tla cuts it (CompactMemory / TryToCompactPages,
 * CompactionSuitable, CompactZoneStart, CompactFinished, IsolateMigratepagesBlock, CompactNodeEnd /
 * TryToCompactPagesEnd), with compact_zone()'s program counter as state, and kswapd's ResetIsolationSuitable.
 * Kernel: compact_node(), try_to_compact_pages() with compact_zone_order() and __alloc_pages_direct_compact(),
 * reset_isolation_suitable(), and the loop of compact_zone() in mm/compaction.c of Linux 6.1.
 *
 * <p>Each method refuses (StepRefusedException, state unchanged) what the run's position does not enable. A run that
 * isolated pages stops at {@link Pc#MIGRATE}: the engine takes migrate_pages() as one call
 * ({@link Compaction#migratePages}) where the spec takes one step per page, so this stepper has no step there yet.
 */
public final class CompactZoneSteps {

    /** Where compact_zone() is: spec/Compaction.tla's cc.pc. */
    public enum Pc {
        IDLE("idle"), SUITABLE("suitable"), START("start"), FINISHED("finished"), ISOLATE("isolate"), MIGRATE("migrate"), END("end");

        private final String specName;

        Pc(String specName) {
            this.specName = specName;
        }

        /** The spec's name of the position. */
        public String specName() {
            return specName;
        }
    }

    private final Compaction compaction;
    /** The owner direct compaction allocates to (its caller's). */
    private final int directOwner;
    private CompactControl cc;
    private CompactPriority prio;
    private Pc pc = Pc.IDLE;
    /** isolate_migratepages() ran since compact_finished() last did (the spec's cc.fastDone). */
    private boolean isolateDone;

    public CompactZoneSteps(Compaction compaction, int directOwner) {
        this.compaction = compaction;
        this.directOwner = directOwner;
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

    public Pc pc() {
        return pc;
    }

    /** Whether isolate_migratepages() ran since the last compact_finished(). */
    public boolean isolateDone() {
        return isolateDone;
    }

    /** compact_zone()'s last_migrated_pfn. */
    public int lastMigratedPfn() {
        return cc == null ? 0 : cc.lastMigratedPfn;
    }

    /** compact_zone()'s update_cached. */
    public boolean updateCached() {
        return cc != null && cc.updateCached;
    }

    /**
     * compactMemory() - /proc/sys/vm/compact_memory: compact_node() builds its control (order -1, MIGRATE_SYNC, the
     * whole zone, ignoring skip hints). Kernel: compact_node(). Spec: CompactMemory.
     */
    public void compactMemory() {
        require(Pc.IDLE, "compact_node");
        cc = CompactControl.compactMemory();
        prio = CompactPriority.COMPACT_PRIO_SYNC_FULL;
        isolateDone = false;
        pc = Pc.START;
    }

    /**
     * tryToCompactPages() - an allocation of order failed its min watermark: unless at the highest priority, a
     * deferred zone is skipped (compaction_deferred() counts the attempt); otherwise compact_zone_order() builds a
     * direct compactor's control, to run compact_zone() from compaction_suitable(). Kernel: try_to_compact_pages(),
     * compact_zone_order(). Spec: TryToCompactPages(order, prio).
     */
    public void tryToCompactPages(int order, CompactPriority priority) {
        require(Pc.IDLE, "try_to_compact_pages");
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
        isolateDone = false;
        pc = Pc.SUITABLE;
    }

    /**
     * compactionSuitable() - compact_zone()'s first test; anything but COMPACT_CONTINUE returns at once.
     * Kernel: compaction_suitable() in compact_zone(). Spec: CompactionSuitable.
     */
    public CompactResult compactionSuitable() {
        require(Pc.SUITABLE, "compaction_suitable");
        CompactResult r = compaction.compactionSuitable(cc.order);
        if (r == CompactResult.COMPACT_CONTINUE) {
            pc = Pc.START;
        } else {
            cc.phase = CompactControl.Phase.DONE;
            cc.result = r;
            pc = Pc.END;
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
        require(Pc.END, "__alloc_pages_direct_compact");
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
        pc = Pc.IDLE;
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
        require(Pc.START, "compact_zone");
        compaction.compactZoneStart(cc);
        pc = Pc.FINISHED;
    }

    /**
     * compactFinished() - the loop's test; on COMPACT_CONTINUE the body starts with cc->finish_pageblock (6.1's
     * rescan) set when the migrate scanner is still in the block it last migrated from, else compact_zone()
     * returns. Kernel: compact_finished() in compact_zone(). Spec: CompactFinished.
     */
    public CompactResult compactFinished() {
        require(Pc.FINISHED, "compact_finished");
        CompactResult ret = compaction.compactFinished(cc);
        if (ret == CompactResult.COMPACT_CONTINUE) {
            cc.finishPageblock = blockStart(cc.lastMigratedPfn) == blockStart(cc.migratePfn);
            isolateDone = false;
            pc = Pc.ISOLATE;
        } else {
            compaction.compactZoneEnd(cc, ret);
            pc = Pc.END;
        }
        return ret;
    }

    /**
     * isolateMigratepagesBlock() - isolate_migratepages() and, when it isolated nothing, check_drain. Kernel: the
     * body of compact_zone()'s loop up to migrate_pages(). Spec: IsolateMigratepagesBlock.
     */
    public IsolateMigrate isolateMigratepagesBlock() {
        require(Pc.ISOLATE, "isolate_migratepages");
        int iterationStartPfn = cc.migratePfn;
        IsolateMigrate isolated = compaction.isolateMigratepages(cc);
        if (isolated == IsolateMigrate.ISOLATE_ABORT) {
            compaction.migrator().putbackMovablePages(cc.migratepages);
            cc.nrMigratepages = 0;
            compaction.compactZoneEnd(cc, CompactResult.COMPACT_CONTENDED);
            pc = Pc.END;
            return isolated;
        }
        if (isolated == IsolateMigrate.ISOLATE_SUCCESS) {
            cc.updateCached = false;
            cc.lastMigratedPfn = iterationStartPfn;
            isolateDone = true;
            pc = Pc.MIGRATE;
            return isolated;
        }
        if (cc.updateCached) {
            compaction.state().compactCachedMigratePfn[1] = compaction.state().compactCachedMigratePfn[0];
        }
        // check_drain: 6.1 compares last_migrated_pfn with block_start_pfn(cc->migrate_pfn, cc->order).
        if (cc.order > 0 && cc.lastMigratedPfn != 0
                && cc.lastMigratedPfn < (cc.migratePfn & -(1 << cc.order))) {
            cc.lastMigratedPfn = 0;
        }
        isolateDone = true;
        pc = Pc.FINISHED;
        return isolated;
    }

    /** compactNodeEnd() - compact_node() returns; the run's control is gone. Spec: CompactNodeEnd. */
    public void compactNodeEnd() {
        require(Pc.END, "compact_node");
        if (cc.directCompaction) {
            throw new StepRefusedException("compact_node", "the run is a direct compaction");
        }
        cc = null;
        pc = Pc.IDLE;
    }

    private int blockStart(int pfn) {
        return compaction.state().pageblockStartPfn(pfn);
    }

    private void require(Pc at, String function) {
        if (pc != at) {
            throw new StepRefusedException(function, "compact_zone() is at " + pc.specName() + ", not "
                    + at.specName());
        }
    }
}
