package mmcheck.mm.migrate;

import mmcheck.mm.PageArray;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.compaction.AtomicMigration;
import mmcheck.mm.compaction.CompactionMigrator;

/**
 * PageTableMigration - compaction's migration of whole user pages in one step each, over the page tables of
 * {@link AddressSpaces}: isolation takes a reference, a migration moves every PTE, the reverse map, the references
 * and the data to the destination and frees the source, the putback drops the isolation reference (the last one,
 * when the owner unmapped the page meanwhile, frees it).
 * Kernel: folio_isolate_lru() as isolate_migratepages_block() uses it, unmap_and_move() when it succeeds (seen from
 * outside), putback_movable_pages(), NR_ISOLATED_ANON. Spec: spec/MigrateAtomic.tla's MovePageAtomic, the
 * isolation and PutPage of spec/Compaction.tla.
 *
 * <p>Where {@link AtomicMigration} takes any order-0 movable page for a user page, this one takes the pages the
 * processes mapped, so processes can fault, unmap and pin between compaction steps.
 */
public final class PageTableMigration implements CompactionMigrator {

    private final AddressSpaces as;
    private final PageArray pages;
    private long nrIsolatedAnon;
    private long pgmigrateSuccess;
    private long pgmigrateFail;

    public PageTableMigration(AddressSpaces as) {
        this.as = as;
        this.pages = as.zone().pageArray();
    }

    /**
     * Over address spaces that already hold isolated pages (an engine built from a spec state): NR_ISOLATED_ANON
     * starts at nrIsolatedAnon.
     */
    public PageTableMigration(AddressSpaces as, long nrIsolatedAnon) {
        this(as);
        this.nrIsolatedAnon = nrIsolatedAnon;
    }

    public AddressSpaces addressSpaces() {
        return as;
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
        return as.isUserPage(pfn) && !as.isIsolated(pfn);
    }

    /** page_count() &gt; page_mapcount(): a pin or another holder. */
    @Override
    public boolean pageMaybePinned(int pfn) {
        int f = as.idx(pfn);
        return as.refcount[f] > as.mapcount[f];
    }

    @Override
    public boolean pageWriteback(int pfn) {
        return as.isWriteback(pfn);
    }

    @Override
    public void isolateLruPage(int pfn) {
        if (!pageLru(pfn)) {
            throw new StepRefusedException("isolate_migratepages_block", "pfn 0x" + Integer.toHexString(pfn)
                    + " is not a user page on the LRU");
        }
        int f = as.idx(pfn);
        as.flags[f] |= PageFrames.PG_ISOLATED;
        as.folioGet(f);
        nrIsolatedAnon++;
    }

    @Override
    public boolean isIsolated(int pfn) {
        return as.isIsolated(pfn);
    }

    @Override
    public long nrIsolatedAnon() {
        return nrIsolatedAnon;
    }

    @Override
    public void putbackMovablePage(int pfn) {
        if (!as.zone().geometry().contains(pfn) || !as.isIsolated(pfn)) {
            throw new StepRefusedException("putback_movable_pages", "pfn 0x" + Integer.toHexString(pfn)
                    + " is not isolated");
        }
        as.flags[as.idx(pfn)] &= ~PageFrames.PG_ISOLATED;
        nrIsolatedAnon--;
        as.putPage(pfn);
    }

    @Override
    public boolean pageFreedUnderUs(int pfn) {
        return as.refcount[as.idx(pfn)] == 1;
    }

    @Override
    public boolean migratable(int pfn) {
        int f = as.idx(pfn);
        return as.refcount[f] == as.mapcount[f] + 1 && as.pinCount[f] == 0;
    }

    @Override
    public void movePageAtomic(int src, int dst) {
        if (!pages.isAllocatedHead(dst) || pages.allocatedOrder(dst) != 0
                || pages.owner(dst) != AtomicMigration.COMPACTION_OWNER) {
            throw new StepRefusedException("migrate_pages", "destination 0x" + Integer.toHexString(dst)
                    + " is not a page compaction_alloc() handed out");
        }
        if (!as.isIsolated(src) || !migratable(src)) {
            throw new StepRefusedException("migrate_pages", "pfn 0x" + Integer.toHexString(src)
                    + " is not an isolated page migration can move");
        }
        int s = as.idx(src);
        int d = as.idx(dst);
        // try_to_migrate(), move_to_new_folio() and remove_migration_ptes() at once: every PTE now maps dst.
        for (int slot = as.rmapHead[s]; slot >= 0; slot = as.rmapNext[slot]) {
            as.setPte(slot, d, PageFrames.PTE_PRESENT);
        }
        as.rmapHead[d] = as.rmapHead[s];
        as.rmapHead[s] = -1;
        as.mapcount[d] = as.mapcount[s];
        as.refcount[d] = as.mapcount[s];
        boolean exclusive = (as.flags[s] & PageFrames.PG_ANON_EXCLUSIVE) != 0 && as.rmapHead[d] >= 0;
        as.flags[d] = exclusive ? PageFrames.PG_ANON_EXCLUSIVE : 0;
        as.copyUserHighpage(d, s);
        pages.setAllocated(dst, 0, pages.migratetype(src), pages.owner(src));
        as.mapcount[s] = 0;
        as.refcount[s] = 0;
        as.freePagesPrepare(s);
        nrIsolatedAnon--;
        as.pageAlloc().freeOnePage(src, 0);
    }

    @Override
    public void countMigrated(int succeeded, int failed) {
        pgmigrateSuccess += succeeded;
        pgmigrateFail += failed;
    }
}
