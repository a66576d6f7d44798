package mmcheck.mm;

import static mmcheck.mm.MigrateType.MIGRATE_ISOLATE;
import static mmcheck.mm.MigrateType.MIGRATE_MOVABLE;
import static mmcheck.mm.MigrateType.MIGRATE_UNMOVABLE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import mmcheck.mm.buddy.BuddyInvariants;

class ZoneTest {

    static final MmGeometry UNALIGNED = MmGeometry.of(4, 2, 1, 30);

    private static List<String> blocks(Zone z) {
        List<String> out = new ArrayList<>();
        z.forEachBlock(new BlockVisitor() {
            @Override
            public void freeBlock(int pfn, int order, int listMigratetype) {
                out.add("free " + pfn + "/" + order + "/" + MigrateType.values()[listMigratetype].procName());
            }

            @Override
            public void allocatedBlock(int pfn, int order, int migratetype, int owner) {
                out.add("alloc " + pfn + "/" + order + "/" + MigrateType.values()[migratetype].procName() + "/" + owner);
            }
        });
        return out;
    }

    @Test
    void init_decomposesUnalignedZoneIntoMaximalAlignedBlocks() {
        Zone z = Zone.init(UNALIGNED);

        assertEquals(List.of("free 1/0/Movable", "free 2/1/Movable", "free 4/2/Movable", "free 8/3/Movable",
                "free 16/3/Movable", "free 24/2/Movable", "free 28/1/Movable"), blocks(z));
        assertEquals(29, z.freePages());
        assertEquals(8, z.pageblockCount(MIGRATE_MOVABLE));
        assertArrayEquals(new int[] {4, 24}, z.freeListPfns(2, MIGRATE_MOVABLE), "ascending: memblock frees to the tail");
        assertEquals(List.of(), BuddyInvariants.check(z));
        assertEquals("Normal", z.name());
        assertEquals(0, z.nodeId());
    }

    @Test
    void init_capsBlocksAtMaxOrderMinusOne() {
        Zone z = Zone.init(MmGeometry.of(3, 1, 0, 16));

        assertEquals(4, z.nrFree(2));
        assertEquals(List.of(), BuddyInvariants.check(z));
    }

    @Test
    void builder_placesBlocksAtHeadOrTailAsAsked() {
        MmGeometry g = MmGeometry.of(4, 2, 0, 16);
        Zone z = Zone.builder(g, "DMA", 1)
                .pageblockMigratetype(2, MIGRATE_UNMOVABLE)
                .freeBlock(4, 2, MIGRATE_MOVABLE).freeBlockAtHead(12, 2, MIGRATE_MOVABLE)
                .allocatedBlock(0, 2, MIGRATE_UNMOVABLE, 5).allocatedBlock(8, 2, MIGRATE_MOVABLE, 6)
                .watermarks(1, 2, 3).build();

        assertArrayEquals(new int[] {12, 4}, z.freeListPfns(2, MIGRATE_MOVABLE));
        assertEquals(12, z.freeListHead(2, MIGRATE_MOVABLE));
        assertEquals(2, z.nrFree(2));
        assertEquals(8, z.freePages());
        assertEquals(MIGRATE_UNMOVABLE, z.pageblockMigratetype(2));
        assertEquals(List.of("alloc 0/2/Unmovable/5", "free 4/2/Movable", "alloc 8/2/Movable/6", "free 12/2/Movable"),
                blocks(z));
        assertEquals("DMA", z.name());
        assertEquals(1, z.nodeId());
        assertEquals(3, z.highWmark());
        assertEquals(8, z.allocatedBlockCovering(11));
        assertEquals(-1, z.allocatedBlockCovering(5));
        assertEquals(4, z.blockHead(7));
    }

    @Test
    void builder_countsNrFreePagesWithoutIsolateListsUnlessOverridden() {
        MmGeometry g = MmGeometry.of(4, 2, 0, 8);
        Zone derived = Zone.builder(g).pageblockMigratetype(1, MIGRATE_ISOLATE)
                .freeBlock(0, 2, MIGRATE_MOVABLE).freeBlock(4, 2, MIGRATE_ISOLATE).build();
        Zone overridden = Zone.builder(g).freeBlock(0, 2, MIGRATE_MOVABLE).freeBlock(4, 2, MIGRATE_MOVABLE)
                .freePages(3).nrFree(2, 7).build();

        assertEquals(4, derived.freePages());
        assertEquals(3, overridden.freePages());
        assertEquals(7, overridden.nrFree(2));
    }

    @Test
    void builder_rejectsUnrepresentableBlocks() {
        ZoneBuilder b = Zone.builder(UNALIGNED).freeBlock(4, 2, MIGRATE_MOVABLE);

        assertEquals("free block pfn 0x0 is outside the zone [0x1, 0x1e)",
                assertThrows(MmConfigException.class, () -> b.freeBlock(0, 0, MIGRATE_MOVABLE)).getMessage());
        assertEquals("allocated block at 0x8: order 4 is beyond MAX_ORDER 4 (orders 0..3)",
                assertThrows(MmConfigException.class, () -> b.allocatedBlock(8, 4, MIGRATE_MOVABLE, 1)).getMessage());
        assertEquals("allocated block at 0x4: pfn already heads a block",
                assertThrows(MmConfigException.class, () -> b.allocatedBlock(4, 0, MIGRATE_MOVABLE, 1)).getMessage());
        b.build();
        assertThrows(IllegalStateException.class, () -> b.freeBlock(8, 0, MIGRATE_MOVABLE));
    }

    @Test
    void copy_isDeepAndSameStateComparesListOrder() {
        Zone a = Zone.init(UNALIGNED);
        Zone b = a.copy();
        assertTrue(a.sameState(b));

        b.freeArea().moveToFreeList(4, 2, MIGRATE_MOVABLE.ordinal());

        assertFalse(a.sameState(b), "4 moved behind 24");
        assertArrayEquals(new int[] {4, 24}, a.freeListPfns(2, MIGRATE_MOVABLE));
        assertArrayEquals(new int[] {24, 4}, b.freeListPfns(2, MIGRATE_MOVABLE));
    }

    @Test
    void bytesPerPage_isAtMostSixteen() {
        assertTrue(PageArray.bytesPerPage() <= 16, () -> PageArray.bytesPerPage() + " bytes per page");
        assertEquals(16, PageArray.bytesPerPage());
        assertEquals(1, PageArray.bytesPerPageblock());
        Zone z = Zone.init(MmGeometry.linux(0, 1 << 20));
        assertEquals(16L * (1 << 20) + 2048, z.pageArray().footprintBytes());
    }

    @Test
    void dump_namesListsAllocationsAndPageblocks() {
        Zone z = Zone.builder(MmGeometry.of(4, 2, 0, 8))
                .freeBlock(0, 2, MIGRATE_MOVABLE).allocatedBlock(4, 2, MIGRATE_UNMOVABLE, 9).build();

        String dump = z.dump();

        assertTrue(dump.contains("free_list[2][MIGRATE_MOVABLE] = 0x0"), dump);
        assertTrue(dump.contains("allocated = (0x4,2,Unmovable,9)"), dump);
        assertTrue(dump.contains("pageblocks = 0:Movable 1:Movable"), dump);
    }
}
