package mmcheck.mm.compaction;

import mmcheck.mm.migrate.PageList;

/**
 * CompactionMigrator - what compaction asks of the LRU and of migrate_pages(): is a page an isolation candidate,
 * isolate it, migrate one page, put one back.
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

    /** putback_movable_pages() of one page: back on the LRU, dropping the isolation reference (the last one frees it). */
    void putbackMovablePage(int pfn);

    /**
     * unmap_and_move()'s test that the owner freed the page while it was isolated: page_count(page) == 1, only the
     * isolation reference is left.
     */
    boolean pageFreedUnderUs(int pfn);

    /**
     * Whether migrate_pages() can move the isolated page now: no reference beyond its mappings and the isolation
     * (folio_expected_refs()), no pin (try_to_migrate() refuses a pinned exclusive page).
     */
    boolean migratable(int pfn);

    /**
     * movePageAtomic() - unmap_and_move() that succeeds: dst (a page compaction_alloc() handed out) takes src's
     * mappings, contents and migratetype, and src's last reference goes: src is freed to the buddy allocator.
     * Spec: MovePageAtomic(src, dst) with FreeMigratedSource.
     */
    void movePageAtomic(int src, int dst);

    /** pgmigrate_success / pgmigrate_fail: migrate_pages() returned with these counts. */
    void countMigrated(int succeeded, int failed);

    /** putback_movable_pages(): every page of the list back to the LRU; the list ends up empty. */
    default void putbackMovablePages(PageList list) {
        for (int k = 0; k < list.size(); k++) {
            putbackMovablePage(list.get(k));
        }
        list.clear();
    }
}
