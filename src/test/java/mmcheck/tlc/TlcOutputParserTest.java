package mmcheck.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Parsing of real TLC 2.18 -tool output captured from the fixture models (see tlc-fixtures/output/README.txt). */
class TlcOutputParserTest {
    @Test
    void success() {
        TlcResult r = Fixtures.parsed("success-exit0");
        assertEquals(TlcOutcome.SUCCESS, r.outcome());
        assertEquals(3L, r.distinctStates());
        assertEquals(3L, r.totalStates());
        assertEquals(3L, r.depth());
        assertNull(r.violatedProperty());
        assertNull(r.problem());
        assertTrue(r.trace().isEmpty());
        assertTrue(r.seconds() > 0 && r.seconds() < 60, "seconds from 'Finished in ...ms': " + r.seconds());
    }

    @Test
    void safetyFailureWithTrace() {
        TlcResult r = Fixtures.parsed("safety-exit12");
        assertEquals(TlcOutcome.SAFETY_FAILURE, r.outcome());
        assertEquals("Small", r.violatedProperty());
        assertEquals("Invariant Small is violated.", r.problem());
        assertEquals(4L, r.distinctStates());
        assertEquals(4L, r.totalStates());
        assertEquals(4L, r.depth());
        assertEquals(List.of(1, 2, 3, 4), r.trace().stream().map(TraceState::number).toList());
        TraceState first = r.trace().get(0);
        assertTrue(first.isInitial());
        assertEquals("", first.location());
        assertEquals(List.of("pageBuddy", "freeList", "x", "allocated"), List.copyOf(first.variables().keySet()));
        TraceState second = r.trace().get(1);
        assertEquals("Inc", second.action());
        assertEquals("line 17, col 11 to line 21, col 67 of module Counter", second.location());
        assertEquals("1", second.variables().get("x"));
        // TLC wrapped this value over six lines; it must still be one variable.
        assertEquals(new TlaValue.Bool(true), ((TlaValue.Fcn) TlaValueParser.parse(second.variables()
                .get("pageBuddy"))).mapping().get(new TlaValue.Int(0)));
        assertEquals("{[pfn |-> 0, order |-> 0], [pfn |-> 1, order |-> 0], [pfn |-> 2, order |-> 0]}",
                r.trace().get(3).variables().get("allocated"));
    }

    @Test
    void deadlock() {
        TlcResult r = Fixtures.parsed("deadlock-exit11");
        assertEquals(TlcOutcome.DEADLOCK_FAILURE, r.outcome());
        assertNull(r.violatedProperty());
        assertEquals("Deadlock reached.", r.problem());
        assertEquals(3, r.trace().size());
        assertEquals("2", r.trace().get(2).variables().get("x"));
    }

    @Test
    void parseErrorIsOneLineNamingModuleAndPosition() {
        TlcResult r = Fixtures.parsed("parse-exit150");
        assertEquals(TlcOutcome.PARSE_FAILURE, r.outcome());
        assertTrue(r.problem().startsWith("parse error in module MCCounterBroken: Encountered \"====\" at line 4,"
                + " column 1"), r.problem());
        assertTrue(r.trace().isEmpty());
        assertNull(r.distinctStates());
    }

    @Test
    void semanticErrorNamesTheUnknownOperator() {
        TlcResult r = Fixtures.parsed("semantic-exit150");
        assertEquals(TlcOutcome.PARSE_FAILURE, r.outcome());
        assertEquals("semantic error in module Sem: Unknown operator: `y'. (line 4, col 13 to line 4, col 13)",
                r.problem());
    }

    @Test
    void simulationCountsGeneratedStatesOnly() {
        TlcResult r = Fixtures.parsed("simulate-exit12");
        assertEquals(TlcOutcome.SAFETY_FAILURE, r.outcome());
        assertEquals("Small", r.violatedProperty());
        assertEquals(10L, r.totalStates());
        assertNull(r.distinctStates(), "TLC prints -1 distinct states when simulating");
        assertNull(r.depth());
        assertEquals(4, r.trace().size());
    }

    @Test
    void invariantViolatedByTheInitialState() {
        TlcResult r = Fixtures.parsed("initial-violation-exit12");
        assertEquals(TlcOutcome.SAFETY_FAILURE, r.outcome());
        assertEquals("Bad0", r.violatedProperty());
        assertEquals("Invariant Bad0 is violated by the initial state", r.problem());
        assertEquals(1, r.trace().size());
        assertTrue(r.trace().get(0).isInitial());
        assertEquals("0", r.trace().get(0).variables().get("x"));
    }

