package mmcheck.mm.migrate;

import mmcheck.event.MigrateAction;
import mmcheck.mm.StepRefusedException;

/**
 * UnmapAndMove - the migration of one page, step by step: the destination, the source's lock, writeback, the walks
 * of {@link RmapWalks}, the expected-refcount check and the copy, the unlock and the out: label.
 * Kernel: unmap_and_move(), __unmap_and_move(), move_to_new_folio(), migrate_folio(), folio_migrate_mapping() in
 * mm/migrate.c
 * Spec: UnmapAndMove(pfn), FolioTrylock, FolioLock, FolioWaitWriteback, MoveToNewFolio, UnmapAndMoveUnlock,
 * UnmapAndMoveOut of spec/Migrate.tla
 */
public abstract class UnmapAndMove extends RmapWalks {

    protected UnmapAndMove(AddressSpaces as) {
        super(as);
    }
    // ---------------------------------------------------------------------------------------------- one page

    /** The rest of unmap_and_move() of the page just started, in the kernel's order, with the windows. */
    void finishUnmapAndMove() {
        while (migStep != MigStep.IDLE) {
            int src = migSrc;
            int dst = migDst;
            betweenSteps();
            switch (migStep) {
                case FOLIO_TRYLOCK -> folioTrylock();
                case FOLIO_LOCK -> {
                    window.run(engine(), MigrationWindow.Point.FOLIO_LOCK, src, dst);
                    if (as.isLocked(src)) {
                        betweenSteps();
                        unlockPage(src);
                    }
                    betweenSteps();
                    folioLock();
                }
                case FOLIO_WAIT_WRITEBACK -> {
                    window.run(engine(), MigrationWindow.Point.FOLIO_WAIT_WRITEBACK, src, dst);
                    if (as.isWriteback(src)) {
                        betweenSteps();
                        endPageWriteback(src);
                    }
                    betweenSteps();
                    folioWaitWriteback();
                }
                case TRY_TO_MIGRATE -> {
                    window.run(engine(), MigrationWindow.Point.LOCKED, src, dst);
                    tryToMigrate(src);
                    window.run(engine(), MigrationWindow.Point.MIGRATION_ENTRIES, src, dst);
                    betweenSteps();
                    moveToNewFolio();
                    window.run(engine(), MigrationWindow.Point.MOVED, src, dst);
                }
                case MOVE_TO_NEW_FOLIO -> {
                    if (migWasMapped) {
                        window.run(engine(), MigrationWindow.Point.MIGRATION_ENTRIES, src, dst);
                    }
                    betweenSteps();
                    moveToNewFolio();
                    window.run(engine(), MigrationWindow.Point.MOVED, src, dst);
                }
                case REMOVE_MIGRATION_PTES -> {
                    removeMigrationPtes(src);
                    window.run(engine(), MigrationWindow.Point.REMOVED, src, dst);
                    betweenSteps();
                    unmapAndMoveUnlocked();
                }
                case UNLOCK -> unmapAndMoveUnlock();
                case OUT -> unmapAndMoveOut();
                default -> throw new IllegalStateException("unmap_and_move() at " + migStep);
            }
        }
    }

