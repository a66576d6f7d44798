package mmcheck.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import mmcheck.cli.Main;

/** zoneinfo in the snapshot audit: impossible zones are violations, files read at different moments are notes. */
class ZoneinfoAuditTest {
    static final Path DATASET = Path.of("src/test/resources/kernel-traces/m512-thp-direct");

    @TempDir
    Path tmp;

    private static List<Finding> zoneinfoFindings(SnapshotAudit a) {
        return a.findings().stream().filter(f -> f.rule().startsWith("zoneinfo")).toList();
    }

    private static List<Finding> zoneinfoFindings(SnapshotAudit a, String zone) {
        return zoneinfoFindings(a).stream().filter(f -> f.where().endsWith("zone " + zone)).toList();
    }

    /**
     * No zone of the real snapshots is impossible; where buddyinfo disagrees with zoneinfo (DMA32 of before/ and
     * fragmented/: 31 and 61 pages, read apart and through NR_FREE_PAGES's per-cpu lag) it is a note naming both.
     */
    @Test
    void realSnapshots_haveNoImpossibleZone_andTheirDisagreementsAreNotes() {
        SnapshotAudit a = new SnapshotAudit().run(List.of(DATASET.resolve("before"), DATASET.resolve("fragmented"),
                DATASET.resolve("after")), 512);
        List<Finding> f = zoneinfoFindings(a);
        assertEquals(2, f.size(), f.toString());
        for (Finding n : f) {
            assertEquals(Finding.Kind.NOTE, n.kind(), n.line());
            assertEquals("zoneinfo zoneinfo=buddyinfo", n.rule());
            assertTrue(n.what().contains("zoneinfo.txt") && n.what().contains("buddyinfo.txt"), n.what());
        }
        assertEquals(List.of(), zoneinfoFindings(a, "DMA"));
        // three snapshots of five zones: self-consistency, zones apart, buddyinfo and pagetypeinfo
        assertTrue(a.checks() >= 3 * 5 * 3, "checks " + a.checks());
    }

    @Test
    void presentAboveSpanned_isAViolation_andTheAuditExitsOne() throws IOException {
        Path copy = copyDataset();
        replace(copy.resolve("before/zoneinfo.txt"), "        present  3998", "        present  5000");
        List<Finding> f = zoneinfoFindings(new SnapshotAudit().run(List.of(copy.resolve("before")), 512), "DMA");
        assertEquals(1, f.size(), f.toString());
        assertEquals(Finding.Kind.VIOLATION, f.get(0).kind());
        assertEquals("zoneinfo present <= spanned", f.get(0).rule());
        assertTrue(f.get(0).line().contains("snapshot before zone DMA line 1"), f.get(0).line());

        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"audit", copy.toString()}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));
        assertEquals(1, code, out.toString());
        assertTrue(out.toString().contains("[zoneinfo present <= spanned]"), out.toString());
    }

    @Test
    void overlappingZonesAndWatermarksOutOfOrder_areViolations() throws IOException {
        Path copy = copyDataset();
        replace(copy.resolve("before/zoneinfo.txt"), "  start_pfn:           4096", "  start_pfn:           4000");
        replace(copy.resolve("before/zoneinfo.txt"), "        low      6981", "        low      9000");
        List<String> rules = zoneinfoFindings(new SnapshotAudit().run(List.of(copy.resolve("before")), 512))
                .stream().filter(f -> f.kind() == Finding.Kind.VIOLATION).map(f -> f.kind() + " " + f.rule())
                .toList();
        assertEquals(List.of("VIOLATION zoneinfo min <= low <= high", "VIOLATION zoneinfo zones apart"), rules);
    }

    @Test
    void buddyinfoReadAtAnotherMoment_isANoteNamingTheFiles_andTheExitStaysZero() throws IOException {
        Path copy = copyDataset();
        replace(copy.resolve("before/buddyinfo.txt"), "Node 0, zone      DMA      0      0      0",
                "Node 0, zone      DMA      2      0      0");
        List<Finding> f = zoneinfoFindings(new SnapshotAudit().run(List.of(copy.resolve("before")), 512), "DMA");
        assertEquals(1, f.size(), f.toString());
        assertEquals(Finding.Kind.NOTE, f.get(0).kind());
        assertTrue(f.get(0).what().contains("zoneinfo.txt 'pages free' 3808 but buddyinfo.txt sums to 3810"),
                f.get(0).what());

        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"audit", copy.toString()}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));
        assertEquals(0, code, out.toString());
    }

    @Test
    void unparsableZoneinfo_isOneLineAndExitTwo() throws IOException {
        Path copy = copyDataset();
        replace(copy.resolve("after/zoneinfo.txt"), "        spanned  4095", "        spanned  40x5");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"audit", copy.toString()}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
        assertEquals(2, code, err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains("after/zoneinfo.txt:51: spanned '40x5' is not a number"), err.toString());
    }

    private Path copyDataset() throws IOException {
        Path dst = tmp.resolve("m512-thp-direct");
        try (Stream<Path> all = Files.walk(DATASET)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path to = dst.resolve(DATASET.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return dst;
    }

    private static void replace(Path f, String from, String to) throws IOException {
        String s = Files.readString(f);
        assertTrue(s.contains(from), f + " lacks '" + from + "'");
        Files.writeString(f, s.replaceFirst(java.util.regex.Pattern.quote(from), to));
    }
}
