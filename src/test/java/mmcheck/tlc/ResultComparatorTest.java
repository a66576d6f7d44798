package mmcheck.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ResultComparatorTest {
    private static ManifestEntry success(long distinct, long total, long depth) {
        return new ManifestEntry("models/MCBuddy.cfg", "models/MCBuddy.tla", ModelMode.EXHAUSTIVE,
                TlcOutcome.SUCCESS, null, distinct, total, depth, Duration.ofSeconds(3), null, null, null, null, false);
    }

    private static ManifestEntry failure(ModelMode mode, String invariant) {
        return new ManifestEntry("models/MCBuddy.cfg", "models/MCBuddy.tla", mode, TlcOutcome.SAFETY_FAILURE,
                invariant, null, null, null, Duration.ofSeconds(3), mode == ModelMode.SIMULATE ? 10 : null,
                mode == ModelMode.SIMULATE ? 5L : null, null, null, false);
    }

    private static TlcResult result(TlcOutcome outcome, String invariant, Long distinct, Long total, Long depth) {
        return new TlcResult(outcome, 0, invariant, distinct, total, depth, 2.345, List.of(),
                outcome == TlcOutcome.SUCCESS ? null : "went wrong", "");
    }

    @Test
    void identicalSuccessIsOk() {
        CheckRow row = ResultComparator.compare(success(10, 20, 4), result(TlcOutcome.SUCCESS, null, 10L, 20L, 4L));
        assertEquals(List.of("MCBuddy", "exhaustive search", "10", "20", "4", "2.3", "success", "success", "OK"),
                row.cells());
        assertEquals(List.of(), row.reasons());
    }

    @Test
    void changedStateSpaceIsASurprise() {
        CheckRow row = ResultComparator.compare(success(10, 20, 4), result(TlcOutcome.SUCCESS, null, 11L, 20L, 5L));
        assertEquals(CheckRow.Verdict.SURPRISE, row.verdict());
        assertEquals(List.of("distinct states 11, manifest says 10", "depth 5, manifest says 4"), row.reasons());
    }

    @Test
    void differentOutcomeIsASurpriseWithTlcsReason() {
        CheckRow row = ResultComparator.compare(success(10, 20, 4),
                result(TlcOutcome.SAFETY_FAILURE, "Inv", 3L, 3L, 2L));
        assertEquals("safety failure (Inv)", row.actual());
        assertEquals(List.of("expected success, TLC reported safety failure: went wrong"), row.reasons());
    }

    @Test
    void failuresCompareTheInvariantButNotTheCounts() {
        ManifestEntry e = failure(ModelMode.EXHAUSTIVE, "Inv");
        assertEquals(CheckRow.Verdict.OK,
                ResultComparator.compare(e, result(TlcOutcome.SAFETY_FAILURE, "Inv", 7L, 9L, 3L)).verdict());
        CheckRow other = ResultComparator.compare(e, result(TlcOutcome.SAFETY_FAILURE, "TypeOK", 7L, 9L, 3L));
        assertEquals(List.of("expected Inv to be violated, TLC names TypeOK"), other.reasons());
        assertEquals("safety failure (Inv)", other.expected());
    }

    @Test
    void simulationMissingCountsShowAsDashes() {
        CheckRow row = ResultComparator.compare(failure(ModelMode.SIMULATE, "Inv"),
                result(TlcOutcome.SAFETY_FAILURE, "Inv", null, 40L, null));
        assertEquals(List.of("MCBuddy", "simulate", "-", "40", "-", "2.3", "safety failure (Inv)",
                "safety failure (Inv)", "OK"), row.cells());
    }

    @Test
    void tableAlignsColumnsAndRightAlignsNumbers() {
        String table = TextTable.format(List.of("model", "distinct", "verdict"),
                List.of(List.of("MCBuddy", "12345", "OK"), List.of("MCIsolateLong", "7", "SURPRISE")));
        assertEquals("""
                model          distinct  verdict
                MCBuddy           12345  OK
                MCIsolateLong         7  SURPRISE
                """, table);
    }
}
