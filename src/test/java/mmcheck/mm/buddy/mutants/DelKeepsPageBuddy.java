package mmcheck.mm.buddy.mutants;

import mmcheck.event.EventSink;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;

/**
 * Seeded bug for FreeListBuddyFlagInv: del_page_from_free_list() unlinks the page but leaves PageBuddy and its order
 * set, so page_is_buddy() would later take an allocated page for a free buddy.
 */
public class DelKeepsPageBuddy extends PageAlloc {

    public DelKeepsPageBuddy(Zone zone, EventSink sink) {
        super(zone, sink);
    }

    @Override
    protected void delPageFromFreeList(int pfn, int order) {
        super.delPageFromFreeList(pfn, order);
        pages.setBuddyOrder(pfn, order);
    }
}
