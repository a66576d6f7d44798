package mmcheck.mm.buddy;

import static mmcheck.mm.MigrateType.MIGRATE_ISOLATE;
import static mmcheck.mm.MigrateType.MIGRATE_MOVABLE;
import static mmcheck.mm.MigrateType.MIGRATE_RECLAIMABLE;
import static mmcheck.mm.MigrateType.MIGRATE_UNMOVABLE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import mmcheck.event.MmAction;
import mmcheck.event.RecordingSink;
import mmcheck.event.StepEvent;
import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.Zone;

class PageAllocTest {

    /** Orders 0..3, 4-page pageblocks, 32 pages aligned: Init is four order-3 blocks. */
    static final MmGeometry ALIGNED = MmGeometry.of(4, 2, 0, 32);
    /** Same orders, zone [1, 30) like a DMA zone: pageblocks 0 and 7 stick out of the zone. */
    static final MmGeometry UNALIGNED = MmGeometry.of(4, 2, 1, 30);

    @RegisterExtension
    final BuddyValidation validation = new BuddyValidation();

    private final RecordingSink sink = new RecordingSink();

    private PageAlloc alloc(Zone zone) {
        return new PageAlloc(validation.track(zone), sink);
    }

    private static int[] list(Zone z, int order, MigrateType mt) {
        return z.freeListPfns(order, mt);
    }

    // ---------------------------------------------------------------------------------------------- rmqueueSmallest

    @Test
    void rmqueueSmallest_splitsLargerBlockAndExpandsUpperHalves() {
        Zone z = Zone.init(ALIGNED);
        PageAlloc pa = alloc(z);

        int pfn = pa.rmqueueSmallest(0, MIGRATE_MOVABLE, 7);

        assertEquals(0, pfn);
        assertArrayEquals(new int[] {1}, list(z, 0, MIGRATE_MOVABLE));
        assertArrayEquals(new int[] {2}, list(z, 1, MIGRATE_MOVABLE));
        assertArrayEquals(new int[] {4}, list(z, 2, MIGRATE_MOVABLE));
        assertArrayEquals(new int[] {8, 16, 24}, list(z, 3, MIGRATE_MOVABLE));
        assertTrue(z.isAllocated(0));
        assertEquals(0, z.allocatedOrder(0));
        assertEquals(MIGRATE_MOVABLE, z.allocatedMigratetype(0));
        assertEquals(7, z.allocatedOwner(0));
        assertEquals(31, z.freePages());
        assertEquals(List.of(new StepEvent(MmAction.RMQUEUE_SMALLEST, new int[] {0, 1, 7}, 0)), sink.events());
    }

    @Test
    void rmqueueSmallest_takesExactOrderWithoutSplit() {
        Zone z = Zone.init(UNALIGNED);
        PageAlloc pa = alloc(z);

        assertEquals(2, pa.rmqueueSmallest(1, MIGRATE_MOVABLE, 1));

        assertEquals(0, z.freeCount(1, MIGRATE_MOVABLE) - 1);
        assertArrayEquals(new int[] {28}, list(z, 1, MIGRATE_MOVABLE));
        assertEquals(27, z.freePages());
    }

    @Test
    void rmqueueSmallest_takesTheListHead() {
        Zone z = Zone.builder(ALIGNED)
                .freeBlock(16, 3, MIGRATE_MOVABLE).freeBlock(8, 3, MIGRATE_MOVABLE)
                .allocatedBlock(0, 3, MIGRATE_MOVABLE, 1).allocatedBlock(24, 3, MIGRATE_MOVABLE, 1).build();
        PageAlloc pa = alloc(z);

        assertEquals(16, pa.rmqueueSmallest(3, MIGRATE_MOVABLE, 2));
        assertArrayEquals(new int[] {8}, list(z, 3, MIGRATE_MOVABLE));
    }

    @Test
    void rmqueueSmallest_unalignedZoneStartsAtPfnOne() {
        Zone z = Zone.init(UNALIGNED);
        PageAlloc pa = alloc(z);

        assertEquals(1, pa.rmqueueSmallest(0, MIGRATE_MOVABLE, 1));
        assertEquals(4, pa.rmqueueSmallest(2, MIGRATE_MOVABLE, 1), "order 2 list holds 4 and 24, 4 at the head");
        assertEquals(8, pa.rmqueueSmallest(3, MIGRATE_MOVABLE, 1));
        // The order-0 list is empty now: splitting 2 (order 1) leaves 3.
        assertEquals(2, pa.rmqueueSmallest(0, MIGRATE_MOVABLE, 1));
        assertArrayEquals(new int[] {3}, list(z, 0, MIGRATE_MOVABLE));
    }

