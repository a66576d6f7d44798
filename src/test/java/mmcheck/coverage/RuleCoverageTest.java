package mmcheck.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import mmcheck.tlc.TlcInvocation;
import mmcheck.tlc.TlcOutcome;
import mmcheck.tlc.TlcResult;
import mmcheck.tlc.TlcRunner;

/**
 * Rule counts read off TLC's -coverage for a spec counted by hand (Tiny.tla: x \in 0..3; Inc == x &lt; 3 /\ Guard(x)
 * /\ x' = IF x = 2 THEN 0 ELSE x + 1): x &lt; 3 holds for 0, 1, 2 and fails for 3; Guard(x) holds only for 2; the
 * IF takes THEN once and never ELSE, which is the one unreached rule.
 */
class RuleCoverageTest {
    private static final Path DIR = Path.of("src", "test", "resources", "coverage");

    @Test
    void tinySpec_countsMatchTheHandCount() throws Exception {
        Path module = DIR.resolve("Tiny.tla");
        TlcResult r = new TlcRunner().run(TlcInvocation.exhaustive(module, DIR.resolve("Tiny.cfg"), 1, List.of()),
                CoverageRun.TLC_ARGS);
        // check runs every model this way: the coverage report must not disturb the verdict or the counts.
        assertEquals(TlcOutcome.SUCCESS, r.outcome(), r.problem());
        assertEquals(4, r.distinctStates());
        RuleCoverage c = new RuleCoverage();
        c.add("Tiny", RuleCatalog.load(module, List.of(), "Next"), TlcCoverage.parse(r.output()));
        Map<String, RuleCount> byId = c.rules().stream().collect(Collectors.toMap(RuleCount::id, x -> x));

        RuleCount bound = byId.get("Inc: /\\ x < 3");
        assertEquals(List.of(4L, 3L, 1L), List.of(bound.evaluated(), bound.held(), bound.failed()), bound.toString());
        RuleCount guard = byId.get("Inc: /\\ Guard(x)");
        assertEquals(List.of(3L, 1L, 2L), List.of(guard.evaluated(), guard.held(), guard.failed()), guard.toString());
        assertEquals(1L, byId.get("Inc: THEN x = 2").held());
        assertEquals(List.of("Inc: ELSE x = 2"), c.unreached().stream().map(RuleCount::id).toList());
        assertEquals(List.of("Inc"), c.actionNames());
        assertEquals(1L, c.tlcActions().get("Inc").total(), "one successor state: x = 2 goes to 0");
    }

    /**
     * TinyCase.tla: Step == x' = CASE x = 0 -> 1 [] x = 7 -> 0 [] x = 1 -> 2 [] x = 2 -> 0. TLC counts no constant value, so
     * an arm is taken as often as its guard was tried less the next arm's tries; x = 7 is tried twice, never taken.
     */
    @Test
    void caseArms_withUncountedValues_areTakenAsTheNextArmsTriesSay() throws Exception {
        Path module = DIR.resolve("TinyCase.tla");
        TlcResult r = new TlcRunner().run(
                TlcInvocation.exhaustive(module, DIR.resolve("TinyCase.cfg"), 1, List.of()), CoverageRun.TLC_ARGS);
        assertEquals(TlcOutcome.SUCCESS, r.outcome(), r.problem());
        RuleCoverage c = new RuleCoverage();
        c.add("TinyCase", RuleCatalog.load(module, List.of(), "Next"), TlcCoverage.parse(r.output()));
        Map<String, RuleCount> byId = c.rules().stream().collect(Collectors.toMap(RuleCount::id, x -> x));
        assertEquals(Set.of("Step: CASE x = 0", "Step: CASE x = 7", "Step: CASE x = 1", "Step: CASE x = 2"),
                byId.keySet());

        assertEquals(List.of(3L, 1L), List.of(byId.get("Step: CASE x = 0").evaluated(),
                byId.get("Step: CASE x = 0").held()));
        assertEquals(List.of(2L, 0L), List.of(byId.get("Step: CASE x = 7").evaluated(),
                byId.get("Step: CASE x = 7").held()));
        assertEquals(1L, byId.get("Step: CASE x = 1").held());
        assertEquals(1L, byId.get("Step: CASE x = 2").held());
        assertEquals(List.of("Step: CASE x = 7"), c.unreached().stream().map(RuleCount::id).toList());
    }

    @Test
    void parse_outputWithoutACoverageReport_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlcCoverage.parse("Model checking completed. No error has been found.\n"));
        assertTrue(e.getMessage().contains("no coverage report"), e.getMessage());
    }

    @Test
    void parse_sumsOneExpressionOverActionsAndSkipsInvariants() {
        String out = String.join("\n",
                "The coverage statistics at 2026-12-03 14:52:37",
                "<A line 1, col 1 to line 1, col 1 of module M>: 2:5",
                "  line 3, col 1 to line 3, col 4 of module M: 7",
                "<B line 2, col 1 to line 2, col 1 of module M>: 1:1",
                "  |line 3, col 1 to line 3, col 4 of module M: 3:40",
                "<Inv line 9, col 1 to line 9, col 3 of module M>",
                "  line 3, col 1 to line 3, col 4 of module M: 100");
        TlcCoverage c = TlcCoverage.parse(out);
        assertEquals(10, c.evaluations("line 3, col 1 to line 3, col 4 of module M"));
        assertEquals(new TlcCoverage.ActionFigures(2, 5), c.action("A"));
    }
}
