package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * kcompactd and proactive compaction replayed from the spec's side on MCCompactionBindReplayKcompactd: every
 * reachable state, kcompactd's node state (its wait, kcompactd_max_order, the proactive deferral) and a proactive
 * run's prev_score included, is built as an engine, every instance of BindNext runs on it, and seeded bugs in
 * kcompactd's node ({@link CompactionNode} subclasses) are caught at the step they get wrong.
 */
class CompactionKcompactdReplayTest {
    private static final SpecModel SPEC = Models.load("MCCompactionBindReplayKcompactd");
    /** MCCompactionBindReplayKcompactd's distinct states (models/manifest.json). */
    private static final long STATES = 2396;
    /** kcompactd's and proactive compaction's steps, the proactive run's compact_zone() steps, the process's. */
    private static final List<String> REPLAYED = List.of("WakeupKcompactd", "KcompactdDoWork",
            "ProactiveCompactNode", "CompactZoneStart", "CompactFinished", "IsolateMigratepagesBlock",
            "CompactionAlloc", "IsolateFreepagesBlock", "MigratePages", "MigratePagesReturn", "PutbackMovablePages",
            "ProactiveCompactNodeEnd", "KcompactdTimeout", "DoAnonymousPage", "ZapPteRange", "PinUserPages",
            "UnpinUserPage");

    @Test
    void concretization_isTheAbstractionsInverse_onEveryReachableState() {
        CompactionRoundTrip.assertRoundTrip(SPEC, STATES);
    }

    @Test
    void replay_everyReachableStateConforms() {
        ReverseReplay.Report r = ReverseReplay.of(SPEC).run(Long.MAX_VALUE);
        assertTrue(r.ok(), String.join("\n", r.failures()));
        assertTrue(r.complete());
        assertEquals(STATES, r.states());
        for (String a : REPLAYED) {
            assertTrue(r.stepsByAction().getOrDefault(a, 0L) > 0, a + " not replayed: " + r.stepsByAction());
        }
        // Every compaction step runs on the engine alone (the fast searches open their scanner's turn).
        assertTrue(r.notReplayed().isEmpty(), "not replayed: " + r.notReplayed());
        assertTrue(r.refusals() > 0);
    }

    /** Seeded-bug kcompactd nodes: the step the replay names and the variable it gets wrong (null: not enabled). */
    enum Mutant {
        /** kcompactd() never defers proactive compaction after a run that did not lower the score. */
        PROACTIVE_NEVER_DEFERRED("ProactiveCompactNodeEnd", "kcompactd.proactiveDefer") {
            @Override
            CompactionNode build(CompactZoneSteps steps) {
                return KcompactdBugs.proactiveNeverDeferred(steps);
            }
        },
        /**
         * kcompactd() defers the next proactive try only when the score went up, where 6.1 defers unless it went
         * down (score &gt;= prev_score). Caught only where the run's prev_score is built from the spec's cc.prevScore.
         */
        PROACTIVE_DEFERRED_ONLY_IF_WORSE("ProactiveCompactNodeEnd", "kcompactd.proactiveDefer") {
            @Override
            CompactionNode build(CompactZoneSteps steps) {
                return new CompactionNode(steps) {
                    @Override
                    public void proactiveCompactNodeEnd() {
                        int prev = prevScore();
                        super.proactiveCompactNodeEnd();
                        proactiveDefer = fragmentationScoreNode() > prev;
                    }
                };
            }
        },
        /**
         * kcompactd() keeps the long timeout of a deferred proactive compaction across a kcompactd_do_work() that
         * found no zone to compact, where 6.1 resets it to default_timeout.
         */
        PROACTIVE_DEFER_KEPT_AFTER_WORK("KcompactdDoWork", "kcompactd.proactiveDefer") {
            @Override
            CompactionNode build(CompactZoneSteps steps) {
                return KcompactdBugs.proactiveDeferKeptAfterWork(steps);
            }
        },
        /** kcompactd_do_work() with no zone to compact goes back to sleep without clearing kcompactd_max_order. */
        MAX_ORDER_KEPT_ON_SLEEP("KcompactdDoWork", "kcompactd.maxOrder") {
            @Override
            CompactionNode build(CompactZoneSteps steps) {
                return new CompactionNode(steps) {
                    @Override
                    public void kcompactdDoWork() {
                        int maxOrder = kcompactdMaxOrder;
                        super.kcompactdDoWork();
                        kcompactdMaxOrder = maxOrder;
                    }
                };
            }
        },
        /**
         * kcompactd() compacts proactively on its timeout although a wakeup that found compaction unsuitable left
         * kcompactd_max_order set, where 6.1's wait returns kcompactd_work_requested() and runs kcompactd_do_work().
         */
        PROACTIVE_WITH_WORK_REQUESTED("ProactiveCompactNode", null) {
            @Override
            CompactionNode build(CompactZoneSteps steps) {
                return KcompactdBugs.proactiveWithWorkRequested(steps);
            }
        };

        final String action;
        final String differs;

        Mutant(String action, String differs) {
            this.action = action;
            this.differs = differs;
        }

        abstract CompactionNode build(CompactZoneSteps steps);
    }

    @ParameterizedTest
    @EnumSource(Mutant.class)
    void replay_seededBugInKcompactd_isCaughtAtItsStep(Mutant m) {
        Function<CompactZoneSteps, CompactionNode> node = m::build;
        ReverseReplay.Report r = new ReverseReplay(SPEC, new CompactionBinding(SPEC, CompactionBinding.engine(SPEC),
                node)).run(Long.MAX_VALUE, 1);
        assertFalse(r.ok(), m + " conforms on all " + r.states() + " states");
        String failure = r.failures().get(0);
        if (m.differs != null) {
            assertTrue(failure.startsWith(m.action + "(") && failure.contains("not a spec successor")
                    && failure.contains(m.differs + ":"), failure);
        } else {
            assertTrue(failure.startsWith(m.action + "(") && failure.contains("is not enabled in the spec, but the "
                    + "engine took"), failure);
        }
    }
}
