package mmcheck.mm.buddy.mutants;

import mmcheck.event.EventSink;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;

/**
 * Seeded bug for BlocksPartitionZoneInv: expand() stops one split early and never gives back the last upper half,
 * the one of the requested order, so its pages are neither free nor allocated.
 */
public class ExpandForgetsAHalf extends PageAlloc {

    public ExpandForgetsAHalf(Zone zone, EventSink sink) {
        super(zone, sink);
    }

    @Override
    protected void expand(int pfn, int low, int high, int migratetype) {
        int size = 1 << high;
        while (high > low + 1) {
            high--;
            size >>= 1;
            addToFreeList(pfn + size, high, migratetype);
            setBuddyOrder(pfn + size, high);
        }
    }
}
