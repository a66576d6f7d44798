package mmcheck.mm.buddy.mutants;

import mmcheck.event.EventSink;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;

/**
 * Seeded bug for can_steal_fallback(): a movable fallback may take the whole pageblock from order
 * pageblock_order / 4 up, not pageblock_order / 2. With 4-page pageblocks an order-0 movable fallback then moves
 * every free page of the pageblock and may claim it; the spec moves the one block (MCBuddySteal reaches it).
 */
public class StealThresholdQuarter extends PageAlloc {

    public StealThresholdQuarter(Zone zone, EventSink sink) {
        super(zone, sink);
    }

    @Override
    protected boolean canStealFallback(int order, int startMt) {
        if (order >= pageblockOrder) {
            return true;
        }
        return order >= pageblockOrder / 4 || startMt == MIGRATE_RECLAIMABLE || startMt == MIGRATE_UNMOVABLE;
    }
}
