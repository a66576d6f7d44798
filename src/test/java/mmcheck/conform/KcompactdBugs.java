package mmcheck.conform;

import mmcheck.mm.compaction.CompactZoneSteps;
import mmcheck.mm.compaction.CompactionNode;

/** Seeded bugs in kcompactd's node that both its refinement and its reverse-replay tests must catch. */
final class KcompactdBugs {
    private KcompactdBugs() {
    }

    /** kcompactd() never defers proactive compaction after a run that did not lower the score. */
    static CompactionNode proactiveNeverDeferred(CompactZoneSteps steps) {
        return new CompactionNode(steps) {
            @Override
            public void proactiveCompactNodeEnd() {
                super.proactiveCompactNodeEnd();
                proactiveDefer = false;
            }
        };
    }

    /**
     * kcompactd() keeps the long timeout of a deferred proactive compaction across a kcompactd_do_work() that found
     * no zone to compact, where 6.1 resets it to default_timeout ("The defer timeout from proactive compaction is
     * lost here").
     */
    static CompactionNode proactiveDeferKeptAfterWork(CompactZoneSteps steps) {
        return new CompactionNode(steps) {
            @Override
            public void kcompactdDoWork() {
                boolean deferred = proactiveDefer;
                super.kcompactdDoWork();
                proactiveDefer = deferred;
            }
        };
    }

    /**
     * kcompactd() compacts proactively on its timeout although a wakeup that found compaction unsuitable left
     * kcompactd_max_order set, where 6.1's wait returns kcompactd_work_requested() and runs kcompactd_do_work().
     */
    static CompactionNode proactiveWithWorkRequested(CompactZoneSteps steps) {
        return new CompactionNode(steps) {
            @Override
            public void proactiveCompactNode() {
                int requested = kcompactdMaxOrder;
                kcompactdMaxOrder = 0;
                try {
                    super.proactiveCompactNode();
                } finally {
                    kcompactdMaxOrder = requested;
                }
            }
        };
    }
}
