package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

import mmcheck.conform.compaction.CompactionBinding;
import mmcheck.mm.compaction.CompactZoneSteps;
import tlc2.tool.StateVec;
import tlc2.tool.TLCState;

/** The compaction concretization's round trip, shared by the replay models' tests (each loads its own spec). */
final class CompactionRoundTrip {
    private CompactionRoundTrip() {
    }

    /**
     * abstract(concretize(s)) == s for every build of every state of spec reachable by BindNext's instances
     * (within the cfg's CONSTRAINT), of which there must be states; some state has more than one build.
     */
    static void assertRoundTrip(SpecModel spec, long states) {
        CompactionBinding b = (CompactionBinding) Binding.of(spec);
        Catalog actions = Catalog.of(spec, b);
        Set<StateId> seen = new HashSet<>();
        ArrayDeque<TLCState> queue = new ArrayDeque<>();
        StateVec inits = spec.initStates();
        for (int i = 0; i < inits.size(); i++) {
            if (seen.add(StateId.of(inits.elementAt(i)))) {
                queue.add(inits.elementAt(i));
            }
        }
        long builds = 0;
        while (!queue.isEmpty()) {
            TLCState s = queue.poll();
            for (Binding.Build<CompactZoneSteps> build : b.concretizations(s)) {
                TLCState back = b.abstraction(build.engine().get());
                assertEquals(StateId.of(s), StateId.of(back), "abstract(concretize(s)) differs" + build.choice()
                        + ": " + spec.diff(s, back, 6));
                builds++;
            }
            for (Catalog.Entry e : actions.entries()) {
                for (TLCState u : actions.successors(e, s)) {
                    if (spec.tool().isInModel(u) && seen.add(StateId.of(u))) {
                        queue.add(u);
                    }
                }
            }
        }
        assertEquals(states, seen.size());
        assertTrue(builds > seen.size(), "some states have more than one build (free-list or cc->freepages heads)");
    }
}
