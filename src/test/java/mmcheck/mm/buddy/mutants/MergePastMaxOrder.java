package mmcheck.mm.buddy.mutants;

import mmcheck.event.EventSink;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;

/**
 * Seeded bug for TypeOK: __free_one_page() merges while order &lt; MAX_ORDER instead of MAX_ORDER - 1, the
 * off-by-one that 6.4's redefinition of MAX_ORDER invited. Two free top-order buddies merge into a block of order
 * MAX_ORDER, which no order variable may hold.
 */
public class MergePastMaxOrder extends PageAlloc {

    public MergePastMaxOrder(Zone zone, EventSink sink) {
        super(zone, sink);
    }

    @Override
    protected void freeOnePage(int pfn, int order, int migratetype, int fpiFlags) {
        int buddyPfn = 0;
        if (!isMigrateIsolate(migratetype)) {
            modZoneFreepageState(1L << order, migratetype);
        }
        while (order < maxOrder) {
            buddyPfn = findBuddyPfn(pfn, order);
            if (!pageIsBuddy(pfn, buddyPfn, order)) {
                break;
            }
            if (order >= pageblockOrder) {
                int buddyMt = getPfnblockMigratetype(buddyPfn);
                if (migratetype != buddyMt
                        && (!migratetypeIsMergeable(migratetype) || !migratetypeIsMergeable(buddyMt))) {
                    break;
                }
            }
            delPageFromFreeList(buddyPfn, order);
            pfn = combinedPfn(pfn, buddyPfn);
            order++;
        }
        setBuddyOrder(pfn, order);
        if ((fpiFlags & FPI_TO_TAIL) != 0 || buddyMergeLikely(pfn, buddyPfn, order)) {
            addToFreeListTail(pfn, order, migratetype);
        } else {
            addToFreeList(pfn, order, migratetype);
        }
    }
}
