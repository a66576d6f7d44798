package mmcheck.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import mmcheck.cli.Main;

/**
 * {@code ./check.sh audit TRACE --map}: an engine trace written with --page-states is drawn page by page (before and
 * after, in the counterexample map's characters, the scanners' final positions marked); a trace without page states
 * keeps the per-pageblock map alone.
 */
class AuditTextMapTest {
    /** The counterexample map's character for each page-state letter, spelled out here so a drift shows. */
    private static final Map<Character, Character> CHARACTER = Map.of('a', '0', 'b', '1', 'c', '2', 'd', '3',
            'm', 'M', 'u', 'U', 'r', 'R', 'o', 'A', 'i', 'I', 'x', '?');
    private static final Pattern STATES = Pattern.compile("mmcheck_page_states: when=(\\w+) base=0x0 states=(\\S+)");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private List<String> auditMap(Path dir, boolean pageStates) {
        Path trace = dir.resolve("trace.txt");
        List<String> compact = new ArrayList<>(List.of("compact", "--pages", "4096", "--fragment", "50", "--order",
                "-1", "--trace", trace.toString()));
        if (pageStates) {
            compact.add("--page-states");
        }
        assertEquals(0, run(compact.toArray(String[]::new)), err.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("audit", trace.toString(), "--map"), out + err.toString());
        return out.toString().lines().toList();
    }

    @Test
    void pageStatesTrace_mapDrawsBeforeAndAfterPagesAndTheScanners(@TempDir Path dir) throws Exception {
        List<String> lines = auditMap(dir, true);
        String header = line(lines, "page states:");
        assertTrue(header.contains("one character per 43 pages") && header.contains(CounterexampleMap.PAGE_LEGEND),
                "4096 pages in at most 96 columns, the counterexample map's legend: " + header);
        String trace = Files.readString(dir.resolve("trace.txt"));
        Matcher m = STATES.matcher(trace);
        int marks = 0;
        while (m.find()) {
            marks++;
            String pages = PageStates.decode(m.group(2));
            assertEquals(4096, pages.length());
            String row = cells(line(lines, "pages " + m.group(1) + " "));
            assertEquals(96, row.length(), row);
            for (int c = 0; c < row.length(); c++) {
                assertEquals((char) CHARACTER.get(pages.charAt(c * 43)), row.charAt(c),
                        m.group(1) + " cell " + c + " is pfn " + c * 43 + "'s state: " + row);
            }
        }
        assertEquals(2, marks, "a before and an after mark in the trace");
        String before = cells(line(lines, "pages before"));
        String after = cells(line(lines, "pages after"));
        assertTrue(count(after, '3') > count(before, '3') + 20,
                "whole-zone compaction gathers free pages into blocks of order 3 or more:\n" + before + "\n" + after);
        String scanners = line(lines, "run 1 scanners at end");
        Matcher pfns = Pattern.compile("migrate_pfn 0x(\\p{XDigit}+) free_pfn 0x(\\p{XDigit}+)").matcher(scanners);
        assertTrue(pfns.find(), scanners);
        String marksRow = cells(scanners);
        assertEquals(Long.parseLong(pfns.group(1), 16) / 43, marksRow.indexOf('>'), marksRow);
        assertEquals(Long.parseLong(pfns.group(2), 16) / 43, marksRow.indexOf('<'), marksRow);
        assertEquals(2, marksRow.chars().filter(c -> c != ' ').count(), marksRow);
        assertTrue(line(lines, "  1 Normal").contains("|"), "the per-pageblock run line stays");
    }

    @Test
    void traceWithoutPageStates_keepsThePerPageblockMap(@TempDir Path dir) {
        List<String> lines = auditMap(dir, false);
        line(lines, "memory map: one line per run");
        String run = cells(line(lines, "  1 Normal"));
        assertEquals(8, run.length(), "one character per pageblock of 512 pages: " + run);
        assertTrue(run.matches("[.mMfF><]+") && (run.contains(">") || run.contains("<")), run);
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("page states:") || l.startsWith("pages ")),
                String.join("\n", lines));
    }

    private static String line(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + prefix + " in\n" + String.join("\n", lines)));
    }

    private static String cells(String line) {
        return line.substring(line.indexOf('|') + 1, line.lastIndexOf('|'));
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }
}
