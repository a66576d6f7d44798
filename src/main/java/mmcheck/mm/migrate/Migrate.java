package mmcheck.mm.migrate;

import java.util.BitSet;

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

    /** Migrate.tla's migratePhase: what the caller of migrate_pages() is doing. */
    public enum Phase {
        /** The caller builds its list with folio_isolate_lru(). */
        ISOLATE("isolate"),
        /** migrate_pages() runs. */
        MIGRATE("migrate"),
        /** migrate_pages() returned pages that did not migrate; the caller puts them back. */
        PUTBACK("putback");

        private final String specName;

        Phase(String specName) {
            this.specName = specName;
        }

        /** The spec's string for this phase. */
        public String specName() {
            return specName;
        }
    }

    /** Migrate.tla's mig.step: where unmap_and_move() of one page is. */
    public enum MigStep {
        IDLE("idle"),
        FOLIO_TRYLOCK("folio_trylock"),
        FOLIO_LOCK("folio_lock"),
        FOLIO_WAIT_WRITEBACK("folio_wait_writeback"),
        TRY_TO_MIGRATE("try_to_migrate"),
        MOVE_TO_NEW_FOLIO("move_to_new_folio"),
        REMOVE_MIGRATION_PTES("remove_migration_ptes"),
        UNLOCK("unlock"),
        OUT("out");

        private final String specName;

        MigStep(String specName) {
            this.specName = specName;
        }

        /** The spec's string for this step. */
        public String specName() {
            return specName;
        }

        /** Migrate.tla's LockedSteps: migration holds the lock of src and dst. */
        boolean holdsLock() {
            return this == FOLIO_WAIT_WRITEBACK || this == TRY_TO_MIGRATE || this == MOVE_TO_NEW_FOLIO
                    || this == REMOVE_MIGRATION_PTES || this == UNLOCK;
        }
    }

    protected final AddressSpaces as;
    private MigrationWindow window = MigrationWindow.NONE;

    // Model bounds (Migrate.tla's constants); the kernel's values by default.
    int migratePasses = NR_MIGRATE_PASSES;
    int forcePass = MIGRATE_FORCE_PASS;
    int maxMigratePages = Integer.MAX_VALUE;
    private BitSet contendedFrames;

    // The caller and migrate_pages(): migratePhase, migrateMode, migratePass, retry, fromList, retPages. passTodo is
    // PG_PASS_TODO on the frames; fromList is the isolated pages not on retPages.
    Phase phase = Phase.ISOLATE;
    MigrateMode migrateMode;
    MigrateReason reason;
    int pass;
    /** retry of migrate_pages(): pages that returned -EAGAIN in this pass (the spec's retry is retry > 0). */
    int retry;
    int nrRetryPages;
    int nrFailed;
    int nrFailedPages;
    int nrSucceeded;
    boolean enomem;
    /** Isolated pages: fromList and retPages together. */
    int nrIsolated;
    PageList from;
    PageList retPages;
    private int cursor;
    private NewPageAllocator getNewPage;
    private FreePage putNewPage;

    /** The running call's allocator and free of destinations (for {@link MigrateBuilder}). */
    void setCall(NewPageAllocator get, FreePage put) {
        getNewPage = get;
        putNewPage = put;
        cursor = 0;
    }

    // The running unmap_and_move(): mig.
    MigStep migStep = MigStep.IDLE;
    int migSrc = AddressSpaces.NO_PFN;
    int migDst = AddressSpaces.NO_PFN;
    int migRc = EAGAIN;
    boolean migWasMapped;
    /** The dst's allocation reference is still held (HoldsDstRef). */
    boolean migHoldsDst;

    long pgmigrateSuccess;
    long pgmigrateFail;
    /** Model bound: the vmstat counters saturate here (Migrate.tla's MaxVmEvents). */
    private long maxVmEvents = Long.MAX_VALUE;

    /** Speculative references per frame (the spec's transientRefs), and their model bound. */
    final int[] transientRefs;
    int nrTransientRefs;
    private int maxTransientRefs = Integer.MAX_VALUE;

    public Migrate(AddressSpaces as) {
        this.as = as;
        this.transientRefs = new int[as.nrFrames];
    }

    /**
     * Narrows the bounds of speculative references and vmstat counters to a model's: Migrate.tla's MaxTransientRefs
     * and MaxVmEvents (the kernel has no bound on either).
     */
    public void setCounterBounds(int maxTransient, long maxEvents) {
        if (maxTransient < 0 || maxEvents < 0) {
            throw new IllegalArgumentException("need bounds >= 0; got " + maxTransient + ", " + maxEvents);
        }
        maxTransientRefs = maxTransient;
        maxVmEvents = maxEvents;
    }

    /** The speculative references a frame holds (the spec's transientRefs[pfn]). */
    public int transientRefs(int pfn) {
        return transientRefs[as.idx(pfn)];
    }

    /** nr_succeeded of the running migrate_pages(), 0 outside a call. */
    public int nrSucceeded() {
        return nrSucceeded;
    }

    /** nr_failed_pages of the running migrate_pages(), 0 outside a call. */
    public int nrFailedPages() {
        return nrFailedPages;
    }

    /** nr_retry_pages of the running pass, 0 outside a call. */
    public int nrRetryPages() {
        return nrRetryPages;
    }

    /** count_vm_events(): add, saturating at the model's bound. */
    private long countVmEvents(long counter, long n) {
        return counter + n < maxVmEvents ? counter + n : maxVmEvents;
    }

    public AddressSpaces addressSpaces() {
        return as;
    }

    /** Other CPUs' steps inside {@link #migratePages}; NONE by default. */
    public void setWindow(MigrationWindow window) {
        this.window = window == null ? MigrationWindow.NONE : window;
    }

    /**
     * Narrows the kernel's bounds to a model's: Migrate.tla's MigratePasses, MigrateForcePass, MaxMigratePages and
     * ContendedPfns (null for every page).
     */
    public void setBounds(int passes, int forceFromPass, int maxPages, int[] contendedPfns) {
        if (passes < 1 || forceFromPass < 0 || maxPages < 1) {
            throw new IllegalArgumentException("need passes >= 1, force pass >= 0, batch >= 1; got " + passes + ", "
                    + forceFromPass + ", " + maxPages);
        }
        migratePasses = passes;
        forcePass = forceFromPass;
        maxMigratePages = maxPages;
        if (contendedPfns == null) {
            contendedFrames = null;
        } else {
            contendedFrames = new BitSet(as.nrFrames);
            for (int pfn : contendedPfns) {
                if (as.zone.geometry().contains(pfn)) {
                    contendedFrames.set(as.idx(pfn));
                }
            }
        }
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
        return phase == Phase.MIGRATE;
    }

    public Phase phase() {
        return phase;
    }

    public MigStep migStep() {
        return migStep;
    }

    /** The running call's mode, or null. */
    public MigrateMode migrateMode() {
        return migrateMode;
    }

    /** The running call's pass, 0 outside a call. */
    public int pass() {
        return pass;
    }

    /** A page returned -EAGAIN in this pass. */
    public boolean retrying() {
        return retry > 0;
    }

    /** unmap_and_move()'s result so far (the spec's mig.rc). */
    public int migRc() {
        return migRc;
    }

    /** page_was_mapped of __unmap_and_move(). */
    public boolean migWasMapped() {
        return migWasMapped;
    }

    /** The page is listed but not yet tried in this pass (the spec's passTodo). */
    public boolean passTodo(int pfn) {
        return as.zone.geometry().contains(pfn) && (as.flags[as.idx(pfn)] & AddressSpaces.PG_PASS_TODO) != 0;
    }

    /** The page failed for good in the running call (the spec's retPages). */
    public boolean onRetPages(int pfn) {
        return retPages != null && retPages.contains(pfn);
    }

    /** The page is locked by another path in the model's contended set. */
    public boolean contended(int pfn) {
        return contendedFrames == null || contendedFrames.get(as.idx(pfn));
    }

    /** unmap_and_move(..., force = pass > 2, ...). */
    boolean force() {
        return pass >= forcePass;
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
                if (next >= 0) {
                    unmapAndMove(next);
                    finishUnmapAndMove();
                } else if (retry > 0 && pass + 1 < migratePasses) {
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
    private void abandonCall() {
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
        if (retry == 0 || pass + 1 >= migratePasses) {
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
        if (retry > 0 && pass + 1 < migratePasses) {
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

    private void requirePassOver(String function) {
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
    private void markPassTodo() {
        for (int i = 0; i < from.size(); i++) {
            as.flags[as.idx(from.get(i))] |= AddressSpaces.PG_PASS_TODO;
        }
        cursor = 0;
    }

    /** The first page of the list still to try in this pass, in list order, or -1. */
    private int nextPassTodo() {
        while (cursor < from.size()) {
            int pfn = from.get(cursor);
            if (passTodo(pfn)) {
                return pfn;
            }
            cursor++;
        }
        return -1;
    }

    private void removeFromList(int pfn) {
        int i = cursor < from.size() && from.get(cursor) == pfn ? cursor : from.indexOf(pfn);
        from.removeAt(i);
        if (i < cursor) {
            cursor--;
        }
    }

    // ---------------------------------------------------------------------------------------------- one page

    /** The rest of unmap_and_move() of the page just started, in the kernel's order, with the windows. */
    private void finishUnmapAndMove() {
        while (migStep != MigStep.IDLE) {
            int src = migSrc;
            int dst = migDst;
            switch (migStep) {
                case FOLIO_TRYLOCK -> folioTrylock();
                case FOLIO_LOCK -> {
                    window.run(this, MigrationWindow.Point.FOLIO_LOCK, src, dst);
                    if (as.isLocked(src)) {
                        unlockPage(src);
                    }
                    folioLock();
                }
                case FOLIO_WAIT_WRITEBACK -> {
                    window.run(this, MigrationWindow.Point.FOLIO_WAIT_WRITEBACK, src, dst);
                    if (as.isWriteback(src)) {
                        endPageWriteback(src);
                    }
                    folioWaitWriteback();
                }
                case TRY_TO_MIGRATE -> {
                    tryToMigrate(src);
                    window.run(this, MigrationWindow.Point.MIGRATION_ENTRIES, src, dst);
                    moveToNewFolio();
                    window.run(this, MigrationWindow.Point.MOVED, src, dst);
                }
                case MOVE_TO_NEW_FOLIO -> {
                    if (migWasMapped) {
                        window.run(this, MigrationWindow.Point.MIGRATION_ENTRIES, src, dst);
                    }
                    moveToNewFolio();
                    window.run(this, MigrationWindow.Point.MOVED, src, dst);
                }
                case REMOVE_MIGRATION_PTES -> {
                    removeMigrationPtes(src);
                    window.run(this, MigrationWindow.Point.REMOVED, src, dst);
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
    private void afterFolioLock() {
        as.flags[as.idx(migSrc)] |= AddressSpaces.PG_MIGRATION_LOCKED;
        as.flags[as.idx(migDst)] |= AddressSpaces.PG_MIGRATION_LOCKED;
        if (as.isWriteback(migSrc)) {
            // Async's retry loop is too short and sync-light would stall too long: only MIGRATE_SYNC waits.
            if (migrateMode != MigrateMode.MIGRATE_SYNC) {
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

    /** No writeback: unmap the page if it is mapped, as AfterWriteback does. */
    private void afterWriteback() {
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
     * tryToMigrate() - the rmap walk: every PTE that maps the locked source becomes a migration entry; the walk
     * stops early at a possibly pinned exclusive page, leaving it mapped.
     * Kernel: try_to_migrate() in mm/rmap.c (rmap_walk with try_to_migrate_one)
     * Spec: TryToMigrateOne(proc, vpage), once per PTE
     * Trace: try_to_migrate_one, once per PTE visited
     */
    private void tryToMigrate(int src) {
        int f = as.idx(src);
        int present = (f << 2) | AddressSpaces.PTE_PRESENT;
        for (int s = as.rmapHead[f]; s >= 0 && migStep == MigStep.TRY_TO_MIGRATE; s = as.rmapNext[s]) {
            if (as.pte[s] == present) {
                tryToMigrateOne(s / as.nrVpages, s % as.nrVpages);
            }
        }
    }

    /**
     * tryToMigrateOne() - one PTE the reverse map reaches that still maps the source becomes a migration entry;
     * page_try_share_anon_rmap() refuses a maybe-pinned exclusive page, which ends the walk with the page mapped.
     * Kernel: try_to_migrate_one() in mm/rmap.c
     * Spec: TryToMigrateOne(proc, vpage)
     * Trace: try_to_migrate_one
     */
    public void tryToMigrateOne(int proc, int vpage) {
        requireStep(MigStep.TRY_TO_MIGRATE, "try_to_migrate_one");
        int s = as.slot(proc, vpage);
        int f = as.idx(migSrc);
        if (as.pte[s] != ((f << 2) | AddressSpaces.PTE_PRESENT)) {
            throw new StepRefusedException("try_to_migrate_one", "process " + proc + " vpage " + vpage
                    + " does not map pfn 0x" + Integer.toHexString(migSrc));
        }
        if (!tryToMigrateOnePte(f, s)) {
            migStep = MigStep.MOVE_TO_NEW_FOLIO;
        } else {
            afterTryToMigrateOne();
        }
        as.sink.step(MigrateAction.TRY_TO_MIGRATE_ONE, proc, vpage, 0, 0);
    }

    /**
     * afterTryToMigrateOne() - the walk goes on to the next VMA of the anon_vma.
     * Kernel: rmap_walk_anon() continuing after try_to_migrate_one() returned true
     * Spec: AfterTryToMigrateOne
     */
    protected void afterTryToMigrateOne() {
    }

    /**
     * tryToMigrateOnePte() - the PTE becomes a migration entry that remembers exclusivity; the page loses that
     * mapping's mapcount and reference.
     * Kernel: the body of try_to_migrate_one() for one PTE (page_try_share_anon_rmap, make_*_migration_entry,
     * page_remove_rmap, folio_put)
     *
     * @return false to stop the walk: the page is exclusive and maybe pinned
     */
    protected boolean tryToMigrateOnePte(int f, int slot) {
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

    /** TryToMigrateDone: no PTE the reverse map reaches still maps the source. */
    private boolean tryToMigrateDone() {
        int f = as.idx(migSrc);
        int present = (f << 2) | AddressSpaces.PTE_PRESENT;
        for (int s = as.rmapHead[f]; s >= 0; s = as.rmapNext[s]) {
            if (as.pte[s] == present) {
                return false;
            }
        }
        return true;
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
     * removeMigrationPtes() - the rmap walk that turns every migration entry for src into a present PTE of the
     * destination (after a successful move) or of src again (after a failure).
     * Kernel: remove_migration_ptes(src, rc == MIGRATEPAGE_SUCCESS ? dst : src) in __unmap_and_move()
     * Spec: RemoveMigrationPte(proc, vpage), once per entry
     * Trace: remove_migration_pte, once per entry
     */
    private void removeMigrationPtes(int src) {
        int f = as.idx(src);
        int s = as.rmapHead[f];
        while (s >= 0) {
            int next = as.rmapNext[s];
            if (isMigrationEntryFor(s, f)) {
                removeMigrationPte(s / as.nrVpages, s % as.nrVpages);
            }
            s = next;
        }
    }

    private boolean isMigrationEntryFor(int s, int f) {
        int type = as.pte[s] & AddressSpaces.TYPE_MASK;
        return (as.pte[s] >>> 2) == f && (type == AddressSpaces.PTE_MIGRATION || type == AddressSpaces.PTE_MIGRATION_EXCL);
    }

    /**
     * removeMigrationPte() - one migration entry for the source that the reverse map reaches becomes a present PTE
     * of the destination on success, of the source otherwise.
     * Kernel: remove_migration_pte() in mm/migrate.c
     * Spec: RemoveMigrationPte(proc, vpage)
     * Trace: remove_migration_pte
     */
    public void removeMigrationPte(int proc, int vpage) {
        requireStep(MigStep.REMOVE_MIGRATION_PTES, "remove_migration_pte");
        int s = as.slot(proc, vpage);
        int f = as.idx(migSrc);
        if (!isMigrationEntryFor(s, f)) {
            throw new StepRefusedException("remove_migration_pte", "process " + proc + " vpage " + vpage
                    + " is not a migration entry for pfn 0x" + Integer.toHexString(migSrc));
        }
        int target = removeMigrationPteTarget(f);
        removeMigrationPte(f, target, s, (as.pte[s] & AddressSpaces.TYPE_MASK) == AddressSpaces.PTE_MIGRATION_EXCL);
        as.sink.step(MigrateAction.REMOVE_MIGRATION_PTE, proc, vpage, 0, 0);
    }

    /**
     * removeMigrationPteTarget() - the frame the entries become PTEs of again: dst after a successful move, src
     * after a failure (the undo).
     * Kernel: remove_migration_ptes(src, rc == MIGRATEPAGE_SUCCESS ? dst : src) in __unmap_and_move()
     * Spec: RemoveMigrationPteTarget
     */
    protected int removeMigrationPteTarget(int srcFrame) {
        return migRc == MIGRATEPAGE_SUCCESS ? as.idx(migDst) : srcFrame;
    }

    /**
     * removeMigrationPte() - the entry becomes a present PTE of the target with a mapcount and a reference,
     * exclusive again if the entry was (RMAP_EXCLUSIVE).
     * Kernel: the body of remove_migration_pte() for one PTE (folio_get, page_add_anon_rmap, set_pte_at)
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
    private void unmapAndMoveUnlocked() {
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

    /** RemoveMigrationPtesDone: no entry the reverse map reaches is still a migration entry for the source. */
    private boolean removeMigrationPtesDone() {
        int f = as.idx(migSrc);
        for (int s = as.rmapHead[f]; s >= 0; s = as.rmapNext[s]) {
            if (isMigrationEntryFor(s, f)) {
                return false;
            }
        }
        return true;
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

    private void requireStep(MigStep step, String function) {
        if (migStep != step) {
            throw new StepRefusedException(function, migStep == MigStep.IDLE ? "no unmap_and_move() is running"
                    : "unmap_and_move() of pfn 0x" + Integer.toHexString(migSrc) + " is at " + migStep.specName());
        }
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
