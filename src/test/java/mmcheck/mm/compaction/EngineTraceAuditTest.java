package mmcheck.mm.compaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import mmcheck.cli.Main;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.migrate.MigrateMode;
import mmcheck.sim.FragmentedZone;

/**
 * The engine's own tracepoint output is a behaviour of CompactionObs: {@code mmcheck compact --trace FILE} then
 * {@code mmcheck audit FILE} finds nothing, and a seeded-bug engine's trace is flagged by the rule its bug breaks.
 */
class EngineTraceAuditTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void compactTraces_auditClean(@TempDir Path dir) {
        String[][] runs = {{"-1", "sync"}, {"9", "async"}, {"4", "sync"}};
        for (String[] r : runs) {
            Path trace = dir.resolve("trace" + r[0] + r[1] + ".txt");
            assertEquals(0, run("compact", "--pages", "4096", "--fragment", "50", "--order", r[0], "--mode", r[1],
                    "--trace", trace.toString()), err.toString());
            out.getBuffer().setLength(0);
            int rc = run("audit", trace.toString());
            String o = out.toString();
            assertEquals(0, rc, "order " + r[0] + " " + r[1] + ":\n" + o + err);
            assertTrue(o.contains("OK: 0 violations, 0 undecided"), o);
            assertTrue(o.matches("(?s).*runs +1: 1 OK, 0 with a violation, 0 undecided.*"), o);
        }
    }

    /**
     * With --page-states the engine's trace carries every page's state before and after the run, and the audit page
     * draws them: one cell per page, free blocks of order 3 or more grown by the compaction.
     */
    @Test
    void enginePageStates_areDrawnByTheAuditPage(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("trace.txt");
        Path page = dir.resolve("audit.html");
        assertEquals(0, run("compact", "--pages", "4096", "--fragment", "50", "--order", "-1", "--trace",
                trace.toString(), "--page-states"), err.toString());
        assertEquals(0, run("audit", trace.toString(), "--html", page.toString()), out.toString() + err);
        String html = Files.readString(page);
        String before = pageRow(html, "before");
        String after = pageRow(html, "after");
        assertEquals(4096, count(before, "<rect class=\"cell "), "one cell per page");
        assertEquals(4096, count(after, "<rect class=\"cell "), "one cell per page");
        int allocated = count(before, "cell alloc-movable");
        assertTrue(allocated > 1500 && allocated < 2600, "about half of the zone allocated, movable: " + allocated);
        assertEquals(allocated, count(after, "cell alloc-movable"), "compaction moves pages, it does not free them");
        assertTrue(count(after, "cell free-o3") > count(before, "cell free-o3") + 1000,
                "whole-zone compaction gathers the free pages into large blocks");
        assertEquals(2, run("compact", "--pages", "4096", "--fragment", "50", "--order", "-1", "--page-states"));
    }

    private static String pageRow(String html, String when) {
        int i = html.indexOf("id=\"pages-" + when + "\"");
        assertTrue(i >= 0, "no page row " + when);
        return html.substring(i, html.indexOf("</svg>", i));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /**
     * isolate_freepages() with its lower limit at the start of the migrate scanner's pageblock instead of its end:
     * the free scanner's trace enters the pageblock the migrate scanner is in, which CompactionObs's
     * FreeAboveMigrateScanner (compact_scanners_met() at pageblock granularity) refuses.
     */
    @Test
    void seededBugEngineTrace_isFlaggedByTheRuleItBreaks(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("mutant.txt");
        MmGeometry g = MmGeometry.linux(0, 4096);
        PageAlloc pa = new PageAlloc(FragmentedZone.build(g, 50, 1));
        AtomicMigration migration = new AtomicMigration(pa);
        Compaction mutant = CompactionMutant.FREE_SCANNER_ENTERS_MIGRATE_BLOCK.build(pa, migration);
        try (BufferedWriter w = Files.newBufferedWriter(trace, StandardCharsets.UTF_8)) {
            FtraceWriter tracer = new FtraceWriter(w).task("mutant", 7, 0);
            mutant.setTracer(tracer);
            mutant.compactZone(CompactControl.builder(-1, MigrateMode.MIGRATE_SYNC).wholeZone(true)
                    .ignoreSkipHint(true).build());
        }
        int rc = run("audit", trace.toString());
        String o = out.toString();
        assertEquals(1, rc, o + err);
        List<String> violations = o.lines().filter(l -> l.contains("VIOLATION")).toList();
        assertTrue(!violations.isEmpty(), o);
        assertTrue(violations.get(0).contains("FreeAboveMigrateScanner"), violations.get(0));
    }
}
