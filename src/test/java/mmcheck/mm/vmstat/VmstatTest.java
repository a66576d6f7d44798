package mmcheck.mm.vmstat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Hand-worked values of the mm/vmstat.c fragmentation figures; each comment shows the kernel's integer arithmetic. */
class VmstatTest {

    /** Orders 0..3 holding 3, 2, 1, 0 blocks: free_pages = 3*1 + 2*2 + 1*4 = 11, free_blocks_total = 6. */
    private static final long[] SMALL_ZONE = {3, 2, 1, 0};

    private static final long[] EMPTY_ZONE = new long[Vmstat.MAX_ORDER];

    /** Four single pages, nothing larger: free_pages = 4, free_blocks_total = 4. */
    private static final long[] FOUR_PAGES = {4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    @Test
    void fillContigPageInfo_countsSplittableBlocks() {
        // suitable for order 1: order 1 gives 2 << 0 = 2, order 2 gives 1 << 1 = 2, order 3 gives 0 -> 4
        assertEquals(new ContigPageInfo(11, 6, 4), Vmstat.fillContigPageInfo(SMALL_ZONE, 1));
        // suitable for order 0: every page, 3 + (2 << 1) + (1 << 2) = 11
        assertEquals(new ContigPageInfo(11, 6, 11), Vmstat.fillContigPageInfo(SMALL_ZONE, 0));
    }

    @Test
    void fillContigPageInfo_orderAboveAllOrders() {
        assertEquals(new ContigPageInfo(11, 6, 0), Vmstat.fillContigPageInfo(SMALL_ZONE, 7));
    }

    @Test
    void fillContigPageInfo_moreOrdersThanMaxOrder() {
        assertThrows(IllegalArgumentException.class, () -> Vmstat.fillContigPageInfo(new long[12], 0));
    }

    @Test
    void fragmentationIndex_suitableBlockPresent() {
        // free_blocks_suitable = 1 for order 2 (the order-2 block): the request would succeed
        assertEquals(-1000, Vmstat.fragmentationIndex(SMALL_ZONE, 2));
        assertEquals(-1000, Vmstat.fragmentationIndex(SMALL_ZONE, 0));
    }

    @Test
    void fragmentationIndex_noSuitableBlock() {
        // order 3: requested = 8; 11 * 1000 / 8 = 1375; (1000 + 1375) / 6 = 395; 1000 - 395 = 605
        assertEquals(605, Vmstat.fragmentationIndex(SMALL_ZONE, 3));
    }

    @Test
    void fragmentationIndex_orderAboveAllFreeBlocks() {
        // order 10: requested = 1024; 4 * 1000 / 1024 = 3; (1000 + 3) / 4 = 250; 1000 - 250 = 750
        assertEquals(750, Vmstat.fragmentationIndex(FOUR_PAGES, 10));
        // order 4 of a 4-order zone: requested = 16; 11000 / 16 = 687; (1000 + 687) / 6 = 281; 1000 - 281 = 719
        assertEquals(719, Vmstat.fragmentationIndex(SMALL_ZONE, 4));
    }

    @Test
    void fragmentationIndex_zeroFreePages() {
        // free_blocks_total == 0 answers 0 before any division
        assertEquals(0, Vmstat.fragmentationIndex(EMPTY_ZONE, 3));
    }

    @Test
    void fragmentationIndex_singleSmallBlockGoesNegative() {
        // one order-0 page, order 1: requested = 2; 1000 / 2 = 500; (1000 + 500) / 1 = 1500; 1000 - 1500 = -500
        assertEquals(-500, Vmstat.fragmentationIndex(new long[] {1, 0, 0}, 1));
        // order 2: 1000 / 4 = 250; 1250 / 1 = 1250; 1000 - 1250 = -250
        assertEquals(-250, Vmstat.fragmentationIndex(new long[] {1, 0, 0}, 2));
    }

    @Test
    void fragmentationIndex_orderAtMaxOrderWarnsToZero() {
        // WARN_ON_ONCE(order >= MAX_ORDER) returns 0, even though a formula value (1000 - (1000 + 3) / 4 > 0) exists
        assertEquals(0, Vmstat.fragmentationIndex(Vmstat.MAX_ORDER, Vmstat.fillContigPageInfo(FOUR_PAGES, 11)));
    }

    @Test
    void fragmentationIndex_negativeOrder() {
        assertThrows(IllegalArgumentException.class, () -> Vmstat.fragmentationIndex(SMALL_ZONE, -1));
    }

    @Test
    void unusableFreeIndex_everyPageUsable() {
        // order 0: (11 - (11 << 0)) * 1000 / 11 = 0
        assertEquals(0, Vmstat.unusableFreeIndex(0, Vmstat.fillContigPageInfo(SMALL_ZONE, 0)));
    }

    @Test
    void unusableFreeIndex_partlyUsable() {
        // order 1: (11 - (4 << 1)) * 1000 / 11 = 3000 / 11 = 272 (272.7 truncated)
        assertEquals(272, Vmstat.unusableFreeIndex(1, Vmstat.fillContigPageInfo(SMALL_ZONE, 1)));
        // order 2: (11 - (1 << 2)) * 1000 / 11 = 7000 / 11 = 636
        assertEquals(636, Vmstat.unusableFreeIndex(2, Vmstat.fillContigPageInfo(SMALL_ZONE, 2)));
    }

    @Test
    void unusableFreeIndex_orderAboveAllFreeBlocks() {
        // order 3: (11 - (0 << 3)) * 1000 / 11 = 1000
        assertEquals(1000, Vmstat.unusableFreeIndex(3, Vmstat.fillContigPageInfo(SMALL_ZONE, 3)));
    }

    @Test
    void unusableFreeIndex_zeroFreePages() {
        // no free memory counts as all of it unusable
        assertEquals(1000, Vmstat.unusableFreeIndex(0, Vmstat.fillContigPageInfo(EMPTY_ZONE, 0)));
    }

    @Test
    void extfragForOrder_partlyUsable() {
        // order 1: (11 - (4 << 1)) * 100 / 11 = 300 / 11 = 27; order 2: 700 / 11 = 63
        assertEquals(27, Vmstat.extfragForOrder(SMALL_ZONE, 1));
        assertEquals(63, Vmstat.extfragForOrder(SMALL_ZONE, 2));
    }

    @Test
    void extfragForOrder_suitableBlockPresent() {
        // order 0: (11 - 11) * 100 / 11 = 0
        assertEquals(0, Vmstat.extfragForOrder(SMALL_ZONE, 0));
    }

    @Test
    void extfragForOrder_orderAboveAllFreeBlocks() {
        // order 10: (4 - (0 << 10)) * 100 / 4 = 100
        assertEquals(100, Vmstat.extfragForOrder(FOUR_PAGES, 10));
    }

    @Test
    void extfragForOrder_zeroFreePages() {
        // the kernel answers 0 here, unlike unusable_free_index's 1000
        assertEquals(0, Vmstat.extfragForOrder(EMPTY_ZONE, 5));
    }
}