    @Test
    void evaluationErrorGivesCauseAndInnermostPosition() {
        TlcResult r = Fixtures.parsed("evaluation-error-exit75");
        assertEquals(TlcOutcome.ERROR, r.outcome());
        assertEquals(75, r.exitCode());
        assertTrue(r.problem().contains("Cannot cast tlc2.value.impl.StringValue to tlc2.value.impl.IntValue"
                + " (While working on the initial state)"), r.problem());
        assertTrue(r.problem().endsWith(" at Line 9, column 9 to line 9, column 15 in Dead"), r.problem());
        assertTrue(r.trace().isEmpty());
    }

    @Test
    void nestedMessageThatStartsMidLine() {
        TlcResult r = Fixtures.parsed("missing-cfg-exit255");
        assertEquals(TlcOutcome.ERROR, r.outcome());
        assertEquals("TLC encountered the following error when trying to read the configuration file Nope.cfg: "
                + "File not found. (TLC threw an unexpected exception.)", r.problem());
        ToolOutput out = ToolOutput.parse(Fixtures.output("missing-cfg-exit255"));
        ToolMessage wrapper = out.first(1000).orElseThrow();
        assertEquals(List.of(5001), wrapper.nested().stream().map(ToolMessage::code).toList());
        assertTrue(wrapper.body().endsWith("ConfigFileException\n: "), wrapper.body());
    }

    @Test
    void exitCodesMapToOutcomes() {
        assertEquals(TlcOutcome.SUCCESS, TlcOutcome.ofExitCode(0));
        assertEquals(TlcOutcome.DEADLOCK_FAILURE, TlcOutcome.ofExitCode(11));
        assertEquals(TlcOutcome.SAFETY_FAILURE, TlcOutcome.ofExitCode(12));
        assertEquals(TlcOutcome.LIVENESS_FAILURE, TlcOutcome.ofExitCode(13));
        assertEquals(TlcOutcome.PARSE_FAILURE, TlcOutcome.ofExitCode(150));
        assertEquals(TlcOutcome.PARSE_FAILURE, TlcOutcome.ofExitCode(151));
        assertEquals(TlcOutcome.ERROR, TlcOutcome.ofExitCode(75));
        assertEquals(TlcOutcome.ERROR, TlcOutcome.ofExitCode(255));
        assertEquals(TlcOutcome.ERROR, TlcOutcome.ofExitCode(-1));
    }

    @Test
    void finishedTimeInEveryUnitTlcUses() {
        assertEquals(0.835, TlcOutputParser.seconds(msg("Finished in 835ms at (2026-11-22 00:31:07)")), 1e-9);
        assertEquals(5, TlcOutputParser.seconds(msg("Finished in 05s at (2026-11-22 00:31:07)")), 1e-9);
        assertEquals(83, TlcOutputParser.seconds(msg("Finished in 01min 23s at (2026-11-22 00:31:07)")), 1e-9);
        assertEquals(7260, TlcOutputParser.seconds(msg("Finished in 02h 01min at (2026-11-22 00:31:07)")), 1e-9);
        assertEquals(93600, TlcOutputParser.seconds(msg("Finished in 1d 02h at (2026-11-22 00:31:07)")), 1e-9);
    }

    @Test
    void truncatedOutputStillYieldsMessagesAndProgressCounts() {
        String cut = "@!@!@STARTMSG 2185:0 @!@!@\nStarting...\n@!@!@ENDMSG 2185 @!@!@\n"
                + "@!@!@STARTMSG 2200:0 @!@!@\nProgress(3) at now: 1,234 states generated, 1,000 distinct states "
                + "found, 7 states left on queue.\n";
        assertEquals(List.of(2185, 2200), ToolOutput.parse(cut).messages().stream().map(ToolMessage::code).toList());
        TlcResult r = TlcOutputParser.parse(cut, -1, 2.5);
        assertEquals(1234L, r.totalStates());
        assertEquals(1000L, r.distinctStates());
        assertEquals(2.5, r.seconds(), "measured time when TLC did not report its own");
        assertEquals("error (TLC exit code -1)", r.problem());
    }

    private static ToolMessage msg(String body) {
        return new ToolMessage(2186, 0, body + "\n", List.of());
    }
}
