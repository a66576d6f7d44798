package mmcheck.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import mmcheck.trace.FtraceParser;
import mmcheck.trace.FtraceTrace;
import mmcheck.trace.TraceEvent;
import mmcheck.tlc.BadInputException;

/**
 * The /proc/vmstat counters that compaction and migration count (mm/compaction.c count_compact_events(),
 * mm/migrate.c, mm/page_alloc.c __alloc_pages_direct_compact()) between two snapshots, against what the trace
 * shows in that interval. Decided only where the trace covers the interval: the snapshots' phase markers are
 * known (phases.txt), no events were lost, and no counted event falls in the time the snapshot files were read.
 */
public final class VmstatAudit {
    private final List<Finding> findings = new ArrayList<>();
    private int checks;
    private int passed;

    public VmstatAudit run(Dataset d, FtraceTrace trace) {
        if (d.snapshots().size() < 2) {
            return this;
        }
        for (int i = 0; i + 1 < d.snapshots().size(); i++) {
            interval(d, trace, d.snapshots().get(i), d.snapshots().get(i + 1));
        }
        return this;
    }

    private void interval(Dataset d, FtraceTrace trace, Path from, Path to) {
        String where = "vmstat " + from.getFileName() + " -> " + to.getFileName();
        Map<String, Long> a = vmstat(from.resolve("vmstat.txt"));
        Map<String, Long> b = vmstat(to.resolve("vmstat.txt"));
        if (a == null || b == null) {
            return;
        }
        double[] window = d.phases() == null ? null : window(d.phases(), from.getFileName().toString(),
                to.getFileName().toString());
        if (window == null || trace.lostAny()) {
            findings.add(new Finding(Finding.Kind.UNDECIDED, where, List.of(), "vmstat deltas",
                    window == null ? "no phase markers for these snapshots (phases.txt): the trace's interval is unknown"
                            : "the trace lost events"));
            return;
        }
        // window: [fromMarker, fromReadEnd, toMarker, toReadEnd]
        Sums in = new Sums();
        Sums unsure = new Sums();
        for (TraceEvent e : trace.events()) {
            double t = e.seconds();
            if (t >= window[1] && t < window[2]) {
                in.add(e);
            } else if ((t >= window[0] && t < window[1]) || (t >= window[2] && t < window[3])) {
                unsure.add(e);
            }
        }
        if (unsure.counted > 0) {
            findings.add(new Finding(Finding.Kind.UNDECIDED, where, List.of(), "vmstat deltas", unsure.counted
                    + " counted events happened while a snapshot was being read"));
            return;
        }
        exact(where, "pgmigrate_success", delta(a, b, "pgmigrate_success"), in.migrated,
                "sum of mm_migrate_pages nr_succeeded");
        exact(where, "pgmigrate_fail", delta(a, b, "pgmigrate_fail"), in.migrateFailed,
                "sum of mm_migrate_pages nr_failed");
        atLeast(where, "compact_migrate_scanned", delta(a, b, "compact_migrate_scanned"), in.migrateScanned,
                "sum of isolate_migratepages nr_scanned; fast_find_migrateblock() scans untraced");
        atLeast(where, "compact_free_scanned", delta(a, b, "compact_free_scanned"), in.freeScanned,
                "sum of isolate_freepages nr_scanned; fast_isolate_freepages() scans untraced");
        atLeast(where, "compact_isolated", delta(a, b, "compact_isolated"), in.isolated,
                "sum of nr_taken of both scanners; fast_isolate_freepages() isolates untraced");
        long stall = delta(a, b, "compact_stall");
        check(where, "compact_stall", stall <= in.tries, "compact_stall +" + stall + " <= "
                + in.tries + " mm_compaction_try_to_compact_pages (a stall is counted unless the result is skipped)");
        long ok = delta(a, b, "compact_success");
        long fail = delta(a, b, "compact_fail");
        check(where, "compact_success+compact_fail", ok + fail == stall, "compact_success +" + ok
                + " + compact_fail +" + fail + " = compact_stall +" + stall);
        exact(where, "compact_daemon_wake", delta(a, b, "compact_daemon_wake"), in.kcompactdWakes,
                "mm_compaction_kcompactd_wake events (kcompactd_do_work)");
    }

