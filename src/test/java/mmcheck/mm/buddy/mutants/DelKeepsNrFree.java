package mmcheck.mm.buddy.mutants;

import mmcheck.event.EventSink;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;

/** Seeded bug for NrFreeInv: del_page_from_free_list() forgets area-&gt;nr_free--. */
public class DelKeepsNrFree extends PageAlloc {

    public DelKeepsNrFree(Zone zone, EventSink sink) {
        super(zone, sink);
    }

    @Override
    protected void delPageFromFreeList(int pfn, int order) {
        super.delPageFromFreeList(pfn, order);
        area.setNrFree(order, area.nrFree(order) + 1);
    }
}
