package mmcheck.mm.buddy.mutants;

import mmcheck.event.EventSink;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;

/**
 * Seeded bug for the claim threshold of steal_suitable_fallback(): the pageblock is claimed when a quarter of it is
 * free or alike, not half (free_pages + alike_pages &gt;= 1 &lt;&lt; (pageblock_order - 1)). With 2-page
 * pageblocks every steal moves a free page and so claims under either threshold; with 4-page ones (MCBuddyMerge)
 * a steal with one free page and three movable ones claims here and not in the spec.
 */
public class ClaimThresholdQuarter extends PageAlloc {
    private final int[] numMovable = new int[1];

    public ClaimThresholdQuarter(Zone zone, EventSink sink) {
        super(zone, sink);
    }

    @Override
    protected void stealSuitableFallback(int pfn, int startType, boolean wholeBlock) {
        int currentOrder = pages.buddyOrder(pfn);
        int oldBlockType = getPfnblockMigratetype(pfn);
        if (currentOrder >= pageblockOrder) {
            changePageblockRange(pfn, currentOrder, startType);
        } else if (wholeBlock) {
            int freePages = moveFreepagesBlock(pfn, startType, numMovable);
            if (freePages != 0) {
                int alikePages = startType == MIGRATE_MOVABLE ? numMovable[0]
                        : oldBlockType == MIGRATE_MOVABLE ? pageblockNrPages - (freePages + numMovable[0]) : 0;
                if (freePages + alikePages >= pageblockNrPages >> 2) {
                    setPageblockMigratetype(pfn, startType);
                }
                return;
            }
        }
        moveToFreeList(pfn, currentOrder, startType);
    }
}
