package mmcheck.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import mmcheck.trace.FtraceTrace;
import mmcheck.trace.TraceEvent;
import tlc2.tool.TLCState;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.Value;

/**
 * Judges a parsed trace against CompactionObs by TLC: the events of each task's compaction runs, and of each zone's
 * deferral counters, must form a behaviour of the spec. Nothing of the spec's rules is written here; this class
 * only splits the trace into those behaviours, keeps TLC's set of consistent states per behaviour, and reports
 * the rule TLC found false when the set empties.
 */
public final class TraceAudit {
    private final TraceValidator tlc;
    private final FtraceTrace trace;
    private final List<Finding> findings = new ArrayList<>();
    private final List<AuditedRun> runs = new ArrayList<>();
    private final Map<Integer, Task> tasks = new LinkedHashMap<>();
    private final Map<String, ZoneCounters> zones = new LinkedHashMap<>();
    private int judged;
    private int notObserved;
    private long zoneChecks;
    private int zoneEvents;

    /** The runs of one task: TLC's states consistent with its events so far. */
    private final class Task {
        final int pid;
        List<TLCState> states = tlc.initial();
        AuditedRun run;
        int lastCpu;
        /** after a violation or lost events: events are not judged until the task's next compaction_suitable */
        boolean lostTrack;

        Task(int pid) {
            this.pid = pid;
        }
    }

    /** A zone's deferral counters; null states: unknown (before the first deferral event, or after a gap). */
    private static final class ZoneCounters {
        List<TLCState> states;
        int events;
    }

    public TraceAudit(TraceValidator tlc, FtraceTrace trace) {
        this.tlc = tlc;
        this.trace = trace;
    }

    public TraceAudit run() {
        Map<Integer, Long> lost = new HashMap<>(trace.lostEvents());
        List<Integer> lostLines = new ArrayList<>(lost.keySet());
        lostLines.sort(null);
        int nextLost = 0;
        for (TraceEvent e : trace.events()) {
            while (nextLost < lostLines.size() && lostLines.get(nextLost) < e.line()) {
                lostEventsAt(lostLines.get(nextLost), lost.get(lostLines.get(nextLost)));
                nextLost++;
            }
            ObsAction a = e.known() ? ObsAction.of(e) : null;
            if (a == null) {
                notObserved++;
                continue;
            }
            judged++;
            if (a.projection() == ObsAction.Projection.ZONE) {
                zoneEvent(a, e);
            } else {
                runEvent(a, e);
            }
        }
        for (Task t : tasks.values()) {
            if (t.run != null && !t.lostTrack) {
                t.run.outcome = AuditedRun.Outcome.UNDECIDED;
                findings.add(new Finding(Finding.Kind.UNDECIDED, t.run.label(), List.of(t.run.beginLine),
                        "CompactionEnd", "the trace ends inside the run: its end, status and last batch are not traced"));
            }
        }
        return this;
    }

    private void runEvent(ObsAction a, TraceEvent e) {
        boolean firstOfTask = !tasks.containsKey(e.pid());
        Task t = tasks.computeIfAbsent(e.pid(), Task::new);
        t.lastCpu = e.cpu();
        if (firstOfTask && a != ObsAction.SUITABLE) {
            // tracing began inside this task's compact_zone(): what came before is unknown
            findings.add(new Finding(Finding.Kind.UNDECIDED, "task " + e.task() + "-" + e.pid() + " (CPU " + e.cpu()
                    + ")", List.of(e.line()), "trace start", "the trace starts inside a run (" + e.name()
                    + " before any mm_compaction_suitable): not judged until the task's next compaction_suitable"));
            t.lostTrack = true;
            return;
        }
        if (t.lostTrack) {
            if (a != ObsAction.SUITABLE) {
                if (t.run != null) {
                    t.run.events++;
                    if (a == ObsAction.END) {
                        closeRun(t, e);
                    }
                }
                return;
            }
            t.lostTrack = false;
            t.states = tlc.initial();
            t.run = null;
        }
        Value[] args = a.args(e);
        List<TLCState> next = tlc.step(t.states, a.action(), args);
        if (next.isEmpty()) {
            TraceValidator.Rule rule = tlc.firstFalseRule(t.states.get(0), a.action(), args);
            String where = t.run != null ? t.run.label() : "task " + e.task() + "-" + e.pid() + " (CPU " + e.cpu()
                    + ", outside a run)";
            List<Integer> lines = t.run != null && t.run.beginLine != e.line()
                    ? List.of(e.line(), t.run.beginLine) : List.of(e.line());
            findings.add(new Finding(Finding.Kind.VIOLATION, where, lines, rule.name(),
                    e.name() + ": " + e.body() + " -- no CompactionObs step " + a.action()
                            + " from the traced state: " + rule.quote()));
            if (t.run != null) {
                t.run.outcome = AuditedRun.Outcome.VIOLATION;
                t.run.badLines.add(e.line());
                t.run.brokenRule = rule.name();
                t.run.violatedPfns = concernedPfns(e);
                t.run.events++;
            }
            t.lostTrack = true;
            if (a == ObsAction.END && t.run != null) {
                closeRun(t, e);
            }
            return;
        }
        int checks = tlc.ruleCount(a.action());
        for (TLCState s : next) {
            List<String> broken = tlc.violatedInvariants(s);
            checks += tlc.invariantCount();
            if (!broken.isEmpty()) {
                findings.add(new Finding(Finding.Kind.VIOLATION, t.run != null ? t.run.label() : "task " + e.pid(),
                        List.of(e.line()), String.join(",", broken), e.name() + ": " + e.body()
                                + " -- the state after it breaks the invariant"));
                if (t.run != null) {
                    t.run.outcome = AuditedRun.Outcome.VIOLATION;
                }
            }
        }
        t.states = next;
        if (a == ObsAction.BEGIN) {
            Map<String, Value> v = tlc.values(next.get(0));
            t.run = new AuditedRun(runs.size() + 1, e.task(), e.pid(), e.cpu(), e.timestamp(),
                    ((StringValue) v.get("zone")).getVal().toString(), ((IntValue) v.get("order")).val,
                    e.str("mode"), e.line(), e.num("zone_start"), e.num("zone_end"), e.num("migrate_pfn"),
                    e.num("free_pfn"));
            runs.add(t.run);
        }
        if (t.run != null) {
            t.run.events++;
            t.run.checks += checks;
            account(t.run, a, e);
            if (a == ObsAction.END) {
                closeRun(t, e);
            }
        }
    }