    @Test
    void rmqueueSmallest_refusedWhenNoListOfTheTypeHasABlock() {
        Zone z = Zone.init(ALIGNED);
        Zone before = z.copy();
        PageAlloc pa = alloc(z);

        StepRefusedException e = assertThrows(StepRefusedException.class,
                () -> pa.rmqueueSmallest(0, MIGRATE_UNMOVABLE, 1));

        assertTrue(e.getMessage().startsWith("__rmqueue_smallest: "), e.getMessage());
        assertTrue(z.sameState(before));
        assertTrue(sink.events().isEmpty());
    }

    @Test
    void rmqueueSmallest_refusedForOrderBeyondMaxOrder() {
        PageAlloc pa = alloc(Zone.init(ALIGNED));

        StepRefusedException e = assertThrows(StepRefusedException.class,
                () -> pa.rmqueueSmallest(4, MIGRATE_MOVABLE, 1));

        assertEquals("__rmqueue_smallest: order 4 is beyond MAX_ORDER 4 (orders 0..3)", e.getMessage());
    }

    @Test
    void rmqueueSmallest_refusedForIsolateType() {
        PageAlloc pa = alloc(Zone.init(ALIGNED));

        StepRefusedException e = assertThrows(StepRefusedException.class,
                () -> pa.rmqueueSmallest(0, MIGRATE_ISOLATE, 1));

        assertTrue(e.getMessage().contains("MIGRATE_ISOLATE is not an allocation type"), e.getMessage());
    }

    // ---------------------------------------------------------------------------------------------- freeOnePage

    @Test
    void freeOnePage_mergesUpToMaxOrder() {
        Zone z = Zone.init(ALIGNED);
        PageAlloc pa = alloc(z);
        int pfn = pa.rmqueueSmallest(0, MIGRATE_MOVABLE, 1);

        pa.freeOnePage(pfn, 0);

        assertTrue(z.isPageBuddy(0));
        assertEquals(3, z.buddyOrder(0));
        assertEquals(4, z.nrFree(3));
        assertEquals(0, z.nrFree(0) + z.nrFree(1) + z.nrFree(2));
        assertEquals(32, z.freePages());
        assertEquals(new StepEvent(MmAction.FREE_ONE_PAGE, new int[] {0, 0}, -1), sink.last());
    }

    @Test
    void freeOnePage_stopsAtMaxOrderMinusOne() {
        Zone z = Zone.builder(ALIGNED)
                .allocatedBlock(0, 3, MIGRATE_MOVABLE, 1).freeBlock(8, 3, MIGRATE_MOVABLE)
                .freeBlock(16, 3, MIGRATE_MOVABLE).freeBlock(24, 3, MIGRATE_MOVABLE).build();
        PageAlloc pa = alloc(z);

        pa.freeOnePage(0, 3);

        assertEquals(3, z.buddyOrder(0), "0 and 8 are order-3 buddies, but order 3 is MAX_ORDER-1");
        assertEquals(3, z.buddyOrder(8));
    }

    @Test
    void freeOnePage_doesNotMergeWithBuddyOutsideTheZone() {
        Zone z = Zone.init(UNALIGNED);
        PageAlloc pa = alloc(z);
        int pfn = pa.rmqueueSmallest(0, MIGRATE_MOVABLE, 1);

        pa.freeOnePage(pfn, 0);

        assertEquals(1, pfn);
        assertTrue(z.isPageBuddy(1));
        assertEquals(0, z.buddyOrder(1), "the buddy of pfn 1 is pfn 0, outside the zone");
    }

