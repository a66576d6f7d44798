package mmcheck.audit;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import mmcheck.tlc.TextTable;

/** The text verdict of an audit: one line per finding, the table of runs, the totals. */
public final class AuditReport {
    private AuditReport() {
    }

    public static void print(PrintWriter out, Audit a) {
        TraceAudit t = a.traceAudit();
        out.printf("audit %s: %d events parsed (%d judged by CompactionObs, %d of events it does not observe), "
                + "%d runs, deferral events in %s%n", a.name(), a.trace().events().size(), t.judged(),
                t.notObserved(), t.runs().size(), t.zones().isEmpty() ? "no zone" : String.join(", ", t.zones()));
        for (Finding f : a.findings()) {
            out.println(f.line());
        }
        List<List<String>> rows = new ArrayList<>();
        for (AuditedRun r : t.runs()) {
            rows.add(List.of(String.valueOf(r.index()), r.timestamp(), String.valueOf(r.cpu()),
                    r.task() + "-" + r.pid(), r.zone(), String.valueOf(r.order()), r.mode(),
                    r.beginLine() + "-" + (r.endLine() < 0 ? "?" : String.valueOf(r.endLine())),
                    String.valueOf(r.events()), hex(r.beginMigratePfn()) + ".." + hex(r.endMigratePfn()),
                    hex(r.beginFreePfn()) + ".." + hex(r.endFreePfn()), String.valueOf(r.migrated()), r.status(),
                    String.valueOf(r.checks()), r.outcome().toString()));
        }
        out.print(TextTable.format(List.of("run", "time", "CPU", "task", "zone", "order", "mode", "lines", "events",
                "migrate_pfn", "free_pfn", "migrated", "status", "checks", "outcome"), rows));
        long ok = t.runs().stream().filter(r -> r.outcome() == AuditedRun.Outcome.OK).count();
        long bad = t.runs().stream().filter(r -> r.outcome() == AuditedRun.Outcome.VIOLATION).count();
        long open = t.runs().size() - ok - bad;
        long notes = a.findings().stream().filter(f -> f.kind() == Finding.Kind.NOTE).count();
        long undecided = a.findings().stream().filter(f -> f.kind() == Finding.Kind.UNDECIDED).count();
        out.printf("runs         %d: %d OK, %d with a violation, %d undecided%n", t.runs().size(), ok, bad, open);
        out.printf("deferral     %d events, %d checks%n", t.zoneEvents(), t.zoneChecks());
        out.printf("vmstat       %d of %d checks passed%n", a.vmstat().passed(), a.vmstat().checks());
        out.printf("snapshots    %d checks, %d notes%n", a.snapshots().checks(), notes);
        out.println("not traced   so not judged: where the scanners stand at each mm_compaction_finished (positions "
                + "are printed only at begin and end), which free page each migration consumed (cc->nr_freepages), "
                + "what fast_find_migrateblock() scanned (and fast_isolate_freepages() on kernels whose "
                + "available_events lack mm_compaction_fast_isolate_freepages)");
        out.printf(Locale.ROOT, "result       %s: %d violations, %d undecided, %d checks passed, %d events parsed, "
                + "%.2f s%n", a.violations() == 0 ? "OK" : "VIOLATION", a.violations(), undecided, a.checksPassed(),
                a.trace().events().size(), a.seconds());
    }

    static String hex(long pfn) {
        return pfn < 0 ? "?" : "0x" + Long.toHexString(pfn);
    }
}
