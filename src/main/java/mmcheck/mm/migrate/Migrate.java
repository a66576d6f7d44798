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
 * <p>{@link #migratePages} runs a whole call, as the kernel does; while it runs, a {@link MigrationWindow} lets
 * other CPUs act at the points where they could in the kernel. Public steps refuse with
 * {@link StepRefusedException} and change nothing when their spec action is not enabled. Helpers are protected so
 * that a test can seed a bug by overriding one.
 *
 * <p>Where the engine differs from the spec: migrate_pages() of an empty list returns 0 and takes no step (the
 * spec's MigratePages needs a non-empty list); the caller's list is the caller's, so the spec's "putback" phase
 * (put back before isolating again) is not enforced; the other lock holder and writeback, which the spec lets go
 * by strong fairness, let go at once after the window when migration sleeps on them; and get_new_page() and
 * put_new_page() are the caller's (the spec fixes them to the buddy allocator and put_page()).
 *
 * <p>Not thread-safe; one migrate_pages() call at a time, as in the spec.
 */
public class Migrate {

    /** MIGRATEPAGE_SUCCESS of include/linux/migrate.h. */
    public static final int MIGRATEPAGE_SUCCESS = 0;
    /** -EAGAIN: try again in the next pass. */
    public static final int EAGAIN = -11;
    /** -ENOMEM: get_new_page() found no page; migrate_pages() stops. */
    public static final int ENOMEM = -12;
    /** -EBUSY: a permanent failure for this call (writeback in a mode that may not wait for it). */
    public static final int EBUSY = -16;
    /** The passes of migrate_pages() in 6.1: pass < 10. */
    public static final int NR_MIGRATE_PASSES = 10;
    /** force = pass > 2. */
    public static final int MIGRATE_FORCE_PASS = 3;

    protected final AddressSpaces as;
    private MigrationWindow window = MigrationWindow.NONE;

    // The running unmap_and_move(): Migrate.tla's mig and migratePhase.
    int migSrc = AddressSpaces.NO_PFN;
    int migDst = AddressSpaces.NO_PFN;
    int migRc = EAGAIN;
    /** The dst's allocation reference is still held (HoldsDstRef). */
    boolean migHoldsDst;
    boolean inMigratePages;
    MigrateMode migrateMode;
    boolean migForce;
    MigrationWindow.Point migSleep;

    private long pgmigrateSuccess;
    private long pgmigrateFail;

    public Migrate(AddressSpaces as) {
        this.as = as;
    }

    public AddressSpaces addressSpaces() {
        return as;
    }

    /** Other CPUs' steps inside unmap_and_move(); NONE by default. */
    public void setWindow(MigrationWindow window) {
        this.window = window == null ? MigrationWindow.NONE : window;
    }

    /** vmstat pgmigrate_success: pages migrated, over all calls. */
    public long pgmigrateSuccess() {
        return pgmigrateSuccess;
    }

    /** vmstat pgmigrate_fail: pages that failed to migrate, over all calls. */
    public long pgmigrateFail() {
        return pgmigrateFail;
    }

    /** The page unmap_and_move() is working on, or NO_PFN. */
    public int migrationSource() {
        return migSrc;
    }

    /** Its destination, or NO_PFN. */
    public int migrationDestination() {
        return migDst;
    }

    /** migrate_pages() is running. */
    public boolean inMigratePages() {
        return inMigratePages;
    }

    // ---------------------------------------------------------------------------------------------- the caller

    /**
     * folioIsolateLru() - take a mapped-or-not user page off the LRU onto the caller's list, with a reference. A
     * pinned page may be isolated: migration must refuse it later.
     * Kernel: folio_isolate_lru() in mm/vmscan.c (isolate_migratepages_block() for compaction)
     * Spec: FolioIsolateLru(pfn)
     * Trace: folio_isolate_lru
     *
     * @throws StepRefusedException if the page is not a user page, is already isolated, or migrate_pages() runs
     */
    public void folioIsolateLru(int pfn, PageList list) {
        if (inMigratePages) {
            throw new StepRefusedException("folio_isolate_lru", "migrate_pages() is running");
        }
        if (!as.isUserPage(pfn)) {
            throw new StepRefusedException("folio_isolate_lru", "pfn 0x" + Integer.toHexString(pfn)
                    + " is not an anonymous user page on the LRU");
        }
        int f = as.idx(pfn);
        if ((as.flags[f] & AddressSpaces.PG_ISOLATED) != 0) {
            throw new StepRefusedException("folio_isolate_lru", "pfn 0x" + Integer.toHexString(pfn)
                    + " is already isolated");
        }
        isolateLruReference(f);
        as.flags[f] |= AddressSpaces.PG_ISOLATED;
        list.add(pfn);
        as.sink.step(MigrateAction.FOLIO_ISOLATE_LRU, pfn, 0, 0, 0);
    }

    /**
     * isolateLruReference() - the isolation holds the page.
     * Kernel: folio_try_get() in folio_isolate_lru()
     */
    protected void isolateLruReference(int f) {
        as.folioGet(f);
    }

    /**
     * putbackMovablePages() - give every page of the list back to the LRU, dropping the isolation reference, which
     * frees a page nobody maps or pins any more; the list ends up empty.
     * Kernel: putback_movable_pages() in mm/migrate.c (folio_putback_lru)
     * Spec: PutbackMovablePages(pfn), once per page
     * Trace: putback_movable_pages
     */
    public void putbackMovablePages(PageList list) {
        if (inMigratePages) {
            throw new StepRefusedException("putback_movable_pages", "migrate_pages() is running");
        }
        for (int i = 0; i < list.size(); i++) {
            int pfn = list.get(i);
            if (!as.zone.geometry().contains(pfn) || !as.isIsolated(pfn) || list.indexOf(pfn) != i) {
                throw new StepRefusedException("putback_movable_pages", "pfn 0x" + Integer.toHexString(pfn)
                        + " is not an isolated page listed once");
            }
        }
        for (int i = 0; i < list.size(); i++) {
            int pfn = list.get(i);
            as.flags[as.idx(pfn)] &= ~AddressSpaces.PG_ISOLATED;
            as.putPage(pfn);
            as.sink.step(MigrateAction.PUTBACK_MOVABLE_PAGES, pfn, 0, 0, 0);
        }
        list.clear();
    }

    /**
     * migratePages() - migrate every page of the list, in up to ten passes; pages that returned -EAGAIN are tried
     * again with force from the fourth pass. On return the list holds the pages that did not migrate (those that
     * failed for good, then those still retrying), for the caller to put back.
     * Kernel: migrate_pages() in mm/migrate.c
     * Spec: MigratePages(mode), MigratePagesPass, MigratePagesReturn, with UnmapAndMove(pfn) per page
     * Trace: mm_migrate_pages_start, migrate_pages_pass before each later pass, then mm_migrate_pages
     *
     * @param from isolated pages ({@link #folioIsolateLru})
     * @param getNewPage the destination allocator, e.g. {@code as::allocMigrationTarget}
     * @param putNewPage takes back an unused destination, or null for put_page()
     * @return the number of pages that were not migrated, or {@link #ENOMEM} when getNewPage returned none
     * @throws StepRefusedException if a listed page is not isolated or listed twice, or a call is running
     */
    public int migratePages(PageList from, NewPageAllocator getNewPage, FreePage putNewPage, MigrateMode mode,
            MigrateReason reason) {
        if (inMigratePages) {
            throw new StepRefusedException("migrate_pages", "a migrate_pages() call is already running");
        }
        checkMigrateList(from);
        if (from.isEmpty()) {
            // Nothing to do, and no spec step: MigratePages(mode) needs a non-empty list.
            return 0;
        }
        FreePage put = putNewPage != null ? putNewPage : as::putPage;
        inMigratePages = true;
        migrateMode = mode;
        PageList retPages = new PageList(Math.max(1, from.size()));
        int retry = 1;
        int nrFailed = 0;
        int nrSucceeded = 0;
        int nrFailedPages = 0;
        int nrRetryPages = 0;
        int rc;
        as.sink.step(MigrateAction.MIGRATE_PAGES, mode.ordinal(), 0, 0, 0);
        try {
            out:
            {
                for (int pass = 0; pass < NR_MIGRATE_PASSES && retry != 0; pass++) {
                    if (pass > 0) {
                        as.sink.step(MigrateAction.MIGRATE_PAGES_PASS, 0, 0, 0, 0);
                    }
                    retry = 0;
                    nrRetryPages = 0;
                    int i = 0;
                    while (i < from.size()) {
                        int page = from.get(i);
                        rc = unmapAndMove(getNewPage, put, page, pass >= MIGRATE_FORCE_PASS, mode, reason);
                        switch (rc) {
                            case ENOMEM:
                                // Memory is low: do not try the other pages.
                                nrFailed++;
                                nrFailedPages += 1 + nrRetryPages;
                                break out;
                            case EAGAIN:
                                retry++;
                                nrRetryPages++;
                                i++;
                                break;
                            case MIGRATEPAGE_SUCCESS:
                                from.removeAt(i);
                                nrSucceeded++;
                                break;
                            default:
                                from.removeAt(i);
                                retPages.add(page);
                                nrFailed++;
                                nrFailedPages++;
                                break;
                        }
                    }
                }
                nrFailed += retry;
                nrFailedPages += nrRetryPages;
                rc = nrFailed;
            }
            from.splice(retPages);
        } finally {
            inMigratePages = false;
            migrateMode = null;
        }
        pgmigrateSuccess += nrSucceeded;
        pgmigrateFail += nrFailedPages;
        as.sink.step(MigrateAction.MIGRATE_PAGES_RETURN, 0, 0, 0, 0);
        return rc;
    }

    /**
     * checkMigrateList() - the list holds isolated pages, each once; the kernel trusts its callers for this, the
     * engine refuses.
     * Spec: the fromList of MigratePages(mode), built by FolioIsolateLru
     */
    protected void checkMigrateList(PageList from) {
        for (int i = 0; i < from.size(); i++) {
            int pfn = from.get(i);
            if (!as.zone.geometry().contains(pfn) || !as.isIsolated(pfn) || from.indexOf(pfn) != i) {
                throw new StepRefusedException("migrate_pages", "pfn 0x" + Integer.toHexString(pfn)
                        + " is not an isolated page listed once");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- one page

    /**
     * unmapAndMove() - migrate one page: a page whose only reference is the isolation one was freed from under us
     * and counts as migrated; otherwise take a destination and move.
     * Kernel: unmap_and_move() in mm/migrate.c
     * Spec: UnmapAndMove(pfn) and UnmapAndMoveOut
     * Trace: unmap_and_move, unmap_and_move_out
     *
     * @return MIGRATEPAGE_SUCCESS, EAGAIN (the page stays listed for the next pass), EBUSY (the caller moves it to
     *         ret_pages), or ENOMEM
     */
    protected int unmapAndMove(NewPageAllocator getNewPage, FreePage putNewPage, int src, boolean force,
            MigrateMode mode, MigrateReason reason) {
        int s = as.idx(src);
        as.sink.step(MigrateAction.UNMAP_AND_MOVE, src, 0, 0, 0);
        if (as.refcount[s] == 1) {
            as.flags[s] &= ~AddressSpaces.PG_ISOLATED;
            as.putPage(src);
            return MIGRATEPAGE_SUCCESS;
        }
        int dst = getNewPage.getNewPage(src);
        if (dst < 0) {
            return ENOMEM;
        }
        if (dst == src || !as.isUserPage(dst) || as.refcount(dst) != 1 || as.rmapHead[as.idx(dst)] >= 0) {
            throw new IllegalStateException("get_new_page returned pfn 0x" + Integer.toHexString(dst)
                    + ", not a new page holding one reference");
        }
        migSrc = src;
        migDst = dst;
        migRc = EAGAIN;
        migHoldsDst = true;
        migForce = force;
        int rc;
        try {
            rc = unmapAndMoveLocked(src, dst, force, mode);
            if (rc == MIGRATEPAGE_SUCCESS) {
                // out: the isolation reference is the last one; dropping it frees the source.
                as.flags[s] &= ~AddressSpaces.PG_ISOLATED;
                as.putPage(src);
            } else {
                migHoldsDst = false;
                putNewPage.putNewPage(dst);
            }
        } finally {
            migSrc = AddressSpaces.NO_PFN;
            migDst = AddressSpaces.NO_PFN;
            migRc = EAGAIN;
            migHoldsDst = false;
            migSleep = null;
        }
        as.sink.step(MigrateAction.UNMAP_AND_MOVE_OUT, 0, 0, 0, 0);
        return rc;
    }

    /**
     * unmapAndMoveLocked() - lock the source, wait or give up on writeback as the mode allows, unmap it, move it,
     * and map the result.
     * Kernel: __unmap_and_move() in mm/migrate.c
     * Spec: FolioTrylock, FolioLock, FolioWaitWriteback, MoveToNewFolio, UnmapAndMoveUnlock
     * Trace: folio_trylock, then the steps below, then unmap_and_move_unlock if the lock was taken
     */
    protected int unmapAndMoveLocked(int src, int dst, boolean force, MigrateMode mode) {
        int rc = EAGAIN;
        int s = as.idx(src);
        boolean locked = folioTrylock(s);
        as.sink.step(MigrateAction.FOLIO_TRYLOCK, 0, 0, 0, 0);
        if (!locked) {
            // Only a sync mode with force may sleep on the lock; the others retry next pass.
            if (!folioLockMaySleep(force, mode)) {
                return rc;
            }
            folioLock(src, dst);
        }
        as.flags[as.idx(dst)] |= AddressSpaces.PG_MIGRATION_LOCKED;
        try {
            rc = unmapAndMoveUnderLock(src, dst, force, mode);
        } finally {
            as.flags[s] &= ~AddressSpaces.PG_MIGRATION_LOCKED;
            as.flags[as.idx(dst)] &= ~AddressSpaces.PG_MIGRATION_LOCKED;
        }
        if (rc == MIGRATEPAGE_SUCCESS) {
            // The new mappings hold their own references, so this does not free dst unless nobody maps it.
            migHoldsDst = false;
            as.putPage(dst);
        }
        as.sink.step(MigrateAction.UNMAP_AND_MOVE_UNLOCK, 0, 0, 0, 0);
        return rc;
    }

    /** The part of __unmap_and_move() that runs with the source locked, up to out_unlock. */
    private int unmapAndMoveUnderLock(int src, int dst, boolean force, MigrateMode mode) {
        int rc = EAGAIN;
        int s = as.idx(src);
        if ((as.flags[s] & AddressSpaces.PG_WRITEBACK) != 0) {
            // Async's retry loop is too short and sync-light would stall too long: only MIGRATE_SYNC waits.
            if (mode != MigrateMode.MIGRATE_SYNC) {
                return EBUSY;
            }
            if (!force) {
                return rc;
            }
            folioWaitWriteback(src, dst);
        }
        boolean wasMapped = false;
        if (as.mapcount[s] > 0) {
            tryToMigrate(src);
            wasMapped = true;
            window.run(this, MigrationWindow.Point.MIGRATION_ENTRIES, src, dst);
        }
        if (as.mapcount[s] == 0) {
            rc = moveToNewFolio(dst, src, mode);
        } else {
            // The spec's MoveToNewFolio also takes the step that finds the page still mapped (rc stays -EAGAIN).
            as.sink.step(MigrateAction.MOVE_TO_NEW_FOLIO, 0, 0, 0, 0);
        }
        migRc = rc;
        window.run(this, MigrationWindow.Point.MOVED, src, dst);
        if (wasMapped) {
            removeMigrationPtes(src, rc == MIGRATEPAGE_SUCCESS ? dst : src);
        }
        return rc;
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
     * folioTrylock() - take the source's lock unless another path holds it.
     * Kernel: folio_trylock() in include/linux/pagemap.h
     * Spec: FolioTrylock
     * Trace: folio_trylock (reported by the caller, whatever the outcome)
     */
    protected boolean folioTrylock(int f) {
        if ((as.flags[f] & AddressSpaces.PG_LOCKED) != 0) {
            return false;
        }
        as.flags[f] |= AddressSpaces.PG_MIGRATION_LOCKED;
        return true;
    }

    /**
     * folioLock() - sleep until the other holder unlocks, then take the lock. Other CPUs run in the window; the
     * holder lets go in the end (the spec's strong fairness), here at once after the window if it has not yet.
     * Kernel: folio_lock() in include/linux/pagemap.h
     * Spec: FolioLock
     * Trace: folio_lock
     */
    protected void folioLock(int src, int dst) {
        int f = as.idx(src);
        migSleep = MigrationWindow.Point.FOLIO_LOCK;
        window.run(this, MigrationWindow.Point.FOLIO_LOCK, src, dst);
        migSleep = null;
        if ((as.flags[f] & AddressSpaces.PG_LOCKED) != 0) {
            unlockPage(src);
        }
        as.flags[f] |= AddressSpaces.PG_MIGRATION_LOCKED;
        as.sink.step(MigrateAction.FOLIO_LOCK, 0, 0, 0, 0);
    }

    /**
     * folioWaitWriteback() - sleep until writeback ends; it does in the end, here at once after the window.
     * Kernel: folio_wait_writeback() in mm/page-writeback.c
     * Spec: FolioWaitWriteback
     * Trace: folio_wait_writeback
     */
    protected void folioWaitWriteback(int src, int dst) {
        migSleep = MigrationWindow.Point.FOLIO_WAIT_WRITEBACK;
        window.run(this, MigrationWindow.Point.FOLIO_WAIT_WRITEBACK, src, dst);
        migSleep = null;
        if (as.isWriteback(src)) {
            endPageWriteback(src);
        }
        as.sink.step(MigrateAction.FOLIO_WAIT_WRITEBACK, 0, 0, 0, 0);
    }

    /**
     * tryToMigrate() - turn every PTE the reverse map reaches that maps the locked source into a migration entry;
     * the walk stops early at a possibly pinned exclusive page, leaving it mapped.
     * Kernel: try_to_migrate() in mm/rmap.c (rmap_walk with try_to_migrate_one)
     * Spec: TryToMigrateOne(proc, vpage), once per PTE
     * Trace: try_to_migrate_one, once per PTE visited
     *
     * @throws StepRefusedException unless unmap_and_move() holds the lock of src
     */
    public void tryToMigrate(int src) {
        requireLockedSource("try_to_migrate", src);
        int f = as.idx(src);
        for (int s = as.rmapHead[f]; s >= 0; s = as.rmapNext[s]) {
            if (as.pte[s] == ((f << 2) | AddressSpaces.PTE_PRESENT)) {
                boolean goOn = tryToMigrateOne(f, s);
                as.sink.step(MigrateAction.TRY_TO_MIGRATE_ONE, s / as.nrVpages, s % as.nrVpages, 0, 0);
                if (!goOn) {
                    break;
                }
            }
        }
    }

    /**
     * tryToMigrateOne() - one PTE becomes a migration entry that remembers exclusivity; the page loses that
     * mapping's mapcount and reference. page_try_share_anon_rmap() refuses a maybe-pinned exclusive page.
     * Kernel: try_to_migrate_one() in mm/rmap.c
     * Spec: TryToMigrateOne(proc, vpage)
     * Trace: try_to_migrate_one (reported by tryToMigrate)
     *
     * @return false to stop the walk
     */
    protected boolean tryToMigrateOne(int f, int slot) {
        boolean anonExclusive = (as.flags[f] & AddressSpaces.PG_ANON_EXCLUSIVE) != 0;
        if (anonExclusive && as.pinCount[f] > 0) {
            return false;
        }
        as.setPte(slot, f, anonExclusive ? AddressSpaces.PTE_MIGRATION_EXCL : AddressSpaces.PTE_MIGRATION);
        as.flags[f] &= ~AddressSpaces.PG_ANON_EXCLUSIVE;
        as.mapcount[f]--;
        as.refcount[f]--;
        return true;
    }

    /**
     * moveToNewFolio() - move an unmapped source into the destination: -EAGAIN unless the source holds exactly
     * the expected references, else copy the data.
     * Kernel: move_to_new_folio() in mm/migrate.c, through migrate_folio() and folio_migrate_mapping()
     * Spec: MoveToNewFolio
     * Trace: move_to_new_folio
     *
     * @return MIGRATEPAGE_SUCCESS or EAGAIN
     * @throws StepRefusedException unless unmap_and_move() holds the lock of src and dst is its destination
     */
    public int moveToNewFolio(int dst, int src, MigrateMode mode) {
        requireLockedSource("move_to_new_folio", src);
        if (dst != migDst) {
            throw new StepRefusedException("move_to_new_folio", "pfn 0x" + Integer.toHexString(dst)
                    + " is not the destination of the running migration");
        }
        int f = as.idx(src);
        int rc = as.mapcount[f] != 0 ? EAGAIN : folioMigrateMapping(as.idx(dst), f);
        if (rc == MIGRATEPAGE_SUCCESS) {
            folioCopy(as.idx(dst), f);
        }
        as.sink.step(MigrateAction.MOVE_TO_NEW_FOLIO, 0, 0, 0, 0);
        return rc;
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
     * removeMigrationPtes() - turn every migration entry for src into a present PTE of dst (after a successful
     * move, dst the destination) or of src again (after a failure, dst == src).
     * Kernel: remove_migration_ptes() in mm/migrate.c (rmap_walk with remove_migration_pte)
     * Spec: RemoveMigrationPte(proc, vpage), once per entry
     * Trace: remove_migration_pte, once per entry
     *
     * @throws StepRefusedException unless unmap_and_move() holds the lock of src and dst is src or its destination
     */
    public void removeMigrationPtes(int src, int dst) {
        requireLockedSource("remove_migration_ptes", src);
        if (dst != src && dst != migDst) {
            throw new StepRefusedException("remove_migration_ptes", "pfn 0x" + Integer.toHexString(dst)
                    + " is neither the source nor its destination");
        }
        int f = as.idx(src);
        int t = as.idx(dst);
        int s = as.rmapHead[f];
        while (s >= 0) {
            int next = as.rmapNext[s];
            int type = as.pte[s] & AddressSpaces.TYPE_MASK;
            if ((as.pte[s] >>> 2) == f && (type == AddressSpaces.PTE_MIGRATION || type == AddressSpaces.PTE_MIGRATION_EXCL)) {
                removeMigrationPte(f, t, s, type == AddressSpaces.PTE_MIGRATION_EXCL);
                as.sink.step(MigrateAction.REMOVE_MIGRATION_PTE, s / as.nrVpages, s % as.nrVpages, 0, 0);
            }
            s = next;
        }
    }

    /**
     * removeMigrationPte() - one entry becomes a present PTE of the target with a mapcount and a reference,
     * exclusive again if the entry was (RMAP_EXCLUSIVE).
     * Kernel: remove_migration_pte() in mm/migrate.c
     * Spec: RemoveMigrationPte(proc, vpage)
     * Trace: remove_migration_pte (reported by removeMigrationPtes)
     */
    protected void removeMigrationPte(int srcFrame, int target, int slot, boolean exclusive) {
        as.folioGet(target);
        as.mapcount[target]++;
        if (exclusive) {
            as.flags[target] |= AddressSpaces.PG_ANON_EXCLUSIVE;
        }
        as.setPte(slot, target, AddressSpaces.PTE_PRESENT);
        if (target != srcFrame) {
            as.rmapRemove(srcFrame, slot);
            as.rmapAdd(target, slot);
        }
    }

    private void requireLockedSource(String function, int src) {
        if (migSrc < 0 || src != migSrc || (as.flags[as.idx(src)] & AddressSpaces.PG_MIGRATION_LOCKED) == 0) {
            throw new StepRefusedException(function, "unmap_and_move() does not hold the lock of pfn 0x"
                    + Integer.toHexString(src));
        }
    }

    // ---------------------------------------------------------------------------------------------- contention

    /**
     * lockPage() - another kernel path (a concurrent fault, reclaim) takes a user page's lock, with a reference.
     * Kernel: lock_page() in include/linux/pagemap.h
     * Spec: LockPage(pfn)
     * Trace: lock_page
     */
    public void lockPage(int pfn) {
        if (!as.isUserPage(pfn)) {
            throw new StepRefusedException("lock_page", "pfn 0x" + Integer.toHexString(pfn) + " is not a user page");
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
}
