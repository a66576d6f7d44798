package mmcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** replay never claims every reachable state when it visited fewer, and refuses a bound that visits none. */
class ReplayCommandTest {

    private static List<String> run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return List.of(Integer.toString(status), out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1"})
    void replay_nonPositiveMaxStates_oneLineExit2(String n) {
        List<String> r = run("replay", "--model", "MCBuddySmall", "--max-states", n);
        assertEquals("2", r.get(0), r.toString());
        assertEquals("mmcheck replay: --max-states must be positive, got " + n, r.get(2).strip());
        assertEquals("", r.get(1));
    }

    @Test
    void replay_cutShort_saysSoAndClaimsNoWhole() {
        List<String> r = run("replay", "--model", "MCBuddySmall", "--max-states", "10");
        assertEquals("0", r.get(0), r.toString());
        assertTrue(r.get(1).contains("states visited    10"), r.get(1));
        assertTrue(r.get(1).contains("CUT SHORT: no mismatch in the 10 states visited"), r.get(1));
        assertFalse(r.get(1).contains("every reachable state\n"), r.get(1));
    }

    @Test
    void replay_wholeModel_claimsEveryReachableState() {
        List<String> r = run("replay", "--model", "MCBuddySmall");
        assertEquals("0", r.get(0), r.toString());
        assertTrue(r.get(1).contains("OK: the engine conforms on every reachable state"), r.get(1));
    }
}