    /**
     * unmapAndMove() - start migrating one page of the pass: a page whose only reference is the isolation one was
     * freed from under us and counts as migrated; otherwise get_new_page() gives the destination, or -ENOMEM ends
     * the call (no other page is tried).
     * Kernel: unmap_and_move() in mm/migrate.c, up to __unmap_and_move()
     * Spec: UnmapAndMove(pfn)
     * Trace: unmap_and_move
     *
     * @return MIGRATEPAGE_SUCCESS (freed from under us), ENOMEM, or EAGAIN: the move has started and its result is
     *         -EAGAIN until move_to_new_folio() succeeds
     * @throws StepRefusedException unless migrate_pages() runs, no other page is in unmap_and_move(), and the page
     *                              is still to be tried in this pass
     */
    public int unmapAndMove(int pfn) {
        if (phase != Phase.MIGRATE || migStep != MigStep.IDLE) {
            throw new StepRefusedException("unmap_and_move", phase != Phase.MIGRATE ? "migrate_pages() is not running"
                    : "unmap_and_move() of pfn 0x" + Integer.toHexString(migSrc) + " is running");
        }
        if (!passTodo(pfn)) {
            throw new StepRefusedException("unmap_and_move", "pfn 0x" + Integer.toHexString(pfn)
                    + " is not on the list still to be tried in this pass");
        }
        int s = as.idx(pfn);
        if (as.refcount[s] == 1) {
            as.flags[s] &= ~(AddressSpaces.PG_PASS_TODO | AddressSpaces.PG_ISOLATED);
            nrIsolated--;
            removeFromList(pfn);
            countResult(MIGRATEPAGE_SUCCESS);
            as.putPage(pfn);
            as.sink.step(MigrateAction.UNMAP_AND_MOVE, pfn, 0, 0, 0);
            return MIGRATEPAGE_SUCCESS;
        }
        int dst = getNewPage.getNewPage(pfn);
        if (dst < 0) {
            // Memory is low: do not try the other pages. 6.1 counts this page and those retrying as failed.
            for (int i = 0; i < from.size(); i++) {
                as.flags[as.idx(from.get(i))] &= ~AddressSpaces.PG_PASS_TODO;
            }
            nrFailed++;
            nrFailedPages += 1 + nrRetryPages;
            retry = 0;
            nrRetryPages = 0;
            enomem = true;
            as.sink.step(MigrateAction.UNMAP_AND_MOVE, pfn, 0, 0, 0);
            return ENOMEM;
        }
        if (dst == pfn || !as.isUserPage(dst) || as.refcount(dst) != 1 || as.rmapHead[as.idx(dst)] >= 0) {
            throw new IllegalStateException("get_new_page returned pfn 0x" + Integer.toHexString(dst)
                    + ", not a new page holding one reference");
        }
        as.flags[s] &= ~AddressSpaces.PG_PASS_TODO;
        migStep = MigStep.FOLIO_TRYLOCK;
        migSrc = pfn;
        migDst = dst;
        migRc = EAGAIN;
        migWasMapped = false;
        migHoldsDst = true;
        as.sink.step(MigrateAction.UNMAP_AND_MOVE, pfn, 0, 0, 0);
        return EAGAIN;
    }

    /**
     * folioTrylock() - try the source's lock: if another path holds it, MIGRATE_ASYNC and any mode without force
     * give up with -EAGAIN, the sync modes with force sleep in folio_lock(); with the lock, go on.
     * Kernel: folio_trylock(src) in __unmap_and_move()
     * Spec: FolioTrylock
     * Trace: folio_trylock
     */
    public void folioTrylock() {
        requireStep(MigStep.FOLIO_TRYLOCK, "folio_trylock");
        if (!folioTrylock(as.idx(migSrc))) {
            if (folioLockMaySleep(force(), migrateMode)) {
                migStep = MigStep.FOLIO_LOCK;
            } else {
                migStep = MigStep.OUT;
                migRc = EAGAIN;
            }
        } else {
            afterFolioLock();
        }
        as.sink.step(MigrateAction.FOLIO_TRYLOCK, 0, 0, 0, 0);
    }

    /**
     * folioLockMaySleep() - MIGRATE_ASYNC never sleeps, and no mode sleeps without force: a contended lock gives
     * -EAGAIN and the page is retried in a later pass.
     * Kernel: the !force || mode == MIGRATE_ASYNC test after folio_trylock() in __unmap_and_move()
     * Spec: FolioTrylock
     */
    protected boolean folioLockMaySleep(boolean force, MigrateMode mode) {
        return force && mode != MigrateMode.MIGRATE_ASYNC;
    }

    /**
     * folioTrylock() - take the frame's lock unless another path holds it.
     * Kernel: folio_trylock() in include/linux/pagemap.h
     * Spec: the pageLocked[mig.src] test of FolioTrylock
     */
    protected boolean folioTrylock(int f) {
        return (as.flags[f] & AddressSpaces.PG_LOCKED) == 0;
    }

    /**
     * folioLock() - the other holder has unlocked: take the lock and go on.
     * Kernel: folio_lock(src) in __unmap_and_move()
     * Spec: FolioLock
     * Trace: folio_lock
     */
    public void folioLock() {
        requireStep(MigStep.FOLIO_LOCK, "folio_lock");
        if (as.isLocked(migSrc)) {
            throw new StepRefusedException("folio_lock", "pfn 0x" + Integer.toHexString(migSrc)
                    + " is still locked by another path");
        }
        afterFolioLock();
        as.sink.step(MigrateAction.FOLIO_LOCK, 0, 0, 0, 0);
    }

