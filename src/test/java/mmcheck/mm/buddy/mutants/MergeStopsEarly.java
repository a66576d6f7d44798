package mmcheck.mm.buddy.mutants;

import mmcheck.event.EventSink;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;

/**
 * Seeded bug for MaximalCoalescingInv: the merge stops one order early, as if the loop ran while order &lt;
 * MAX_ORDER - 2; the spec's MCBugMergeCeiling seeds the same bug.
 */
public class MergeStopsEarly extends PageAlloc {

    public MergeStopsEarly(Zone zone, EventSink sink) {
        super(zone, sink);
    }

    @Override
    protected boolean pageIsBuddy(int pfn, int buddyPfn, int order) {
        return order < maxOrder - 2 && super.pageIsBuddy(pfn, buddyPfn, order);
    }
}
