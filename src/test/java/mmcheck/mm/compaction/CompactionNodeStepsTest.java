package mmcheck.mm.compaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import mmcheck.mm.MmGeometry;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.sim.FragmentedZone;

/**
 * kcompactd's and proactive compaction's steps on CompactionNode: what each refuses leaves the node as it was, and
 * on a node of two zones kcompactd_do_work() and proactive_compact_node() walk the zones, one compact_zone() run
 * at a time, before kcompactd sleeps.
 */
class CompactionNodeStepsTest {
    private static final int MAX_ORDER = 11;
    private static final int PAGEBLOCK_ORDER = 9;
    private static final int ZONE_PAGES = 1 << 13;

    private static Compaction zone(int start, CompactionCounters counters) {
        PageAlloc pa = new PageAlloc(FragmentedZone.buildStride(MmGeometry.of(MAX_ORDER, PAGEBLOCK_ORDER, start,
                start + ZONE_PAGES), 2));
        Compaction c = new Compaction(pa, new AtomicMigration(pa), counters);
        c.setExtfragThreshold(0);
        return c;
    }

    private static CompactionNode twoZones() {
        CompactionCounters counters = new CompactionCounters();
        return new CompactionNode(0, List.of(zone(0, counters), zone(ZONE_PAGES, counters)), counters);
    }

    @Test
    void refusedSteps_leaveKcompactdAsItWas() {
        CompactionNode node = twoZones();
        assertThrows(StepRefusedException.class, () -> node.wakeupKcompactd(-1, 1));
        assertThrows(StepRefusedException.class, () -> node.wakeupKcompactd(MAX_ORDER, 1));
        node.wakeupKcompactd(0, 0);
        assertThrows(StepRefusedException.class, node::kcompactdDoWork);
        assertThrows(StepRefusedException.class, node::kcompactdDoWorkEnd);
        assertThrows(StepRefusedException.class, node::kcompactdTimeout);
        assertThrows(StepRefusedException.class, node::proactiveCompactNodeEnd);
        assertEquals(0, node.kcompactdMaxOrder());
        assertFalse(node.kcompactdAwake() || node.proactiveDefer());

        node.wakeupKcompactd(9, 1);
        assertTrue(node.kcompactdAwake());
        assertThrows(StepRefusedException.class, node::proactiveCompactNode, "kcompactd is awake for work");
        assertEquals(9, node.kcompactdMaxOrder());
    }

    @Test
    void wakeupDuringARun_raisesTheOrderAndKeepsKcompactdAwakeForIt() {
        CompactionNode node = twoZones();
        node.proactiveDefer = true;
        node.wakeupKcompactd(8, 1);
        node.kcompactdDoWork();
        node.wakeupKcompactd(9, 1);
        assertEquals(9, node.kcompactdMaxOrder(), "wakeup_kcompactd() raises the order with no sleeper");
        node.wakeupKcompactd(7, 1);
        assertEquals(9, node.kcompactdMaxOrder(), "and never lowers it");
        for (int zi = 0; zi < 2; zi++) {
            node.zoneSteps(zi).compactZone();
            node.kcompactdDoWorkEnd();
        }
        assertEquals(9, node.kcompactdMaxOrder(), "kcompactd_do_work() keeps an order above its cc.order");
        assertTrue(node.kcompactdAwake() && node.kcompactdWorkRequested(), "the next wait does not sleep");
        assertFalse(node.proactiveDefer(), "kcompactd() resets the timeout after kcompactd_do_work()");
        assertThrows(StepRefusedException.class, node::kcompactdTimeout);
        node.kcompactdDoWork();
        while (node.kcompactdAwake()) {
            for (int zi = 0; zi < 2; zi++) {
                if (node.zoneSteps(zi).pc() != CompactControl.Pc.IDLE) {
                    node.zoneSteps(zi).compactZone();
                    node.kcompactdDoWorkEnd();
                }
            }
        }
        assertEquals(0, node.kcompactdMaxOrder());
        assertEquals(2, node.counters().compactDaemonWake);
    }

    @Test
    void workRequestedWithoutAWakeUp_isDoneOnTheTimeoutInsteadOfProactiveCompaction() {
        CompactionNode node = twoZones();
        // What a wakeup_kcompactd() that found compaction unsuitable leaves: the order, no wake_up.
        node.kcompactdMaxOrder = 9;
        node.proactiveDefer = true;
        assertThrows(StepRefusedException.class, node::kcompactdTimeout, "the long timeout ends in kcompactd_do_work");
        node.proactiveDefer = false;
        assertThrows(StepRefusedException.class, node::proactiveCompactNode, "kcompactd_work_requested()");
        node.setCompactionProactiveness(0);
        assertThrows(StepRefusedException.class, node::kcompactdDoWork, "MAX_SCHEDULE_TIMEOUT: no timeout");
        node.setCompactionProactiveness(20);
        node.kcompactdDoWork();
        assertTrue(node.kcompactdAwake(), "compacting");
        assertEquals(CompactControl.Pc.SUITABLE, node.zoneSteps(0).pc());
    }

    @Test
    void kcompactdDoWork_compactsEachZoneInTurnThenSleeps() {
        CompactionNode node = twoZones();
        node.wakeupKcompactd(9, 1);
        node.kcompactdDoWork();
        assertEquals(CompactControl.Pc.SUITABLE, node.zoneSteps(0).pc(), "zone 0's run starts first");
        assertEquals(CompactControl.Pc.IDLE, node.zoneSteps(1).pc());
        assertThrows(StepRefusedException.class, node::kcompactdDoWorkEnd, "zone 0's run has not returned");
        node.zoneSteps(0).compactZone();
        node.kcompactdDoWorkEnd();
        assertEquals(CompactControl.Pc.IDLE, node.zoneSteps(0).pc());
        assertEquals(CompactControl.Pc.SUITABLE, node.zoneSteps(1).pc(), "then zone 1's");
        assertTrue(node.kcompactdAwake());
        node.zoneSteps(1).compactZone();
        node.kcompactdDoWorkEnd();
        assertFalse(node.kcompactdAwake());
        assertEquals(0, node.kcompactdMaxOrder());
        assertEquals(1, node.counters().compactDaemonWake);
    }

    @Test
    void proactiveCompactNode_compactsEveryZoneAndLowersTheScore() {
        CompactionNode node = twoZones();
        int before = node.fragmentationScoreNode();
        node.proactiveCompactNode();
        assertEquals(before, node.prevScore());
        assertThrows(StepRefusedException.class, node::proactiveCompactNode, "a run is live");
        for (int zi = 0; zi < 2; zi++) {
            assertEquals(CompactControl.Pc.START, node.zoneSteps(zi).pc());
            node.zoneSteps(zi).compactZone();
            node.proactiveCompactNodeEnd();
        }
        assertTrue(node.fragmentationScoreNode() < before);
        assertFalse(node.proactiveDefer(), "the score went down");
    }
}
