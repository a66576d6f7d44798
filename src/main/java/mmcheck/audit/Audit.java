package mmcheck.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import mmcheck.trace.FtraceParser;
import mmcheck.trace.FtraceTrace;

/** One audit of a dataset or trace file: the trace judged by TLC, the snapshots and the vmstat deltas. */
public final class Audit {
    private final String name;
    private final FtraceTrace trace;
    private final TraceAudit traceAudit;
    private final SnapshotAudit snapshots;
    private final VmstatAudit vmstat;
    private final double seconds;
    private final int pageblockNrPages;

    private Audit(String name, FtraceTrace trace, TraceAudit t, SnapshotAudit s, VmstatAudit v, double seconds,
            int pageblockNrPages) {
        this.pageblockNrPages = pageblockNrPages;
        this.name = name;
        this.trace = trace;
        this.traceAudit = t;
        this.snapshots = s;
        this.vmstat = v;
        this.seconds = seconds;
    }

    /** Audits a dataset folder or a bare trace file; the repository root holds spec/ and models/. */
    public static Audit of(Path input, Path repoRoot) {
        long t0 = System.nanoTime();
        Dataset d = Dataset.of(input);
        FtraceTrace trace = FtraceParser.read(d.trace());
        int blockPages = PageblockSize.of(d, trace);
        SnapshotAudit snaps = new SnapshotAudit().run(d.snapshots(), blockPages);
        TraceValidator tlc = TraceValidator.load(repoRoot, blockPages);
        TraceAudit t = new TraceAudit(tlc, trace).run();
        VmstatAudit v = new VmstatAudit().run(d, trace);
        String name = input.getFileName() == null ? input.toString() : input.getFileName().toString();
        return new Audit(name, trace, t, snaps, v, (System.nanoTime() - t0) / 1e9, blockPages);
    }

    public List<Finding> findings() {
        List<Finding> all = new ArrayList<>(traceAudit.findings());
        all.addAll(vmstat.findings());
        all.addAll(snapshots.findings());
        return all;
    }

    public long violations() {
        return findings().stream().filter(f -> f.kind() == Finding.Kind.VIOLATION).count();
    }

    public String name() {
        return name;
    }

    public FtraceTrace trace() {
        return trace;
    }

    public TraceAudit traceAudit() {
        return traceAudit;
    }

    public SnapshotAudit snapshots() {
        return snapshots;
    }

    public VmstatAudit vmstat() {
        return vmstat;
    }

    /** pageblock_nr_pages of the traced kernel. */
    public int pageblockNrPages() {
        return pageblockNrPages;
    }

    public double seconds() {
        return seconds;
    }

    /** Checks passed in all: rules and invariants of every judged event, vmstat and snapshot checks. */
    public long checksPassed() {
        long runs = traceAudit.runs().stream().mapToLong(AuditedRun::checks).sum();
        long notes = snapshots.findings().size();
        return runs + traceAudit.zoneChecks() + vmstat.passed() + snapshots.checks() - notes;
    }
}
