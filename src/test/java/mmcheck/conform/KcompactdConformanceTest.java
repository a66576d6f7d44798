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
import mmcheck.mm.StepRefusedException;
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
    /** A seed whose run has a wakeup for a higher order while kcompactd is awake early (seed 1 has one late). */
    private static final long RAISE_SEED = 2;
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

    /**
     * 6.1's wakeup_kcompactd() raises kcompactd_max_order for a kcompactd that is not waiting: the engine takes such
     * wakeups (each one a checked step), some raising the order a run in progress leaves for kcompactd's next turn.
     */
    @Test
    void wakeupsWhileAwakeAreTakenAndChecked() {
        long[] seen = new long[2];
        Function<CompactZoneSteps, CompactionNode> node = steps -> new CompactionNode(steps) {
            @Override
            public void wakeupKcompactd(int order, int highestZoneidx) {
                boolean awake = kcompactdAwake();
                int before = kcompactdMaxOrder;
                super.wakeupKcompactd(order, highestZoneidx);
                if (awake) {
                    seen[0]++;
                    if (kcompactdMaxOrder > before) {
                        seen[1]++;
                    }
                }
            }
        };
        RefinementRun.Summary s = RefinementRun.run(SPEC, new CompactionBinding(SPEC, CompactionBinding.engine(SPEC),
                node), REQUESTS, RAISE_SEED, true);
        assertTrue(s.ok(), s.failure());
        assertTrue(seen[0] > 0 && seen[1] > 0, "wakeups while awake " + seen[0] + ", raising the order " + seen[1]);
    }

    /** KcompactdDoWorkEnd's assignment of the node state (kcompactd_max_order, the wait, the timeout). */
    private static final String DO_WORK_END_KCOMPACTD =
            "kcompactd' = [awake |-> mo > 0, maxOrder |-> mo, proactiveDefer |-> FALSE]";
    /** WakeupKcompactd's raise of kcompactd_max_order. */
    private static final String WAKEUP_KCOMPACTD = "kcompactd' = [kcompactd EXCEPT !.maxOrder = mo,";

    /** Seeded-bug kcompactd nodes and where the checker must catch each. */
    enum Mutant {
        /** kcompactd_do_work() forgets to clear kcompactd_max_order when it goes back to sleep. */
        MAX_ORDER_KEPT("kcompactd_do_work", DO_WORK_END_KCOMPACTD, "kcompactd.maxOrder") {
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
                "kcompactd' = [kcompactd EXCEPT !.proactiveDefer = FragmentationScore >= cc.prevScore",
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
        },
        /**
         * kcompactd() keeps the long timeout of a deferred proactive compaction across a kcompactd_do_work() that
         * found no zone to compact, where 6.1 resets it to default_timeout ("The defer timeout from proactive
         * compaction is lost here").
         */
        PROACTIVE_DEFER_KEPT_AFTER_WORK("mm_compaction_kcompactd_wake",
                "kcompactd' = [awake |-> FALSE, maxOrder |-> 0, proactiveDefer |-> FALSE]",
                "kcompactd.proactiveDefer") {
            @Override
            CompactionNode build(CompactZoneSteps steps) {
                return new CompactionNode(steps) {
                    @Override
                    public void kcompactdDoWork() {
                        boolean deferred = proactiveDefer;
                        super.kcompactdDoWork();
                        proactiveDefer = deferred;
                    }
                };
            }
        },
        /**
         * wakeup_kcompactd() tests wq_has_sleeper() before raising kcompactd_max_order, so a wakeup for a higher
         * order while kcompactd is awake is lost instead of being seen by its next kcompactd_work_requested().
         */
        WAKEUP_DROPPED_WHILE_AWAKE("mm_compaction_wakeup_kcompactd", WAKEUP_KCOMPACTD, "kcompactd.maxOrder",
                RAISE_SEED) {
            @Override
            CompactionNode build(CompactZoneSteps steps) {
                return new CompactionNode(steps) {
                    @Override
                    public void wakeupKcompactd(int order, int highestZoneidx) {
                        if (!kcompactdAwake()) {
                            super.wakeupKcompactd(order, highestZoneidx);
                        }
                    }
                };
            }
        },
        /**
         * kcompactd() compacts proactively on its timeout although a wakeup that found compaction unsuitable left
         * kcompactd_max_order set, where 6.1's wait returns kcompactd_work_requested() and runs kcompactd_do_work().
         */
        PROACTIVE_WITH_WORK_REQUESTED("proactive_compact_node", "kcompactd.maxOrder = 0",
                "the action is not enabled in the state before the step") {
            @Override
            CompactionNode build(CompactZoneSteps steps) {
                return new CompactionNode(steps) {
                    @Override
                    public void proactiveCompactNode() {
                        int requested = kcompactdMaxOrder;
                        kcompactdMaxOrder = 0;
                        try {
                            super.proactiveCompactNode();
                        } finally {
                            kcompactdMaxOrder = requested;
                        }
                    }
                };
            }
        },
        /** The engine before 6.1's rule: wakeup_kcompactd() refused outright while kcompactd is awake. */
        WAKEUP_REFUSED_WHILE_AWAKE("mm_compaction_wakeup_kcompactd", "the engine refused a step the spec enables",
                null) {
            @Override
            CompactionNode build(CompactZoneSteps steps) {
                return new CompactionNode(steps) {
                    @Override
                    public void wakeupKcompactd(int order, int highestZoneidx) {
                        if (kcompactdAwake()) {
                            throw new StepRefusedException("wakeup_kcompactd", "kcompactd is awake");
                        }
                        super.wakeupKcompactd(order, highestZoneidx);
                    }
                };
            }
        };

        final String step;
        final String falseConjunct;
        final String differs;
        final long seed;

        Mutant(String step, String falseConjunct, String differs) {
            this(step, falseConjunct, differs, 1);
        }

        Mutant(String step, String falseConjunct, String differs, long seed) {
            this.step = step;
            this.falseConjunct = falseConjunct;
            this.differs = differs;
            this.seed = seed;
        }

        abstract CompactionNode build(CompactZoneSteps steps);
    }

    @ParameterizedTest
    @EnumSource(Mutant.class)
    void seededBugIsCaughtInItsAction(Mutant m) {
        Function<CompactZoneSteps, CompactionNode> node = m::build;
        RefinementRun.Summary s = RefinementRun.run(SPEC, new CompactionBinding(SPEC, CompactionBinding.engine(SPEC),
                node), REQUESTS, m.seed, true);
        assertFalse(s.ok(), m + " was not caught");
        StepReport r = s.report();
        assertNotNull(r, s.failure());
        // A step with arguments is named with them ("mm_compaction_wakeup_kcompactd: order=2").
        assertTrue(r.instance().equals(m.step) || r.instance().startsWith(m.step + ": "), s.failure());
        assertFalse(r.actionHolds(), s.failure());
        assertEquals("action", r.caughtBy(), s.failure());
        assertTrue(r.falseConjunct() != null && r.falseConjunct().contains(m.falseConjunct), s.failure());
        if (m.differs == null) {
            assertTrue(r.differences().isEmpty(), s.failure());
        } else {
            assertTrue(r.differences().stream().anyMatch(d -> d.startsWith(m.differs)), s.failure());
        }
    }

    @Test
    void theModelIsBoundToTheCompactionBinding() {
        assertTrue(Binding.of(SPEC) instanceof CompactionBinding);
    }
}
