package mmcheck.mm.compaction;

import mmcheck.mm.StepRefusedException;

/**
 * CompactZoneSteps - one compaction run of a node driven one spec action at a time: compact_node()'s run of
 * compact_zone() cut where spec/Compaction.tla cuts it (CompactMemory, CompactZoneStart, CompactFinished,
 * IsolateMigratepagesBlock, CompactNodeEnd), with compact_zone()'s program counter as state.
 * Kernel: compact_node() and the loop of compact_zone() in mm/compaction.c of Linux 6.1.
 *
 * <p>Each method refuses (StepRefusedException, state unchanged) what the run's position does not enable. A run that
 * isolated pages stops at {@link Pc#MIGRATE}: the engine takes migrate_pages() as one call
 * ({@link Compaction#migratePages}) where the spec takes one step per page, so this stepper has no step there yet.
 */
public final class CompactZoneSteps {

    /** Where compact_zone() is: spec/Compaction.tla's cc.pc. */
    public enum Pc {
        IDLE("idle"), START("start"), FINISHED("finished"), ISOLATE("isolate"), MIGRATE("migrate"), END("end");

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
    private CompactControl cc;
    private Pc pc = Pc.IDLE;
    /** isolate_migratepages() ran since compact_finished() last did (the spec's cc.fastDone). */
    private boolean isolateDone;

    public CompactZoneSteps(Compaction compaction) {
        this.compaction = compaction;
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
        isolateDone = false;
        pc = Pc.START;
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
