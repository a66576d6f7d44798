package mmcheck.mm.migrate;

import mmcheck.event.MigrateAction;
import mmcheck.mm.StepRefusedException;

/**
 * Migrate - page migration of anonymous order-0 pages over {@link AddressSpaces}, one method per kernel function.
 * Kernel: mm/migrate.c (migrate_pages, unmap_and_move, __unmap_and_move, move_to_new_folio, migrate_folio,
 * folio_migrate_mapping, remove_migration_ptes, putback_movable_pages) and mm/rmap.c (try_to_migrate,
 * try_to_migrate_one, remove_migration_pte) of Linux 6.1.
 * Spec: spec/Migrate.tla
 * Trace: one {@link mmcheck.event.MigrateAction} per spec step, to the sink of {@link AddressSpaces#setSink}.
 *
 * <p>The engine is the spec's state machine: migrate_pages() and unmap_and_move() keep their position in fields
 * (the spec's migratePhase, migratePass, passTodo, retry, fromList, retPages and mig), and each spec action is one
 * public step method that refuses with {@link StepRefusedException}, changing nothing, when the spec does not enable
 * it. {@link #migratePages} runs a whole call, as the kernel does, by taking those steps in the kernel's order;
 * while it runs, a {@link MigrationWindow} lets other CPUs act at the points where they could in the kernel. A
 * conformance checker may instead take the steps one by one, in any order the spec allows. Helpers are protected so
 * that a test can seed a bug by overriding one.
 *
 * <p>Where the engine differs from the spec: migrate_pages() of an empty list returns 0 and takes no step (the
 * spec's MigratePages needs a non-empty list); the other lock holder and writeback, which the spec lets go by strong
 * fairness, let go at once after the window when {@link #migratePages} sleeps on them; get_new_page() and
 * put_new_page() are the caller's (the spec fixes them to the buddy allocator and put_page()); the pass bound, the
 * batch bound and the contended pages are the kernel's (10 passes, force from the fourth, no bound, every page)
 * unless {@link #setBounds} narrows them to a model's.
 *
 * <p>The code follows the kernel's own lines, one class each, this class last: {@link MigrationState} (the
 * position and counts), {@link RmapWalks} (try_to_migrate and remove_migration_ptes, mm/rmap.c), {@link UnmapAndMove}
 * (one page), {@link MigratePages} (the caller and the passes), and here the other kernel paths that hold a page:
 * another lock holder, writeback, and speculative references (folio_try_get).
 *
 * <p>Not thread-safe; one migrate_pages() call at a time, as in the spec.
 */
public class Migrate extends MigratePages {

    public Migrate(AddressSpaces as) {
        super(as);
    }

    // ---------------------------------------------------------------------------------------------- contention

    /**
     * lockPage() - another kernel path that found a mapped page through a page table (a concurrent fault, reclaim)
     * takes its lock, with a reference.
     * Kernel: lock_page() in include/linux/pagemap.h
     * Spec: LockPage(pfn)
     * Trace: lock_page
     */
    public void lockPage(int pfn) {
        if (!as.zone.geometry().contains(pfn) || as.rmapHead[as.idx(pfn)] < 0) {
            throw new StepRefusedException("lock_page", "pfn 0x" + Integer.toHexString(pfn)
                    + " is not mapped by any page table");
        }
        if (!contended(pfn)) {
            throw new StepRefusedException("lock_page", "pfn 0x" + Integer.toHexString(pfn)
                    + " is outside the model's contended pages");
        }
        int f = as.idx(pfn);
        if ((as.flags[f] & (AddressSpaces.PG_LOCKED | AddressSpaces.PG_MIGRATION_LOCKED)) != 0) {
            throw new StepRefusedException("lock_page", "pfn 0x" + Integer.toHexString(pfn) + " is locked");
        }
        as.flags[f] |= AddressSpaces.PG_LOCKED;
        as.folioGet(f);
        as.sink.step(MigrateAction.LOCK_PAGE, pfn, 0, 0, 0);
    }

