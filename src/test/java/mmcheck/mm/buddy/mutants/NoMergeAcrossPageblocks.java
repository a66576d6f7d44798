package mmcheck.mm.buddy.mutants;

import mmcheck.event.EventSink;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;

/**
 * Seeded bug for merging across pageblocks: __free_one_page() never merges at order &gt;= pageblock_order, as if
 * the migratetype check there always refused. Free pageblocks stay apart; MaximalCoalescingInv and the spec's
 * FreeOnePage, which merges them, see it on a zone with two free buddy pageblocks (MCBuddyMerge).
 */
public class NoMergeAcrossPageblocks extends PageAlloc {

    public NoMergeAcrossPageblocks(Zone zone, EventSink sink) {
        super(zone, sink);
    }

    @Override
    protected boolean pageIsBuddy(int pfn, int buddyPfn, int order) {
        return order < pageblockOrder && super.pageIsBuddy(pfn, buddyPfn, order);
    }
}
