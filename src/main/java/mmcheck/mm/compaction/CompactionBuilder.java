package mmcheck.mm.compaction;

import mmcheck.mm.migrate.PageList;

/**
 * CompactionBuilder - puts a fresh {@link CompactZoneSteps} into a given state of spec/Compaction.tla: the live
 * run's compact_control with compact_zone()'s locals and position, and its node's kcompactd state (the wait,
 * kcompactd_max_order, the proactive deferral, the run kcompactd or proactive compaction drives). The conformance
 * layer's concretization uses it to build the engine for each reachable state of a model and run every step from
 * there; the zone's compaction fields ({@link ZoneCompactState}) are public and set directly.
 *
 * <p>It writes what it is told and checks nothing: the caller supplies a consistent state. What the spec does not
 * keep starts as a run that has just reached the position would have it: no scanned-page totals, search_order at
 * cc->order, isolate_freepages() not yet tried in the current compaction_alloc() call.
 */
public final class CompactionBuilder {
    private final CompactZoneSteps steps;
    private final CompactControl cc;

    /** A run of steps' zone with control cc (its fixed fields set by the caller) at pc, under priority prio. */
    public CompactionBuilder(CompactZoneSteps steps, CompactControl cc, CompactPriority prio, CompactControl.Pc pc) {
        this.steps = steps;
        this.cc = cc;
        cc.pc = pc;
        cc.phase = switch (pc) {
            case IDLE, SUITABLE, START -> CompactControl.Phase.IDLE;
            case END -> CompactControl.Phase.DONE;
            default -> CompactControl.Phase.RUNNING;
        };
        if (cc.phase != CompactControl.Phase.IDLE) {
            cc.startPfn = steps.compaction().zone().geometry().zoneStart();
            cc.endPfn = steps.compaction().zone().geometry().zoneEnd();
        }
        steps.restore(cc, prio);
    }

    /**
     * cc->migratepages: the pages that failed in this migrate_pages() call (back on the list for the putback)
     * first, then those still to try (the spec's cc.todo), nrFailed of the first kind counted, err as ERR_*.
     */
    public CompactionBuilder migratepages(int[] failed, int[] todo, int nrFailed, int err) {
        for (int pfn : failed) {
            cc.migratepages.add(pfn);
        }
        for (int pfn : todo) {
            cc.migratepages.add(pfn);
        }
        cc.migrateTried = failed.length;
        cc.nrFailed = nrFailed;
        cc.migrateErr = err;
        return this;
    }

    /** cc->freepages, split order-0 pages, its head (the page compaction_alloc() hands out next) last. */
    public CompactionBuilder freepages(int[] headLast) {
        PageList list = cc.freepages;
        for (int pfn : headLast) {
            list.add(pfn);
        }
        return this;
    }

    /** What compact_zone() will return, or null while it goes on (COMPACT_CONTINUE). */
    public CompactionBuilder result(CompactResult r) {
        cc.result = r;
        return this;
    }

    /** compact_zone()'s last_migrated_pfn and update_cached. */
    public CompactionBuilder locals(int lastMigratedPfn, boolean updateCached) {
        cc.lastMigratedPfn = lastMigratedPfn;
        cc.updateCached = updateCached;
        return this;
    }

    /** The pfn fast_find_migrateblock() found for this turn's scan (the spec's cc.fastLow), or -1. */
    public CompactionBuilder fastLow(int pfn) {
        cc.fastLow = pfn;
        return this;
    }

    /** isolate_freepages()' stride, whether a fast search ran (the spec's cc.fastDone), release_freepages()' high. */
    public CompactionBuilder scannerLocals(int stride, boolean fastDone, int releaseHigh) {
        cc.stride = stride;
        cc.fastDone = fastDone;
        // In the free scanner's turns cc.fastDone says whether isolate_freepages() has run its fast search.
        cc.fastFreeTried = fastDone;
        cc.releaseHigh = releaseHigh;
        return this;
    }

    /**
     * The live run is kcompactd_do_work()'s or proactive_compact_node()'s (cc built by the caller as
     * CompactControl.kcompactd() or proactive() would): the node drives its end, with the proactive run's prev_score.
     */
    public CompactionBuilder nodeRun(int prevScore) {
        steps.node().restoreRun(0, cc, prevScore);
        return this;
    }

    /**
     * kcompactd's node state of a one-zone node, with or without a live run: awake (woken, or staying awake for a
     * raised order), kcompactd_max_order, and whether the next proactive try waits for the long timeout.
     */
    public static void kcompactd(CompactZoneSteps steps, boolean awake, int maxOrder, boolean proactiveDefer) {
        steps.node().restoreKcompactd(awake, maxOrder, proactiveDefer);
    }

    public CompactZoneSteps build() {
        return steps;
    }
}
