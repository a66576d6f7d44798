package mmcheck.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import mmcheck.cli.Main;

/** The audit subcommand's exit statuses and output on the real datasets and on bad input. */
class AuditCommandTest {
    @TempDir
    Path tmp;

    private int run(StringWriter out, StringWriter err, String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void datasetAuditsCleanWithEveryRunAccountedFor() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "audit", "src/test/resources/kernel-traces/m512-thp-direct", "--map");
        assertEquals(0, code, out + "\n" + err);
        String text = out.toString();
        assertTrue(text.contains("1290 events parsed"), text);
        assertTrue(text.contains("runs         23: 23 OK, 0 with a violation, 0 undecided"), text);
        assertTrue(text.contains("vmstat       16 of 16 checks passed"), text);
        assertTrue(text.contains("result       OK: 0 violations"), text);
        assertTrue(text.contains("memory map: one line per run"), text);
    }

    @Test
    void unparsableTraceIsOneLineAndExitTwo() throws Exception {
        Path bad = tmp.resolve("trace.txt");
        Files.writeString(bad, "# tracer: nop\nthis is not ftrace\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(2, run(out, err, "audit", bad.toString()));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains(bad + ":2: not an ftrace line"), err.toString());
    }

    @Test
    void missingInputIsExitTwo() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(2, run(out, err, "audit", tmp.resolve("nothing").toString()));
        assertTrue(err.toString().contains("no such file"), err.toString());
    }

    @Test
    void aViolationIsExitOne() throws Exception {
        String text = Files.readString(Path.of("src/test/resources/kernel-traces/m512-compact-memory-65pct/trace.txt"))
                .replaceFirst("nr_migrated=32 nr_failed=0", "nr_migrated=31 nr_failed=0");
        Path t = tmp.resolve("trace.txt");
        Files.writeString(t, text);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(1, run(out, err, "audit", t.toString()));
        assertTrue(out.toString().contains("[BatchAccounting]"), out.toString());
    }
}