    @Test
    void freeOnePage_stopsAtIsolatedPageblock() {
        Zone z = Zone.builder(ALIGNED)
                .pageblockMigratetype(1, MIGRATE_ISOLATE)
                .allocatedBlock(0, 2, MIGRATE_MOVABLE, 1).freeBlock(4, 2, MIGRATE_ISOLATE)
                .freeBlock(8, 3, MIGRATE_MOVABLE).freeBlock(16, 3, MIGRATE_MOVABLE).freeBlock(24, 3, MIGRATE_MOVABLE)
                .build();
        PageAlloc pa = alloc(z);

        pa.freeOnePage(0, 2);

        assertEquals(2, z.buddyOrder(0));
        assertArrayEquals(new int[] {0}, list(z, 2, MIGRATE_MOVABLE));
        assertArrayEquals(new int[] {4}, list(z, 2, MIGRATE_ISOLATE));
        assertEquals(28, z.freePages());
    }

    @Test
    void freeOnePage_intoIsolatedPageblockIsNotCounted() {
        Zone z = Zone.builder(ALIGNED)
                .pageblockMigratetype(1, MIGRATE_ISOLATE)
                .freeBlock(0, 2, MIGRATE_MOVABLE).allocatedBlock(4, 1, MIGRATE_MOVABLE, 1)
                .freeBlock(6, 1, MIGRATE_ISOLATE)
                .freeBlock(8, 3, MIGRATE_MOVABLE).freeBlock(16, 3, MIGRATE_MOVABLE).freeBlock(24, 3, MIGRATE_MOVABLE)
                .build();
        PageAlloc pa = alloc(z);
        long before = z.freePages();

        pa.freeOnePage(4, 1);

        assertArrayEquals(new int[] {4}, list(z, 2, MIGRATE_ISOLATE), "merged within the isolated pageblock");
        assertEquals(before, z.freePages());
    }

    @Test
    void freeOnePage_mergesMergeableTypesOntoTheFreedPagesList() {
        Zone z = Zone.builder(ALIGNED)
                .pageblockMigratetype(0, MIGRATE_UNMOVABLE)
                .allocatedBlock(0, 2, MIGRATE_UNMOVABLE, 1).freeBlock(4, 2, MIGRATE_MOVABLE)
                .allocatedBlock(8, 3, MIGRATE_MOVABLE, 1).allocatedBlock(16, 3, MIGRATE_MOVABLE, 1)
                .allocatedBlock(24, 3, MIGRATE_MOVABLE, 1).build();
        PageAlloc pa = alloc(z);

        pa.freeOnePage(0, 2);

        assertArrayEquals(new int[] {0}, list(z, 3, MIGRATE_UNMOVABLE));
        assertEquals(MIGRATE_MOVABLE, z.pageblockMigratetype(1), "merging does not retype pageblocks");
    }

    @Test
    void freeOnePage_putsLikelyMergeAtTheTail() {
        // 0 and 1 allocated, 2 free at order 1: when 0 is freed it cannot merge with 1 yet, but the block
        // 0..1 would merge with 2..3, so buddy_merge_likely() sends 0 to the tail, behind 17.
        Zone z = Zone.builder(ALIGNED)
                .allocatedBlock(0, 0, MIGRATE_MOVABLE, 1).allocatedBlock(1, 0, MIGRATE_MOVABLE, 1)
                .freeBlock(2, 1, MIGRATE_MOVABLE).freeBlock(4, 2, MIGRATE_MOVABLE).freeBlock(8, 3, MIGRATE_MOVABLE)
                .allocatedBlock(16, 0, MIGRATE_MOVABLE, 1).freeBlock(17, 0, MIGRATE_MOVABLE)
                .freeBlock(18, 1, MIGRATE_MOVABLE).freeBlock(20, 2, MIGRATE_MOVABLE)
                .freeBlock(24, 3, MIGRATE_MOVABLE).build();
        PageAlloc pa = alloc(z);

        pa.freeOnePage(0, 0);

        assertArrayEquals(new int[] {17, 0}, list(z, 0, MIGRATE_MOVABLE));
    }

    @Test
    void freeOnePage_putsUnlikelyMergeAtTheHead() {
        Zone z = Zone.builder(ALIGNED)
                .allocatedBlock(0, 0, MIGRATE_MOVABLE, 1).allocatedBlock(1, 0, MIGRATE_MOVABLE, 1)
                .allocatedBlock(2, 1, MIGRATE_MOVABLE, 1).freeBlock(4, 2, MIGRATE_MOVABLE)
                .freeBlock(8, 3, MIGRATE_MOVABLE)
                .allocatedBlock(16, 0, MIGRATE_MOVABLE, 1).freeBlock(17, 0, MIGRATE_MOVABLE)
                .freeBlock(18, 1, MIGRATE_MOVABLE).freeBlock(20, 2, MIGRATE_MOVABLE)
                .freeBlock(24, 3, MIGRATE_MOVABLE).build();
        PageAlloc pa = alloc(z);

        pa.freeOnePage(0, 0);

        assertArrayEquals(new int[] {0, 17}, list(z, 0, MIGRATE_MOVABLE));
    }

