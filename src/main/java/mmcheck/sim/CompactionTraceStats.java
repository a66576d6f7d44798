package mmcheck.sim;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import mmcheck.mm.compaction.CompactionTracer;

/**
 * CompactionTraceStats - the statistics of compaction runs, gathered from trace events, whether the engine emits them
 * or they are read from a kernel's ftrace text: runs (mm_compaction_begin), outcomes (status of mm_compaction_end),
 * pages scanned and taken by each scanner, pages migrated, direct compaction attempts and deferrals.
 */
public final class CompactionTraceStats implements CompactionTracer {

    private static final Pattern LINE = Pattern.compile("^\\s*.+-\\d+\\s+\\[\\d{3}\\] \\S{5} +\\d+\\.\\d{6}: (\\w+): (.*)$");
    private static final Pattern ISOLATE = Pattern.compile("nr_scanned=(\\d+) nr_taken=(\\d+)");
    private static final Pattern STATUS = Pattern.compile("status=(\\w+)");
    private static final Pattern MIGRATED = Pattern.compile("nr_migrated=(\\d+) nr_failed=(\\d+)");

    public long runs;
    public final Map<String, Long> outcomes = new TreeMap<>();
    public long migrateScanned;
    public long migrateTaken;
    public long freeScanned;
    public long freeTaken;
    public long migrated;
    public long migrateFailed;
    public long tryToCompactPages;
    public long deferred;
    public long deferCompaction;
    public long deferReset;
    public final Map<String, Long> events = new TreeMap<>();

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public void event(String name, String fields) {
        events.merge(name, 1L, Long::sum);
        switch (name) {
            case "mm_compaction_begin" -> runs++;
            case "mm_compaction_end" -> {
                Matcher m = STATUS.matcher(fields);
                if (m.find()) {
                    outcomes.merge(m.group(1), 1L, Long::sum);
                }
            }
            case "mm_compaction_isolate_migratepages" -> {
                Matcher m = ISOLATE.matcher(fields);
                if (m.find()) {
                    migrateScanned += Long.parseLong(m.group(1));
                    migrateTaken += Long.parseLong(m.group(2));
                }
            }
            case "mm_compaction_isolate_freepages" -> {
                Matcher m = ISOLATE.matcher(fields);
                if (m.find()) {
                    freeScanned += Long.parseLong(m.group(1));
                    freeTaken += Long.parseLong(m.group(2));
                }
            }
            case "mm_compaction_migratepages" -> {
                Matcher m = MIGRATED.matcher(fields);
                if (m.find()) {
                    migrated += Long.parseLong(m.group(1));
                    migrateFailed += Long.parseLong(m.group(2));
                }
            }
            case "mm_compaction_try_to_compact_pages" -> tryToCompactPages++;
            case "mm_compaction_deferred" -> deferred++;
            case "mm_compaction_defer_compaction" -> deferCompaction++;
            case "mm_compaction_defer_reset" -> deferReset++;
            default -> {
            }
        }
    }

    /**
     * addLine() - one line of /sys/kernel/tracing/trace; comments and lines that are not events are ignored.
     *
     * @return whether it was an event
     */
    public boolean addLine(String line) {
        Matcher m = LINE.matcher(line);
        if (line.startsWith("#") || !m.matches()) {
            return false;
        }
        event(m.group(1), m.group(2));
        return true;
    }

    /** Migrate-scanner pages looked at per page isolated. */
    public double migrateScannedPerIsolated() {
        return migrateTaken == 0 ? Double.NaN : (double) migrateScanned / migrateTaken;
    }

    /** Free-scanner pages looked at per page isolated. */
    public double freeScannedPerIsolated() {
        return freeTaken == 0 ? Double.NaN : (double) freeScanned / freeTaken;
    }

    /** The header of {@link #row}. */
    public static String header() {
        return String.format(Locale.ROOT, "%-34s %5s %-40s %9s %9s %7s %9s %9s %7s %8s %6s %6s %6s",
                "source", "runs", "outcomes (mm_compaction_end status)", "mig_scan", "mig_taken", "scan/iso",
                "free_scan", "free_take", "scan/iso", "migrated", "try", "defer", "defcmp");
    }

    /** One table row. */
    public String row(String source) {
        StringBuilder o = new StringBuilder();
        outcomes.forEach((k, v) -> o.append(o.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return String.format(Locale.ROOT, "%-34s %5d %-40s %9d %9d %7.2f %9d %9d %7.2f %8d %6d %6d %6d", source, runs,
                o, migrateScanned, migrateTaken, migrateScannedPerIsolated(), freeScanned, freeTaken,
                freeScannedPerIsolated(), migrated, tryToCompactPages, deferred, deferCompaction);
    }
}
