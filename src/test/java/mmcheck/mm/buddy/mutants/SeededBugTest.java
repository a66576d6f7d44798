package mmcheck.mm.buddy.mutants;

import static mmcheck.mm.MigrateType.MIGRATE_MOVABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.statistics.Statistics;

import mmcheck.event.EventSink;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.BuddyActions;
import mmcheck.mm.buddy.BuddyInvariants;
import mmcheck.mm.buddy.BuddyMachine;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.buddy.PageIsolation;

/**
 * Every invariant catches a bug: each mutant, driven through a directed scenario and through random chains, is
 * caught, and caught first by the invariant it was seeded for.
 */
class SeededBugTest {

    /** Orders 0..3, 4-page pageblocks, 32 pages: Init is four order-3 blocks. */
    static final MmGeometry ALIGNED = MmGeometry.of(4, 2, 0, 32);
    /** Orders 0..2, 4-page pageblocks: Init is four free pageblocks, each isolatable. */
    static final MmGeometry PAGEBLOCK_SIZED = MmGeometry.of(3, 2, 0, 16);

    private static PageAlloc engine(BuddyMutant mutant, Zone z) {
        return mutant.newPageAlloc(z, EventSink.NONE);
    }

    /** Allocates one page and frees it again. */
    private static Zone allocFreeOnePage(BuddyMutant mutant) {
        Zone z = Zone.init(ALIGNED);
        PageAlloc pa = engine(mutant, z);
        pa.freeOnePage(pa.rmqueueSmallest(0, MIGRATE_MOVABLE, 1), 0);
        return z;
    }

    @Test
    void mergePastMaxOrder_caughtByTypeOK() {
        Zone z = allocFreeOnePage(BuddyMutant.MERGE_PAST_MAX_ORDER);

        assertEquals(List.of(BuddyInvariants.TYPE_OK), BuddyInvariants.violatedNames(z));
        assertEquals("TypeOK: free_list[4][MIGRATE_MOVABLE] holds 0x0 but orders are 0..3",
                BuddyInvariants.check(z).get(0));
    }

    @Test
    void combinedPfnWithOr_caughtByFreeBlockAlignedInv() {
        Zone z = Zone.init(ALIGNED);
        PageAlloc pa = engine(BuddyMutant.COMBINED_PFN_WITH_OR, z);
        int first = pa.rmqueueSmallest(0, MIGRATE_MOVABLE, 1);
        int second = pa.rmqueueSmallest(0, MIGRATE_MOVABLE, 1);
        pa.freeOnePage(second, 0);
        pa.freeOnePage(first, 0);

        List<String> names = BuddyInvariants.violatedNames(z);
        assertEquals(BuddyInvariants.FREE_BLOCK_ALIGNED_INV, names.get(0), names::toString);
        assertEquals("FreeBlockAlignedInv: free block 0x1 on free_list[1][MIGRATE_MOVABLE] is not aligned to 2 pages",
                BuddyInvariants.check(z).get(0));
    }

    @Test
    void expandForgetsAHalf_caughtByBlocksPartitionZoneInv() {
        Zone z = Zone.init(ALIGNED);
        engine(BuddyMutant.EXPAND_FORGETS_A_HALF, z).rmqueueSmallest(0, MIGRATE_MOVABLE, 1);

        List<String> names = BuddyInvariants.violatedNames(z);
        assertEquals(List.of(BuddyInvariants.BLOCKS_PARTITION_ZONE_INV, BuddyInvariants.FREE_PAGES_INV), names,
                "the lost page is also missing from the lists NR_FREE_PAGES is compared with");
        assertEquals("BlocksPartitionZoneInv: pages [0x1, 0x2) are in no block, neither free nor allocated",
                BuddyInvariants.check(z).get(0));
    }

    @Test
    void delKeepsPageBuddy_caughtByFreeListBuddyFlagInv() {
        Zone z = Zone.init(ALIGNED);
        engine(BuddyMutant.DEL_KEEPS_PAGE_BUDDY, z).rmqueueSmallest(0, MIGRATE_MOVABLE, 1);

        assertEquals(List.of(BuddyInvariants.FREE_LIST_BUDDY_FLAG_INV), BuddyInvariants.violatedNames(z));
        assertEquals("FreeListBuddyFlagInv: 0x0 is PageBuddy with order 3 but on no free list",
                BuddyInvariants.check(z).get(0));
    }

    @Test
    void delKeepsNrFree_caughtByNrFreeInv() {
        Zone z = Zone.init(ALIGNED);
        engine(BuddyMutant.DEL_KEEPS_NR_FREE, z).rmqueueSmallest(0, MIGRATE_MOVABLE, 1);

        assertEquals(List.of(BuddyInvariants.NR_FREE_INV), BuddyInvariants.violatedNames(z));
        assertEquals("NrFreeInv: nr_free[3] is 4 but 3 blocks are on the order-3 lists", BuddyInvariants.check(z).get(0));
    }

