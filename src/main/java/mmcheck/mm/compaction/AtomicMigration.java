package mmcheck.mm.compaction;

import mmcheck.mm.MigrateType;
import mmcheck.mm.PageArray;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.migrate.PageList;

/**
 * AtomicMigration - migration of whole pages in one step each, over the buddy allocator's page state alone: the
 * destination takes the source's owner and migratetype, the source is freed.
 * Kernel: migrate_pages() in mm/migrate.c seen from outside (the atomic form the compaction spec uses in place of
 * Migrate.tla's per-PTE steps); putback_movable_pages(); the LRU flag and NR_ISOLATED_ANON.
 *
 * <p>Movable user pages are allocated order-0 MIGRATE_MOVABLE blocks not owned by {@link #COMPACTION_OWNER}. A pinned
 * page ({@link #pin}) stays where it is: migrate_pages() fails it with -EAGAIN in every pass and gives its
 * destination back through putNewPage.
 *
 * <p>State beside the allocator's: one isolated bit and one pinned bit per page (two longs per 64 pages).
 */
public final class AtomicMigration implements CompactionMigrator {

        /** The owner split_map_pages() gives isolated free pages until migration hands them to a user. */
    public static final int COMPACTION_OWNER = -2;

    private final Zone zone;
    private final PageAlloc pageAlloc;
    private final PageArray pages;
    private final int base;
    private final long[] isolated;
    private final long[] pinned;
    private long nrIsolatedAnon;
    private long pgmigrateSuccess;
    private long pgmigrateFail;

    public AtomicMigration(PageAlloc pageAlloc) {
        this.pageAlloc = pageAlloc;
        this.zone = pageAlloc.zone();
        this.pages = zone.pageArray();
        this.base = pages.base();
        int words = (pages.size() + 63) >>> 6;
        this.isolated = new long[words];
        this.pinned = new long[words];
    }

    /** pin_user_pages() of one page: it can no longer be migrated. */
    public void pin(int pfn) {
        int i = pfn - base;
        pinned[i >>> 6] |= 1L << i;
    }

    /** unpin_user_page(). */
    public void unpin(int pfn) {
        int i = pfn - base;
        pinned[i >>> 6] &= ~(1L << i);
    }

    /** Whether the page is pinned. */
    public boolean isPinned(int pfn) {
        int i = pfn - base;
        return (pinned[i >>> 6] & (1L << i)) != 0;
    }

    /** pgmigrate_success. */
    public long pgmigrateSuccess() {
        return pgmigrateSuccess;
    }

    /** pgmigrate_fail. */
    public long pgmigrateFail() {
        return pgmigrateFail;
    }

    @Override
    public boolean pageLru(int pfn) {
        return pages.isAllocatedHead(pfn) && pages.allocatedOrder(pfn) == 0
                && pages.migratetype(pfn) == MigrateType.MIGRATE_MOVABLE.ordinal()
                && pages.owner(pfn) != COMPACTION_OWNER && !isIsolated(pfn);
    }

    @Override
    public boolean pageMaybePinned(int pfn) {
        return isPinned(pfn);
    }

    @Override
    public boolean pageWriteback(int pfn) {
        return false;
    }

    @Override
    public void isolateLruPage(int pfn) {
        if (!pageLru(pfn)) {
            throw new StepRefusedException("isolate_migratepages_block", "pfn 0x" + Integer.toHexString(pfn)
                    + " is not an order-0 movable page on the LRU");
        }
        int i = pfn - base;
        isolated[i >>> 6] |= 1L << i;
        nrIsolatedAnon++;
    }

    @Override
    public boolean isIsolated(int pfn) {
        int i = pfn - base;
        return (isolated[i >>> 6] & (1L << i)) != 0;
    }

    @Override
    public long nrIsolatedAnon() {
        return nrIsolatedAnon;
    }

    @Override
    public void putbackMovablePages(PageList list) {
        for (int k = 0; k < list.size(); k++) {
            int pfn = list.get(k);
            if (!isIsolated(pfn)) {
                throw new StepRefusedException("putback_movable_pages", "pfn 0x" + Integer.toHexString(pfn)
                        + " is not isolated");
            }
        }
        for (int k = 0; k < list.size(); k++) {
            clearIsolated(list.get(k));
        }
        list.clear();
    }

    private void clearIsolated(int pfn) {
        int i = pfn - base;
        isolated[i >>> 6] &= ~(1L << i);
        nrIsolatedAnon--;
    }

    @Override
    public void putbackMovablePage(int pfn) {
        if (!isIsolated(pfn)) {
            throw new StepRefusedException("putback_movable_pages", "pfn 0x" + Integer.toHexString(pfn)
                    + " is not isolated");
        }
        clearIsolated(pfn);
    }

    /** Never: without page tables no owner unmaps a page, so an isolated page always has its owner's reference. */
    @Override
    public boolean pageFreedUnderUs(int pfn) {
        return false;
    }

    @Override
    public boolean migratable(int pfn) {
        return !isPinned(pfn);
    }

    @Override
    public void countMigrated(int succeeded, int failed) {
        pgmigrateSuccess += succeeded;
        pgmigrateFail += failed;
    }

    /**
     * movePageAtomic() - the destination takes the source's contents (its owner and migratetype) and the source's
     * last reference is dropped, freeing it. Kernel: move_to_new_folio() and the final putback of the source in
     * unmap_and_move(). Spec: MovePageAtomic(src, dst).
     */
    @Override
    public void movePageAtomic(int src, int dst) {
        if (!pages.isAllocatedHead(dst) || pages.allocatedOrder(dst) != 0 || pages.owner(dst) != COMPACTION_OWNER) {
            throw new StepRefusedException("migrate_pages", "destination 0x" + Integer.toHexString(dst)
                    + " is not a page compaction_alloc() handed out");
        }
        pages.setAllocated(dst, 0, pages.migratetype(src), pages.owner(src));
        clearIsolated(src);
        pageAlloc.freeOnePage(src, 0);
    }
}
