package mmcheck.mm.compaction;

import mmcheck.mm.migrate.MigrateMode;

/**
 * CompactPriority - how hard direct compaction tries; lower values are higher priority.
 * Kernel: enum compact_priority in include/linux/compaction.h (MIN_COMPACT_PRIORITY = COMPACT_PRIO_SYNC_FULL,
 * INIT_COMPACT_PRIORITY = COMPACT_PRIO_ASYNC).
 */
public enum CompactPriority {
    /** Whole zone, sync, skip hints and block suitability ignored. */
    COMPACT_PRIO_SYNC_FULL,
    /** Sync-light migration, honouring skip hints. */
    COMPACT_PRIO_SYNC_LIGHT,
    /** Async migration: the first attempt of the allocation slowpath. */
    COMPACT_PRIO_ASYNC;

    /** MIN_COMPACT_PRIORITY. */
    public static final CompactPriority MIN_COMPACT_PRIORITY = COMPACT_PRIO_SYNC_FULL;
    /** INIT_COMPACT_PRIORITY. */
    public static final CompactPriority INIT_COMPACT_PRIORITY = COMPACT_PRIO_ASYNC;

    /** The migrate mode compact_zone_order() derives: MIGRATE_ASYNC at COMPACT_PRIO_ASYNC, else MIGRATE_SYNC_LIGHT. */
    public MigrateMode migrateMode() {
        return this == COMPACT_PRIO_ASYNC ? MigrateMode.MIGRATE_ASYNC : MigrateMode.MIGRATE_SYNC_LIGHT;
    }
}
