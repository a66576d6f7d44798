package mmcheck.mm.compaction;

/**
 * CompactResult - what a compaction step or run reports.
 * Kernel: enum compact_result in include/linux/compaction.h (Linux 6.1), in its order; the trace names are those of
 * include/trace/events/compaction.h (COMPACTION_STATUS).
 */
public enum CompactResult {
    /** For more detailed tracepoint output - internal to compaction. */
    COMPACT_NOT_SUITABLE_ZONE("not_suitable_zone"),
    /** Compaction didn't start as it was not possible or direct reclaim was more suitable. */
    COMPACT_SKIPPED("skipped"),
    /** Compaction didn't start as it was deferred due to past failures. */
    COMPACT_DEFERRED("deferred"),
    /** For more detailed tracepoint output - internal to compaction. */
    COMPACT_NO_SUITABLE_PAGE("no_suitable_page"),
    /** Compaction should continue to another pageblock. */
    COMPACT_CONTINUE("continue"),
    /** The full zone was compacted scanned but wasn't successful to compact suitable pages. */
    COMPACT_COMPLETE("complete"),
    /** Migration scanner has reached its end, without the full zone having been scanned. */
    COMPACT_PARTIAL_SKIPPED("partial_skipped"),
    /** Compaction terminated prematurely due to lock contentions. */
    COMPACT_CONTENDED("contended"),
    /** A suitable page was found, or compaction moved enough pages to make one. */
    COMPACT_SUCCESS("success");

    private final String traceName;

    CompactResult(String traceName) {
        this.traceName = traceName;
    }

    /** The word the tracepoints print, e.g. "no_suitable_page". Kernel: COMPACTION_STATUS in trace/events/compaction.h. */
    public String traceName() {
        return traceName;
    }

    /** The result a trace word names. */
    public static CompactResult fromTraceName(String name) {
        for (CompactResult r : values()) {
            if (r.traceName.equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown compact_result '" + name + "'");
    }
}
