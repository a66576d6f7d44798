package mmcheck.mm.migrate;

import java.util.BitSet;

import mmcheck.mm.StepRefusedException;

/**
 * MigrationState - where the caller of migrate_pages(), migrate_pages() itself and unmap_and_move() are: the spec's
 * migratePhase, migrateMode, migratePass, passTodo, retry, fromList, retPages, mig and the counts of the call, with
 * the model bounds and the vmstat counters. The steps that change it are split as the kernel splits them:
 * {@link RmapWalks} (mm/rmap.c), {@link UnmapAndMove} (one page), {@link MigratePages} (the caller and the passes)
 * and {@link Migrate} (the other kernel paths that hold a page).
 * Kernel: the locals of migrate_pages() and __unmap_and_move() in mm/migrate.c
 * Spec: the variables of spec/Migrate.tla
 */
public abstract class MigrationState {
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
    MigrationWindow window = MigrationWindow.NONE;

    // Model bounds (Migrate.tla's constants); the kernel's values by default.
    int migratePasses = NR_MIGRATE_PASSES;
    int forcePass = MIGRATE_FORCE_PASS;
    int maxMigratePages = Integer.MAX_VALUE;
    BitSet contendedFrames;

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
    int cursor;
    NewPageAllocator getNewPage;
    FreePage putNewPage;

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
    long maxVmEvents = Long.MAX_VALUE;

    /** Speculative references per frame (the spec's transientRefs), and their model bound. */
    final int[] transientRefs;
    int nrTransientRefs;
    int maxTransientRefs = Integer.MAX_VALUE;

    protected MigrationState(AddressSpaces as) {
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
    long countVmEvents(long counter, long n) {
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

    void removeFromList(int pfn) {
        int i = cursor < from.size() && from.get(cursor) == pfn ? cursor : from.indexOf(pfn);
        from.removeAt(i);
        if (i < cursor) {
            cursor--;
        }
    }

    /**
     * betweenSteps() - migrate_pages() is between two of its steps (no step of it is half done): the sink hears it,
     * so that a checker can find a change the engine made there without reporting a step.
     */
    final void betweenSteps() {
        as.sink.betweenSteps();
    }

    void requireStep(MigStep step, String function) {
        if (migStep != step) {
            throw new StepRefusedException(function, migStep == MigStep.IDLE ? "no unmap_and_move() is running"
                    : "unmap_and_move() of pfn 0x" + Integer.toHexString(migSrc) + " is at " + migStep.specName());
        }
    }
}
