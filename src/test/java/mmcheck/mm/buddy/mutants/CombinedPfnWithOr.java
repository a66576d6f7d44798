package mmcheck.mm.buddy.mutants;

import mmcheck.event.EventSink;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;

/**
 * Seeded bug for FreeBlockAlignedInv: __free_one_page() computes the merged block's head as buddy_pfn | pfn, the
 * upper of the two buddies, so the merged block is misaligned.
 */
public class CombinedPfnWithOr extends PageAlloc {

    public CombinedPfnWithOr(Zone zone, EventSink sink) {
        super(zone, sink);
    }

    @Override
    protected int combinedPfn(int pfn, int buddyPfn) {
        return buddyPfn | pfn;
    }
}
