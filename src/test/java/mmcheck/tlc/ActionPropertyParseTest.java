package mmcheck.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** TLC names a violated action property (a refinement) by its location, which has spaces in it. */
class ActionPropertyParseTest {
    @Test
    void parse_actionPropertyViolated_keepsTheWholeLocation() {
        String raw = "@!@!@STARTMSG 2112:1 @!@!@\n"
                + "Action property line 88, col 17 to line 88, col 31 of module ProcessMemory is violated.\n"
                + "@!@!@ENDMSG 2112 @!@!@\n";
        TlcResult r = TlcOutputParser.parse(raw, 13, 1.0);
        assertEquals(TlcOutcome.LIVENESS_FAILURE, r.outcome());
        assertEquals("line 88, col 17 to line 88, col 31 of module ProcessMemory", r.violatedProperty());
    }
}
