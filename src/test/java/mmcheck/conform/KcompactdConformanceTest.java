package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import mmcheck.conform.compaction.CompactionBinding;
import mmcheck.mm.compaction.CompactZoneSteps;
import mmcheck.mm.compaction.CompactionNode;

/**
 * kcompactd and proactive compaction against spec/Compaction.tla (model MCCompactionBindKcompactd): a seeded
 * refinement run in which kswapd's wakeups, kcompactd's work to its end, proactive compaction and kcompactd's long
 * timeout are each one checked engine step ({@link CompactionNode}'s methods), with kcompactd's node state compared
 * whole; and seeded-bug nodes, each caught at its first bad step, in the action it breaks.
 */
class KcompactdConformanceTest {
    private static final SpecModel SPEC = Models.load("MCCompactionBindKcompactd");
    /** Requests of seed 1 that reach every kcompactd and proactive action, KcompactdDoWorkEnd the rarest. */
    private static final long REQUESTS = 6000;
    private static final List<String> NODE_ACTIONS = List.of("WakeupKcompactd", "KcompactdDoWork",
            "KcompactdDoWorkEnd", "ProactiveCompactNode", "ProactiveCompactNodeEnd", "KcompactdTimeout");

    @Test
    void everyKcompactdStepIsASpecStep() {
        RefinementRun.Summary s = RefinementRun.run(SPEC, REQUESTS, 1, true);
        assertTrue(s.ok(), s.failure());
        for (String a : NODE_ACTIONS) {
            assertTrue(s.coverage().getOrDefault(a, 0L) > 0, a + " not reached: " + s.coverage());
        }
    }

    /** Seeded-bug kcompactd nodes and where the checker must catch each. */
    enum Mutant {
        /** kcompactd_do_work() forgets to clear kcompactd_max_order when it goes back to sleep. */
        MAX_ORDER_KEPT("kcompactd_do_work", "kcompactd' = [kcompactd EXCEPT !.awake = FALSE,",
                "kcompactd.maxOrder") {
            @Override
            CompactionNode build(CompactZoneSteps steps) {
                return new CompactionNode(steps) {
                    @Override
                    public void kcompactdDoWorkEnd() {
                        int maxOrder = kcompactdMaxOrder;
                        super.kcompactdDoWorkEnd();
                        kcompactdMaxOrder = maxOrder;
                    }
                };
            }
        },
        /** kcompactd() never defers proactive compaction after a run that did not lower the score. */
        PROACTIVE_NEVER_DEFERRED("proactive_compact_node",
                "kcompactd' = [kcompactd EXCEPT !.proactiveDefer = FragmentationScore >= cc.prevScore]",
                "kcompactd.proactiveDefer") {
            @Override
            CompactionNode build(CompactZoneSteps steps) {
                return new CompactionNode(steps) {
                    @Override
                    public void proactiveCompactNodeEnd() {
                        super.proactiveCompactNodeEnd();
                        proactiveDefer = false;
                    }
                };
            }
        };

        final String step;
        final String falseConjunct;
        final String differs;

        Mutant(String step, String falseConjunct, String differs) {
            this.step = step;
            this.falseConjunct = falseConjunct;
            this.differs = differs;
        }

        abstract CompactionNode build(CompactZoneSteps steps);
    }

    @ParameterizedTest
    @EnumSource(Mutant.class)
    void seededBugIsCaughtInItsAction(Mutant m) {
        Function<CompactZoneSteps, CompactionNode> node = m::build;
        RefinementRun.Summary s = RefinementRun.run(SPEC, new CompactionBinding(SPEC, CompactionBinding.engine(SPEC),
                node), REQUESTS, 1, true);
        assertFalse(s.ok(), m + " was not caught");
        StepReport r = s.report();
        assertNotNull(r, s.failure());
        assertEquals(m.step, r.instance(), s.failure());
        assertFalse(r.actionHolds(), s.failure());
        assertEquals("action", r.caughtBy(), s.failure());
        assertTrue(r.falseConjunct() != null && r.falseConjunct().contains(m.falseConjunct), s.failure());
        assertTrue(r.differences().stream().anyMatch(d -> d.startsWith(m.differs)), s.failure());
    }

    @Test
    void theModelIsBoundToTheCompactionBinding() {
        assertTrue(Binding.of(SPEC) instanceof CompactionBinding);
    }
}
