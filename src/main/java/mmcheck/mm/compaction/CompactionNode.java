package mmcheck.mm.compaction;

import java.util.List;

import mmcheck.mm.MigrateType;
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
 */
public final class CompactionNode {

    /** Default of /proc/sys/vm/compaction_proactiveness. */
    public static final int DEFAULT_COMPACTION_PROACTIVENESS = 20;

    private final int nodeId;
    private final List<Compaction> zones;
    private final CompactionCounters counters;
    private CompactionTracer tracer = CompactionTracer.NONE;
    private int compactionProactiveness = DEFAULT_COMPACTION_PROACTIVENESS;
    /** pgdat->kcompactd_max_order and kcompactd_highest_zoneidx. */
    private int kcompactdMaxOrder;
    private int kcompactdHighestZoneidx;
    /** Whether kcompactd sleeps on kcompactd_wait (it does unless running). */
    private boolean kcompactdWaiting = true;
    private boolean kcompactdWorkRequested;

    /** Every zone must share the counters. */
    public CompactionNode(int nodeId, List<Compaction> zones, CompactionCounters counters) {
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("a node needs at least one zone");
        }
        this.nodeId = nodeId;
        this.zones = List.copyOf(zones);
        this.counters = counters;
        this.kcompactdHighestZoneidx = zones.size() - 1;
    }

    public List<Compaction> zones() {
        return zones;
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
     * wakeupKcompactd() - ask kcompactd to compact for this order, if some zone is suitable.
     * Kernel: wakeup_kcompactd() with kcompactd_node_suitable(). Trace: mm_compaction_wakeup_kcompactd.
     */
    public void wakeupKcompactd(int order, int highestZoneidx) {
        if (order == 0) {
            return;
        }
        if (kcompactdMaxOrder < order) {
            kcompactdMaxOrder = order;
        }
        if (kcompactdHighestZoneidx > highestZoneidx) {
            kcompactdHighestZoneidx = highestZoneidx;
        }
        if (!kcompactdWaiting) {
            return;
        }
        if (!kcompactdNodeSuitable()) {
            return;
        }
        if (tracer.enabled()) {
            tracer.event("mm_compaction_wakeup_kcompactd", TracepointText.kcompactdWake(nodeId, order,
                    zones.get(Math.min(highestZoneidx, zones.size() - 1)).zone().name()));
        }
        kcompactdWorkRequested = true;
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

    /** kcompactd_work_requested(). */
    public boolean kcompactdWorkRequested() {
        return kcompactdWorkRequested;
    }

    /**
     * kcompactdDoWork() - kcompactd's run: each suitable, non-deferred zone compacted in sync-light mode for the
     * order it was woken for; defer on failure. Kernel: kcompactd_do_work(). Trace: mm_compaction_kcompactd_wake.
     */
    public void kcompactdDoWork() {
        int order = kcompactdMaxOrder;
        int highest = Math.min(kcompactdHighestZoneidx, zones.size() - 1);
        kcompactdWaiting = false;
        kcompactdWorkRequested = false;
        if (tracer.enabled()) {
            tracer.event("mm_compaction_kcompactd_wake", TracepointText.kcompactdWake(nodeId, order,
                    zones.get(highest).zone().name()));
        }
        counters.compactDaemonWake++;
        for (int zi = 0; zi <= highest; zi++) {
            Compaction zone = zones.get(zi);
            if (zone.compactionDeferred(Math.max(order, 0))) {
                continue;
            }
            // compaction_suitable(zone, cc.order, 0, zoneid): the zone's own index, whose reserve is 0;
            // compact_zone() then tests again with cc.highest_zoneidx's reserve.
            if (zone.compactionSuitable(order, 0) != CompactResult.COMPACT_CONTINUE) {
                continue;
            }
            CompactControl cc = CompactControl.kcompactd(order);
            CompactResult status = zone.compactZone(cc);
            if (status == CompactResult.COMPACT_SUCCESS) {
                zone.compactionDeferReset(order, false);
            } else if (status == CompactResult.COMPACT_PARTIAL_SKIPPED || status == CompactResult.COMPACT_COMPLETE) {
                zone.deferCompaction(order);
            }
            counters.compactDaemonMigrateScanned += cc.totalMigrateScanned;
            counters.compactDaemonFreeScanned += cc.totalFreeScanned;
        }
        if (kcompactdMaxOrder <= order) {
            kcompactdMaxOrder = 0;
        }
        if (kcompactdHighestZoneidx >= highest) {
            kcompactdHighestZoneidx = zones.size() - 1;
        }
    }

    /**
     * kcompactd() - one turn of kcompactd's loop: sleep (traced), then either the requested work, or on the timeout
     * proactive compaction when the node's fragmentation score is above the high watermark.
     * Kernel: kcompactd(). Trace: mm_compaction_kcompactd_sleep.
     *
     * @return whether it compacted
     */
    public boolean kcompactd() {
        if (tracer.enabled()) {
            tracer.event("mm_compaction_kcompactd_sleep", TracepointText.kcompactdSleep(nodeId));
        }
        kcompactdWaiting = true;
        if (kcompactdWorkRequested) {
            kcompactdDoWork();
            kcompactdWaiting = true;
            return true;
        }
        if (shouldProactiveCompactNode()) {
            proactiveCompactNode();
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------------ compact_memory and proactive

    /**
     * compactNode() - compact every zone of the node whole, in sync mode: a write to /proc/sys/vm/compact_memory.
     * Kernel: compact_node() (from compact_nodes()).
     */
    public void compactNode() {
        for (Compaction zone : zones) {
            zone.compactZone(CompactControl.compactMemory());
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
     * proactiveCompactNode() - compact each zone whole in sync-light mode until its score falls to the low
     * watermark. Kernel: proactive_compact_node().
     */
    public void proactiveCompactNode() {
        for (Compaction zone : zones) {
            zone.setProactiveWmarkLow(fragmentationScoreWmark(true));
            CompactControl cc = CompactControl.proactive();
            zone.compactZone(cc);
            counters.compactDaemonMigrateScanned += cc.totalMigrateScanned;
            counters.compactDaemonFreeScanned += cc.totalFreeScanned;
        }
    }

    private static CompactResult max(CompactResult a, CompactResult b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
