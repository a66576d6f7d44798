package mmcheck.conform;

import java.util.function.BiFunction;

import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.compaction.CompactControl;
import mmcheck.mm.compaction.Compaction;
import mmcheck.mm.compaction.CompactionCounters;
import mmcheck.mm.compaction.CompactionMigrator;

/**
 * Seeded-bug compaction engines for the reverse replay of MCCompactionBindReplay: the step the replay names, and the
 * variable whose value the engine's result gets wrong (null: the engine takes a step the spec does not enable).
 */
enum CompactionReplayMutant {
    /** migrate_pages() returns without zeroing cc->nr_migratepages. */
    NR_MIGRATEPAGES_KEPT("MigratePagesReturn", "cc.nrMigratepages") {
        @Override
        Compaction build(PageAlloc pa, CompactionMigrator migrator) {
            return new Compaction(pa, migrator, new CompactionCounters(), CLUSTER_MAX) {
                @Override
                public int migratePagesReturn(CompactControl cc) {
                    int n = cc.nrMigratepages;
                    int ret = super.migratePagesReturn(cc);
                    cc.nrMigratepages = n;
                    return ret;
                }
            };
        }
    },
    /**
     * unmap_and_move() takes a page its owner freed while it was isolated (only the isolation reference left) off
     * cc->nr_migratepages as well as off the list. Only a process that unmaps its page between
     * isolate_migratepages_block() and migrate_pages() reaches it (refine's workload does after a few hundred
     * requests).
     */
    FREED_PAGE_UNCOUNTED("MigratePages", "cc.nrMigratepages") {
        @Override
        Compaction build(PageAlloc pa, CompactionMigrator migrator) {
            return new Compaction(pa, migrator, new CompactionCounters(), CLUSTER_MAX) {
                @Override
                public void migratePages(CompactControl cc, int src) {
                    boolean freed = migrator.pageFreedUnderUs(src);
                    super.migratePages(cc, src);
                    if (freed) {
                        cc.nrMigratepages--;
                    }
                }
            };
        }
    },
    /**
     * putback_movable_pages() asked for a page that is not on cc->migratepages puts back the list's last page
     * instead of refusing. A workload asks only for listed pages (refine never meets it); the replay asks for every
     * pfn in every state.
     */
    PUTBACK_OFF_LIST("PutbackMovablePages", null) {
        @Override
        Compaction build(PageAlloc pa, CompactionMigrator migrator) {
            return new Compaction(pa, migrator, new CompactionCounters(), CLUSTER_MAX) {
                @Override
                public void putbackMovablePages(CompactControl cc, int pfn) {
                    boolean listed = cc.migratepages.indexOf(pfn) >= 0;
                    super.putbackMovablePages(cc, listed || cc.migratepages.isEmpty() ? pfn
                            : cc.migratepages.get(cc.migratepages.size() - 1));
                }
            };
        }
    };

    /** The models' COMPACT_CLUSTER_MAX. */
    static final int CLUSTER_MAX = 1;

    final String action;
    final String differs;

    CompactionReplayMutant(String action, String differs) {
        this.action = action;
        this.differs = differs;
    }

    abstract Compaction build(PageAlloc pa, CompactionMigrator migrator);

    BiFunction<PageAlloc, CompactionMigrator, Compaction> engine() {
        return this::build;
    }
}