    /** With src locked (and dst trylocked): writeback decides, as AfterFolioLock does. */
    void afterFolioLock() {
        as.flags[as.idx(migSrc)] |= AddressSpaces.PG_MIGRATION_LOCKED;
        as.flags[as.idx(migDst)] |= AddressSpaces.PG_MIGRATION_LOCKED;
        if (as.isWriteback(migSrc)) {
            if (!waitsOnWriteback(migrateMode)) {
                migStep = MigStep.UNLOCK;
                migRc = EBUSY;
            } else if (!force()) {
                migStep = MigStep.UNLOCK;
                migRc = EAGAIN;
            } else {
                migStep = MigStep.FOLIO_WAIT_WRITEBACK;
            }
        } else {
            afterWriteback();
        }
    }

    /**
     * waitsOnWriteback() - async's retry loop is too short and sync-light would stall too long: only MIGRATE_SYNC
     * waits for writeback; the other modes give up with -EBUSY.
     * Kernel: the switch (mode) before folio_wait_writeback() in __unmap_and_move()
     * Spec: the migrateMode = SYNC test of AfterFolioLock
     */
    protected boolean waitsOnWriteback(MigrateMode mode) {
        return mode == MigrateMode.MIGRATE_SYNC;
    }

    /** No writeback: unmap the page if it is mapped, as AfterWriteback does. */
    void afterWriteback() {
        if (as.mapcount[as.idx(migSrc)] > 0) {
            migStep = MigStep.TRY_TO_MIGRATE;
            migWasMapped = true;
        } else {
            migStep = MigStep.MOVE_TO_NEW_FOLIO;
        }
    }

    /**
     * folioWaitWriteback() - writeback has ended: go on.
     * Kernel: folio_wait_writeback(src) in __unmap_and_move()
     * Spec: FolioWaitWriteback
     * Trace: folio_wait_writeback
     */
    public void folioWaitWriteback() {
        requireStep(MigStep.FOLIO_WAIT_WRITEBACK, "folio_wait_writeback");
        if (as.isWriteback(migSrc)) {
            throw new StepRefusedException("folio_wait_writeback", "pfn 0x" + Integer.toHexString(migSrc)
                    + " is still under writeback");
        }
        afterWriteback();
        as.sink.step(MigrateAction.FOLIO_WAIT_WRITEBACK, 0, 0, 0, 0);
    }

    /**
     * moveToNewFolio() - once the walk is over: if the source is still mapped, or holds more than the expected
     * references, the result stays -EAGAIN; otherwise the data is copied and there is no turning back.
     * Kernel: if (!folio_mapped(src)) move_to_new_folio() in __unmap_and_move(), through migrate_folio() and
     * folio_migrate_mapping()
     * Spec: MoveToNewFolio
     * Trace: move_to_new_folio
     */
    public void moveToNewFolio() {
        if (!(migStep == MigStep.MOVE_TO_NEW_FOLIO || migStep == MigStep.TRY_TO_MIGRATE && tryToMigrateDone())) {
            throw new StepRefusedException("move_to_new_folio", migStep == MigStep.TRY_TO_MIGRATE
                    ? "try_to_migrate() has PTEs left to visit" : "unmap_and_move() is at " + migStep.specName());
        }
        int f = as.idx(migSrc);
        int rc = as.mapcount[f] != 0 ? EAGAIN : folioMigrateMapping(as.idx(migDst), f);
        if (rc == MIGRATEPAGE_SUCCESS) {
            folioCopy(as.idx(migDst), f);
        }
        migRc = rc;
        migStep = migWasMapped ? MigStep.REMOVE_MIGRATION_PTES : MigStep.UNLOCK;
        as.sink.step(MigrateAction.MOVE_TO_NEW_FOLIO, 0, 0, 0, 0);
    }

    /**
     * folioMigrateMapping() - an anonymous page without swap cache may move only if it holds exactly the expected
     * references: a pin or any other reference means someone may still use the old page.
     * Kernel: folio_migrate_mapping() in mm/migrate.c with folio_expected_refs()
     * Spec: the ok condition of MoveToNewFolio
     */
    protected int folioMigrateMapping(int dstFrame, int srcFrame) {
        return as.refcount[srcFrame] == folioExpectedRefs(srcFrame) ? MIGRATEPAGE_SUCCESS : EAGAIN;
    }

    /**
     * folioExpectedRefs() - the isolation reference only.
     * Kernel: folio_expected_refs(NULL, folio) in mm/migrate.c
     * Spec: FolioExpectedRefs(f)
     */
    protected int folioExpectedRefs(int srcFrame) {
        return 1;
    }

