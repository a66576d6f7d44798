package mmcheck.mm.compaction;

/** IsolateMigrate - the outcome of one isolate_migratepages() call. Kernel: isolate_migrate_t in mm/compaction.c. */
public enum IsolateMigrate {
    /** Abort compaction now. */
    ISOLATE_ABORT,
    /** No pages isolated, continue scanning. */
    ISOLATE_NONE,
    /** Pages isolated, migrate. */
    ISOLATE_SUCCESS
}