    @Test
    void freeOnePage_refusedWithoutAnAllocatedBlockOfThatOrder() {
        Zone z = Zone.init(ALIGNED);
        PageAlloc pa = alloc(z);
        int pfn = pa.rmqueueSmallest(1, MIGRATE_MOVABLE, 1);
        Zone before = z.copy();

        StepRefusedException wrongOrder = assertThrows(StepRefusedException.class, () -> pa.freeOnePage(pfn, 0));
        StepRefusedException notAllocated = assertThrows(StepRefusedException.class, () -> pa.freeOnePage(2, 1));
        StepRefusedException outside = assertThrows(StepRefusedException.class, () -> pa.freeOnePage(32, 0));

        assertEquals("__free_one_page: the allocated block at pfn 0x0 has order 1, not 0", wrongOrder.getMessage());
        assertEquals("__free_one_page: no allocated block starts at pfn 0x2", notAllocated.getMessage());
        assertEquals("__free_one_page: pfn 0x20 is outside the zone [0x0, 0x20)", outside.getMessage());
        assertTrue(z.sameState(before));
    }

    // ---------------------------------------------------------------------------------------------- fallback

    @Test
    void rmqueueFallback_claimsPageblockRangeForBlocksOfPageblockOrder() {
        Zone z = Zone.init(ALIGNED);
        PageAlloc pa = alloc(z);

        int stolen = pa.rmqueueFallback(0, MIGRATE_UNMOVABLE);

        assertEquals(0, stolen, "the largest fallback, the head of free_list[3][MIGRATE_MOVABLE]");
        assertArrayEquals(new int[] {0}, list(z, 3, MIGRATE_UNMOVABLE));
        assertEquals(MIGRATE_UNMOVABLE, z.pageblockMigratetype(0));
        assertEquals(MIGRATE_UNMOVABLE, z.pageblockMigratetype(1));
        assertEquals(MIGRATE_MOVABLE, z.pageblockMigratetype(2));
        assertEquals(32, z.freePages(), "a fallback allocates nothing");
        assertEquals(new StepEvent(MmAction.RMQUEUE_FALLBACK, new int[] {0, 0}, 0), sink.last());
    }

    @Test
    void rmqueueFallback_claimsPageblockWhenHalfFree() {
        // Pageblock 0: 0..1 free, 2..3 movable. free 2 + alike 0 >= half of 4: claimed.
        Zone z = Zone.builder(ALIGNED)
                .freeBlock(0, 1, MIGRATE_MOVABLE).allocatedBlock(2, 1, MIGRATE_MOVABLE, 1)
                .allocatedBlock(4, 2, MIGRATE_MOVABLE, 1).allocatedBlock(8, 3, MIGRATE_MOVABLE, 1)
                .allocatedBlock(16, 3, MIGRATE_MOVABLE, 1).allocatedBlock(24, 3, MIGRATE_MOVABLE, 1).build();
        PageAlloc pa = alloc(z);

        pa.rmqueueFallback(0, MIGRATE_UNMOVABLE);

        assertEquals(MIGRATE_UNMOVABLE, z.pageblockMigratetype(0));
        assertArrayEquals(new int[] {0}, list(z, 1, MIGRATE_UNMOVABLE));
    }

    @Test
    void rmqueueFallback_countsUnmovablePagesOfAMovableBlockAsAlike() {
        // Pageblock 0: 0 free, 1 unmovable, 2..3 movable. free 1 + alike (4 - 1 - 2) = 2 >= 2: claimed.
        Zone z = Zone.builder(ALIGNED)
                .freeBlock(0, 0, MIGRATE_MOVABLE).allocatedBlock(1, 0, MIGRATE_UNMOVABLE, 1)
                .allocatedBlock(2, 1, MIGRATE_MOVABLE, 1)
                .allocatedBlock(4, 2, MIGRATE_MOVABLE, 1).allocatedBlock(8, 3, MIGRATE_MOVABLE, 1)
                .allocatedBlock(16, 3, MIGRATE_MOVABLE, 1).allocatedBlock(24, 3, MIGRATE_MOVABLE, 1).build();
        PageAlloc pa = alloc(z);

        pa.rmqueueFallback(0, MIGRATE_RECLAIMABLE);

        assertEquals(MIGRATE_RECLAIMABLE, z.pageblockMigratetype(0));
    }

