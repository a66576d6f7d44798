package mmcheck.mm.migrate;

/**
 * NewPageAllocator - where migrate_pages() gets a destination page for a source page.
 * Kernel: new_page_t of include/linux/migrate.h (alloc_migration_target(), compaction_alloc() ...).
 */
@FunctionalInterface
public interface NewPageAllocator {

    /**
     * @param srcPfn the page about to be migrated
     * @return the pfn of an allocated order-0 page holding one reference that migration now owns, or -1 (NULL) when
     *         none is available, which makes migrate_pages() return -ENOMEM
     */
    int getNewPage(int srcPfn);
}
