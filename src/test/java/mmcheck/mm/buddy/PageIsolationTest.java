package mmcheck.mm.buddy;

import static mmcheck.mm.MigrateType.MIGRATE_ISOLATE;
import static mmcheck.mm.MigrateType.MIGRATE_MOVABLE;
import static mmcheck.mm.MigrateType.MIGRATE_UNMOVABLE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import mmcheck.event.MmAction;
import mmcheck.event.RecordingSink;
import mmcheck.event.StepEvent;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.Zone;
import mmcheck.mm.ZoneBuilder;

class PageIsolationTest {

    /** Orders 0..3, 4-page pageblocks; the zone [1, 30) leaves pageblocks 0 and 7 partly outside. */
    static final MmGeometry UNALIGNED = MmGeometry.of(4, 2, 1, 30);
    static final MmGeometry ALIGNED = MmGeometry.of(4, 2, 0, 32);

    @RegisterExtension
    final BuddyValidation validation = new BuddyValidation();

    private final RecordingSink sink = new RecordingSink();

    private PageIsolation isolation(Zone zone) {
        return new PageIsolation(new PageAlloc(validation.track(zone), sink));
    }

    /** Pageblocks 0 and 1 (pfns 0..7) free as two order-2 blocks, the rest allocated movable. */
    private static ZoneBuilder twoFreePageblocks(MmGeometry g) {
        return Zone.builder(g)
                .allocatedBlock(8, 3, MIGRATE_MOVABLE, 1).allocatedBlock(16, 3, MIGRATE_MOVABLE, 1)
                .allocatedBlock(24, 3, MIGRATE_MOVABLE, 1);
    }

    @Test
    void setMigratetypeIsolate_movesFreePagesToIsolateList() {
        Zone z = Zone.init(UNALIGNED);
        PageIsolation iso = isolation(z);

        iso.setMigratetypeIsolate(1);

        assertEquals(MIGRATE_ISOLATE, z.pageblockMigratetype(1));
        assertArrayEquals(new int[] {4}, z.freeListPfns(2, MIGRATE_ISOLATE));
        assertArrayEquals(new int[] {24}, z.freeListPfns(2, MIGRATE_MOVABLE));
        assertEquals(25, z.freePages());
        assertEquals(new StepEvent(MmAction.SET_MIGRATETYPE_ISOLATE, new int[] {1}, -1), sink.last());
    }

    @Test
    void setMigratetypeIsolate_leavesIsolatedFreeBuddiesUnmerged() {
        // 6.1 moves free pages without merging, so two free isolated buddies of pageblock order coexist;
        // MaximalCoalescingInv allows it because the pageblocks are isolated.
        Zone z = twoFreePageblocks(ALIGNED).freeBlock(0, 2, MIGRATE_MOVABLE)
                .pageblockMigratetype(1, MIGRATE_ISOLATE).freeBlock(4, 2, MIGRATE_ISOLATE).build();
        PageIsolation iso = isolation(z);

        iso.setMigratetypeIsolate(0);

        assertArrayEquals(new int[] {4, 0}, z.freeListPfns(2, MIGRATE_ISOLATE), "move_to_free_list() appends");
        assertEquals(0, z.freePages());
    }

    @Test
    void setMigratetypeIsolate_refusedWhenAlreadyIsolated() {
        Zone z = Zone.init(UNALIGNED);
        PageIsolation iso = isolation(z);
        iso.setMigratetypeIsolate(1);
        Zone before = z.copy();

        StepRefusedException e = assertThrows(StepRefusedException.class, () -> iso.setMigratetypeIsolate(1));

        assertEquals("set_migratetype_isolate: pageblock 1 is already MIGRATE_ISOLATE", e.getMessage());
        assertTrue(z.sameState(before));
    }

    @Test
    void setMigratetypeIsolate_refusedForPageblocksCrossingTheZoneEdges() {
        Zone z = Zone.init(UNALIGNED);
        PageIsolation iso = isolation(z);

        StepRefusedException start = assertThrows(StepRefusedException.class, () -> iso.setMigratetypeIsolate(0));
        StepRefusedException end = assertThrows(StepRefusedException.class, () -> iso.setMigratetypeIsolate(7));
        StepRefusedException outside = assertThrows(StepRefusedException.class, () -> iso.setMigratetypeIsolate(8));

        assertEquals("set_migratetype_isolate: pageblock 0 [0x0, 0x4) is not wholly inside the zone [0x1, 0x1e)",
                start.getMessage());
        assertTrue(end.getMessage().contains("pageblock 7 [0x1c, 0x20) is not wholly inside"), end.getMessage());
        assertEquals("set_migratetype_isolate: pageblock 8 is outside the zone's pageblocks 0..7", outside.getMessage());
    }

    @Test
    void setMigratetypeIsolate_refusedWithUnmovablePage() {
        Zone z = twoFreePageblocks(ALIGNED).freeBlock(0, 2, MIGRATE_MOVABLE)
                .allocatedBlock(4, 0, MIGRATE_UNMOVABLE, 1).freeBlock(5, 0, MIGRATE_MOVABLE)
                .freeBlock(6, 1, MIGRATE_MOVABLE).build();
        PageIsolation iso = isolation(z);

        StepRefusedException e = assertThrows(StepRefusedException.class, () -> iso.setMigratetypeIsolate(1));

        assertEquals("set_migratetype_isolate: pageblock 1 has an unmovable page at 0x4", e.getMessage());
        assertEquals(4, iso.hasUnmovablePages(4, 8));
        assertEquals(-1, iso.hasUnmovablePages(0, 4));
    }