    @Test
    void rmqueueFallback_movesFreePagesWithoutClaimingMostlyMovablePageblock() {
        // 8-page pageblocks; pageblock 0 has one free page and seven movable ones: 1 + 0 < 4.
        MmGeometry g = MmGeometry.of(5, 3, 0, 32);
        Zone z = Zone.builder(g)
                .freeBlock(0, 0, MIGRATE_MOVABLE).allocatedBlock(1, 0, MIGRATE_MOVABLE, 1)
                .allocatedBlock(2, 1, MIGRATE_MOVABLE, 1).allocatedBlock(4, 2, MIGRATE_MOVABLE, 1)
                .allocatedBlock(8, 3, MIGRATE_MOVABLE, 1).allocatedBlock(16, 4, MIGRATE_MOVABLE, 1).build();
        PageAlloc pa = alloc(z);

        pa.rmqueueFallback(0, MIGRATE_UNMOVABLE);

        assertEquals(MIGRATE_MOVABLE, z.pageblockMigratetype(0));
        assertArrayEquals(new int[] {0}, list(z, 0, MIGRATE_UNMOVABLE), "moved, but the pageblock is not claimed");
        assertEquals(0, pa.rmqueueSmallest(0, MIGRATE_UNMOVABLE, 2));
    }

    @Test
    void rmqueueFallback_movableTakesSmallestFallbackWhenItCannotSteal() {
        // pageblock_order 4: movable requests below order 2 may not steal the pageblock, so instead of
        // splitting the order-1 block they take the order-0 one, alone.
        MmGeometry g = MmGeometry.of(5, 4, 0, 16);
        Zone z = Zone.builder(g)
                .pageblockMigratetype(0, MIGRATE_UNMOVABLE)
                .freeBlock(0, 0, MIGRATE_UNMOVABLE).allocatedBlock(1, 0, MIGRATE_UNMOVABLE, 1)
                .freeBlock(2, 1, MIGRATE_UNMOVABLE).allocatedBlock(4, 2, MIGRATE_UNMOVABLE, 1)
                .allocatedBlock(8, 3, MIGRATE_UNMOVABLE, 1).build();
        PageAlloc pa = alloc(z);

        assertEquals(0, pa.rmqueueFallback(0, MIGRATE_MOVABLE));

        assertArrayEquals(new int[] {0}, list(z, 0, MIGRATE_MOVABLE));
        assertArrayEquals(new int[] {2}, list(z, 1, MIGRATE_UNMOVABLE));
        assertEquals(MIGRATE_UNMOVABLE, z.pageblockMigratetype(0));
    }

    @Test
    void rmqueueFallback_prefersFirstFallbackTypeInKernelOrder() {
        Zone z = Zone.builder(ALIGNED)
                .pageblockMigratetype(0, MIGRATE_RECLAIMABLE).pageblockMigratetype(1, MIGRATE_RECLAIMABLE)
                .freeBlock(0, 3, MIGRATE_RECLAIMABLE).freeBlock(8, 3, MIGRATE_MOVABLE)
                .allocatedBlock(16, 3, MIGRATE_MOVABLE, 1).allocatedBlock(24, 3, MIGRATE_MOVABLE, 1).build();
        PageAlloc pa = alloc(z);

        assertEquals(0, pa.rmqueueFallback(3, MIGRATE_UNMOVABLE), "fallbacks[UNMOVABLE] = {RECLAIMABLE, MOVABLE}");
    }

    @Test
    void rmqueueFallback_refusedWhenSmallestWouldSucceed() {
        Zone z = Zone.init(ALIGNED);
        PageAlloc pa = alloc(z);
        Zone before = z.copy();

        StepRefusedException e = assertThrows(StepRefusedException.class,
                () -> pa.rmqueueFallback(0, MIGRATE_MOVABLE));

        assertEquals("__rmqueue_fallback: free_list[3][MIGRATE_MOVABLE] has a block, so __rmqueue_smallest() succeeds",
                e.getMessage());
        assertTrue(z.sameState(before));
    }