    /** Allocates a page in pageblock 0, isolates the pageblock, and frees the page into it. */
    private static Zone freeIntoIsolatedPageblock(BuddyMutant mutant) {
        Zone z = Zone.init(PAGEBLOCK_SIZED);
        PageAlloc pa = engine(mutant, z);
        int pfn = pa.rmqueueSmallest(0, MIGRATE_MOVABLE, 1);
        new PageIsolation(pa).setMigratetypeIsolate(0);
        pa.freeOnePage(pfn, 0);
        return z;
    }

    @Test
    void isolatedFreesCounted_caughtByFreePagesInv() {
        Zone z = freeIntoIsolatedPageblock(BuddyMutant.ISOLATED_FREES_COUNTED);

        assertEquals(List.of(BuddyInvariants.FREE_PAGES_INV), BuddyInvariants.violatedNames(z));
        assertEquals("FreePagesInv: NR_FREE_PAGES is 13 but the lists other than MIGRATE_ISOLATE hold 12 pages",
                BuddyInvariants.check(z).get(0));
    }

    @Test
    void mergeStopsEarly_caughtByMaximalCoalescingInv() {
        Zone z = allocFreeOnePage(BuddyMutant.MERGE_STOPS_EARLY);

        assertEquals(List.of(BuddyInvariants.MAXIMAL_COALESCING_INV), BuddyInvariants.violatedNames(z));
        assertEquals("MaximalCoalescingInv: free buddies 0x0 and 0x4 of order 2 (on free_list[2][MIGRATE_MOVABLE] and "
                + "free_list[2][MIGRATE_MOVABLE], pageblocks MIGRATE_MOVABLE and MIGRATE_MOVABLE) are not merged",
                BuddyInvariants.check(z).get(0));
    }

    @Test
    void isolationLeavesFreePages_caughtByFreeListMigratetypeInv() {
        Zone z = Zone.init(PAGEBLOCK_SIZED);
        new PageIsolation(engine(BuddyMutant.ISOLATION_LEAVES_FREE_PAGES, z)).setMigratetypeIsolate(1);

        assertEquals(List.of(BuddyInvariants.FREE_LIST_MIGRATETYPE_INV), BuddyInvariants.violatedNames(z));
        assertEquals("FreeListMigratetypeInv: free block 0x4 on free_list[2][MIGRATE_MOVABLE] covers pageblock 1 of "
                + "type MIGRATE_ISOLATE", BuddyInvariants.check(z).get(0));
    }

    @Test
    void mutants_coverEveryInvariantOnce() {
        assertEquals(BuddyInvariants.NAMES, java.util.Arrays.stream(BuddyMutant.values())
                .map(BuddyMutant::invariant).sorted(java.util.Comparator.comparing(BuddyInvariants.NAMES::indexOf))
                .toList());
    }

    // ------------------------------------------------------------------------------------------ random chains

    @Provide
    Arbitrary<Tuple2<BuddyMutant, ActionChain<BuddyMachine>>> mutantChains() {
        return Arbitraries.of(BuddyMutant.class)
                .flatMap(m -> BuddyActions.chains(m.engine(), 40).map(c -> Tuple.of(m, c)));
    }

    /**
     * Whenever a mutant's chain breaks an invariant, the first one broken (the cfg's order, as jqwik checks
     * invariants in the order they were added) is the mutant's own; and every mutant is caught at least once.
     */
    @Property(tries = 800, seed = "20261122")
    void mutant_isCaughtFirstByItsInvariant(@ForAll("mutantChains") Tuple2<BuddyMutant, ActionChain<BuddyMachine>> t) {
        BuddyMutant mutant = t.get1();
        String outcome;
        try {
            BuddyActions.withInvariants(t.get2()).run();
            outcome = "not caught";
        } catch (Throwable e) {
            BuddyMachine.InvariantViolation v = findViolation(e);
            if (v == null) {
                throw e;
            }
            assertEquals(mutant.invariant(), v.name, () -> mutant + " was caught by " + v.name + ":\n" + v.getMessage());
            outcome = v.name;
        }
        Statistics.label("mutant").collect(mutant, outcome);
        Statistics.label("mutant").coverage(c -> {
            for (BuddyMutant m : BuddyMutant.values()) {
                c.check(m, m.invariant()).count(n -> n > 0);
            }
        });
    }

    private static BuddyMachine.InvariantViolation findViolation(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof BuddyMachine.InvariantViolation v) {
                return v;
            }
        }
        return null;
    }
}