    /**
     * unlockPage() - the other path unlocks and drops its reference, which may be the last.
     * Kernel: unlock_page() and put_page()
     * Spec: UnlockPage(pfn)
     * Trace: unlock_page
     */
    public void unlockPage(int pfn) {
        if (!as.zone.geometry().contains(pfn) || !as.isLocked(pfn)) {
            throw new StepRefusedException("unlock_page", "pfn 0x" + Integer.toHexString(pfn)
                    + " is not locked by another path");
        }
        as.flags[as.idx(pfn)] &= ~AddressSpaces.PG_LOCKED;
        as.putPage(pfn);
        as.sink.step(MigrateAction.UNLOCK_PAGE, pfn, 0, 0, 0);
    }

    /**
     * setPageWriteback() - writeback starts under the page lock, with a reference.
     * Kernel: folio_start_writeback() (set_page_writeback) in mm/page-writeback.c
     * Spec: SetPageWriteback(pfn)
     * Trace: set_page_writeback
     */
    public void setPageWriteback(int pfn) {
        if (!as.zone.geometry().contains(pfn) || !as.isLocked(pfn) || as.isWriteback(pfn)) {
            throw new StepRefusedException("set_page_writeback", "pfn 0x" + Integer.toHexString(pfn)
                    + " is not locked by another path, or already under writeback");
        }
        int f = as.idx(pfn);
        as.flags[f] |= AddressSpaces.PG_WRITEBACK;
        as.folioGet(f);
        as.sink.step(MigrateAction.SET_PAGE_WRITEBACK, pfn, 0, 0, 0);
    }

    /**
     * endPageWriteback() - I/O completion ends writeback, without the lock, and drops its reference.
     * Kernel: folio_end_writeback() (end_page_writeback) in mm/filemap.c
     * Spec: EndPageWriteback(pfn)
     * Trace: end_page_writeback
     */
    public void endPageWriteback(int pfn) {
        if (!as.zone.geometry().contains(pfn) || !as.isWriteback(pfn)) {
            throw new StepRefusedException("end_page_writeback", "pfn 0x" + Integer.toHexString(pfn)
                    + " is not under writeback");
        }
        as.flags[as.idx(pfn)] &= ~AddressSpaces.PG_WRITEBACK;
        as.putPage(pfn);
        as.sink.step(MigrateAction.END_PAGE_WRITEBACK, pfn, 0, 0, 0);
    }

    // ---------------------------------------------------------------------------------------------- speculative references

    /**
     * folioTryGet() - a path that found the page without its lock or a mapping of its own (GUP-fast before it
     * rechecks the PTE, an LRU batch, a PFN walker) takes a reference; it succeeds on any page that has one.
     * Kernel: folio_try_get() in include/linux/page_ref.h (try_grab_folio() in mm/gup.c)
     * Spec: FolioTryGet(pfn)
     * Trace: folio_try_get
     */
    public void folioTryGet(int pfn) {
        if (!as.zone.geometry().contains(pfn) || !as.isUserPage(pfn)) {
            throw new StepRefusedException("folio_try_get", "pfn 0x" + Integer.toHexString(pfn)
                    + " is not an allocated user page");
        }
        if (nrTransientRefs >= maxTransientRefs) {
            throw new StepRefusedException("folio_try_get", nrTransientRefs + " speculative references are held,"
                    + " the model's bound");
        }
        int f = as.idx(pfn);
        as.folioGet(f);
        transientRefs[f]++;
        nrTransientRefs++;
        as.sink.step(MigrateAction.FOLIO_TRY_GET, pfn, 0, 0, 0);
    }

    /**
     * folioPut() - the speculative holder lets go (GUP-fast found the PTE changed, the batch drained); it may drop
     * the last reference, which frees the page.
     * Kernel: folio_put() in include/linux/mm.h
     * Spec: FolioPut(pfn)
     * Trace: folio_put
     */
    public void folioPut(int pfn) {
        if (!as.zone.geometry().contains(pfn) || transientRefs[as.idx(pfn)] == 0) {
            throw new StepRefusedException("folio_put", "pfn 0x" + Integer.toHexString(pfn)
                    + " holds no speculative reference");
        }
        transientRefs[as.idx(pfn)]--;
        nrTransientRefs--;
        as.putPage(pfn);
        as.sink.step(MigrateAction.FOLIO_PUT, pfn, 0, 0, 0);
    }
}