    @Test
    void rmqueueFallback_refusedWhenNoFallbackExists() {
        Zone z = Zone.builder(ALIGNED)
                .freeBlock(0, 0, MIGRATE_MOVABLE).allocatedBlock(1, 0, MIGRATE_MOVABLE, 1)
                .allocatedBlock(2, 1, MIGRATE_MOVABLE, 1).allocatedBlock(4, 2, MIGRATE_MOVABLE, 1)
                .allocatedBlock(8, 3, MIGRATE_MOVABLE, 1).allocatedBlock(16, 3, MIGRATE_MOVABLE, 1)
                .allocatedBlock(24, 3, MIGRATE_MOVABLE, 1).build();
        PageAlloc pa = alloc(z);
        Zone before = z.copy();

        StepRefusedException e = assertThrows(StepRefusedException.class,
                () -> pa.rmqueueFallback(1, MIGRATE_UNMOVABLE));

        // With no block of order 1 or above on any list, __zone_watermark_ok() fails before rmqueue() is reached.
        assertTrue(e.getMessage().startsWith("__rmqueue_fallback: zone_watermark_fast() fails for order 1"),
                e.getMessage());
        assertTrue(z.sameState(before));
    }

    // ---------------------------------------------------------------------------------------------- helpers

    @Test
    void moveFreepagesBlock_zoneEndCrossesPageblock() {
        // Pageblock 7 is [28, 32) but the zone ends at 30: move_freepages_block() moves nothing.
        Zone z = Zone.init(UNALIGNED);
        PageAlloc pa = alloc(z);
        int[] movable = {99};

        assertEquals(0, pa.moveFreepagesBlock(28, MigrateType.MIGRATE_UNMOVABLE.ordinal(), movable));

        assertEquals(0, movable[0]);
        assertArrayEquals(new int[] {2, 28}, list(z, 1, MIGRATE_MOVABLE));
    }

    @Test
    void moveFreepagesBlock_zoneStartInsidePageblockStartsAtThePage() {
        // Pageblock 0 is [0, 4) but the zone starts at 1: the range starts at the page given, so 1 stays.
        Zone z = Zone.init(UNALIGNED);
        PageAlloc pa = alloc(z);

        assertEquals(2, pa.moveFreepagesBlock(2, MigrateType.MIGRATE_RECLAIMABLE.ordinal(), null));

        assertArrayEquals(new int[] {2}, list(z, 1, MIGRATE_RECLAIMABLE));
        assertArrayEquals(new int[] {1}, list(z, 0, MIGRATE_MOVABLE));
    }

    @Test
    void rmqueueFallback_stealsSinglePageWhenPageblockCrossesZoneEnd() {
        Zone z = Zone.builder(UNALIGNED)
                .allocatedBlock(1, 0, MIGRATE_MOVABLE, 1).allocatedBlock(2, 1, MIGRATE_MOVABLE, 1)
                .allocatedBlock(4, 2, MIGRATE_MOVABLE, 1).allocatedBlock(8, 3, MIGRATE_MOVABLE, 1)
                .allocatedBlock(16, 3, MIGRATE_MOVABLE, 1).allocatedBlock(24, 2, MIGRATE_MOVABLE, 1)
                .freeBlock(28, 1, MIGRATE_MOVABLE).build();
        PageAlloc pa = alloc(z);

        assertEquals(28, pa.rmqueueFallback(0, MIGRATE_UNMOVABLE));

        assertArrayEquals(new int[] {28}, list(z, 1, MIGRATE_UNMOVABLE));
        assertEquals(MIGRATE_MOVABLE, z.pageblockMigratetype(7), "free_pages was 0: not claimed");
    }

