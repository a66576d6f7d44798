package mmcheck.mm.compaction;

import java.util.function.IntConsumer;

import mmcheck.mm.migrate.FreePage;
import mmcheck.mm.migrate.MigrateMode;
import mmcheck.mm.migrate.NewPageAllocator;
import mmcheck.mm.migrate.PageList;

/**
 * CompactionMigrator - what compaction asks of the LRU and of migrate_pages(): is a page an isolation candidate,
 * isolate it, migrate a list, put a list back.
 * Kernel: PageLRU()/TestClearPageLRU()/del_page_from_lru_list() and NR_ISOLATED_ANON as
 * isolate_migratepages_block() uses them, migrate_pages() and putback_movable_pages() of mm/migrate.c.
 */
public interface CompactionMigrator {

    /** PageLRU(): an order-0 user page on an LRU list, not isolated. */
    boolean pageLru(int pfn);

    /** The racy pin check of isolate_migratepages_block(): page_count(page) - 1 &gt; total_mapcount(page). */
    boolean pageMaybePinned(int pfn);

    /** PageWriteback(): ISOLATE_ASYNC_MIGRATE callers skip such pages. */
    boolean pageWriteback(int pfn);

    /** TestClearPageLRU(), del_page_from_lru_list() and NR_ISOLATED_ANON += 1. The caller lists the page. */
    void isolateLruPage(int pfn);

    /** Whether the page is isolated (off the LRU, on some migration list). */
    boolean isIsolated(int pfn);

    /** node_page_state(NR_ISOLATED_ANON). */
    long nrIsolatedAnon();

    /** putback_movable_pages(): every page of the list back to the LRU; the list ends up empty. */
    void putbackMovablePages(PageList list);

    /**
     * migrate_pages(): migrate every page of the list; pages that did not migrate stay on it.
     *
     * @param freedSource called after each source page has been freed to the buddy allocator (where
     *                    compaction_capture() looks)
     * @param nrSucceeded nrSucceeded[0] receives the pages migrated
     * @return the pages that failed, or -ENOMEM (-12) when getNewPage returned none
     */
    int migratePages(PageList from, NewPageAllocator getNewPage, FreePage putNewPage, MigrateMode mode,
            IntConsumer freedSource, int[] nrSucceeded);

}
