package mmcheck.mm.buddy.mutants;

import mmcheck.event.EventSink;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.BuddyInvariants;
import mmcheck.mm.buddy.BuddyMachine;
import mmcheck.mm.buddy.PageAlloc;

/**
 * BuddyMutant - the seeded-bug engines, one per invariant of spec/Buddy.tla, each a PageAlloc with one helper
 * overridden. The conformance layer can drive them against the spec's step checker: each must be rejected, and the
 * native check must name {@link #invariant()}.
 */
public enum BuddyMutant {
    MERGE_PAST_MAX_ORDER(BuddyInvariants.TYPE_OK, MergePastMaxOrder::new),
    COMBINED_PFN_WITH_OR(BuddyInvariants.FREE_BLOCK_ALIGNED_INV, CombinedPfnWithOr::new),
    EXPAND_FORGETS_A_HALF(BuddyInvariants.BLOCKS_PARTITION_ZONE_INV, ExpandForgetsAHalf::new),
    DEL_KEEPS_PAGE_BUDDY(BuddyInvariants.FREE_LIST_BUDDY_FLAG_INV, DelKeepsPageBuddy::new),
    DEL_KEEPS_NR_FREE(BuddyInvariants.NR_FREE_INV, DelKeepsNrFree::new),
    ISOLATED_FREES_COUNTED(BuddyInvariants.FREE_PAGES_INV, IsolatedFreesCounted::new),
    MERGE_STOPS_EARLY(BuddyInvariants.MAXIMAL_COALESCING_INV, MergeStopsEarly::new),
    ISOLATION_LEAVES_FREE_PAGES(BuddyInvariants.FREE_LIST_MIGRATETYPE_INV, IsolationLeavesFreePages::new);

    private final String invariant;
    private final BuddyMachine.Engine engine;

    BuddyMutant(String invariant, BuddyMachine.Engine engine) {
        this.invariant = invariant;
        this.engine = engine;
    }

    /** The invariant that catches this bug first, in the cfg's order. */
    public String invariant() {
        return invariant;
    }

    /** The engine factory, for BuddyMachine and jqwik chains. */
    public BuddyMachine.Engine engine() {
        return engine;
    }

    /** A PageAlloc with this bug over a zone. */
    public PageAlloc newPageAlloc(Zone zone, EventSink sink) {
        return engine.apply(zone, sink);
    }
}
