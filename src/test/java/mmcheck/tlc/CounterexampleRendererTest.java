package mmcheck.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CounterexampleRendererTest {
    @Test
    void safetyFailureShowsStepsChangesAndTheInvariant() {
        String expected = """
                counterexample (safety failure), 4 states
                step 1  Initial predicate
                  pageBuddy = (0 :> FALSE @@ 1 :> FALSE @@ 2 :> FALSE @@ 3 :> FALSE @@ 4 :> FALSE @@ 5 :> FALSE)
                  freeList = (0 :> [MIGRATE_UNMOVABLE |-> {}, MIGRATE_MOVABLE |-> {}] @@ 1 :> [MIGRATE_UNMOVABLE |-> {}, MIGRATE_MOVABLE |-> {}])
                  x = 0
                  allocated = {}
                step 2  Inc  at line 17, col 11 of module Counter
                  pageBuddy[0]: FALSE -> TRUE
                  freeList[0]["MIGRATE_MOVABLE"]: +{0} -{}
                  x: 0 -> 1
                  allocated: +{[pfn |-> 0, order |-> 0]} -{}
                step 3  Inc  at line 17, col 11 of module Counter
                  pageBuddy[1]: FALSE -> TRUE
                  freeList[0]["MIGRATE_MOVABLE"]: +{1} -{}
                  x: 1 -> 2
                  allocated: +{[pfn |-> 1, order |-> 0]} -{}
                step 4  Inc  at line 17, col 11 of module Counter
                  pageBuddy[2]: FALSE -> TRUE
                  freeList[0]["MIGRATE_MOVABLE"]: +{2} -{}
                  x: 2 -> 3
                  allocated: +{[pfn |-> 2, order |-> 0]} -{}
                violated invariant: Small
                """;
        assertEquals(expected, CounterexampleRenderer.render(Fixtures.parsed("safety-exit12")));
    }

    @Test
    void deadlockEndsWithTheStuckState() {
        String text = CounterexampleRenderer.render(Fixtures.parsed("deadlock-exit11"));
        assertEquals("deadlock: no action is enabled in state 3", text.lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void nothingToRenderWithoutATrace() {
        assertEquals("", CounterexampleRenderer.render(Fixtures.parsed("success-exit0")));
    }

    @Test
    void unparsableValuesFallBackToTextAndStutteringIsSaid() {
        TraceState s1 = new TraceState(1, TraceState.INITIAL, "", Map.of("v", "[x \\in S |-> 1]", "w", "1"));
        TraceState s2 = new TraceState(2, "Step", "", Map.of("v", "[x \\in T |-> 1]", "w", "1"));
        TraceState s3 = new TraceState(3, "Idle", "", Map.of("v", "[x \\in T |-> 1]", "w", "1"));
        TlcResult r = new TlcResult(TlcOutcome.ERROR, 75, null, null, null, null, 1, List.of(s1, s2, s3),
                "boom", "");
        String text = CounterexampleRenderer.render(r);
        assertEquals(List.of("step 2  Step", "  v: [x \\in S |-> 1] -> [x \\in T |-> 1]", "step 3  Idle",
                "  (no variable changed)", "error: boom"), text.lines().skip(4).toList());
    }
}
