package mmcheck.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import mmcheck.audit.Audit;
import mmcheck.audit.AuditedRun;
import mmcheck.audit.Finding;
import mmcheck.audit.ObsAction;
import mmcheck.audit.SnapshotAudit;
import mmcheck.event.StepNames;
import mmcheck.mm.proc.ZoneFreeInfo;
import mmcheck.trace.TraceEvent;

/**
 * The audit of a kernel trace as one self-contained HTML page: the verdict, then one memory-map row per compaction
 * run (one cell per pageblock of the zone, coloured by what the scanners did, the scanners as markers, the cells
 * of a broken rule outlined and tagged with the rule), the step names in their four spellings, buddyinfo charts.
 */
public final class AuditPage {
    private static final int WIDTH = 760;

    private AuditPage() {
    }

    public static void write(Audit audit, Path file) {
        Html.write(file, html(audit));
    }

    public static String html(Audit audit) {
        int blockPages = audit.pageblockNrPages();
        StringBuilder b = new StringBuilder(Html.head("mmcheck audit: " + audit.name()));
        long violations = audit.violations();
        b.append("<p id=\"verdict\" class=\"").append(violations == 0 ? "ok" : "violation").append("\">")
                .append(violations == 0 ? "OK: the trace is a behaviour of CompactionObs"
                        : violations + " violation" + (violations == 1 ? "" : "s"))
                .append(String.format(Locale.ROOT, " &mdash; %d events parsed, %d runs, %d checks passed, %.2f s",
                        audit.trace().events().size(), audit.traceAudit().runs().size(), audit.checksPassed(),
                        audit.seconds()))
                .append("</p>\n");
        b.append("<h2>Findings</h2>\n<ul id=\"findings\">");
        if (audit.findings().isEmpty()) {
            b.append("<li class=\"ok\">none</li>");
        }
        for (Finding f : audit.findings()) {
            b.append("<li class=\"").append(f.kind().toString().toLowerCase(Locale.ROOT)).append("\" data-rule=\"")
                    .append(Html.esc(f.rule())).append("\">").append(Html.esc(f.line())).append("</li>");
        }
        b.append("</ul>\n<h2>Compaction runs: one row per run, one cell per pageblock (")
                .append(blockPages).append(" pages)</h2>\n");
        b.append(Html.legend(List.of(new String[] {"untouched", "not scanned"},
                new String[] {"migrate-scanned", "migrate scanner, nothing isolated"},
                new String[] {"migrate-isolated", "migrate scanner isolated pages"},
                new String[] {"free-scanned", "free scanner, nothing isolated"},
                new String[] {"free-isolated", "free scanner isolated free pages"},
                new String[] {"marker migrate", "migrate_pfn (pale: at begin)"},
                new String[] {"marker free", "free_pfn (pale: at begin)"})));
        for (AuditedRun r : audit.traceAudit().runs()) {
            b.append(row(r, blockPages));
        }
        List<TraceEvent> marks = audit.trace().events().stream().filter(PageStates::isMark).toList();
        if (!marks.isEmpty()) {
            b.append("<h2>Pages as the engine that wrote the trace had them: one row per mark, one cell per page</h2>\n");
            b.append(Html.legend(List.of(new String[] {"free-o0", "free, order 0"}, new String[] {"free-o1", "order 1"},
                    new String[] {"free-o2", "order 2"}, new String[] {"free-o3", "order 3 or more"},
                    new String[] {"alloc-movable", "allocated movable"},
                    new String[] {"alloc-unmovable", "allocated unmovable"},
                    new String[] {"alloc-reclaimable", "allocated reclaimable"},
                    new String[] {"isolated", "MIGRATE_ISOLATE pageblock"})));
            for (TraceEvent m : marks) {
                b.append(pageRow(m));
            }
        }
        b.append("<h2>Steps in their four spellings</h2>\n<table id=\"spellings\"><tr><th>trace event</th>"
                + "<th>spec action (CompactionObs)</th><th>kernel function</th><th>Java method</th></tr>");
        for (ObsAction a : ObsAction.values()) {
            StepNames n = a.names();
            b.append("<tr><td><code>").append(n.traceName()).append("</code></td><td><code>").append(n.specName())
                    .append("</code></td><td><code>").append(n.kernelName()).append("()</code></td><td><code>")
                    .append(n.javaMethod()).append("</code></td></tr>");
        }
        b.append("</table>\n");
        List<String> names = new ArrayList<>();
        List<List<ZoneFreeInfo>> snaps = new ArrayList<>();
        for (SnapshotAudit.Snapshot s : audit.snapshots().snapshots()) {
            names.add(s.name());
            snaps.add(s.zones());
        }
        if (!snaps.isEmpty()) {
            b.append("<h2>buddyinfo</h2>\n").append(Html.buddyCharts(names, snaps));
        }
        return b.append("</body></html>\n").toString();
    }