    /**
     * folioCopy() - the destination gets the source's data.
     * Kernel: folio_copy() in mm/util.c, from folio_migrate_copy()
     * Spec: FolioCopy(dst, src)
     */
    protected void folioCopy(int dstFrame, int srcFrame) {
        as.content[dstFrame] = as.content[srcFrame];
    }

    /**
     * unmapAndMoveUnlock() - unlock both pages, which wakes the processes sleeping on the migration entries; on
     * success drop the destination's allocation reference, which frees it only if nobody maps it.
     * Kernel: the out_unlock: path of __unmap_and_move() (folio_unlock, folio_put(dst))
     * Spec: UnmapAndMoveUnlock
     * Trace: unmap_and_move_unlock
     *
     * @throws StepRefusedException unless __unmap_and_move() is there, with no migration entry left to remove
     */
    public void unmapAndMoveUnlock() {
        if (!(migStep == MigStep.UNLOCK || migStep == MigStep.REMOVE_MIGRATION_PTES && removeMigrationPtesDone())) {
            throw new StepRefusedException("unmap_and_move_unlock", migStep == MigStep.REMOVE_MIGRATION_PTES
                    ? "remove_migration_ptes() has entries left" : "unmap_and_move() is at " + migStep.specName());
        }
        unmapAndMoveUnlocked();
    }

    /** The kernel reaches out_unlock after its walk; a bug in the walk must not stop it here. */
    void unmapAndMoveUnlocked() {
        as.flags[as.idx(migSrc)] &= ~AddressSpaces.PG_MIGRATION_LOCKED;
        as.flags[as.idx(migDst)] &= ~AddressSpaces.PG_MIGRATION_LOCKED;
        migStep = MigStep.OUT;
        if (migRc == MIGRATEPAGE_SUCCESS) {
            // The new mappings hold their own references, so this does not free dst unless nobody maps it.
            migHoldsDst = false;
            as.putPage(migDst);
        }
        as.folioWakeBit();
        as.sink.step(MigrateAction.UNMAP_AND_MOVE_UNLOCK, 0, 0, 0, 0);
    }

    /**
     * unmapAndMoveOut() - on success the source leaves the list and its isolation reference, the last one, goes,
     * which frees it; otherwise the unused destination is handed back, and the source stays listed for the next
     * pass (-EAGAIN) or moves to ret_pages (-EBUSY).
     * Kernel: the out: path of unmap_and_move() in mm/migrate.c
     * Spec: UnmapAndMoveOut
     * Trace: unmap_and_move_out
     */
    public void unmapAndMoveOut() {
        requireStep(MigStep.OUT, "unmap_and_move_out");
        int src = migSrc;
        int dst = migDst;
        int rc = migRc;
        migStep = MigStep.IDLE;
        migSrc = AddressSpaces.NO_PFN;
        migDst = AddressSpaces.NO_PFN;
        migRc = EAGAIN;
        migWasMapped = false;
        if (rc == MIGRATEPAGE_SUCCESS) {
            as.flags[as.idx(src)] &= ~AddressSpaces.PG_ISOLATED;
            nrIsolated--;
            removeFromList(src);
            as.putPage(src);
        } else {
            migHoldsDst = false;
            putNewPage.putNewPage(dst);
            if (rc != EAGAIN) {
                removeFromList(src);
                retPages.add(src);
            }
        }
        countResult(rc);
        as.sink.step(MigrateAction.UNMAP_AND_MOVE_OUT, 0, 0, 0, 0);
    }

    /**
     * countResult() - migrate_pages() counts what unmap_and_move() returned: a success, a retry for the next pass,
     * or a permanent failure (-EBUSY).
     * Kernel: switch (rc) after unmap_and_move() in migrate_pages() (nr_succeeded, retry, nr_retry_pages, nr_failed,
     * nr_failed_pages)
     * Spec: the counts of UnmapAndMoveOut
     */
    protected void countResult(int rc) {
        if (rc == MIGRATEPAGE_SUCCESS) {
            nrSucceeded++;
        } else if (rc == EAGAIN) {
            retry++;
            nrRetryPages++;
        } else {
            nrFailed++;
            nrFailedPages++;
        }
    }

    /** The whole engine, which other CPUs' steps in a window act on; Migrate is the one concrete subclass. */
    private Migrate engine() {
        return (Migrate) this;
    }

    /** unlock_page() by the other lock holder, which {@link #finishUnmapAndMove} lets go after its window. */
    public abstract void unlockPage(int pfn);

    /** end_page_writeback(), which {@link #finishUnmapAndMove} lets happen after its window. */
    public abstract void endPageWriteback(int pfn);
}
