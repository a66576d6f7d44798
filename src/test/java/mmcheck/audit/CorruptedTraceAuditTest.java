package mmcheck.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupted copies of the real kernel traces: each corruption is flagged by TLC with the CompactionObs rule it
 * breaks, on the corrupted line; the clean traces have no violation.
 */
class CorruptedTraceAuditTest {
    static final Path DATA = Path.of("src/test/resources/kernel-traces");
    static final Path COMPACT_MEMORY = DATA.resolve("m512-compact-memory-65pct/trace.txt");
    static final Path THP_DIRECT = DATA.resolve("m512-thp-direct/trace.txt");

    @TempDir
    Path tmp;

    @Test
    void cleanTracesHaveNoViolation() {
        for (Path t : List.of(COMPACT_MEMORY, THP_DIRECT)) {
            Audit a = Audit.of(t, Path.of("."));
            assertEquals(0, a.violations(), t + ": " + a.findings());
            assertTrue(a.traceAudit().runs().stream().allMatch(r -> r.outcome() == AuditedRun.Outcome.OK));
        }
    }

    @Test
    void swappedScannerRangesBreakNonCrossing() throws IOException {
        List<String> lines = Files.readAllLines(COMPACT_MEMORY);
        // a batch after the free scanner's first pageblocks, so both scanners have scanned
        int mig = find(lines, 130, "mm_compaction_isolate_migratepages: range=");
        int free = find(lines, mig, "mm_compaction_isolate_freepages: range=");
        String migRange = range(lines.get(mig));
        String freeRange = range(lines.get(free));
        lines.set(mig, lines.get(mig).replace(migRange, freeRange));
        lines.set(free, lines.get(free).replace(freeRange, migRange));
        Finding f = onlyViolation(write(lines));
        assertEquals("MigrateBelowFreeScanner", f.rule(), f.line());
        assertEquals(mig + 1, f.lines().get(0));
    }

    @Test
    void droppedEndEventIsFlaggedAtTheNextRun() throws IOException {
        List<String> lines = Files.readAllLines(THP_DIRECT);
        int end = find(lines, 100, "mm_compaction_end:");
        int nextSuitable = find(lines, end, "frag-161", "mm_compaction_suitable:");
        lines.remove(end);
        Finding f = onlyViolation(write(lines));
        assertEquals("SuitableOutsideRun", f.rule(), f.line());
        assertEquals(nextSuitable, f.lines().get(0)); // one line earlier once the end is gone
    }

    @Test
    void batchAccountingOffByOne() throws IOException {
        List<String> lines = Files.readAllLines(COMPACT_MEMORY);
        int batch = find(lines, 0, "mm_compaction_migratepages: nr_migrated=32 nr_failed=0");
        lines.set(batch, lines.get(batch).replace("nr_failed=0", "nr_failed=1"));
        Finding f = onlyViolation(write(lines));
        assertEquals("BatchAccounting", f.rule(), f.line());
        assertEquals(batch + 1, f.lines().get(0));
    }

    @Test
    void deferralCounterThatSkips() throws IOException {
        List<String> lines = Files.readAllLines(THP_DIRECT);
        int first = find(lines, 0, "mm_compaction_deferred:");
        int second = find(lines, first + 1, "mm_compaction_deferred:");
        Matcher m = Pattern.compile("consider=(\\d+)").matcher(lines.get(second));
        assertTrue(m.find());
        int c = Integer.parseInt(m.group(1));
        lines.set(second, lines.get(second).replace("consider=" + c, "consider=" + (c + 1)));
        Finding f = onlyViolation(write(lines));
        assertEquals("PrintedCounters", f.rule(), f.line());
        assertEquals(second + 1, f.lines().get(0));
    }

    @Test
    void scannersNotMetAtCompleteBreaksScannersMetAtEnd() throws IOException {
        List<String> lines = Files.readAllLines(COMPACT_MEMORY);
        int end = lines.size() - 1;
        while (!lines.get(end).contains("mm_compaction_end:")) {
            end--;
        }
        assertTrue(lines.get(end).contains("status=complete"), lines.get(end));
        // the free scanner one pageblock above the migrate scanner's: compact_scanners_met() is false
        lines.set(end, lines.get(end).replace("free_pfn=0xb200", "free_pfn=0xb400"));
        Finding f = onlyViolation(write(lines));
        assertEquals("ScannersMetAtEnd", f.rule(), f.line());
    }

