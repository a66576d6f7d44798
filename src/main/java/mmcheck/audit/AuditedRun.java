package mmcheck.audit;

import java.util.ArrayList;
import java.util.List;

/** One compaction run (compact_zone() from mm_compaction_begin to mm_compaction_end) of one task, as audited. */
public final class AuditedRun {
    public enum Outcome { OK, VIOLATION, UNDECIDED }

    final int index;
    final String task;
    final int pid;
    final int cpu;
    final String timestamp;
    final String zone;
    final int order;
    final String mode;
    final int beginLine;
    final long zoneStart;
    final long zoneEnd;
    final long beginMigratePfn;
    final long beginFreePfn;
    int endLine = -1;
    long endMigratePfn = -1;
    long endFreePfn = -1;
    String status = "-";
    int events;
    int checks;
    long migrated;
    long isolatedMigrate;
    long isolatedFree;
    Outcome outcome = Outcome.OK;
    /** the pfn ranges the scanners scanned: {lo, hi, kind (0 migrate, 1 free), line, nr_taken} */
    final List<long[]> ranges = new ArrayList<>();
    /** lines of the events that broke a rule */
    final List<Integer> badLines = new ArrayList<>();
    String brokenRule;
    /** the pfns the broken rule concerns (drawn highlighted), or empty */
    long[] violatedPfns = new long[0];

    AuditedRun(int index, String task, int pid, int cpu, String timestamp, String zone, int order, String mode,
            int beginLine, long zoneStart, long zoneEnd, long migratePfn, long freePfn) {
        this.index = index;
        this.task = task;
        this.pid = pid;
        this.cpu = cpu;
        this.timestamp = timestamp;
        this.zone = zone;
        this.order = order;
        this.mode = mode;
        this.beginLine = beginLine;
        this.zoneStart = zoneStart;
        this.zoneEnd = zoneEnd;
        this.beginMigratePfn = migratePfn;
        this.beginFreePfn = freePfn;
    }

    /** "run 3 (12.339080 CPU 0 frag-161 DMA32)" */
    public String label() {
        return "run " + index + " (" + timestamp + " CPU " + cpu + " " + task + "-" + pid + " " + zone + ")";
    }

    public int index() { return index; }
    public String task() { return task; }
    public int pid() { return pid; }
    public int cpu() { return cpu; }
    public String timestamp() { return timestamp; }
    public String zone() { return zone; }
    public int order() { return order; }
    public String mode() { return mode; }
    public int beginLine() { return beginLine; }
    public int endLine() { return endLine; }
    public long zoneStart() { return zoneStart; }
    public long zoneEnd() { return zoneEnd; }
    public long beginMigratePfn() { return beginMigratePfn; }
    public long beginFreePfn() { return beginFreePfn; }
    public long endMigratePfn() { return endMigratePfn; }
    public long endFreePfn() { return endFreePfn; }
    public String status() { return status; }
    public int events() { return events; }
    public int checks() { return checks; }
    public long migrated() { return migrated; }
    public long isolatedMigrate() { return isolatedMigrate; }
    public long isolatedFree() { return isolatedFree; }
    public Outcome outcome() { return outcome; }
    public List<long[]> ranges() { return ranges; }
    public List<Integer> badLines() { return badLines; }
    public String brokenRule() { return brokenRule; }
    public long[] violatedPfns() { return violatedPfns; }
}