    /** The pfns a broken event is about: its scanned range, or the scanner positions it prints. */
    private static long[] concernedPfns(TraceEvent e) {
        if (e.fields().containsKey("start_pfn")) {
            return new long[] {e.num("start_pfn"), Math.max(e.num("start_pfn"), e.num("end_pfn") - 1)};
        }
        if (e.fields().containsKey("migrate_pfn")) {
            return new long[] {e.num("migrate_pfn"), e.num("free_pfn")};
        }
        return new long[0];
    }

    private static void account(AuditedRun r, ObsAction a, TraceEvent e) {
        switch (a) {
            case ISOLATE_MIGRATEPAGES -> {
                r.isolatedMigrate += e.num("nr_taken");
                r.ranges.add(new long[] {e.num("start_pfn"), e.num("end_pfn"), 0, e.line(), e.num("nr_taken")});
            }
            case ISOLATE_FREEPAGES -> {
                r.isolatedFree += e.num("nr_taken");
                r.ranges.add(new long[] {e.num("start_pfn"), e.num("end_pfn"), 1, e.line(), e.num("nr_taken")});
            }
            // the fast path's range is where it searched the free lists, not a scan: counted, not drawn
            case FAST_ISOLATE_FREEPAGES -> r.isolatedFree += e.num("nr_taken");
            case COMPACTION_MIGRATEPAGES -> r.migrated += e.num("nr_migrated");
            default -> { }
        }
    }

    private void closeRun(Task t, TraceEvent end) {
        AuditedRun r = t.run;
        r.endLine = end.line();
        r.status = end.str("status");
        r.endMigratePfn = end.num("migrate_pfn");
        r.endFreePfn = end.num("free_pfn");
        t.run = null;
    }

    private void zoneEvent(ObsAction a, TraceEvent e) {
        String zone = ObsAction.zoneOf(e);
        ZoneCounters z = zones.computeIfAbsent(zone, k -> new ZoneCounters());
        z.events++;
        zoneEvents++;
        List<TLCState> before = tlc.closeSilent(z.states == null ? tlc.deferUnknown() : z.states);
        Value[] args = a.args(e);
        List<TLCState> next = tlc.step(before, a.action(), args);
        if (next.isEmpty()) {
            TraceValidator.Rule rule = tlc.firstFalseRule(before.get(0), a.action(), args);
            findings.add(new Finding(Finding.Kind.VIOLATION, "zone " + zone + " deferral counters ("
                    + e.where() + ")", List.of(e.line()), rule.name(), e.name() + ": " + e.body()
                    + " -- no CompactionObs step " + a.action() + " from the counters the earlier events left: "
                    + describeCounters(before) + "; " + rule.quote()));
            z.states = null;
            return;
        }
        zoneChecks += (long) tlc.ruleCount(a.action()) + tlc.invariantCount();
        z.states = next;
    }

    private String describeCounters(List<TLCState> states) {
        if (states.size() > 3) {
            return states.size() + " possible counter states";
        }
        List<String> out = new ArrayList<>();
        for (TLCState s : states) {
            Map<String, Value> v = tlc.values(s);
            out.add("considered=" + v.get("considered") + " defer_shift=" + v.get("deferShift") + " order_failed="
                    + v.get("orderFailed"));
        }
        return String.join(" or ", out);
    }

    private void lostEventsAt(int line, long count) {
        for (Task t : tasks.values()) {
            if (t.run != null && !t.lostTrack) {
                t.run.outcome = AuditedRun.Outcome.UNDECIDED;
                findings.add(new Finding(Finding.Kind.UNDECIDED, t.run.label(), List.of(line), "lost events",
                        count + " events lost (CPU buffer overrun): the rest of the run is not judged"));
                t.lostTrack = true;
            }
        }
        for (ZoneCounters z : zones.values()) {
            z.states = null;
        }
    }

    public List<Finding> findings() {
        return findings;
    }

    public List<AuditedRun> runs() {
        return runs;
    }

    /** Events judged by CompactionObs (of runs or of deferral counters). */
    public int judged() {
        return judged;
    }

    /** Events parsed but not observed by CompactionObs (kcompactd wake/sleep, try_to_compact_pages, kmem...). */
    public int notObserved() {
        return notObserved;
    }

    public long zoneChecks() {
        return zoneChecks;
    }

    public int zoneEvents() {
        return zoneEvents;
    }

    public java.util.Set<String> zones() {
        return zones.keySet();
    }
}
