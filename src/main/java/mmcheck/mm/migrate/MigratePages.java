package mmcheck.mm.migrate;

import mmcheck.event.MigrateAction;
import mmcheck.mm.StepRefusedException;

/**
 * MigratePages - the caller of migrate_pages() and its passes: isolation onto the caller's list, the call in the
 * kernel's order with its passes, modes and return convention, and the putback of what did not migrate.
 * Kernel: folio_isolate_lru() in mm/vmscan.c; migrate_pages(), putback_movable_pages() in mm/migrate.c
 * Spec: FolioIsolateLru(pfn), MigratePages(mode), MigratePagesPass, MigratePagesReturn, PutbackMovablePages(pfn)
 */
public abstract class MigratePages extends UnmapAndMove {

    protected MigratePages(AddressSpaces as) {
        super(as);
    }
    // ---------------------------------------------------------------------------------------------- the caller

    /**
     * folioIsolateLru() - take a mapped-or-not user page off the LRU onto the caller's list, with a reference. A
     * pinned page may be isolated: migration must refuse it later.
     * Kernel: folio_isolate_lru() in mm/vmscan.c (isolate_migratepages_block() for compaction)
     * Spec: FolioIsolateLru(pfn)
     * Trace: folio_isolate_lru
     *
     * @throws StepRefusedException if the page is not a user page or is already isolated, if migrate_pages() runs
     *                              or its unmigrated pages are not yet put back, or if the batch is full
     */
    public void folioIsolateLru(int pfn, PageList list) {
        if (phase != Phase.ISOLATE) {
            throw new StepRefusedException("folio_isolate_lru", phase == Phase.MIGRATE ? "migrate_pages() is running"
                    : "the pages migrate_pages() returned are not put back yet");
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
        if (nrIsolated >= maxMigratePages) {
            throw new StepRefusedException("folio_isolate_lru", "the list already holds " + nrIsolated
                    + " pages, the batch bound");
        }
        isolateLruReference(f);
        as.flags[f] |= AddressSpaces.PG_ISOLATED;
        nrIsolated++;
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
     * frees a page nobody maps or pins any more; the list ends up empty. The caller does this with what
     * migrate_pages() returned, or with what it isolated without calling it.
     * Kernel: putback_movable_pages() in mm/migrate.c (folio_putback_lru)
     * Spec: PutbackMovablePages(pfn), once per page
     * Trace: putback_movable_pages, once per page
     */
    public void putbackMovablePages(PageList list) {
        if (phase == Phase.MIGRATE) {
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
            if (--nrIsolated == 0) {
                phase = Phase.ISOLATE;
            }
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
     * Spec: MigratePages(mode), UnmapAndMove(pfn) and the steps of each page, MigratePagesPass, MigratePagesReturn
     * Trace: mm_migrate_pages_start, the steps of each page, migrate_pages_pass before each later pass, then
     * mm_migrate_pages
     *
     * @param from every isolated page ({@link #folioIsolateLru}), each once
     * @param getNewPage the destination allocator, e.g. {@code as::allocMigrationTarget}
     * @param putNewPage takes back an unused destination, or null for put_page()
     * @return the number of pages that were not migrated, or {@link #ENOMEM} when getNewPage returned none
     * @throws StepRefusedException if a listed page is not isolated or listed twice, an isolated page is not listed,
     *                              a call is running, or the last call's pages are not put back yet
     */
    public int migratePages(PageList from, NewPageAllocator getNewPage, FreePage putNewPage, MigrateMode mode,
            MigrateReason reason) {
        if (phase == Phase.ISOLATE && from.isEmpty() && nrIsolated == 0) {
            // Nothing to do, and no spec step: MigratePages(mode) needs a non-empty list.
            return 0;
        }
        migratePagesStart(from, getNewPage, putNewPage, mode, reason);
        try {
            while (true) {
                int next = nextPassTodo();
                betweenSteps();
                if (next >= 0) {
                    unmapAndMove(next);
                    finishUnmapAndMove();
                } else if (anotherPass()) {
                    migratePagesPass();
                } else {
                    return migratePagesReturn();
                }
            }
        } catch (RuntimeException e) {
            abandonCall();
            throw e;
        }
    }

    /**
     * A call that threw (a caller's allocator broke its contract, or a seeded bug) is over, so that the caller
     * can look at what it left: the running page is dropped where it was and the list keeps what it holds.
     */
    void abandonCall() {
        if (migSrc >= 0) {
            as.flags[as.idx(migSrc)] &= ~AddressSpaces.PG_MIGRATION_LOCKED;
            as.flags[as.idx(migDst)] &= ~AddressSpaces.PG_MIGRATION_LOCKED;
        }
        for (int i = 0; i < from.size(); i++) {
            as.flags[as.idx(from.get(i))] &= ~AddressSpaces.PG_PASS_TODO;
        }
        from.splice(retPages);
        migStep = MigStep.IDLE;
        migSrc = AddressSpaces.NO_PFN;
        migDst = AddressSpaces.NO_PFN;
        migRc = EAGAIN;
        migHoldsDst = false;
        phase = nrIsolated == 0 ? Phase.ISOLATE : Phase.PUTBACK;
        migrateMode = null;
        pass = 0;
        retry = 0;
        from = null;
        retPages = null;
    }

    /**
     * migratePagesStart() - the entry of migrate_pages(): the whole list is to be tried in the first pass.
     * Kernel: the start of migrate_pages() in mm/migrate.c
     * Spec: MigratePages(mode)
     * Trace: mm_migrate_pages_start
     *
     * @throws StepRefusedException as {@link #migratePages}, or if the list is empty
     */
    public void migratePagesStart(PageList from, NewPageAllocator getNewPage, FreePage putNewPage, MigrateMode mode,
            MigrateReason reason) {
        if (phase != Phase.ISOLATE) {
            throw new StepRefusedException("migrate_pages", phase == Phase.MIGRATE
                    ? "a migrate_pages() call is already running" : "the last call's pages are not put back yet");
        }
        if (from.isEmpty()) {
            throw new StepRefusedException("migrate_pages", "the list is empty");
        }
        checkMigrateList(from);
        phase = Phase.MIGRATE;
        migrateMode = mode;
        this.reason = reason;
        this.from = from;
        this.getNewPage = getNewPage;
        this.putNewPage = putNewPage != null ? putNewPage : as::putPage;
        retPages = new PageList(Math.max(1, from.size()));
        pass = 0;
        retry = 0;
        nrRetryPages = 0;
        nrFailed = 0;
        nrFailedPages = 0;
        nrSucceeded = 0;
        enomem = false;
        markPassTodo();
        as.sink.step(MigrateAction.MIGRATE_PAGES, mode.ordinal(), 0, 0, 0);
    }

    /**
     * checkMigrateList() - the list holds every isolated page, each once; the kernel trusts its callers for this,
     * the engine refuses.
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
        if (from.size() != nrIsolated) {
            throw new StepRefusedException("migrate_pages", nrIsolated + " pages are isolated but the list holds "
                    + from.size() + ": the caller has one list");
        }
    }

    /**
     * migratePagesPass() - another pass over the pages that returned -EAGAIN.
     * Kernel: for (pass = 0; pass < 10 && retry; pass++) in migrate_pages()
     * Spec: MigratePagesPass
     * Trace: migrate_pages_pass
     *
     * @throws StepRefusedException unless the pass is over, a page asked for a retry and passes are left
     */
    public void migratePagesPass() {
        requirePassOver("migrate_pages_pass");
        if (!anotherPass()) {
            throw new StepRefusedException("migrate_pages_pass", retry == 0 ? "no page asked for a retry"
                    : "the " + migratePasses + " passes are used up");
        }
        pass++;
        retry = 0;
        nrRetryPages = 0;
        markPassTodo();
        as.sink.step(MigrateAction.MIGRATE_PAGES_PASS, 0, 0, 0, 0);
    }

    /**
     * migratePagesReturn() - the end of migrate_pages(): the pages that failed for good join those still retrying
     * on the list, and the vmstat counters count the call.
     * Kernel: the out: label of migrate_pages() (list_splice(&ret_pages, from), count_vm_events)
     * Spec: MigratePagesReturn
     * Trace: mm_migrate_pages
     *
     * @return the pages that did not migrate, or ENOMEM
     * @throws StepRefusedException while the pass has pages to try, or a retry pass is due
     */
    public int migratePagesReturn() {
        requirePassOver("mm_migrate_pages");
        if (anotherPass()) {
            throw new StepRefusedException("mm_migrate_pages", "a page asked for a retry and passes are left");
        }
        int rc;
        if (enomem) {
            rc = ENOMEM;
        } else {
            nrFailed += retry;
            nrFailedPages += nrRetryPages;
            rc = nrFailed;
        }
        from.splice(retPages);
        pgmigrateSuccess = countVmEvents(pgmigrateSuccess, nrSucceeded);
        pgmigrateFail = countVmEvents(pgmigrateFail, nrFailedPages);
        // migrate_pages()'s locals end with it.
        nrSucceeded = 0;
        nrFailedPages = 0;
        phase = nrIsolated == 0 ? Phase.ISOLATE : Phase.PUTBACK;
        migrateMode = null;
        reason = null;
        pass = 0;
        retry = 0;
        nrRetryPages = 0;
        from = null;
        retPages = null;
        getNewPage = null;
        putNewPage = null;
        as.sink.step(MigrateAction.MIGRATE_PAGES_RETURN, 0, 0, 0, 0);
        return rc;
    }

    /**
     * anotherPass() - a page asked for a retry in this pass and passes are left: the next pass is pass + 1, which
     * must stay below the bound.
     * Kernel: for (pass = 0; pass < 10 && retry; pass++) in migrate_pages()
     * Spec: retry /\ migratePass + 1 < MigratePasses of MigratePagesPass
     */
    protected boolean anotherPass() {
        return retry > 0 && pass + 1 < migratePasses;
    }

    void requirePassOver(String function) {
        if (phase != Phase.MIGRATE || migStep != MigStep.IDLE) {
            throw new StepRefusedException(function, phase != Phase.MIGRATE ? "migrate_pages() is not running"
                    : "unmap_and_move() of pfn 0x" + Integer.toHexString(migSrc) + " is running");
        }
        for (int i = 0; i < from.size(); i++) {
            if (passTodo(from.get(i))) {
                throw new StepRefusedException(function, "pfn 0x" + Integer.toHexString(from.get(i))
                        + " is still to be tried in this pass");
            }
        }
    }

    /** passTodo' = fromList. */
    void markPassTodo() {
        for (int i = 0; i < from.size(); i++) {
            as.flags[as.idx(from.get(i))] |= AddressSpaces.PG_PASS_TODO;
        }
        cursor = 0;
    }

    /** The first page of the list still to try in this pass, in list order, or -1. */
    int nextPassTodo() {
        while (cursor < from.size()) {
            int pfn = from.get(cursor);
            if (passTodo(pfn)) {
                return pfn;
            }
            cursor++;
        }
        return -1;
    }
}
