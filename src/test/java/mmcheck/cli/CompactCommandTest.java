package mmcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code mmcheck compact} and {@code mmcheck scenario}: output in the kernel's formats, one-line errors. */
class CompactCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), List.of());
    }

    @Test
    void compact_printsBuddyinfoExtfragAndCounters_andWritesAKernelTrace(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("trace.txt");
        assertEquals(0, run("compact", "--pages", "16384", "--fragment", "50", "--order", "-1", "--trace",
                trace.toString()));
        String o = out.toString();
        assertTrue(o.contains("result=COMPACT_COMPLETE"), o);
        assertTrue(o.matches("(?s).*after: /proc/buddyinfo\nNode 0, zone   Normal( +\\d+){11} \n.*"), o);
        assertTrue(o.contains("compact_migrate_scanned "), o);
        List<String> lines = Files.readAllLines(trace);
        assertTrue(lines.get(0).endsWith("mm_compaction_suitable: node=0 zone=Normal   order=-1 ret=continue"),
                lines.get(0));
        assertTrue(lines.get(lines.size() - 1).contains("mm_compaction_end: zone_start=0x0 "), lines.get(lines.size() - 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--pages 10 --fragment 50 --order 0", "--pages 4096 --fragment 101 --order 0",
        "--pages 4096 --fragment 50 --order 11", "--pages 4096 --fragment 50 --order 3 --mode fast",
        "--pages 4096 --fragment 50"})
    void compact_badInput_isOneLineAndExit2(String args) {
        assertEquals(2, run(("compact " + args).split(" ")));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("mmcheck compact: "), err.toString());
    }

    @Test
    void scenario_unknownName_isOneLineAndExit2() {
        assertEquals(2, run("scenario", "nope"));
        assertEquals("mmcheck scenario: unknown scenario 'nope' (known: compaction_test, gorman, "
                + "m512-compact-memory-65pct, m512-thp-direct)\n", err.toString());
    }
}
