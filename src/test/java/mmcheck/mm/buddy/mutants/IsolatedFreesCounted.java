package mmcheck.mm.buddy.mutants;

import mmcheck.event.EventSink;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;

/**
 * Seeded bug for FreePagesInv: __free_one_page() does not recognise MIGRATE_ISOLATE, so pages freed into an
 * isolated pageblock are added to NR_FREE_PAGES although nobody may allocate them.
 */
public class IsolatedFreesCounted extends PageAlloc {

    public IsolatedFreesCounted(Zone zone, EventSink sink) {
        super(zone, sink);
    }

    @Override
    protected boolean isMigrateIsolate(int migratetype) {
        return false;
    }
}