    @Test
    void scannersMeetAtPageblockGranularityNotByRawPfn() throws IOException {
        List<String> lines = Files.readAllLines(COMPACT_MEMORY);
        int end = lines.size() - 1;
        while (!lines.get(end).contains("mm_compaction_end:")) {
            end--;
        }
        // free_pfn above migrate_pfn=0xb240 but in its pageblock: compact_scanners_met() is true, status complete
        lines.set(end, lines.get(end).replace("free_pfn=0xb200", "free_pfn=0xb300"));
        Audit a = Audit.of(write(lines), Path.of("."));
        assertEquals(0, a.violations(), String.valueOf(a.findings()));
    }

    @Test
    void aMigrateRangeBackToTheMiddleOfAPageblockBreaksMigrateScannerMonotonic() throws IOException {
        List<String> lines = Files.readAllLines(COMPACT_MEMORY);
        int mig = find(lines, 0, "mm_compaction_isolate_migratepages: range=(0x600 ~ 0x800)");
        // below where the last range ended (0x600), and not where fast_find_migrateblock() could put it
        lines.set(mig, lines.get(mig).replace("range=(0x600 ~", "range=(0x300 ~"));
        Finding f = onlyViolation(write(lines));
        assertEquals("MigrateScannerMonotonic", f.rule(), f.line());
        assertEquals(mig + 1, f.lines().get(0));
    }

    @Test
    void aMigrateRangeBackToAPageblockStartIsFastFindMigrateblocksJump() throws IOException {
        List<String> lines = Files.readAllLines(COMPACT_MEMORY);
        int mig = find(lines, 0, "mm_compaction_isolate_migratepages: range=(0x600 ~ 0x800)");
        // 6.1's fast_find_migrateblock() may return a pageblock below cc->migrate_pfn: no lower bound there
        lines.set(mig, lines.get(mig).replace("range=(0x600 ~", "range=(0x200 ~"));
        Audit a = Audit.of(write(lines), Path.of("."));
        assertEquals(0, a.violations(), String.valueOf(a.findings()));
    }

    @Test
    void aTraceThatStartsInsideARunIsUndecidedNotViolated() throws IOException {
        List<String> lines = Files.readAllLines(COMPACT_MEMORY);
        List<String> cut = new ArrayList<>(lines.subList(0, 12)); // the header
        cut.addAll(lines.subList(100, lines.size())); // from inside the DMA32 run
        Audit a = Audit.of(write(cut), Path.of("."));
        assertEquals(0, a.violations(), String.valueOf(a.findings()));
        assertTrue(a.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.UNDECIDED
                && f.rule().equals("trace start")), String.valueOf(a.findings()));
    }

    private Finding onlyViolation(Path trace) {
        Audit a = Audit.of(trace, Path.of("."));
        List<Finding> v = new ArrayList<>();
        for (Finding f : a.findings()) {
            if (f.kind() == Finding.Kind.VIOLATION) {
                v.add(f);
            }
        }
        assertEquals(1, v.size(), String.valueOf(v));
        return v.get(0);
    }

    private Path write(List<String> lines) throws IOException {
        Path p = tmp.resolve("trace.txt");
        Files.write(p, lines);
        return p;
    }

    private static int find(List<String> lines, int from, String... parts) {
        for (int i = from; i < lines.size(); i++) {
            int k = i;
            if (List.of(parts).stream().allMatch(p -> lines.get(k).contains(p))) {
                return i;
            }
        }
        throw new AssertionError("no line with " + List.of(parts) + " after " + from);
    }

    private static String range(String line) {
        Matcher m = Pattern.compile("range=\\(0x[0-9a-f]+ ~ 0x[0-9a-f]+\\)").matcher(line);
        assertTrue(m.find(), line);
        return m.group();
    }

}
