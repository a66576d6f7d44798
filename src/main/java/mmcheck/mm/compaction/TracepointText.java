package mmcheck.mm.compaction;

/**
 * TracepointText - the text each compaction and migration tracepoint prints, field for field.
 * Kernel: the TP_printk() formats of include/trace/events/compaction.h and include/trace/events/migrate.h (6.1),
 * as /sys/kernel/tracing/events/.../format shows them.
 */
public final class TracepointText {

    private TracepointText() {
    }

    /** mm_compaction_begin: "zone_start=0x%lx migrate_pfn=0x%lx free_pfn=0x%lx zone_end=0x%lx, mode=%s". */
    public static String begin(long zoneStart, long migratePfn, long freePfn, long zoneEnd, boolean sync) {
        return "zone_start=" + hex(zoneStart) + " migrate_pfn=" + hex(migratePfn) + " free_pfn=" + hex(freePfn)
                + " zone_end=" + hex(zoneEnd) + ", mode=" + (sync ? "sync" : "async");
    }

    /** mm_compaction_end: begin's fields and " status=%s". */
    public static String end(long zoneStart, long migratePfn, long freePfn, long zoneEnd, boolean sync,
            CompactResult status) {
        return begin(zoneStart, migratePfn, freePfn, zoneEnd, sync) + " status=" + status.traceName();
    }

    /** mm_compaction_isolate_migratepages and _freepages: "range=(0x%lx ~ 0x%lx) nr_scanned=%lu nr_taken=%lu". */
    public static String isolate(long startPfn, long endPfn, long nrScanned, long nrTaken) {
        return "range=(" + hex(startPfn) + " ~ " + hex(endPfn) + ") nr_scanned=" + nrScanned + " nr_taken=" + nrTaken;
    }

    /** mm_compaction_migratepages: "nr_migrated=%lu nr_failed=%lu". */
    public static String migratepages(long nrMigrated, long nrFailed) {
        return "nr_migrated=" + nrMigrated + " nr_failed=" + nrFailed;
    }

    /** mm_compaction_suitable and mm_compaction_finished: "node=%d zone=%-8s order=%d ret=%s". */
    public static String suitable(int nid, String zone, int order, CompactResult ret) {
        return "node=" + nid + " zone=" + pad8(zone) + " order=" + order + " ret=" + ret.traceName();
    }

    /** mm_compaction_defer_*: "node=%d zone=%-8s order=%d order_failed=%d consider=%u limit=%lu". */
    public static String defer(int nid, String zone, int order, int orderFailed, long considered, long limit) {
        return "node=" + nid + " zone=" + pad8(zone) + " order=" + order + " order_failed=" + orderFailed
                + " consider=" + considered + " limit=" + limit;
    }

    /** mm_compaction_kcompactd_sleep: "nid=%d". */
    public static String kcompactdSleep(int nid) {
        return "nid=" + nid;
    }

    /** mm_compaction_kcompactd_wake and mm_compaction_wakeup_kcompactd: "nid=%d order=%d classzone_idx=%-8s". */
    public static String kcompactdWake(int nid, int order, String classzone) {
        return "nid=" + nid + " order=" + order + " classzone_idx=" + pad8(classzone);
    }

    /** mm_compaction_try_to_compact_pages: "order=%d gfp_mask=%s priority=%d". */
    public static String tryToCompactPages(int order, String gfpMask, int priority) {
        return "order=" + order + " gfp_mask=" + gfpMask + " priority=" + priority;
    }

    /** mm_migrate_pages_start: "mode=%s reason=%s". */
    public static String migratePagesStart(String mode, String reason) {
        return "mode=" + mode + " reason=" + reason;
    }

    /** mm_migrate_pages: "nr_succeeded=%lu nr_failed=%lu nr_thp_succeeded=%lu nr_thp_failed=%lu nr_thp_split=%lu mode=%s reason=%s". */
    public static String migratePages(long succeeded, long failed, long thpSucceeded, long thpFailed, long thpSplit,
            String mode, String reason) {
        return "nr_succeeded=" + succeeded + " nr_failed=" + failed + " nr_thp_succeeded=" + thpSucceeded
                + " nr_thp_failed=" + thpFailed + " nr_thp_split=" + thpSplit + " mode=" + mode + " reason=" + reason;
    }

    /** 0x%lx. */
    public static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** %-8s. */
    public static String pad8(String s) {
        StringBuilder b = new StringBuilder(s);
        while (b.length() < 8) {
            b.append(' ');
        }
        return b.toString();
    }
}
