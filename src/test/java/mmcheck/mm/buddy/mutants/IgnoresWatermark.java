package mmcheck.mm.buddy.mutants;

import mmcheck.event.EventSink;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;

/**
 * Seeded bug for get_page_from_freelist(): the allocation skips zone_watermark_fast() and takes the zone's last
 * pages below the low watermark, which the spec's allocation steps refuse (MCBuddySteal sets WmarkLow = 1).
 */
public class IgnoresWatermark extends PageAlloc {

    public IgnoresWatermark(Zone zone, EventSink sink) {
        super(zone, sink);
    }

    @Override
    protected boolean zoneWatermarkFast(int order, long mark, int allocFlags) {
        return true;
    }
}
