package mmcheck.mm.compaction;

/**
 * CompactionCounters - the compaction lines of /proc/vmstat, with the kernel's names and meanings.
 * Kernel: COMPACTMIGRATE_SCANNED ... KCOMPACTD_FREE_SCANNED of enum vm_event_item (include/linux/vm_event_item.h),
 * counted by count_compact_event(s)() in mm/compaction.c and __alloc_pages_direct_compact() in mm/page_alloc.c.
 */
public final class CompactionCounters {

    /** compact_migrate_scanned: pages the migrate scanner looked at (compact_zone() adds total_migrate_scanned). */
    public long compactMigrateScanned;
    /** compact_free_scanned: pages the free scanner looked at. */
    public long compactFreeScanned;
    /** compact_isolated: pages isolated, by either scanner (COMPACTISOLATED). */
    public long compactIsolated;
    /** compact_stall: direct compactions that ran in at least one zone. */
    public long compactStall;
    /** compact_fail: direct compactions after which the allocation still failed. */
    public long compactFail;
    /** compact_success: direct compactions after which the allocation succeeded. */
    public long compactSuccess;
    /** compact_daemon_wake: kcompactd_do_work() runs. */
    public long compactDaemonWake;
    /** compact_daemon_migrate_scanned: pages kcompactd's migrate scanner looked at. */
    public long compactDaemonMigrateScanned;
    /** compact_daemon_free_scanned: pages kcompactd's free scanner looked at. */
    public long compactDaemonFreeScanned;

    /** The counters as /proc/vmstat prints them, one "name value" line each, in vm_event_item order. */
    public String vmstatLines() {
        return "compact_migrate_scanned " + compactMigrateScanned + "\n"
                + "compact_free_scanned " + compactFreeScanned + "\n"
                + "compact_isolated " + compactIsolated + "\n"
                + "compact_stall " + compactStall + "\n"
                + "compact_fail " + compactFail + "\n"
                + "compact_success " + compactSuccess + "\n"
                + "compact_daemon_wake " + compactDaemonWake + "\n"
                + "compact_daemon_migrate_scanned " + compactDaemonMigrateScanned + "\n"
                + "compact_daemon_free_scanned " + compactDaemonFreeScanned + "\n";
    }
}
