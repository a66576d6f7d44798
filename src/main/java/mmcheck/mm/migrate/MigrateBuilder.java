package mmcheck.mm.migrate;

import java.util.Arrays;

/**
 * MigrateBuilder - puts a fresh engine into a given state of spec/Migrate.tla: page tables, reverse maps, page
 * state (through {@link AddressSpacesBuilder}), and where the caller, migrate_pages() and unmap_and_move() are. The conformance checker uses it to build
 * the engine for each reachable state of a model and run every step from there.
 *
 * <p>It writes what it is told and checks nothing: the zone (free lists, allocations) is the engine's own, built
 * before, and the caller supplies a consistent state.
 */
public final class MigrateBuilder {
    private final Migrate m;
    private final AddressSpaces as;
    private final AddressSpacesBuilder pages;

    /** Starts from an engine that has taken no step; its zone must already hold the state's allocations. */
    public MigrateBuilder(Migrate m) {
        this.m = m;
        this.as = m.as;
        this.pages = new AddressSpacesBuilder(as);
    }

    /** The builder of the engine's page tables and page state. */
    public AddressSpacesBuilder pages() {
        return pages;
    }

    /** pte[proc][vpage]: PTE_NONE, PTE_PRESENT, PTE_MIGRATION or PTE_MIGRATION_EXCL naming pfn. */
    public MigrateBuilder pte(int proc, int vpage, int type, int pfn) {
        pages.pte(proc, vpage, type, pfn);
        return this;
    }

    /** The reverse map of a frame, in walk order: slots are proc * nrVpages + vpage. */
    public MigrateBuilder rmap(int pfn, int[] slots) {
        pages.rmap(pfn, slots);
        return this;
    }

    /** The per-page state of a frame. */
    public MigrateBuilder frame(int pfn, int mapcount, int refcount, int pinCount, boolean anonExclusive,
            int content, boolean locked, boolean writeback) {
        pages.frame(pfn, mapcount, refcount, pinCount, anonExclusive, content, locked, writeback);
        return this;
    }

    /** The written ghost of a PTE slot. */
    public MigrateBuilder written(int proc, int vpage, int val) {
        pages.written(proc, vpage, val);
        return this;
    }

    /** The vpage whose migration entry the process sleeps on, or NO_VPAGE. */
    public MigrateBuilder waitVpage(int proc, int vpage) {
        pages.waitVpage(proc, vpage);
        return this;
    }

    /** The parity of the user operations so far. */
    public MigrateBuilder opParity(int parity) {
        pages.opParity(parity);
        return this;
    }

    /**
     * The caller and migrate_pages(): the phase, the listed pages (fromList) and those that failed for good
     * (retPages), and, while migrate_pages() runs, its mode, pass, retry flag and the pages still to try this pass.
     */
    public MigrateBuilder call(Migrate.Phase phase, MigrateMode mode, int pass, boolean retry, int[] fromList,
            int[] retPages, int[] passTodo) {
        m.phase = phase;
        int[] from = fromList.clone();
        Arrays.sort(from);
        for (int pfn : from) {
            pages.isolated(pfn);
        }
        for (int pfn : retPages) {
            pages.isolated(pfn);
        }
        m.nrIsolated = from.length + retPages.length;
        if (phase == Migrate.Phase.MIGRATE) {
            m.migrateMode = mode;
            m.reason = MigrateReason.MR_COMPACTION;
            m.pass = pass;
            m.retry = retry ? 1 : 0;
            m.from = PageList.of(from);
            int[] ret = retPages.clone();
            Arrays.sort(ret);
            m.retPages = PageList.of(ret);
            for (int pfn : passTodo) {
                as.flags[as.idx(pfn)] |= AddressSpaces.PG_PASS_TODO;
            }
            m.setCall(as::allocMigrationTarget, as::putPage);
        }
        return this;
    }

    /** unmap_and_move(): where it is, on which page and destination, its result so far, page_was_mapped. */
    public MigrateBuilder mig(Migrate.MigStep step, int src, int dst, int rc, boolean wasMapped) {
        m.migStep = step;
        m.migSrc = src;
        m.migDst = dst;
        m.migRc = rc;
        m.migWasMapped = wasMapped;
        m.migHoldsDst = step != Migrate.MigStep.IDLE && !(rc == Migrate.MIGRATEPAGE_SUCCESS
                && step == Migrate.MigStep.OUT);
        if (step.holdsLock()) {
            as.flags[as.idx(src)] |= AddressSpaces.PG_MIGRATION_LOCKED;
            as.flags[as.idx(dst)] |= AddressSpaces.PG_MIGRATION_LOCKED;
        }
        return this;
    }

    /** The speculative references a frame holds. */
    public MigrateBuilder transientRefs(int pfn, int n) {
        int f = as.idx(pfn);
        m.nrTransientRefs += n - m.transientRefs[f];
        m.transientRefs[f] = n;
        return this;
    }

    /** migrate_pages()'s counts (nr_succeeded, nr_failed_pages, nr_retry_pages) and the vmstat counters. */
    public MigrateBuilder counts(int nrSucceeded, int nrFailedPages, int nrRetryPages, long pgmigrateSuccess,
            long pgmigrateFail) {
        m.nrSucceeded = nrSucceeded;
        m.nrFailedPages = nrFailedPages;
        m.nrRetryPages = nrRetryPages;
        m.pgmigrateSuccess = pgmigrateSuccess;
        m.pgmigrateFail = pgmigrateFail;
        return this;
    }

    public Migrate build() {
        return m;
    }
}
