package mmcheck.mm.compaction;

import java.util.ArrayList;
import java.util.List;

import mmcheck.mm.MigrateType;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.buddy.Watermarks;

/**
 * CompactionNode - the triggers of compaction on one node: direct compaction in the allocation slowpath,
 * kcompactd, /proc/sys/vm/compact_memory and proactive compaction.
 * Kernel: try_to_compact_pages(), compact_zone_order(), __alloc_pages_direct_compact() (mm/page_alloc.c),
 * wakeup_kcompactd(), kcompactd_do_work(), kcompactd(), compact_node(), proactive_compact_node() and the
 * fragmentation score functions of mm/compaction.c.
 *
 * <p>Zones are in zone-index order (DMA, DMA32, Normal ...); the zonelist of an allocation walks them from the
 * highest allowed down, as for_each_zone_zonelist_nodemask() does on one node.
 *
 * <p>kcompactd, proactive compaction and compact_memory are cut where spec/Compaction.tla cuts them: one public method
 * per action ({@link #wakeupKcompactd}, {@link #kcompactdDoWork}, {@link #kcompactdDoWorkEnd},
 * {@link #proactiveCompactNode}, {@link #proactiveCompactNodeEnd}, {@link #kcompactdTimeout}), each refusing
 * (StepRefusedException, state unchanged) what the action does not enable, with each zone's compact_zone() run
 * between them driven by that zone's {@link CompactZoneSteps}. The whole calls ({@link #kcompactd()},
 * {@link #compactNode()}) are loops over those steps. The spec's node has one zone; with several, the end of one
 * zone's run goes on to the next zone's, as the kernel's loops over the node's zones do.
 */
public class CompactionNode {

    /** Default of /proc/sys/vm/compaction_proactiveness. */
    public static final int DEFAULT_COMPACTION_PROACTIVENESS = 20;

    private final int nodeId;
    private final List<Compaction> zones;
    /** Each zone's run driver: the compact_zone() a trigger started there. */
    private final List<CompactZoneSteps> runs;
    private final CompactionCounters counters;
    private CompactionTracer tracer = CompactionTracer.NONE;
    private int compactionProactiveness = DEFAULT_COMPACTION_PROACTIVENESS;
    /** pgdat->kcompactd_max_order and kcompactd_highest_zoneidx. */
    protected int kcompactdMaxOrder;
    private int kcompactdHighestZoneidx;
    /** kcompactd was woken for work (wakeup_kcompactd()) and has not gone back to sleep: the spec's awake. */
    private boolean kcompactdAwake;
    /**
     * The last proactive run did not lower the fragmentation score: kcompactd sleeps default_timeout &lt;&lt;
     * COMPACT_MAX_DEFER_SHIFT before the next proactive try (the spec's proactiveDefer).
     */
    protected boolean proactiveDefer;
    /** kcompactd()'s prev_score: fragmentation_score_node() before proactive_compact_node() (cc.prevScore). */
    private int prevScore;
    /** The zone kcompactd_do_work() or proactive_compact_node() is compacting, or -1. */
    private int runZone = -1;
    /** kcompactd_do_work()'s cc.order and cc.highest_zoneidx, while it runs. */
    private int workOrder;
    private int workHighestZoneidx;

