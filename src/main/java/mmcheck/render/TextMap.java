package mmcheck.render;

import java.util.Locale;

import mmcheck.audit.Audit;
import mmcheck.audit.AuditedRun;
import mmcheck.audit.SnapshotAudit;
import mmcheck.mm.proc.ZoneFreeInfo;

/** The audit's memory map for a terminal: one line per run, one character per group of pageblocks. */
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
            int per = Math.max(1, (s.state.length + COLUMNS - 1) / COLUMNS);
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

    private static void put(char[] line, RunStrip s, long pfn, int per, char c) {
        int i = pfn < 0 ? -1 : s.index(pfn);
        if (i >= 0 && i / per < line.length && line[i / per] != '!') {
            line[i / per] = c;
        }
    }
}
