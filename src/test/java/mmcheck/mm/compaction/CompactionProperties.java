package mmcheck.mm.compaction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import mmcheck.mm.buddy.BuddyInvariants;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * Compaction keeps its invariants: random zones, fragmented and with pinned pages, compacted by compact_memory,
 * direct compaction at every priority and kcompactd, one step at a time with allocations and frees between rounds;
 * after every step every invariant of {@link CompactionInvariants} and of the buddy allocator holds.
 */
class CompactionProperties {

    @Property(tries = 60)
    void compaction_keepsEveryInvariant(@ForAll long seed) {
        CompactionDriver d = new CompactionDriver(seed, CompactionDriver.PRODUCTION);
        List<String> v = d.run(12);
        assertEquals(List.of(), v, "seed " + seed);
        assertEquals(List.of(), BuddyInvariants.check(d.zone), "seed " + seed);
        for (CompactResult r : d.outcomes) {
            Statistics.collect(r);
        }
    }
}
