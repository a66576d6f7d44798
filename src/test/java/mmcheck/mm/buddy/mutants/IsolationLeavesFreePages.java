package mmcheck.mm.buddy.mutants;

import mmcheck.event.EventSink;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;

/**
 * Seeded bug for FreeListMigratetypeInv: move_freepages_block() moves nothing to MIGRATE_ISOLATE, as if
 * set_migratetype_isolate() forgot to call it; the isolated pageblock's free pages stay on allocatable lists.
 */
public class IsolationLeavesFreePages extends PageAlloc {

    public IsolationLeavesFreePages(Zone zone, EventSink sink) {
        super(zone, sink);
    }

    @Override
    protected int moveFreepagesBlock(int pfn, int migratetype, int[] numMovable) {
        if (migratetype == MIGRATE_ISOLATE) {
            return 0;
        }
        return super.moveFreepagesBlock(pfn, migratetype, numMovable);
    }
}
