package mmcheck.mm.proc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import mmcheck.mm.MigrateType;
import org.junit.jupiter.api.Test;

/** Kernel text formats beyond what the Linux 6.1 snapshots exercise: the free-list cap, several nodes, page_owner. */
class ProcFormatTest {

    /** Two nodes, three orders, no Isolate column (CONFIG_MEMORY_ISOLATION=n), one free list past the cap. */
    private static final String TWO_NODES = ""
            + "Page block order: 2\n"
            + "Pages per block:  4\n"
            + "\n"
            + "Free pages count per migrate type at order       0      1      2 \n"
            + "Node    0, zone   Normal, type    Unmovable      1      0      0 \n"
            + "Node    0, zone   Normal, type      Movable      2 >100000      3 \n"
            + "Node    0, zone   Normal, type  Reclaimable      0      0      0 \n"
            + "Node    0, zone   Normal, type   HighAtomic      0      0      0 \n"
            + "\n"
            + "Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic \n"
            + "Node 0, zone   Normal            1            5            0            0 \n"
            + "Page block order: 2\n"
            + "Pages per block:  4\n"
            + "\n"
            + "Free pages count per migrate type at order       0      1      2 \n"
            + "Node    1, zone      DMA, type    Unmovable      0      0      0 \n"
            + "Node    1, zone      DMA, type      Movable      0      0      1 \n"
            + "Node    1, zone      DMA, type  Reclaimable      0      0      0 \n"
            + "Node    1, zone      DMA, type   HighAtomic      0      0      0 \n"
            + "Node    1, zone   Normal, type    Unmovable      0      0      0 \n"
            + "Node    1, zone   Normal, type      Movable      7      0      0 \n"
            + "Node    1, zone   Normal, type  Reclaimable      0      0      0 \n"
            + "Node    1, zone   Normal, type   HighAtomic      0      0      0 \n"
            + "\n"
            + "Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic \n"
            + "Node 1, zone      DMA            0            1            0            0 \n"
            + "Node 1, zone   Normal            0            2            0            0 \n";

    /** A page_owner=on kernel appends the "Number of mixed blocks" table (mm/page_owner.c). */
    private static final String MIXED = ""
            + "Page block order: 1\n"
            + "Pages per block:  2\n"
            + "\n"
            + "Free pages count per migrate type at order       0      1 \n"
            + "Node    0, zone    DMA32, type    Unmovable      1      0 \n"
            + "Node    0, zone    DMA32, type      Movable      0      4 \n"
            + "Node    0, zone    DMA32, type  Reclaimable      0      0 \n"
            + "Node    0, zone    DMA32, type   HighAtomic      0      0 \n"
            + "Node    0, zone    DMA32, type      Isolate      0      0 \n"
            + "\n"
            + "Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic      Isolate \n"
            + "Node 0, zone    DMA32            1            4            0            0            0 \n"
            + "\n"
            + "Number of mixed blocks    Unmovable      Movable  Reclaimable   HighAtomic      Isolate \n"
            + "Node 0, zone    DMA32            0            1            0            0            0 \n";

    @Test
    void pagetypeinfo_roundTripTwoNodes() {
        assertEquals(TWO_NODES, PagetypeinfoPrinter.print(PagetypeinfoParser.parse(TWO_NODES, "t")));
    }

    @Test
    void pagetypeinfo_capReadsAsLowerBound() {
        ZonePageTypes normal = PagetypeinfoParser.parse(TWO_NODES, "t").get(0).pageTypes();
        assertEquals(PagetypeinfoPrinter.FREE_COUNT_CAP, normal.freeCount(MigrateType.MIGRATE_MOVABLE, 1));
        assertTrue(normal.capped());
        assertArrayEquals(new long[] {3, 100000, 3}, normal.nrFree());
    }

    @Test
    void pagetypeinfo_countAboveCapPrintsCap() {
        long[][] free = new long[MigrateType.values().length][1];
        free[MigrateType.MIGRATE_MOVABLE.ordinal()][0] = 250000;
        ZonePageTypes pt = new ZonePageTypes(0, new MigrateType[] {MigrateType.MIGRATE_MOVABLE}, free,
                new long[MigrateType.values().length], null);
        String text = PagetypeinfoPrinter.print(List.of(ZoneFreeInfo.ofPageTypes(0, "DMA", pt)));
        assertTrue(text.contains("Node    0, zone      DMA, type      Movable >100000 \n"), text);
    }

