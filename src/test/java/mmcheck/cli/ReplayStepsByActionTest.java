package mmcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * replay prints the engine steps it checked per spec action, as refine does: one count per action of the binding's
 * Next that ran, summing to the engine runs it reports (MCBuddySmall has no drivers).
 */
class ReplayStepsByActionTest {
    private static final Pattern RUNS = Pattern.compile("transitions\\s+\\d+ spec successors; (\\d+) engine runs");

    @Test
    void replay_printsStepsCheckedPerAction_summingToTheEngineRuns() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new String[] {"replay", "--model", "MCBuddySmall", "--max-states", "40"},
                new PrintWriter(out), new PrintWriter(err));
        String text = out.toString();
        assertEquals(0, status, text + err);
        Map<String, Long> perAction = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            if (line.strip().startsWith("actions checked")) {
                for (String item : line.strip().substring("actions checked".length()).split(",")) {
                    String[] w = item.strip().split("\\s+");
                    perAction.put(w[0], Long.parseLong(w[1]));
                }
            }
        }
        assertEquals(java.util.Set.of("RmqueueSmallest", "RmqueueFallback", "FreeOnePage", "SetMigratetypeIsolate",
                "UnsetMigratetypeIsolate"), perAction.keySet(), text);
        perAction.forEach((a, n) -> assertTrue(n > 0, a + " " + n));
        Matcher m = RUNS.matcher(text);
        assertTrue(m.find(), text);
        assertEquals(Long.parseLong(m.group(1)), perAction.values().stream().mapToLong(Long::longValue).sum(), text);
    }
}
