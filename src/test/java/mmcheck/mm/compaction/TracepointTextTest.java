package mmcheck.mm.compaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import mmcheck.mm.MmGeometry;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.sim.FragmentedZone;
import org.junit.jupiter.api.Test;

/**
 * The engine's tracepoint text is the kernel's: every compaction and migration line of the two real 6.1 traces
 * (copied into test resources) is parsed into its values and printed again by {@link TracepointText}, which must give
 * the same bytes; the engine's own trace lines parse with the same rules.
 */
class TracepointTextTest {

    static final String[] DATASETS = {"m512-compact-memory-65pct", "m512-thp-direct"};

    static List<String> lines(String dataset) throws IOException {
        try (InputStream in = TracepointTextTest.class.getResourceAsStream("/compaction/" + dataset + "/trace.txt")) {
            assertNotNull(in, dataset);
            return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
    }

    private static final Pattern ISOLATE = Pattern.compile(
            "range=\\(0x([0-9a-f]+) ~ 0x([0-9a-f]+)\\) nr_scanned=(\\d+) nr_taken=(\\d+)");
    private static final Pattern BEGIN = Pattern.compile(
            "zone_start=0x([0-9a-f]+) migrate_pfn=0x([0-9a-f]+) free_pfn=0x([0-9a-f]+) zone_end=0x([0-9a-f]+), "
                    + "mode=(sync|async)( status=(\\w+))?");
    private static final Pattern ZONE_RET = Pattern.compile("node=(\\d+) zone=(\\S+) *order=(-?\\d+) ret=(\\w+)");
    private static final Pattern DEFER = Pattern.compile(
            "node=(\\d+) zone=(\\S+) *order=(-?\\d+) order_failed=(-?\\d+) consider=(\\d+) limit=(\\d+)");
    private static final Pattern MIGRATEPAGES = Pattern.compile("nr_migrated=(\\d+) nr_failed=(\\d+)");
    private static final Pattern MIGRATE_PAGES = Pattern.compile("nr_succeeded=(\\d+) nr_failed=(\\d+) "
            + "nr_thp_succeeded=(\\d+) nr_thp_failed=(\\d+) nr_thp_split=(\\d+) mode=(\\w+) reason=(\\w+)");
    private static final Pattern START = Pattern.compile("mode=(\\w+) reason=(\\w+)");
    private static final Pattern NID = Pattern.compile("nid=(\\d+)");
    private static final Pattern TRY = Pattern.compile("order=(-?\\d+) gfp_mask=(\\S+) priority=(\\d+)");

    /** The event's text printed again from the values parsed out of it; null for an event we do not print. */
    static String reprint(FtraceLine l) {
        String f = l.fields();
        Matcher m;
        switch (l.event()) {
            case "mm_compaction_isolate_migratepages", "mm_compaction_isolate_freepages" -> {
                m = match(ISOLATE, f);
                return TracepointText.isolate(hex(m, 1), hex(m, 2), dec(m, 3), dec(m, 4));
            }
            case "mm_compaction_begin" -> {
                m = match(BEGIN, f);
                return TracepointText.begin(hex(m, 1), hex(m, 2), hex(m, 3), hex(m, 4), m.group(5).equals("sync"));
            }
            case "mm_compaction_end" -> {
                m = match(BEGIN, f);
                return TracepointText.end(hex(m, 1), hex(m, 2), hex(m, 3), hex(m, 4), m.group(5).equals("sync"),
                        CompactResult.fromTraceName(m.group(7)));
            }
            case "mm_compaction_suitable", "mm_compaction_finished" -> {
                m = match(ZONE_RET, f);
                return TracepointText.suitable((int) dec(m, 1), m.group(2), (int) dec(m, 3),
                        CompactResult.fromTraceName(m.group(4)));
            }
            case "mm_compaction_defer_compaction", "mm_compaction_deferred", "mm_compaction_defer_reset" -> {
                m = match(DEFER, f);
                return TracepointText.defer((int) dec(m, 1), m.group(2), (int) dec(m, 3), (int) dec(m, 4), dec(m, 5),
                        dec(m, 6));
            }
            case "mm_compaction_migratepages" -> {
                m = match(MIGRATEPAGES, f);
                return TracepointText.migratepages(dec(m, 1), dec(m, 2));
            }
            case "mm_migrate_pages" -> {
                m = match(MIGRATE_PAGES, f);
                return TracepointText.migratePages(dec(m, 1), dec(m, 2), dec(m, 3), dec(m, 4), dec(m, 5), m.group(6),
                        m.group(7));
            }
            case "mm_migrate_pages_start" -> {
                m = match(START, f);
                return TracepointText.migratePagesStart(m.group(1), m.group(2));
            }
            case "mm_compaction_kcompactd_sleep" -> {
                m = match(NID, f);
                return TracepointText.kcompactdSleep((int) dec(m, 1));
            }
            case "mm_compaction_try_to_compact_pages" -> {
                m = match(TRY, f);
                return TracepointText.tryToCompactPages((int) dec(m, 1), m.group(2), (int) dec(m, 3));
            }
            default -> {
                return null;
            }
        }
    }

    private static Matcher match(Pattern p, String s) {
        Matcher m = p.matcher(s);
        assertTrue(m.matches(), () -> "'" + s + "' does not match " + p);
        return m;
    }

    private static long hex(Matcher m, int g) {
        return Long.parseLong(m.group(g), 16);
    }

    private static long dec(Matcher m, int g) {
        return Long.parseLong(m.group(g));
    }

    @Test
    void reprint_everyKernelLine_isByteIdentical() throws IOException {
        Map<String, Integer> checked = new TreeMap<>();
        for (String dataset : DATASETS) {
            for (String line : lines(dataset)) {
                FtraceLine l = FtraceLine.parse(line);
                if (l == null) {
                    continue;
                }
                String again = reprint(l);
                if (again == null) {
                    continue;
                }
                assertEquals(l.fields(), again, dataset + ": " + line);
                checked.merge(l.event(), 1, Integer::sum);
            }
        }
        // Every event the engine prints and the kernel traces recorded is among those checked.
        for (String e : List.of("mm_compaction_begin", "mm_compaction_end", "mm_compaction_finished",
                "mm_compaction_suitable", "mm_compaction_isolate_migratepages", "mm_compaction_isolate_freepages",
                "mm_compaction_migratepages", "mm_compaction_defer_compaction", "mm_compaction_deferred",
                "mm_compaction_defer_reset", "mm_compaction_kcompactd_sleep", "mm_compaction_try_to_compact_pages",
                "mm_migrate_pages", "mm_migrate_pages_start")) {
            assertTrue(checked.getOrDefault(e, 0) > 0, "no kernel line of " + e + " was checked: " + checked);
        }
    }

    @Test
    void ftraceWriter_prefix_isTheKernelsForTheSameTaskCpuAndTime() throws IOException {
        int n = 0;
        for (String dataset : DATASETS) {
            for (String line : lines(dataset)) {
                FtraceLine l = FtraceLine.parse(line);
                if (l == null || !l.flags().equals(".....")) {
                    continue;
                }
                String[] ts = l.timestamp().split("\\.");
                long micros = Long.parseLong(ts[0]) * 1_000_000 + Long.parseLong(ts[1]);
                assertEquals(line, FtraceWriter.line(l.comm(), l.pid(), l.cpu(), micros, l.event(), l.fields()));
                n++;
            }
        }
        assertTrue(n > 1000, "only " + n + " lines compared");
    }

    @Test
    void engineTrace_parsesWithTheKernelsRules_andReprintsIdentically() {
        StringBuilder out = new StringBuilder();
        PageAlloc pa = new PageAlloc(FragmentedZone.build(MmGeometry.linux(1, 0x4000), 50, 3));
        AtomicMigration m = new AtomicMigration(pa);
        Compaction c = new Compaction(pa, m, new CompactionCounters());
        FtraceWriter w = new FtraceWriter(out).task("bash", 212, 1);
        c.setTracer(w);
        c.compactZone(CompactControl.compactMemory());
        c.compactZone(CompactControl.direct(9, CompactPriority.COMPACT_PRIO_ASYNC, mmcheck.mm.MigrateType.MIGRATE_MOVABLE));
        c.deferCompaction(9);
        c.compactionDeferred(9);
        c.compactionDeferReset(9, true);
        List<String> events = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            FtraceLine l = FtraceLine.parse(line);
            assertNotNull(l, "unparsable engine line: " + line);
            assertEquals(l.fields(), reprint(l), line);
            events.add(l.event());
        }
        for (String e : List.of("mm_compaction_begin", "mm_compaction_end", "mm_compaction_isolate_migratepages",
                "mm_compaction_isolate_freepages", "mm_compaction_migratepages", "mm_migrate_pages",
                "mm_compaction_defer_compaction", "mm_compaction_deferred", "mm_compaction_defer_reset")) {
            assertTrue(events.contains(e), e + " missing from " + new java.util.TreeSet<>(events));
        }
    }
}