    @Test
    void pagetypeinfo_missingTypeColumnReadsZero() {
        ZonePageTypes normal = PagetypeinfoParser.parse(TWO_NODES, "t").get(0).pageTypes();
        assertEquals(0, normal.freeCount(MigrateType.MIGRATE_ISOLATE, 0));
        assertEquals(4, normal.types().length);
    }

    @Test
    void pagetypeinfo_roundTripMixedBlocks() {
        List<ZoneFreeInfo> zones = PagetypeinfoParser.parse(MIXED, "t");
        assertEquals(1, zones.get(0).pageTypes().mixedCount(MigrateType.MIGRATE_MOVABLE));
        assertEquals(MIXED, PagetypeinfoPrinter.print(zones));
    }

    @Test
    void pagetypeinfo_zonesFromBuddyinfoRefused() {
        List<ZoneFreeInfo> zones = BuddyinfoParser.parse(ProcParserErrorTest.BUDDYINFO, "b");
        assertThrows(IllegalStateException.class, () -> PagetypeinfoPrinter.print(zones));
    }

    @Test
    void buddyinfo_crlfAccepted() {
        String crlf = ProcParserErrorTest.BUDDYINFO.replace("\n", "\r\n");
        assertEquals(BuddyinfoParser.parse(ProcParserErrorTest.BUDDYINFO, "b"), BuddyinfoParser.parse(crlf, "b"));
    }

    @Test
    void buddyinfo_trailingBlankLinesIgnored() {
        String padded = ProcParserErrorTest.BUDDYINFO + "\n\n";
        assertEquals(BuddyinfoParser.parse(ProcParserErrorTest.BUDDYINFO, "b"), BuddyinfoParser.parse(padded, "b"));
    }

    @Test
    void buddyinfo_widerThanFieldWidth() {
        String wide = "Node 12, zone   Normal 1234567      0 \n";
        List<ZoneFreeInfo> zones = BuddyinfoParser.parse(wide, "b");
        assertArrayEquals(new long[] {1234567, 0}, zones.get(0).nrFree());
        assertEquals(wide, BuddyinfoPrinter.print(zones));
    }

    @Test
    void detect_pagetypeinfoAndBuddyinfo() {
        assertEquals(ProcFormat.PAGETYPEINFO, ProcFormat.detect(TWO_NODES, "t"));
        assertEquals(ProcFormat.BUDDYINFO, ProcFormat.detect(ProcParserErrorTest.BUDDYINFO, "b"));
    }

    @Test
    void extfragShowPrint_negativeIndexKeepsKernelSignPlacement() {
        // one order-0 page: order 0 has a suitable block (-1000); orders 1 and 2 compute to -500 and -250 (VmstatTest)
        ZoneFreeInfo zone = ZoneFreeInfo.ofNrFree(0, "Normal", new long[] {1, 0, 0});
        assertEquals("Node 0, zone   Normal -1.000  0.-500  0.-250 \n",
                ExtfragDebugfsPrinter.extfragShow(List.of(zone)));
    }

    @Test
    void unusableShowPrint_emptyZoneAllUnusable() {
        ZoneFreeInfo zone = ZoneFreeInfo.ofNrFree(3, "Movable", new long[] {0, 0});
        assertEquals("Node 3, zone  Movable 1.000 1.000 \n", ExtfragDebugfsPrinter.unusableShow(List.of(zone)));
    }

    @Test
    void extfragShowPrint_emptyZoneZero() {
        ZoneFreeInfo zone = ZoneFreeInfo.ofNrFree(0, "DMA", new long[] {0, 0});
        assertEquals("Node 0, zone      DMA  0.000  0.000 \n", ExtfragDebugfsPrinter.extfragShow(List.of(zone)));
    }

    @Test
    void migrateType_procNamesRoundTrip() {
        for (MigrateType mt : MigrateType.values()) {
            assertEquals(mt, MigrateType.fromProcName(mt.procName()));
        }
        assertThrows(IllegalArgumentException.class, () -> MigrateType.fromProcName("CMA"));
        assertTrue(MigrateType.MIGRATE_RECLAIMABLE.isMergeable());
        assertFalse(MigrateType.MIGRATE_HIGHATOMIC.isMergeable());
    }
}
