package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import mmcheck.conform.compaction.CompactionBinding;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.compaction.CompactZoneSteps;
import mmcheck.mm.compaction.CompactionNode;
import tlc2.tool.TLCState;

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
                return KcompactdBugs.proactiveNeverDeferred(steps);
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
                return KcompactdBugs.proactiveDeferKeptAfterWork(steps);
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
                return KcompactdBugs.proactiveWithWorkRequested(steps);
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

    /**
     * The reverse replay's node states where no small model reaches them: kcompactd_do_work()'s own compact_zone()
     * runs (compaction_suitable() lets kcompactd compact only in a zone with five free pages and no free order-1
     * block). Each distinct state the refinement workload passes through inside a kcompactd or proactive run is built
     * as an engine from the spec state alone (every free-list and cc->freepages head choice), must abstract back to
     * it, and every instance of BindNext run on it must give a spec successor, or be refused where the spec does not
     * enable it.
     */
    @Test
    void kcompactdRunStates_builtFromTheSpec_conform() {
        CompactionBinding b = (CompactionBinding) Binding.of(SPEC);
        Catalog actions = Catalog.of(SPEC, b);
        CompactZoneSteps engine = b.initialEngine();
        List<TLCState> sampled = new ArrayList<>();
        Set<StateId> seen = new HashSet<>();
        Runnable workload = b.workload(engine, new Binding.StepListener() {
            @Override
            public void step(SpecStep step, String line) {
                if (engine.cc() != null && (engine.cc().proactiveCompaction || engine.node().kcompactdAwake())
                        && sampled.size() < MAX_SAMPLED) {
                    TLCState s = b.abstraction(engine);
                    if (seen.add(StateId.of(s))) {
                        sampled.add(s);
                    }
                }
            }

            @Override
            public void refused(SpecStep request) {
            }
        }, 1);
        for (long i = 0; i < REQUESTS && sampled.size() < MAX_SAMPLED; i++) {
            workload.run();
        }
        long kcompactdRuns = 0;
        long checked = 0;
        for (TLCState s : sampled) {
            kcompactdRuns += SPEC.values(s).get("cc").toString().contains("\"kcompactd\"") ? 1 : 0;
            for (Binding.Build<CompactZoneSteps> build : b.concretizations(s)) {
                TLCState back = b.abstraction(build.engine().get());
                assertEquals(StateId.of(s), StateId.of(back), "abstract(concretize(s)) differs" + build.choice()
                        + ": " + SPEC.diff(s, back, 6));
            }
            for (Catalog.Entry e : actions.entries()) {
                if (b.engineChooses(e.step()) || b.notReplayed(e.step()) != null) {
                    continue;
                }
                Set<StateId> succ = new HashSet<>();
                actions.successors(e, s).forEach(u -> succ.add(StateId.of(u)));
                for (Binding.Build<CompactZoneSteps> build : b.concretizations(s)) {
                    CompactZoneSteps built = build.engine().get();
                    Binding.Outcome o = b.run(built, e.step());
                    StateId after = StateId.of(b.abstraction(built));
                    if (succ.isEmpty()) {
                        assertTrue(o.isRefused() && after.equals(StateId.of(s)), e.step().specForm()
                                + build.choice() + " is not enabled in the spec, but the engine took " + o.steps());
                    } else {
                        assertTrue(o.steps().equals(List.of(e.step())) && succ.contains(after), e.step().specForm()
                                + build.choice() + (o.isRefused() ? ": the spec enables it, the engine refused it ("
                                + o.refusal() + ")" : ": the engine's result is not a spec successor: "
                                + SPEC.diff(actions.successors(e, s).get(0), b.abstraction(built), 6)));
                    }
                    checked++;
                }
            }
        }
        assertTrue(sampled.size() >= 50 && kcompactdRuns >= 10, sampled.size() + " states sampled, " + kcompactdRuns
                + " inside kcompactd_do_work()'s run");
        assertTrue(checked > 0);
    }

    /** The run states the test above builds: enough to pass through several kcompactd runs to their ends. */
    private static final int MAX_SAMPLED = 300;

    @Test
    void theModelIsBoundToTheCompactionBinding() {
        assertTrue(Binding.of(SPEC) instanceof CompactionBinding);
    }
}
