package mmcheck.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

import mmcheck.cli.Main;

/** ./check.sh tlc MODEL --map: the seeded bug's counterexample as a text memory map, the invariant's cells marked. */
class CounterexampleMapTest {
    @Test
    void seededBugMapMarksTheBuddiesThatShouldHaveMerged() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"tlc", "MCBuddyBugMergeEarly", "--workers", "1", "--map"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        List<String> lines = out.toString().lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("memory map:")).findFirst().orElseThrow());
        assertEquals("         1234567  pfn mod 10", lines.get(header + 1), "one character per pfn 1..7");
        String last = lines.get(lines.size() - 2);
        String marks = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("step ") && last.contains("FreeOnePage"), last);
        assertTrue(marks.endsWith("MaximalCoalescingInv"), marks);
        String cells = last.substring(9, 16);
        String hit = marks.substring(9, 16);
        for (int k = 0; k < 7; k++) {
            if (hit.charAt(k) == '^') {
                assertTrue(Character.isDigit(cells.charAt(k)), "only free cells are marked: " + cells + " / " + hit);
            }
        }
        assertTrue(hit.chars().filter(c -> c == '^').count() >= 2, hit);
    }
}
