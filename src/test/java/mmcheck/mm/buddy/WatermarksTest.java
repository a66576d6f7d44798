package mmcheck.mm.buddy;

import static mmcheck.mm.MigrateType.MIGRATE_ISOLATE;
import static mmcheck.mm.MigrateType.MIGRATE_MOVABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import mmcheck.mm.MmGeometry;
import mmcheck.mm.Zone;

class WatermarksTest {

    static final MmGeometry G = MmGeometry.of(4, 2, 0, 32);

    @Test
    void zoneWatermarkOk_failsAtOrBelowTheMark() {
        Zone z = Zone.init(G);

        assertTrue(Watermarks.zoneWatermarkOk(z, 0, 31));
        assertFalse(Watermarks.zoneWatermarkOk(z, 0, 32), "free_pages <= mark fails");
        assertFalse(Watermarks.zoneWatermarkOk(z, 0, 30, 2, z.freePages()), "lowmem_reserve adds to the mark");
    }

    @Test
    void zoneWatermarkOk_subtractsPagesTheOrderCannotUse() {
        Zone z = Zone.init(G);

        assertTrue(Watermarks.zoneWatermarkOk(z, 3, 24));
        assertFalse(Watermarks.zoneWatermarkOk(z, 3, 25), "32 - (8 - 1) = 25 is not above 25");
    }

    @Test
    void zoneWatermarkOk_highOrderNeedsABlockOnAPcpList() {
        Zone z = Zone.builder(G)
                .pageblockMigratetype(0, MIGRATE_ISOLATE).pageblockMigratetype(1, MIGRATE_ISOLATE)
                .freeBlock(0, 3, MIGRATE_ISOLATE)
                .freeBlock(8, 0, MIGRATE_MOVABLE).allocatedBlock(9, 0, MIGRATE_MOVABLE, 1)
                .allocatedBlock(10, 1, MIGRATE_MOVABLE, 1).allocatedBlock(12, 2, MIGRATE_MOVABLE, 1)
                .allocatedBlock(16, 3, MIGRATE_MOVABLE, 1).allocatedBlock(24, 3, MIGRATE_MOVABLE, 1)
                .build();

        assertTrue(Watermarks.zoneWatermarkOk(z, 0, 0, 0, 100));
        assertFalse(Watermarks.zoneWatermarkOk(z, 1, 0, 0, 100), "only the isolate list has a large block");
    }

    @Test
    void setupPerZoneWmarks_usesScaleFactorWhenItExceedsAQuarterOfMin() {
        Zone z = Zone.init(MmGeometry.of(11, 9, 0, 1 << 20));

        Watermarks.setupPerZoneWmarks(z, 1000);

        // max(1000 / 4, 1048576 * 10 / 10000 = 1048) = 1048
        assertEquals(1000, z.minWmark());
        assertEquals(2048, z.lowWmark());
        assertEquals(3096, z.highWmark());
    }

    @Test
    void setupPerZoneWmarks_usesAQuarterOfMinOnSmallZones() {
        Zone z = Zone.init(G);

        Watermarks.setupPerZoneWmarks(z, 8);

        assertEquals(8, z.minWmark());
        assertEquals(10, z.lowWmark());
        assertEquals(12, z.highWmark());
    }

    @Test
    void setupPerZoneWmarks_rejectsScaleFactorOutOfRange() {
        Zone z = Zone.init(G);

        assertThrows(IllegalArgumentException.class, () -> Watermarks.setupPerZoneWmarks(z, 8, 0));
    }
}
