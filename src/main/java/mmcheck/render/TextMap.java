package mmcheck.render;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import mmcheck.audit.Audit;
import mmcheck.audit.AuditedRun;
import mmcheck.audit.SnapshotAudit;
import mmcheck.mm.proc.ZoneFreeInfo;
import mmcheck.trace.TraceEvent;

/**
 * The audit's memory map for a terminal: one line per run, one character per group of pageblocks; when the trace
 * is an engine's with page states ({@link PageStates}), one line per mark, one character per group of pages.
 */
public final class TextMap {
    static final int COLUMNS = 96;

    private TextMap() {
    }

    public static String of(Audit audit) {
        int blockPages = audit.pageblockNrPages();
        StringBuilder b = new StringBuilder();
        b.append("memory map: one line per run; M/m migrate scanner (isolated/nothing), F/f free scanner, "
                + ". untouched, > migrate_pfn and < free_pfn at the end, ! a broken rule's pageblocks\n");
        for (AuditedRun r : audit.traceAudit().runs()) {
            RunStrip s = new RunStrip(r, blockPages);
            int per = PageStates.perCell(s.state.length, COLUMNS);
            int cols = (s.state.length + per - 1) / per;
            char[] line = new char[cols];
            for (int c = 0; c < cols; c++) {
                int best = RunStrip.UNTOUCHED;
                boolean bad = false;
                for (int i = c * per; i < Math.min(s.state.length, (c + 1) * per); i++) {
                    best = Math.max(best, s.state[i]);
                    bad |= s.violated[i];
                }
                line[c] = bad ? '!' : RunStrip.glyph(best);
            }
            put(line, s, r.endMigratePfn(), per, '>');
            put(line, s, r.endFreePfn(), per, '<');
            b.append(String.format(Locale.ROOT, "%3d %-6s %-16s |%s| %s%s%n", r.index(), r.zone(),
                    r.status(), new String(line), r.outcome(), r.brokenRule() == null ? "" : " " + r.brokenRule()));
        }
        List<TraceEvent> marks = audit.trace().events().stream().filter(PageStates::isMark).toList();
        if (!marks.isEmpty()) {
            b.append(pageRows(marks, audit.traceAudit().runs()));
        }
        for (SnapshotAudit.Snapshot snap : audit.snapshots().snapshots()) {
            for (ZoneFreeInfo z : snap.zones()) {
                b.append(String.format(Locale.ROOT, "buddyinfo %-10s %-6s", snap.name(), z.zoneName()));
                for (long n : z.nrFree()) {
                    b.append(String.format(Locale.ROOT, " %6d", n));
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    /**
     * The pages of the first mark's pfn range in every mark, in the counterexample map's characters, then where each
     * run over that range left its scanners: as the audit page draws them, a cell stands for its group's first page.
     */
    private static String pageRows(List<TraceEvent> marks, List<AuditedRun> runs) {
        long base = PageStates.base(marks.get(0));
        int n = PageStates.pages(marks.get(0)).length();
        int per = PageStates.perCell(n, COLUMNS);
        int cols = (n + per - 1) / per;
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "page states: one line per mark, one character "
                + "per %s (the first of the group), pfn 0x%x..0x%x; %s (3: order 3 or more); > migrate_pfn and "
                + "< free_pfn at the end of a run, X both%n", per == 1 ? "page" : per + " pages", base, base + n,
                CounterexampleMap.PAGE_LEGEND));
        for (TraceEvent m : marks) {
            String pages = PageStates.pages(m);
            long markBase = PageStates.base(m);
            char[] line = new char[cols];
            for (int c = 0; c < cols; c++) {
                long i = base + (long) c * per - markBase;
                line[c] = i >= 0 && i < pages.length() ? PageStates.glyph(pages.charAt((int) i)) : ' ';
            }
            b.append(String.format(Locale.ROOT, "%-27s |%s|%n",
                    "pages " + PageStates.when(m) + " (line " + m.line() + ")", new String(line)));
        }
        for (AuditedRun r : runs) {
            if (r.zoneEnd() <= base || r.zoneStart() >= base + n) {
                continue;
            }
            char[] line = new char[cols];
            Arrays.fill(line, ' ');
            scanner(line, r.endMigratePfn() - base, per, '>');
            scanner(line, r.endFreePfn() - base, per, '<');
            b.append(String.format(Locale.ROOT, "%-27s |%s| migrate_pfn 0x%x free_pfn 0x%x%n",
                    "run " + r.index() + " scanners at end", new String(line), r.endMigratePfn(), r.endFreePfn()));
        }
        return b.toString();
    }

    private static void scanner(char[] line, long page, int per, char c) {
        if (page >= 0 && page / per < line.length) {
            int i = (int) (page / per);
            line[i] = line[i] == ' ' ? c : 'X';
        }
    }

    private static void put(char[] line, RunStrip s, long pfn, int per, char c) {
        int i = pfn < 0 ? -1 : s.index(pfn);
        if (i >= 0 && i / per < line.length && line[i / per] != '!') {
            line[i / per] = c;
        }
    }
}