    @Test
    void moveFreepages_countsPagesOfMovableAllocations() {
        Zone z = Zone.builder(ALIGNED)
                .freeBlock(0, 0, MIGRATE_MOVABLE).allocatedBlock(1, 0, MIGRATE_UNMOVABLE, 1)
                .allocatedBlock(2, 1, MIGRATE_MOVABLE, 1).freeBlock(4, 2, MIGRATE_MOVABLE)
                .freeBlock(8, 3, MIGRATE_MOVABLE).freeBlock(16, 3, MIGRATE_MOVABLE).freeBlock(24, 3, MIGRATE_MOVABLE)
                .build();
        PageAlloc pa = alloc(z);
        int[] movable = {0};

        int moved = pa.moveFreepages(0, 7, MigrateType.MIGRATE_RECLAIMABLE.ordinal(), movable);

        assertEquals(5, moved);
        assertEquals(2, movable[0]);
        assertArrayEquals(new int[] {0}, list(z, 0, MIGRATE_RECLAIMABLE));
        assertArrayEquals(new int[] {4}, list(z, 2, MIGRATE_RECLAIMABLE));
    }

    @Test
    void findSuitableFallback_givesUpWhenNrFreeIsZero() {
        // find_suitable_fallback() trusts nr_free before looking at any list.
        Zone z = Zone.builder(ALIGNED)
                .freeBlock(0, 3, MIGRATE_MOVABLE).allocatedBlock(8, 3, MIGRATE_MOVABLE, 1)
                .allocatedBlock(16, 3, MIGRATE_MOVABLE, 1).allocatedBlock(24, 3, MIGRATE_MOVABLE, 1)
                .nrFree(3, 0).build();
        validation.expectViolations();
        PageAlloc pa = new PageAlloc(z);
        boolean[] canSteal = {false};

        assertEquals(-1, pa.findSuitableFallback(3, MIGRATE_UNMOVABLE.ordinal(), false, canSteal));
    }

    @Test
    void findSuitableFallback_reportsWhetherThePageblockMayBeStolen() {
        PageAlloc pa = alloc(Zone.init(MmGeometry.of(11, 9, 0, 4096)));
        boolean[] canSteal = {true};

        assertEquals(MIGRATE_MOVABLE.ordinal(),
                pa.findSuitableFallback(10, MIGRATE_UNMOVABLE.ordinal(), false, canSteal));
        assertTrue(canSteal[0]);
        assertEquals(-1, pa.findSuitableFallback(3, MIGRATE_MOVABLE.ordinal(), false, canSteal));
    }

    @Test
    void canStealFallback_followsPageblockOrderAndRequestType() {
        PageAlloc pa = alloc(Zone.init(MmGeometry.of(11, 9, 0, 4096)));
        int movable = MIGRATE_MOVABLE.ordinal();

        assertFalse(pa.canStealFallback(3, movable));
        assertTrue(pa.canStealFallback(4, movable), "pageblock_order / 2 = 4");
        assertTrue(pa.canStealFallback(9, movable));
        assertTrue(pa.canStealFallback(0, MIGRATE_UNMOVABLE.ordinal()));
        assertTrue(pa.canStealFallback(0, MIGRATE_RECLAIMABLE.ordinal()));
    }

    @Test
    void rmqueueSmallest_belowTheLowWatermark_refusesAndChangesNothing() {
        // get_page_from_freelist() lets an allocation through only while free - (2^order - 1) > low + reserve.
        Zone z = Zone.builder(ALIGNED).freeBlock(0, 3, MIGRATE_MOVABLE).allocatedBlock(8, 3, MIGRATE_MOVABLE, 1)
                .allocatedBlock(16, 3, MIGRATE_MOVABLE, 1).allocatedBlock(24, 3, MIGRATE_MOVABLE, 1)
                .watermarks(1, 6, 7).build();
        z.setLowmemReserve(1);
        PageAlloc pa = alloc(z);
        Zone before = z.copy();

        StepRefusedException e = assertThrows(StepRefusedException.class,
                () -> pa.rmqueueSmallest(1, MIGRATE_MOVABLE, 1));
        assertTrue(e.getMessage().contains("zone_watermark_fast"), e.getMessage());
        assertThrows(StepRefusedException.class, () -> pa.rmqueueFallback(1, MIGRATE_UNMOVABLE));
        assertTrue(z.sameState(before));
        assertEquals(0, pa.rmqueueSmallest(0, MIGRATE_MOVABLE, 1), "8 - 0 > 6 + 1");
    }

