package mmcheck.mm.migrate;

/**
 * MigrateMode - how hard migrate_pages() may try, i.e. what it may sleep on.
 * Kernel: enum migrate_mode in include/linux/migrate_mode.h (MIGRATE_SYNC_NO_COPY is not modelled).
 * Spec: MigrateModes of Migrate.tla ("MIGRATE_ASYNC", "MIGRATE_SYNC_LIGHT", "MIGRATE_SYNC").
 */
public enum MigrateMode {
    /** Never blocks: a contended page lock or writeback gives up at once. */
    MIGRATE_ASYNC,
    /** May sleep on the page lock (with force) but never waits for writeback. */
    MIGRATE_SYNC_LIGHT,
    /** May sleep on the page lock and wait for writeback (both with force). */
    MIGRATE_SYNC
}
