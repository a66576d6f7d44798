package mmcheck.mm.proc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import mmcheck.event.EventSink;
import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.buddy.PageIsolation;
import mmcheck.mm.vmstat.Vmstat;

class ZoneExportTest {
    /** A DMA32-like zone: starts at pfn 4096, ends inside a pageblock, Linux's MAX_ORDER and pageblock_order. */
    private static Zone fragmentedZone() {
        Zone z = Zone.init(MmGeometry.linux(4096, 4096 + 120 * 512 + 100), "DMA32", 0);
        PageAlloc a = new PageAlloc(z, EventSink.NONE);
        SplittableRandom r = new SplittableRandom(3);
        List<int[]> blocks = new ArrayList<>();
        MigrateType[] types = {MigrateType.MIGRATE_MOVABLE, MigrateType.MIGRATE_UNMOVABLE,
            MigrateType.MIGRATE_RECLAIMABLE};
        for (int i = 0; i < 40_000; i++) {
            if (blocks.isEmpty() || r.nextInt(100) < 60) {
                int order = Math.min(10, Integer.numberOfTrailingZeros(r.nextInt() | (1 << 12)));
                int pfn = a.rmqueue(order, types[r.nextInt(3)], 1);
                if (pfn >= 0) {
                    blocks.add(new int[] {pfn, order});
                }
            } else {
                int[] b = blocks.remove(r.nextInt(blocks.size()));
                a.freeOnePage(b[0], b[1]);
            }
        }
        // Isolate the first pageblock that has_unmovable_pages() lets go, so the Isolate row is not empty.
        PageIsolation iso = new PageIsolation(a);
        for (int pb = z.geometry().firstPageblock(); pb <= z.geometry().lastPageblock(); pb++) {
            try {
                iso.setMigratetypeIsolate(pb);
                return z;
            } catch (mmcheck.mm.StepRefusedException busy) {
                // -EBUSY: try the next pageblock
            }
        }
        throw new AssertionError("no pageblock could be isolated");
    }

    @Test
    void export_pagetypeinfo_roundTripsThroughTheKernelFormat() {
        Zone z = fragmentedZone();
        ZoneFreeInfo info = ZoneExport.of(z);
        String text = ProcFormat.PAGETYPEINFO.print(List.of(info));
        assertTrue(text.startsWith("Page block order: 9\nPages per block:  512\n\n"
                + "Free pages count per migrate type at order       0      1"), text);
        assertTrue(text.contains("Node    0, zone    DMA32, type      Isolate "), text);
        List<ZoneFreeInfo> back = ProcFormat.PAGETYPEINFO.parse(text, "exported pagetypeinfo");
        assertEquals(List.of(info), back);
        for (int o = 0; o < 11; o++) {
            assertEquals(z.nrFree(o), back.get(0).nrFree()[o], "nr_free at order " + o);
        }
        assertEquals(1, back.get(0).pageTypes().blockCount(MigrateType.MIGRATE_ISOLATE));
    }

    @Test
    void export_buddyinfo_givesTheSameFragmentationFiguresAsTheZone() {
        Zone z = fragmentedZone();
        String text = ProcFormat.BUDDYINFO.print(List.of(ZoneExport.of(z)));
        long[] nrFree = ProcFormat.BUDDYINFO.parse(text, "exported buddyinfo").get(0).nrFree();
        long[] fromZone = new long[11];
        for (int o = 0; o < 11; o++) {
            fromZone[o] = z.nrFree(o);
        }
        assertArrayEquals(fromZone, nrFree);
        for (int o = 0; o < 11; o++) {
            assertEquals(Vmstat.unusableFreeIndex(o, Vmstat.fillContigPageInfo(fromZone, o)),
                    Vmstat.unusableFreeIndex(o, Vmstat.fillContigPageInfo(nrFree, o)));
        }
    }
}
