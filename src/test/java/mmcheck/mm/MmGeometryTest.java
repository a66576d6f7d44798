package mmcheck.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MmGeometryTest {

    private static String problem(Runnable r) {
        return assertThrows(MmConfigException.class, r::run).getMessage();
    }

    @Test
    void of_rejectsEachParameterOutOfRangeByName() {
        assertEquals("maxOrder 0 is out of range 1..20 (maxOrder counts orders: 11 means orders 0..10)",
                problem(() -> MmGeometry.of(0, 1, 0, 16)));
        assertEquals("maxOrder 21 is out of range 1..20 (maxOrder counts orders: 11 means orders 0..10)",
                problem(() -> MmGeometry.of(21, 9, 0, 16)));
        assertEquals("pageblockOrder 11 is out of range 1..maxOrder-1 = 1..10",
                problem(() -> MmGeometry.of(11, 11, 0, 16)));
        assertEquals("pageblockOrder 1 is out of range 1..maxOrder-1, which is empty for maxOrder 1",
                problem(() -> MmGeometry.of(1, 1, 0, 16)));
        assertEquals("pageblockOrder 0 is out of range 1..maxOrder-1 = 1..10",
                problem(() -> MmGeometry.of(11, 0, 0, 16)));
        assertEquals("zoneStart -1 is negative", problem(() -> MmGeometry.of(11, 9, -1, 16)));
        assertEquals("zoneEnd 16 must be greater than zoneStart 16", problem(() -> MmGeometry.of(11, 9, 16, 16)));
        assertEquals("zoneEnd 1073741825 is beyond the pfn limit 1073741824 (2^30)",
                problem(() -> MmGeometry.of(11, 9, 0, (1 << 30) + 1)));
    }

    @Test
    void requireOrder_namesMaxOrderAndTheOrderRange() {
        MmGeometry g = MmGeometry.linux(0, 4096);

        assertEquals("order 12 is beyond MAX_ORDER 11 (orders 0..10)", problem(() -> g.requireOrder(12)));
        assertEquals("order -1 is negative", problem(() -> g.requireOrder(-1)));
        assertEquals(10, g.requireOrder(10));
        assertNull(g.orderProblem(0));
    }

    @Test
    void pageblocks_ofUnalignedZoneStickOut() {
        MmGeometry g = MmGeometry.of(4, 2, 1, 30);

        assertEquals(29, g.nrPages());
        assertEquals(0, g.firstPageblock());
        assertEquals(7, g.lastPageblock());
        assertEquals(8, g.nrPageblocks());
        assertFalse(g.pageblockInsideZone(0));
        assertTrue(g.pageblockInsideZone(1));
        assertFalse(g.pageblockInsideZone(7));
        assertTrue(g.contains(1));
        assertFalse(g.contains(30));
        assertEquals(28, g.pageblockStartPfn(7));
    }
}