    /** Every zone must share the counters. */
    public CompactionNode(int nodeId, List<Compaction> zones, CompactionCounters counters) {
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("a node needs at least one zone");
        }
        this.nodeId = nodeId;
        this.zones = List.copyOf(zones);
        this.counters = counters;
        this.kcompactdHighestZoneidx = zones.size() - 1;
        List<CompactZoneSteps> r = new ArrayList<>();
        for (Compaction z : zones) {
            r.add(new CompactZoneSteps(z, this));
        }
        this.runs = List.copyOf(r);
    }

    /** Node 0 of one zone, whose run driver is only (as {@link CompactZoneSteps} builds its node). */
    public CompactionNode(CompactZoneSteps only) {
        this.nodeId = 0;
        this.zones = List.of(only.compaction());
        this.runs = List.of(only);
        this.counters = only.compaction().counters();
    }

    public List<Compaction> zones() {
        return zones;
    }

    /** The run driver of zone zi. */
    public CompactZoneSteps zoneSteps(int zi) {
        return runs.get(zi);
    }

    public CompactionCounters counters() {
        return counters;
    }

    /** Sets the tracer of the node and of each zone. */
    public void setTracer(CompactionTracer tracer) {
        this.tracer = tracer;
        for (Compaction z : zones) {
            z.setTracer(tracer);
        }
    }

    /** /proc/sys/vm/compaction_proactiveness, 0..100. */
    public void setCompactionProactiveness(int proactiveness) {
        if (proactiveness < 0 || proactiveness > 100) {
            throw new IllegalArgumentException("compaction_proactiveness " + proactiveness + " is outside 0..100");
        }
        this.compactionProactiveness = proactiveness;
    }

    /** pgdat->kcompactd_max_order. */
    public int kcompactdMaxOrder() {
        return kcompactdMaxOrder;
    }

    /** Whether kcompactd has been woken and not gone back to sleep (the spec's kcompactd.awake). */
    public boolean kcompactdAwake() {
        return kcompactdAwake;
    }

    /** Whether the next proactive try waits for the long timeout (the spec's kcompactd.proactiveDefer). */
    public boolean proactiveDefer() {
        return proactiveDefer;
    }

    /** prev_score of the proactive run in progress. */
    public int prevScore() {
        return prevScore;
    }

    /**
     * Puts kcompactd's wait state as a spec state has it ({@link CompactionBuilder#kcompactd}): woken (or staying
     * awake for a raised order), pgdat->kcompactd_max_order, and the long timeout of a deferred proactive try. The
     * spec's node has one zone and no kcompactd_highest_zoneidx: the index stays the highest zone's, as kswapd's
     * wakeups of a one-zone node leave it.
     */
    void restoreKcompactd(boolean awake, int maxOrder, boolean deferred) {
        kcompactdAwake = awake;
        kcompactdMaxOrder = maxOrder;
        proactiveDefer = deferred;
        kcompactdHighestZoneidx = zones.size() - 1;
    }

    /**
     * Makes the live run of zone zi kcompactd's own ({@link CompactionBuilder#nodeRun}): kcompactd_do_work()'s
     * cc.order, or proactive_compact_node()'s prev_score and the low watermark compact_finished() stops it at.
     */
    void restoreRun(int zi, CompactControl cc, int score) {
        runZone = zi;
        if (cc.proactiveCompaction) {
            prevScore = score;
            zones.get(zi).setProactiveWmarkLow(fragmentationScoreWmark(true));
        } else {
            workOrder = cc.order;
            workHighestZoneidx = Math.min(kcompactdHighestZoneidx, zones.size() - 1);
        }
    }

    /** Whether cc is compact_memory's (the spec's trigger "manual"). */
    static boolean isManual(CompactControl cc) {
        return !cc.directCompaction && !cc.proactiveCompaction && cc.isViaCompactMemory();
    }

    /** Whether cc is kcompactd_do_work()'s (the spec's trigger "kcompactd"). */
    static boolean isKcompactd(CompactControl cc) {
        return !cc.directCompaction && !cc.proactiveCompaction && !cc.isViaCompactMemory();
    }

    // ------------------------------------------------------------------------------------- direct compaction

    /** What try_to_compact_pages() returns: the best result over the zones and a captured page, if any. */
    public record TryResult(CompactResult result, int capturedPfn, int capturedZone) {
    }

    /**
     * tryToCompactPages() - direct compaction over the zonelist: skip deferred zones, compact the others at this
     * priority, defer those that failed in sync mode, stop at the first success.
     * Kernel: try_to_compact_pages() and compact_zone_order(). Trace: mm_compaction_try_to_compact_pages.
     */
    public TryResult tryToCompactPages(int order, CompactPriority prio, MigrateType migratetype, int owner,
            int highestZoneidx) {
        if (tracer.enabled()) {
            tracer.event("mm_compaction_try_to_compact_pages", TracepointText.tryToCompactPages(order,
                    migratetype == MigrateType.MIGRATE_MOVABLE ? "GFP_HIGHUSER_MOVABLE" : "GFP_KERNEL",
                    prio.ordinal()));
        }
        CompactResult rc = CompactResult.COMPACT_SKIPPED;
        for (int zi = Math.min(highestZoneidx, zones.size() - 1); zi >= 0; zi--) {
            Compaction zone = zones.get(zi);
            if (prio.compareTo(CompactPriority.MIN_COMPACT_PRIORITY) > 0 && zone.compactionDeferred(order)) {
                rc = max(rc, CompactResult.COMPACT_DEFERRED);
                continue;
            }
            CompactControl cc = CompactControl.direct(order, prio, migratetype);
            cc.allocOwner = owner;
            CompactResult status = zone.compactZone(cc);
            if (cc.capturedPfn >= 0) {
                status = CompactResult.COMPACT_SUCCESS;
            }
            rc = max(rc, status);
            if (cc.capturedPfn >= 0) {
                zone.compactionDeferReset(order, false);
                return new TryResult(rc, cc.capturedPfn, zi);
            }
            if (status == CompactResult.COMPACT_SUCCESS) {
                zone.compactionDeferReset(order, false);
                break;
            }
            if (prio != CompactPriority.COMPACT_PRIO_ASYNC
                    && (status == CompactResult.COMPACT_COMPLETE || status == CompactResult.COMPACT_PARTIAL_SKIPPED)) {
                zone.deferCompaction(order);
            }
        }
        return new TryResult(rc, -1, -1);
    }

    /**
     * allocPagesDirectCompact() - compact, then take the captured page or allocate from the free lists; count the
     * stall and its success or failure.
     * Kernel: __alloc_pages_direct_compact() in mm/page_alloc.c.
     *
     * @return the pfn of the allocated block, or -1
     */
    public int allocPagesDirectCompact(int order, CompactPriority prio, MigrateType migratetype, int owner) {
        TryResult r = tryToCompactPages(order, prio, migratetype, owner, zones.size() - 1);
        if (r.result() == CompactResult.COMPACT_SKIPPED) {
            return -1;
        }
        counters.compactStall++;
        int pfn = r.capturedPfn();
        int zi = r.capturedZone();
        if (pfn < 0) {
            for (zi = zones.size() - 1; zi >= 0 && pfn < 0; zi--) {
                pfn = getPageFromFreelist(zones.get(zi), order, migratetype, owner);
            }
            zi++;
        }
        if (pfn >= 0) {
            Compaction zone = zones.get(zi);
            zone.state().compactBlockskipFlush = false;
            zone.compactionDeferReset(order, true);
            counters.compactSuccess++;
            return pfn;
        }
        counters.compactFail++;
        return -1;
    }

    /** get_page_from_freelist() of one zone at the min watermark. */
    private static int getPageFromFreelist(Compaction c, int order, MigrateType migratetype, int owner) {
        return c.pageAlloc().getPageFromFreelist(order, migratetype, owner, Watermarks.ALLOC_WMARK_MIN);
    }

    // --------------------------------------------------------------------------------------------- kcompactd

    /**
     * wakeupKcompactd() - kswapd raises kcompactd_max_order and lowers kcompactd_highest_zoneidx, even while
     * kcompactd is awake (its run must not lose the request), and wakes a sleeping kcompactd if some zone would
     * compact for it (kcompactd_node_suitable()); order 0 returns at once, an order past the zone's is refused.
     * Kernel: wakeup_kcompactd(). Spec: WakeupKcompactd(order). Trace: mm_compaction_wakeup_kcompactd.
     */
    public void wakeupKcompactd(int order, int highestZoneidx) {
        int maxOrder = zones.get(0).zone().geometry().maxOrder();
        if (order < 0 || order >= maxOrder) {
            throw new StepRefusedException("wakeup_kcompactd", "order " + order + " is outside 0.." + (maxOrder - 1));
        }
        if (order == 0) {
            return;
        }
        if (kcompactdMaxOrder < order) {
            kcompactdMaxOrder = order;
        }
        if (kcompactdHighestZoneidx > highestZoneidx) {
            kcompactdHighestZoneidx = highestZoneidx;
        }
        // wq_has_sleeper(): no wake_up for a kcompactd that is working; kcompactd_work_requested() sees the order.
        if (!kcompactdSleeping() || !kcompactdNodeSuitable()) {
            return;
        }
        if (tracer.enabled()) {
            tracer.event("mm_compaction_wakeup_kcompactd", TracepointText.kcompactdWake(nodeId, order,
                    zones.get(Math.min(highestZoneidx, zones.size() - 1)).zone().name()));
        }
        kcompactdAwake = true;
    }

    /** wq_has_sleeper(&pgdat->kcompactd_wait): kcompactd is neither woken for work nor compacting proactively. */
    private boolean kcompactdSleeping() {
        return !kcompactdAwake && runZone < 0;
    }

    /** kcompactd_node_suitable(): some zone up to the highest index would compact for the order. */
    private boolean kcompactdNodeSuitable() {
        for (int zi = 0; zi <= Math.min(kcompactdHighestZoneidx, zones.size() - 1); zi++) {
            if (zones.get(zi).compactionSuitable(kcompactdMaxOrder) == CompactResult.COMPACT_CONTINUE) {
                return true;
            }
        }
        return false;
    }

    /** kcompactd_work_requested(): woken, and not yet compacting. */
    public boolean kcompactdWorkRequested() {
        return kcompactdAwake && runZone < 0;
    }

    /**
     * Whether kcompactd's wait times out with kcompactd_work_requested() true and no wake_up: a wakeup_kcompactd()
     * raised kcompactd_max_order but found compaction unsuitable (the timeout never ends with proactiveness 0).
     */
    private boolean kcompactdTimedOutWithWork() {
        return !kcompactdAwake && kcompactdMaxOrder > 0 && compactionProactiveness > 0;
    }

    /**
     * kcompactdDoWork() - kcompactd, woken or timed out with work requested, starts its work for kcompactd_max_order:
     * the first zone that is neither deferred nor unsuitable gets a MIGRATE_SYNC_LIGHT compact_zone() honouring skip
     * hints; with none, kcompactd clears kcompactd_max_order and goes back to sleep. Refused while a run is live or
     * when kcompactd sleeps with no work requested (or with proactiveness 0, no timeout).
     * Kernel: kcompactd_do_work(). Spec: KcompactdDoWork. Trace: mm_compaction_kcompactd_wake.
     */
    public void kcompactdDoWork() {
        if (runZone >= 0) {
            throw new StepRefusedException("kcompactd_do_work", "kcompactd is already compacting");
        }
        if (!kcompactdAwake && !kcompactdTimedOutWithWork()) {
            throw new StepRefusedException("kcompactd_do_work", kcompactdMaxOrder == 0
                    ? "kcompactd is asleep (no wakeup_kcompactd())"
                    : "kcompactd sleeps with no timeout (compaction_proactiveness 0) and was not woken");
        }
        requireIdle("kcompactd_do_work");
        kcompactdAwake = true;
        workOrder = kcompactdMaxOrder;
        workHighestZoneidx = Math.min(kcompactdHighestZoneidx, zones.size() - 1);
        if (tracer.enabled()) {
            tracer.event("mm_compaction_kcompactd_wake", TracepointText.kcompactdWake(nodeId, workOrder,
                    zones.get(workHighestZoneidx).zone().name()));
        }
        counters.compactDaemonWake++;
        kcompactdNextZone(0);
    }

    /**
     * kcompactd_do_work()'s loop from zone zi: start compact_zone() in the first zone that is neither deferred
     * (compaction_deferred() counts the attempt) nor unsuitable; past the last, kcompactd is done until woken.
     */
    private void kcompactdNextZone(int zi) {
        for (; zi <= workHighestZoneidx; zi++) {
            Compaction zone = zones.get(zi);
            if (zone.compactionDeferred(workOrder)) {
                continue;
            }
            // compaction_suitable(zone, cc.order, 0, zoneid): the zone's own index, whose reserve is 0;
            // compact_zone() then tests again with cc.highest_zoneidx's reserve.
            if (zone.compactionSuitable(workOrder, 0) != CompactResult.COMPACT_CONTINUE) {
                continue;
            }
            runs.get(zi).start(CompactControl.kcompactd(workOrder), CompactPriority.COMPACT_PRIO_SYNC_LIGHT,
                    "kcompactd_do_work");
            runZone = zi;
            return;
        }
        runZone = -1;
        // Regardless of success, done until woken up next; keep a higher order asked for meanwhile, which
        // kcompactd()'s next wait sees as kcompactd_work_requested() without sleeping.
        if (kcompactdMaxOrder <= workOrder) {
            kcompactdMaxOrder = 0;
        }
        if (kcompactdHighestZoneidx >= workHighestZoneidx) {
            kcompactdHighestZoneidx = zones.size() - 1;
        }
        kcompactdAwake = kcompactdMaxOrder > 0;
        // kcompactd() resets its timeout to default_timeout after kcompactd_do_work(): a proactive deferral is lost.
        proactiveDefer = false;
    }

    /**
     * kcompactdDoWorkEnd() - the zone's compact_zone() returned: success resets the deferral (expecting an
     * allocation), a run whose scanners met defers; the scans are counted; then the next zone, or kcompactd clears
     * kcompactd_max_order (unless a wakeup raised it meanwhile), drops a proactive deferral and sleeps (or stays
     * awake for the raised order). Refused unless a kcompactd run has returned.
     * Kernel: the rest of kcompactd_do_work(). Spec: KcompactdDoWorkEnd.
     */
    public void kcompactdDoWorkEnd() {
        CompactZoneSteps run = endedRun("kcompactd_do_work");
        if (!isKcompactd(run.cc())) {
            throw new StepRefusedException("kcompactd_do_work", "the run is not kcompactd's");
        }
        CompactControl cc = run.finish("kcompactd_do_work");
        Compaction zone = run.compaction();
        if (cc.result == CompactResult.COMPACT_SUCCESS) {
            zone.compactionDeferReset(cc.order, false);
        } else if (cc.result == CompactResult.COMPACT_PARTIAL_SKIPPED || cc.result == CompactResult.COMPACT_COMPLETE) {
            zone.deferCompaction(cc.order);
        }
        counters.compactDaemonMigrateScanned += cc.totalMigrateScanned;
        counters.compactDaemonFreeScanned += cc.totalFreeScanned;
        kcompactdNextZone(runZone + 1);
    }

    /**
     * kcompactdTimeout() - kcompactd's long timeout after a proactive run that did not lower the score elapses.
     * Refused unless proactive compaction is deferred and kcompactd sleeps with no work requested.
     * Kernel: wait_event_freezable_timeout() in kcompactd().
     * Spec: KcompactdTimeout.
     */
    public void kcompactdTimeout() {
        if (!proactiveDefer) {
            throw new StepRefusedException("kcompactd", "proactive compaction is not deferred (no long timeout)");
        }
        if (kcompactdAwake) {
            throw new StepRefusedException("kcompactd", "kcompactd is awake for requested work, not waiting");
        }
        if (kcompactdMaxOrder > 0) {
            throw new StepRefusedException("kcompactd", "kcompactd_work_requested(): the timeout leads to "
                    + "kcompactd_do_work()");
        }
        proactiveDefer = false;
    }

    /**
     * kcompactd() - one turn of kcompactd's loop, as its steps: sleep (traced), then the requested work (woken, or
     * timed out with kcompactd_max_order set), each zone's run to its end; or, on a timeout, the long timeout of a
     * deferred proactive compaction elapsing, or proactive compaction when the node's fragmentation score is above
     * the high watermark.
     * Kernel: kcompactd(). Trace: mm_compaction_kcompactd_sleep.
     *
     * @return whether it compacted
     */
    public boolean kcompactd() {
        if (tracer.enabled()) {
            tracer.event("mm_compaction_kcompactd_sleep", TracepointText.kcompactdSleep(nodeId));
        }
        if (kcompactdWorkRequested() || kcompactdTimedOutWithWork() && runZone < 0) {
            kcompactdDoWork();
            while (runZone >= 0) {
                runs.get(runZone).compactZone();
                kcompactdDoWorkEnd();
            }
            return true;
        }
        if (proactiveDefer) {
            kcompactdTimeout();
            return false;
        }
        if (shouldProactiveCompactNode() && idle() && !kcompactdAwake && kcompactdMaxOrder == 0) {
            proactiveCompactNode();
            while (runZone >= 0) {
                runs.get(runZone).compactZone();
                proactiveCompactNodeEnd();
            }
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------------ compact_memory and proactive

    /**
     * compactNode() - compact every zone of the node whole, in sync mode: a write to /proc/sys/vm/compact_memory,
     * as the steps CompactMemory, the zone's compact_zone() and CompactNodeEnd.
     * Kernel: compact_node() (from compact_nodes()).
     */
    public void compactNode() {
        for (CompactZoneSteps run : runs) {
            run.compactMemory();
            run.compactZone();
            run.compactNodeEnd();
        }
    }

    /** fragmentation_score_zone_weighted(): the zone's score weighted by its share of the node's pages. */
    public int fragmentationScoreZoneWeighted(Compaction zone) {
        long nodePresent = 0;
        for (Compaction z : zones) {
            nodePresent += z.zone().managedPages();
        }
        return (int) (zone.zone().managedPages() * zone.fragmentationScoreZone() / (nodePresent + 1));
    }

    /** fragmentation_score_node(): the sum of the weighted zone scores. */
    public int fragmentationScoreNode() {
        int score = 0;
        for (Compaction z : zones) {
            score += fragmentationScoreZoneWeighted(z);
        }
        return score;
    }

    /** fragmentation_score_wmark(): low = max(100 - proactiveness, 5), high = min(low + 10, 100). */
    public int fragmentationScoreWmark(boolean low) {
        int wmarkLow = Math.max(100 - compactionProactiveness, 5);
        return low ? wmarkLow : Math.min(wmarkLow + 10, 100);
    }

    /** should_proactive_compact_node(). */
    public boolean shouldProactiveCompactNode() {
        if (compactionProactiveness == 0) {
            return false;
        }
        return fragmentationScoreNode() > fragmentationScoreWmark(false);
    }

    /**
     * proactiveCompactNode() - on kcompactd's timeout with no wakeup, when compaction_proactiveness is set and the
     * node's fragmentation score is above the high watermark: remember the score (prev_score) and start a
     * MIGRATE_SYNC_LIGHT whole-zone run ignoring skip hints, stopping at the low watermark. Refused while kcompactd
     * is awake or has work requested (kcompactd_max_order), a run is live, or the last proactive run deferred the
     * next.
     * Kernel: proactive_compact_node() from kcompactd(). Spec: ProactiveCompactNode.
     */
    public void proactiveCompactNode() {
        if (kcompactdAwake) {
            throw new StepRefusedException("proactive_compact_node", "kcompactd is awake for requested work");
        }
        if (proactiveDefer) {
            throw new StepRefusedException("proactive_compact_node", "deferred until the long timeout");
        }
        if (kcompactdMaxOrder > 0) {
            throw new StepRefusedException("proactive_compact_node", "kcompactd_work_requested(): the timeout leads to "
                    + "kcompactd_do_work()");
        }
        requireIdle("proactive_compact_node");
        if (!shouldProactiveCompactNode()) {
            throw new StepRefusedException("proactive_compact_node", "fragmentation score " + fragmentationScoreNode()
                    + " is not above the high watermark " + fragmentationScoreWmark(false)
                    + " (compaction_proactiveness " + compactionProactiveness + ")");
        }
        prevScore = fragmentationScoreNode();
        proactiveStart(0);
    }

    /** proactive_compact_node()'s loop: zone zi's whole-zone run. */
    private void proactiveStart(int zi) {
        Compaction zone = zones.get(zi);
        zone.setProactiveWmarkLow(fragmentationScoreWmark(true));
        runs.get(zi).start(CompactControl.proactive(), CompactPriority.COMPACT_PRIO_SYNC_LIGHT,
                "proactive_compact_node");
        runZone = zi;
    }

    /**
     * proactiveCompactNodeEnd() - the zone's proactive run returned: its scans are counted, then the next zone's
     * run; after the last, a score that did not go down defers the next proactive try by the long timeout, and a
     * wakeup that came meanwhile leaves kcompactd awake for its work. Refused unless a proactive run has returned.
     * Kernel: the rest of proactive_compact_node() and of kcompactd()'s proactive branch.
     * Spec: ProactiveCompactNodeEnd.
     */
    public void proactiveCompactNodeEnd() {
        CompactZoneSteps run = endedRun("proactive_compact_node");
        if (!run.cc().proactiveCompaction) {
            throw new StepRefusedException("proactive_compact_node", "the run is not proactive compaction's");
        }
        CompactControl cc = run.finish("proactive_compact_node");
        counters.compactDaemonMigrateScanned += cc.totalMigrateScanned;
        counters.compactDaemonFreeScanned += cc.totalFreeScanned;
        if (runZone + 1 < zones.size()) {
            proactiveStart(runZone + 1);
            return;
        }
        runZone = -1;
        proactiveDefer = fragmentationScoreNode() >= prevScore;
        // kcompactd_max_order raised (no sleeper to wake during the run): kcompactd()'s next wait does not sleep.
        kcompactdAwake = kcompactdMaxOrder > 0;
    }

    /** The run kcompactd or proactive compaction started, which must have returned. */
    private CompactZoneSteps endedRun(String function) {
        if (runZone < 0) {
            throw new StepRefusedException(function, "kcompactd is not compacting");
        }
        CompactZoneSteps run = runs.get(runZone);
        if (run.pc() != CompactControl.Pc.END) {
            throw new StepRefusedException(function, "compact_zone() is at " + run.pc().specName() + ", not end");
        }
        return run;
    }

    /** No compact_zone() is live on the node (the spec's cc.pc = "idle"). */
    private boolean idle() {
        for (CompactZoneSteps run : runs) {
            if (run.pc() != CompactControl.Pc.IDLE) {
                return false;
            }
        }
        return true;
    }

    private void requireIdle(String function) {
        if (!idle()) {
            throw new StepRefusedException(function, "a compact_zone() run is live on the node");
        }
    }

    private static CompactResult max(CompactResult a, CompactResult b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