    private static String row(AuditedRun r, int blockPages) {
        RunStrip strip = new RunStrip(r, blockPages);
        int n = strip.state.length;
        double w = (double) WIDTH / n;
        StringBuilder b = new StringBuilder();
        String outcome = r.outcome().toString().toLowerCase(Locale.ROOT);
        b.append("<div class=\"row run ").append(outcome).append("\" id=\"run-").append(r.index())
                .append("\" data-outcome=\"").append(r.outcome()).append("\"><div class=\"label\" title=\"")
                .append(Html.esc(r.label())).append("\">").append(Html.esc(String.format(Locale.ROOT,
                        "run %d %s CPU %d %s-%d %s order %d %s: %s, %d events, lines %d-%s", r.index(),
                        r.timestamp(), r.cpu(), r.task(), r.pid(), r.zone(), r.order(), r.mode(), r.status(),
                        r.events(), r.beginLine(), r.endLine() < 0 ? "?" : String.valueOf(r.endLine()))))
                .append("</div>");
        b.append("<svg class=\"map\" width=\"").append(WIDTH).append("\" height=\"34\">");
        for (int i = 0; i < n; i++) {
            long pfn = (strip.firstBlock + i) * blockPages;
            b.append(String.format(Locale.ROOT,
                    "<rect class=\"cell %s%s\" data-pfn=\"0x%x\" x=\"%.2f\" y=\"8\" width=\"%.2f\" height=\"14\">"
                            + "<title>pageblock 0x%x</title></rect>",
                    RunStrip.cssClass(strip.state[i]), strip.violated[i] ? " violated" : "", pfn, i * w,
                    Math.max(w, 0.5), pfn));
        }
        marker(b, strip, r.beginMigratePfn(), "migrate begin", w, true);
        marker(b, strip, r.beginFreePfn(), "free begin", w, false);
        marker(b, strip, r.endMigratePfn(), "migrate", w, true);
        marker(b, strip, r.endFreePfn(), "free", w, false);
        if (r.brokenRule() != null) {
            int first = -1;
            for (int i = 0; i < n; i++) {
                if (strip.violated[i]) {
                    first = i;
                    break;
                }
            }
            double x = first < 0 ? 2 : Math.min(first * w, WIDTH - 160);
            b.append(String.format(Locale.ROOT, "<text class=\"rule-tag\" x=\"%.1f\" y=\"33\">%s</text>", x,
                    Html.esc(r.brokenRule())));
        }
        return b.append("</svg></div>\n").toString();
    }

    /** Most cells a page row draws: a larger zone gets one cell per group of pages, coloured by its first page. */
    static final int MAX_PAGE_CELLS = 8192;

    private static String pageRow(TraceEvent m) {
        String pages = PageStates.pages(m);
        long base = PageStates.base(m);
        int n = pages.length();
        int group = PageStates.perCell(n, MAX_PAGE_CELLS);
        int cells = (n + group - 1) / group;
        double w = (double) WIDTH / Math.max(cells, 1);
        StringBuilder b = new StringBuilder();
        b.append("<div class=\"row pages\" id=\"pages-").append(Html.esc(PageStates.when(m)))
                .append("\" data-pages=\"").append(n).append("\" data-group=\"").append(group)
                .append("\"><div class=\"label\">").append(Html.esc(String.format(Locale.ROOT,
                        "%s (line %d): pfn 0x%x..0x%x, %d pages%s", PageStates.when(m), m.line(), base, base + n,
                        n, group > 1 ? ", " + group + " per cell" : ""))).append("</div>");
        b.append("<svg class=\"map\" width=\"").append(WIDTH).append("\" height=\"22\">");
        for (int i = 0; i < cells; i++) {
            char c = pages.charAt(i * group);
            long pfn = base + (long) i * group;
            b.append(String.format(Locale.ROOT,
                    "<rect class=\"cell %s\" data-pfn=\"0x%x\" x=\"%.3f\" y=\"4\" width=\"%.3f\" height=\"14\">"
                            + "<title>pfn 0x%x: %s</title></rect>",
                    PageStates.cssClass(c), pfn, i * w, Math.max(w, 0.5), pfn, PageStates.meaning(c)));
        }
        return b.append("</svg></div>\n").toString();
    }

    /** A triangle above the map (migrate scanner, pointing right) or below it (free scanner, pointing left). */
    private static void marker(StringBuilder b, RunStrip strip, long pfn, String cls, double w, boolean top) {
        int i = strip.index(pfn);
        if (pfn < 0 || i < 0) {
            return;
        }
        double x = i * w + w / 2;
        String pts = top ? String.format(Locale.ROOT, "%.1f,0 %.1f,0 %.1f,8", x - 4, x + 4, x)
                : String.format(Locale.ROOT, "%.1f,32 %.1f,32 %.1f,23", x - 4, x + 4, x);
        b.append("<polygon class=\"marker ").append(cls).append("\" data-pfn=\"0x").append(Long.toHexString(pfn))
                .append("\" points=\"").append(pts).append("\"><title>").append(cls).append(" pfn 0x")
                .append(Long.toHexString(pfn)).append("</title></polygon>");
    }
}
