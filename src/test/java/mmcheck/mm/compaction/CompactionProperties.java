package mmcheck.mm.compaction;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;

/**
 * Compaction keeps its invariants: jqwik action chains over small fragmented zones with pinned pages interleave
 * compact_memory, direct compaction at every priority and kcompactd, one spec step at a time (one page of
 * migrate_pages(), one turn of the free scanner), with faults, unmaps, pins, the allocator's allocations and frees;
 * after every step every check of {@link CompactionMachine#CHECKS} (CompactionInvariants, termination, the buddy
 * allocator's invariants) holds. A failure shrinks to a shorter legal chain.
 */
class CompactionProperties {

    @Provide
    Arbitrary<ActionChain<CompactionMachine>> chains() {
        return CompactionActions.chains(CompactionDriver.PRODUCTION, 150);
    }

    @Property(tries = 100, seed = "20261203")
    void compaction_keepsEveryInvariant(@ForAll("chains") ActionChain<CompactionMachine> chain) {
        CompactionActions.withInvariants(chain).run();
    }
}
