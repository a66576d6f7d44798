package mmcheck.audit;

import java.util.HashMap;
import java.util.Map;

import mmcheck.event.StepNames;
import mmcheck.trace.TraceEvent;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.Value;

/**
 * Each tracepoint CompactionObs judges, in its four spellings (trace event, spec action, kernel function, engine
 * method), with the printed fields that become the action's arguments, in the action's parameter order.
 */
public enum ObsAction {
    SUITABLE("mm_compaction_suitable", "CompactionSuitable", "compaction_suitable", "compactionSuitable",
            Projection.RUN, "zone", "order", "ret"),
    BEGIN("mm_compaction_begin", "CompactionBegin", "compact_zone", "compactZone", Projection.RUN,
            "zone_start", "migrate_pfn", "free_pfn", "zone_end", "mode"),
    FINISHED("mm_compaction_finished", "CompactFinished", "compact_finished", "compactFinished", Projection.RUN,
            "zone", "order", "ret"),
    ISOLATE_MIGRATEPAGES("mm_compaction_isolate_migratepages", "IsolateMigratepagesBlock",
            "isolate_migratepages_block", "isolateMigratepagesBlock", Projection.RUN,
            "start_pfn", "end_pfn", "nr_scanned", "nr_taken"),
    ISOLATE_FREEPAGES("mm_compaction_isolate_freepages", "IsolateFreepagesBlock", "isolate_freepages_block",
            "isolateFreepagesBlock", Projection.RUN, "start_pfn", "end_pfn", "nr_scanned", "nr_taken"),
    FAST_ISOLATE_FREEPAGES("mm_compaction_fast_isolate_freepages", "FastIsolateFreepages",
            "fast_isolate_freepages", "fastIsolateFreepages", Projection.RUN,
            "start_pfn", "end_pfn", "nr_scanned", "nr_taken"),
    MIGRATE_PAGES_START("mm_migrate_pages_start", "MigratePagesStart", "migrate_pages", "migratePages",
            Projection.RUN, "mode", "reason"),
    MIGRATE_PAGES("mm_migrate_pages", "MigratePages", "migrate_pages", "migratePages", Projection.RUN,
            "nr_succeeded", "nr_failed", "nr_thp_succeeded", "nr_thp_failed", "nr_thp_split", "mode", "reason"),
    COMPACTION_MIGRATEPAGES("mm_compaction_migratepages", "CompactionMigratepages", "compact_zone",
            "compactZone", Projection.RUN, "nr_migrated", "nr_failed"),
    END("mm_compaction_end", "CompactionEnd", "compact_zone", "compactZone", Projection.RUN,
            "zone_start", "migrate_pfn", "free_pfn", "zone_end", "mode", "status"),
    DEFER_COMPACTION("mm_compaction_defer_compaction", "DeferCompaction", "defer_compaction", "deferCompaction",
            Projection.ZONE, "zone", "order", "order_failed", "consider", "limit"),
    DEFERRED("mm_compaction_deferred", "CompactionDeferred", "compaction_deferred", "compactionDeferred",
            Projection.ZONE, "zone", "order", "order_failed", "consider", "limit"),
    DEFER_RESET("mm_compaction_defer_reset", "CompactionDeferReset", "compaction_defer_reset",
            "compactionDeferReset", Projection.ZONE, "zone", "order", "order_failed", "consider", "limit");

    /** Which behaviour of CompactionObs an event belongs to. */
    public enum Projection {
        /** the compaction runs of one task (pid) */
        RUN,
        /** the deferral counters of one zone */
        ZONE
    }

    private static final Map<String, ObsAction> BY_EVENT = new HashMap<>();

    static {
        for (ObsAction a : values()) {
            BY_EVENT.put(a.event, a);
        }
    }

    private final String event;
    private final String action;
    private final String kernel;
    private final String javaName;
    private final Projection projection;
    private final String[] fields;

    ObsAction(String event, String action, String kernel, String javaName, Projection projection,
            String... fields) {
        this.event = event;
        this.action = action;
        this.kernel = kernel;
        this.javaName = javaName;
        this.projection = projection;
        this.fields = fields;
    }

    /** The action judging this event, or null for an event CompactionObs does not observe. */
    public static ObsAction of(TraceEvent e) {
        ObsAction a = BY_EVENT.get(e.name());
        if ((a == MIGRATE_PAGES || a == MIGRATE_PAGES_START) && !"compaction".equals(e.fields().get("reason"))) {
            return null; // migrate_pages() for another reason (NUMA, hotplug...) is no compaction step
        }
        return a;
    }

    public String event() {
        return event;
    }

    public String action() {
        return action;
    }

    public Projection projection() {
        return projection;
    }

    public StepNames names() {
        return new StepNames(kernel, action, "mmcheck.mm.compaction.Compaction", javaName, event);
    }

    /** The event's printed fields as TLC values, in the action's parameter order. */
    public Value[] args(TraceEvent e) {
        Value[] v = new Value[fields.length];
        for (int i = 0; i < fields.length; i++) {
            String raw = e.str(fields[i]);
            if (raw.matches("-?[0-9]+|0x[0-9a-f]+") || isHexField(fields[i])) {
                long n = e.num(fields[i]);
                if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
                    throw new mmcheck.tlc.BadInputException(e.line() + ": " + fields[i] + "=" + raw
                            + " is beyond what TLC's integers hold");
                }
                v[i] = IntValue.gen((int) n);
            } else {
                v[i] = new StringValue(raw);
            }
        }
        return v;
    }

    private static boolean isHexField(String f) {
        return f.endsWith("_pfn") || f.equals("zone_start") || f.equals("zone_end");
    }

    /** A zone-projection event's zone name, e.g. "DMA32". */
    public static String zoneOf(TraceEvent e) {
        return e.str("zone");
    }
}