    @Test
    void getPageFromFreelist_choosesTheMarkByAllocFlags() {
        Zone z = Zone.builder(ALIGNED).freeBlock(0, 3, MIGRATE_MOVABLE).allocatedBlock(8, 3, MIGRATE_MOVABLE, 1)
                .allocatedBlock(16, 3, MIGRATE_MOVABLE, 1).allocatedBlock(24, 3, MIGRATE_MOVABLE, 1)
                .watermarks(2, 7, 8).build();
        PageAlloc pa = alloc(z);

        assertEquals(-1, pa.getPageFromFreelist(1, MIGRATE_UNMOVABLE, 1, Watermarks.ALLOC_WMARK_LOW));
        assertEquals(0, pa.getPageFromFreelist(1, MIGRATE_UNMOVABLE, 1, Watermarks.ALLOC_WMARK_MIN),
                "the slow path's min mark lets it through, and __rmqueue() falls back to the movable block");
        assertTrue(z.isAllocated(0));
    }

    @Test
    void expand_putsUpperHalvesOnTheRequestedList() {
        Zone z = Zone.builder(ALIGNED)
                .allocatedBlock(8, 3, MIGRATE_MOVABLE, 1).allocatedBlock(16, 3, MIGRATE_MOVABLE, 1)
                .allocatedBlock(24, 3, MIGRATE_MOVABLE, 1).build();
        validation.expectViolations();
        PageAlloc pa = new PageAlloc(z);

        pa.expand(0, 1, 3, MIGRATE_RECLAIMABLE.ordinal());

        assertArrayEquals(new int[] {4}, list(z, 2, MIGRATE_RECLAIMABLE));
        assertArrayEquals(new int[] {2}, list(z, 1, MIGRATE_RECLAIMABLE));
        assertEquals(0, z.nrFree(0));
    }

    @Test
    void changePageblockRange_setsEveryCoveredPageblock() {
        Zone z = Zone.init(MmGeometry.of(5, 2, 0, 64));
        PageAlloc pa = alloc(z);

        pa.changePageblockRange(16, 4, MIGRATE_RECLAIMABLE.ordinal());

        assertEquals(MIGRATE_MOVABLE, z.pageblockMigratetype(3));
        for (int pb = 4; pb < 8; pb++) {
            assertEquals(MIGRATE_RECLAIMABLE, z.pageblockMigratetype(pb));
        }
        assertEquals(MIGRATE_MOVABLE, z.pageblockMigratetype(8));
        assertEquals(4, z.pageblockCount(MIGRATE_RECLAIMABLE));
    }

    // ---------------------------------------------------------------------------------------------- rmqueue

    @Test
    void rmqueue_fallsBackThenAllocates() {
        Zone z = Zone.init(UNALIGNED);
        PageAlloc pa = alloc(z);

        int pfn = pa.rmqueue(0, MIGRATE_UNMOVABLE, 3);

        assertEquals(2, sink.events().size());
        assertEquals(MmAction.RMQUEUE_FALLBACK, sink.events().get(0).action());
        assertEquals(MmAction.RMQUEUE_SMALLEST, sink.events().get(1).action());
        assertEquals(pfn, sink.events().get(1).result());
        assertEquals(MIGRATE_UNMOVABLE, z.allocatedMigratetype(pfn));
    }

    @Test
    void rmqueue_returnsMinusOneWhenNothingIsFree() {
        Zone z = Zone.init(UNALIGNED);
        PageAlloc pa = alloc(z);
        while (pa.rmqueue(0, MIGRATE_MOVABLE, 1) >= 0) {
            sink.clear();
        }
        sink.clear();

        assertEquals(-1, pa.rmqueue(0, MIGRATE_UNMOVABLE, 1));
        assertEquals(0, z.freePages());
        assertTrue(sink.events().isEmpty());
    }

    @Test
    void rmqueue_thenFreeEverything_restoresInit() {
        Zone z = Zone.init(UNALIGNED);
        PageAlloc pa = alloc(z);
        int[] got = new int[29];
        int n = 0;
        for (int pfn; (pfn = pa.rmqueue(0, MIGRATE_MOVABLE, 1)) >= 0; ) {
            got[n++] = pfn;
        }
        assertEquals(29, n);
        for (int i = 0; i < n; i++) {
            pa.freeOnePage(got[i], 0);
        }

        Zone init = Zone.init(UNALIGNED);
        for (int o = 0; o < 4; o++) {
            assertEquals(init.nrFree(o), z.nrFree(o), "order " + o);
        }
        assertEquals(29, z.freePages());
    }
}
