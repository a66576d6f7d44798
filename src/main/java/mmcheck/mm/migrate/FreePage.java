package mmcheck.mm.migrate;

/**
 * FreePage - how migrate_pages() hands back a destination page it did not use.
 * Kernel: free_page_t of include/linux/migrate.h (compaction_free() ...); a NULL put_new_page means put_page().
 */
@FunctionalInterface
public interface FreePage {

    /** Takes back the destination page at pfn, which still holds the reference getNewPage() gave it. */
    void putNewPage(int pfn);
}
