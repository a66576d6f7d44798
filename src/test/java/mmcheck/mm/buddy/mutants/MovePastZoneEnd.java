package mmcheck.mm.buddy.mutants;

import mmcheck.event.EventSink;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;

/**
 * Seeded bug for a pageblock that crosses the zone's end: move_freepages_block() clips the range to the zone
 * instead of moving nothing (the kernel's !zone_spans_pfn(zone, end_pfn) check), so a steal there moves the
 * pageblock's other free pages and may claim it. Only a model whose end lies inside a pageblock (MCBuddyFallback)
 * has such a steal.
 */
public class MovePastZoneEnd extends PageAlloc {

    public MovePastZoneEnd(Zone zone, EventSink sink) {
        super(zone, sink);
    }

    @Override
    protected int moveFreepagesBlock(int pfn, int migratetype, int[] numMovable) {
        if (numMovable != null) {
            numMovable[0] = 0;
        }
        int startPfn = Math.max(pfn & -pageblockNrPages, zoneStart);
        int endPfn = Math.min((pfn & -pageblockNrPages) + pageblockNrPages - 1, zoneEnd - 1);
        return moveFreepages(startPfn, endPfn, migratetype, numMovable);
    }
}
