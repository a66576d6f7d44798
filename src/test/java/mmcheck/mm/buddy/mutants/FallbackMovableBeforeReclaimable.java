package mmcheck.mm.buddy.mutants;

import mmcheck.event.EventSink;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;

/**
 * Seeded bug for the order of fallbacks[]: an unmovable request falls back to MIGRATE_MOVABLE before
 * MIGRATE_RECLAIMABLE. Only a model with reclaimable and movable free blocks at one order and unmovable requests
 * (MCBuddyFallback) can tell.
 */
public class FallbackMovableBeforeReclaimable extends PageAlloc {
    private static final int[] UNMOVABLE_FALLBACKS = {MIGRATE_MOVABLE, MIGRATE_RECLAIMABLE};

    public FallbackMovableBeforeReclaimable(Zone zone, EventSink sink) {
        super(zone, sink);
    }

    @Override
    protected int findSuitableFallback(int order, int migratetype, boolean onlyStealable, boolean[] canStealOut) {
        if (migratetype != MIGRATE_UNMOVABLE) {
            return super.findSuitableFallback(order, migratetype, onlyStealable, canStealOut);
        }
        if (canStealOut != null) {
            canStealOut[0] = false;
        }
        if (area.nrFree(order) == 0) {
            return -1;
        }
        for (int fallbackMt : UNMOVABLE_FALLBACKS) {
            if (area.isEmpty(order, fallbackMt)) {
                continue;
            }
            boolean steal = canStealFallback(order, migratetype);
            if (canStealOut != null) {
                canStealOut[0] = steal;
            }
            if (!onlyStealable || steal) {
                return fallbackMt;
            }
        }
        return -1;
    }
}
