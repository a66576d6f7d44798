package mmcheck.mm.migrate;

/**
 * MigrateReason - why a caller migrates; recorded in the tracepoints and in page_owner, it changes nothing else here.
 * Kernel: enum migrate_reason in include/linux/migrate.h of Linux 6.1, in its order (MR_TYPES is not a reason).
 */
public enum MigrateReason {
    MR_COMPACTION,
    MR_MEMORY_FAILURE,
    MR_MEMORY_HOTPLUG,
    MR_SYSCALL,
    MR_MEMPOLICY_MBIND,
    MR_NUMA_MISPLACED,
    MR_CONTIG_RANGE,
    MR_LONGTERM_PIN,
    MR_DEMOTION
}