    private void exact(String where, String counter, long delta, long traced, String what) {
        check(where, counter, delta == traced, counter + " +" + delta + ", trace " + traced + " (" + what + ")");
    }

    private void atLeast(String where, String counter, long delta, long traced, String what) {
        check(where, counter, delta >= traced, counter + " +" + delta + " >= trace " + traced + " (" + what + ")");
    }

    private void check(String where, String rule, boolean holds, String what) {
        checks++;
        if (holds) {
            passed++;
        } else {
            findings.add(new Finding(Finding.Kind.VIOLATION, where, List.of(), rule, what));
        }
    }

    /** Counts of the trace's events that move a vmstat counter. */
    private static final class Sums {
        long migrated;
        long migrateFailed;
        long migrateScanned;
        long freeScanned;
        long isolated;
        long tries;
        long kcompactdWakes;
        int counted;

        void add(TraceEvent e) {
            switch (e.name()) {
                case "mm_migrate_pages" -> {
                    migrated += e.num("nr_succeeded");
                    migrateFailed += e.num("nr_failed");
                }
                case "mm_compaction_isolate_migratepages" -> {
                    migrateScanned += e.num("nr_scanned");
                    isolated += e.num("nr_taken");
                }
                case "mm_compaction_isolate_freepages" -> {
                    freeScanned += e.num("nr_scanned");
                    isolated += e.num("nr_taken");
                }
                case "mm_compaction_try_to_compact_pages" -> tries++;
                case "mm_compaction_kcompactd_wake" -> kcompactdWakes++;
                default -> {
                    return;
                }
            }
            counted++;
        }
    }

    private static long delta(Map<String, Long> a, Map<String, Long> b, String key) {
        return b.getOrDefault(key, 0L) - a.getOrDefault(key, 0L);
    }

    private static Map<String, Long> vmstat(Path f) {
        if (!Files.isRegularFile(f)) {
            return null;
        }
        Map<String, Long> m = new HashMap<>();
        try {
            int no = 0;
            for (String line : Files.readAllLines(f)) {
                no++;
                String[] kv = line.trim().split("\\s+");
                if (kv.length != 2 || !kv[1].matches("-?[0-9]+")) {
                    throw new BadInputException(f + ":" + no + ": not a /proc/vmstat line 'name value'");
                }
                m.put(kv[0], Long.parseLong(kv[1]));
            }
        } catch (IOException e) {
            throw new BadInputException(f + ": cannot read: " + e.getMessage());
        }
        return m;
    }

    /**
     * From the phase markers: when the first snapshot's reading began and ended (the next marker), and the same for
     * the second; null when the markers are missing.
     */
    private static double[] window(Path phases, String from, String to) {
        FtraceTrace p = FtraceParser.read(phases);
        List<TraceEvent> marks = p.events();
        int i = markerIndex(marks, from);
        int j = markerIndex(marks, to);
        if (i < 0 || j < 0 || j <= i) {
            return null;
        }
        double end = Double.MAX_VALUE;
        return new double[] {marks.get(i).seconds(), i + 1 < marks.size() ? marks.get(i + 1).seconds() : end,
                marks.get(j).seconds(), j + 1 < marks.size() ? marks.get(j + 1).seconds() : end};
    }

    /** "phase=before", "phase=fragmented-snapshot", "phase=after-snapshot" name the snapshot folders. */
    private static int markerIndex(List<TraceEvent> marks, String snapshot) {
        for (int k = 0; k < marks.size(); k++) {
            String body = marks.get(k).body();
            if (body.equals("phase=" + snapshot) || body.startsWith("phase=" + snapshot + "-snapshot")) {
                return k;
            }
        }
        return -1;
    }

    public List<Finding> findings() {
        return findings;
    }

    public int checks() {
        return checks;
    }

    public int passed() {
        return passed;
    }
}
