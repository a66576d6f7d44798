package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import mmcheck.conform.compaction.CompactionBinding;

/**
 * The compaction engine replayed from the spec's side on MCCompactionBindReplay: every reachable state is built as an
 * engine (the concretization is the abstraction's inverse on each of them), every instance of BindNext runs on it,
 * and seeded-bug engines are caught at the step they get wrong, with the variable they get wrong.
 */
class CompactionReplayTest {
    private static final SpecModel SPEC = Models.load("MCCompactionBindReplay");
    /** MCCompactionBindReplay's distinct states (models/manifest.json). */
    private static final long STATES = 534;
    /** The compaction steps a run of compact_memory takes in the model, and the process's steps between them. */
    private static final List<String> REPLAYED = List.of("CompactMemory", "CompactZoneStart", "CompactFinished",
            "IsolateMigratepagesBlock", "CompactionAlloc", "IsolateFreepagesBlock", "MigratePages",
            "MigratePagesReturn", "PutbackMovablePages", "CompactNodeEnd", "DoAnonymousPage", "ZapPteRange",
            "PinUserPages", "UnpinUserPage");

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
        assertTrue(r.refusals() > 0);
    }

    @ParameterizedTest
    @EnumSource(CompactionReplayMutant.class)
    void replay_seededBug_isCaughtAtItsStep(CompactionReplayMutant m) {
        ReverseReplay.Report r = new ReverseReplay(SPEC, new CompactionBinding(SPEC, m.engine()))
                .run(Long.MAX_VALUE, 1);
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