    @Test
    void setMigratetypeIsolate_refusedWhenLargerBlockStraddles() {
        Zone z = Zone.init(ALIGNED);
        PageIsolation iso = isolation(z);

        StepRefusedException e = assertThrows(StepRefusedException.class, () -> iso.setMigratetypeIsolate(3));

        assertEquals("set_migratetype_isolate: free block 0x8 of order 3 straddles pageblock 3"
                + " (isolate_single_pageblock() would split or migrate it; not modelled)", e.getMessage());
    }

    @Test
    void unsetMigratetypeIsolate_mergesFreePageblockWithFreeBuddy() {
        Zone z = twoFreePageblocks(ALIGNED).freeBlock(0, 2, MIGRATE_MOVABLE)
                .pageblockMigratetype(1, MIGRATE_ISOLATE).freeBlock(4, 2, MIGRATE_ISOLATE).build();
        PageIsolation iso = isolation(z);

        iso.unsetMigratetypeIsolate(1, MIGRATE_MOVABLE);

        assertEquals(MIGRATE_MOVABLE, z.pageblockMigratetype(1));
        assertArrayEquals(new int[] {0}, z.freeListPfns(3, MIGRATE_MOVABLE));
        assertEquals(0, z.nrFree(2));
        assertEquals(8, z.freePages());
        assertEquals(new StepEvent(MmAction.UNSET_MIGRATETYPE_ISOLATE, new int[] {1, 1}, -1), sink.last());
    }

    @Test
    void unsetMigratetypeIsolate_movesFreePagesWhenBuddyIsIsolated() {
        Zone z = twoFreePageblocks(ALIGNED)
                .pageblockMigratetype(0, MIGRATE_ISOLATE).freeBlock(0, 2, MIGRATE_ISOLATE)
                .pageblockMigratetype(1, MIGRATE_ISOLATE).freeBlock(4, 2, MIGRATE_ISOLATE).build();
        PageIsolation iso = isolation(z);

        iso.unsetMigratetypeIsolate(1, MIGRATE_MOVABLE);

        assertArrayEquals(new int[] {4}, z.freeListPfns(2, MIGRATE_MOVABLE));
        assertArrayEquals(new int[] {0}, z.freeListPfns(2, MIGRATE_ISOLATE));
        assertEquals(4, z.freePages());

        iso.unsetMigratetypeIsolate(0, MIGRATE_MOVABLE);

        assertArrayEquals(new int[] {0}, z.freeListPfns(3, MIGRATE_MOVABLE), "now the buddy is not isolated");
        assertEquals(8, z.freePages());
    }

    @Test
    void unsetMigratetypeIsolate_movesPartlyFreePageblock() {
        Zone z = twoFreePageblocks(ALIGNED).freeBlock(0, 2, MIGRATE_MOVABLE)
                .pageblockMigratetype(1, MIGRATE_ISOLATE).freeBlock(4, 1, MIGRATE_ISOLATE)
                .allocatedBlock(6, 1, MIGRATE_MOVABLE, 1).build();
        PageIsolation iso = isolation(z);

        iso.unsetMigratetypeIsolate(1, MIGRATE_MOVABLE);

        assertEquals(MIGRATE_MOVABLE, z.pageblockMigratetype(1));
        assertArrayEquals(new int[] {4}, z.freeListPfns(1, MIGRATE_MOVABLE));
        assertEquals(6, z.freePages());
    }

    @Test
    void unsetMigratetypeIsolate_refusedWhenNotIsolated() {
        Zone z = Zone.init(UNALIGNED);
        PageIsolation iso = isolation(z);

        StepRefusedException e = assertThrows(StepRefusedException.class,
                () -> iso.unsetMigratetypeIsolate(1, MIGRATE_MOVABLE));
        StepRefusedException type = assertThrows(StepRefusedException.class,
                () -> iso.unsetMigratetypeIsolate(1, MIGRATE_ISOLATE));

        assertEquals("unset_migratetype_isolate: pageblock 1 is MIGRATE_MOVABLE, not MIGRATE_ISOLATE", e.getMessage());
        assertTrue(type.getMessage().startsWith("unset_migratetype_isolate: MIGRATE_ISOLATE is not a type"));
    }

    @Test
    void unsetMigratetypeIsolate_refusedWhenMergedIsolatedBlockStraddles() {
        // Freeing into two isolated buddy pageblocks merges them past pageblock_order; neither can be released
        // one pageblock at a time any more (isolate_single_pageblock() territory).
        Zone z = twoFreePageblocks(ALIGNED)
                .pageblockMigratetype(0, MIGRATE_ISOLATE).pageblockMigratetype(1, MIGRATE_ISOLATE)
                .allocatedBlock(0, 2, MIGRATE_MOVABLE, 1).freeBlock(4, 2, MIGRATE_ISOLATE).build();
        PageIsolation iso = isolation(z);
        new PageAlloc(z).freeOnePage(0, 2);
        assertArrayEquals(new int[] {0}, z.freeListPfns(3, MIGRATE_ISOLATE));

        StepRefusedException e = assertThrows(StepRefusedException.class,
                () -> iso.unsetMigratetypeIsolate(0, MIGRATE_MOVABLE));

        assertTrue(e.getMessage().contains("free block 0x0 of order 3 straddles pageblock 0"), e.getMessage());
    }
}
