package mmcheck.sim;

import java.util.SplittableRandom;

import mmcheck.event.MigrateAction;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.migrate.AddressSpaces;
import mmcheck.mm.migrate.Migrate;
import mmcheck.mm.migrate.MigrateMode;
import mmcheck.mm.migrate.MigrateReason;
import mmcheck.mm.migrate.MigrationEntryWaitException;
import mmcheck.mm.migrate.MigrationWindow;
import mmcheck.mm.migrate.PageList;

/**
 * A seeded random mix of requests to the page-table and migration engine: processes fault, read, write (with
 * copy-on-write), fork, unmap, pin and unpin; the caller isolates pages, runs migrate_pages() in a random mode and
 * puts back what did not migrate; another kernel path locks pages and writes them back. While migrate_pages() runs,
 * other CPUs do the same user and contention requests at each {@link MigrationWindow} point.
 *
 * <p>The steps the engine takes reach its MigrateEventSink. A request the engine turns down is reported to the
 * {@link Refusals} listener as the step it would have been, so a checker can confirm the spec turns it down too. A
 * read of a migration entry is not turned down: the process waits (MigrationEntryWait), a step of its own.
 */
public final class MigrateWorkload {
    /** Receives the requests the engine refused, as spec steps. */
    public interface Refusals {
        void refused(MigrateAction action, int... args);

        /** As above, with the engine's own reason (its StepRefusedException's message). */
        default void refusedBecause(String reason, MigrateAction action, int... args) {
            refused(action, args);
        }
    }

    private final Migrate migrate;
    private final AddressSpaces as;
    private final MmGeometry g;
    private final int[] contents;
    private final Refusals refusals;
    private final SplittableRandom random;
    private final PageList list = new PageList();
    private final MigrateMode[] modes;

    /** A workload on m whose processes store values from contents (the model's Contents), in every mode. */
    public MigrateWorkload(Migrate m, int[] contents, long seed, Refusals refusals) {
        this(m, contents, MigrateMode.values(), seed, refusals);
    }

    /** A workload whose migrate_pages() calls use the given modes (the model's MigrateModes). */
    public MigrateWorkload(Migrate m, int[] contents, MigrateMode[] modes, long seed, Refusals refusals) {
        this.modes = modes.clone();
        this.migrate = m;
        this.as = m.addressSpaces();
        this.g = as.zone().geometry();
        this.contents = contents.clone();
        this.refusals = refusals;
        this.random = new SplittableRandom(seed);
        m.setWindow(this::otherCpus);
    }

    /** One request: mostly the processes' own, a fifth the caller's migration, a tenth another kernel path's. */
    public void next() {
        int r = random.nextInt(100);
        if (migrate.phase() == Migrate.Phase.PUTBACK && r < 50) {
            putback();
        } else if (r < 70) {
            userRequest();
        } else if (r < 80) {
            isolate();
        } else if (r < 88) {
            migratePages();
        } else if (r < 91) {
            putback();
        } else {
            contention();
        }
    }

    private void otherCpus(Migrate m, MigrationWindow.Point point, int src, int dst) {
        for (int i = random.nextInt(4); i > 0; i--) {
            int r = random.nextInt(4);
            int[] slots = as.rmapSlots(src);
            if (r == 0) {
                contention();
            } else if (r == 1 && slots.length > 0) {
                // A process touching the page under migration: its PTE may be a migration entry by now.
                int s = slots[random.nextInt(slots.length)];
                int p = s / as.nrVpages();
                int v = s % as.nrVpages();
                if (random.nextBoolean()) {
                    fork(p, v);
                } else {
                    request(MigrateAction.USER_READ, () -> as.userRead(p, v), p, v);
                }
            } else {
                userRequest();
            }
        }
    }

    private void userRequest() {
        int p = random.nextInt(as.nrProcs());
        int v = random.nextInt(as.nrVpages());
        int val = contents[random.nextInt(contents.length)];
        switch (random.nextInt(9)) {
            case 0, 1 -> request(MigrateAction.DO_ANONYMOUS_PAGE, () -> as.doAnonymousPage(p, v), p, v);
            case 2 -> request(MigrateAction.USER_READ, () -> as.userRead(p, v), p, v);
            case 3 -> write(p, v, val);
            case 4 -> fork(p, v);
            case 5 -> request(MigrateAction.ZAP_PTE_RANGE, () -> as.zapPteRange(p, v), p, v);
            case 6 -> request(MigrateAction.PIN_USER_PAGES, () -> as.pinUserPages(p, v), p, v);
            case 7 -> {
                int pfn = randomPfn();
                request(MigrateAction.UNPIN_USER_PAGE, () -> as.unpinUserPage(pfn), pfn);
            }
            default -> request(MigrateAction.USER_READ, () -> as.userRead(p, v), p, v);
        }
    }

    /** A store: through a writable PTE, else the write fault (reuse or copy). */
    private void write(int p, int v, int val) {
        if (as.pteType(p, v) == AddressSpaces.PTE_PRESENT && as.isAnonExclusive(as.ptePfn(p, v))
                || as.pteType(p, v) != AddressSpaces.PTE_PRESENT) {
            request(MigrateAction.USER_WRITE, () -> as.userWrite(p, v, val), p, v, val);
        } else if (as.refcount(as.ptePfn(p, v)) == 1) {
            request(MigrateAction.WP_PAGE_REUSE, () -> as.wpPageReuse(p, v, val), p, v, val);
        } else {
            request(MigrateAction.WP_PAGE_COPY, () -> as.wpPageCopy(p, v, val), p, v, val);
        }
    }

    /** fork() of one PTE into another process: the copy its PTE type calls for. */
    private void fork(int p, int v) {
        int q = random.nextInt(as.nrProcs());
        int w = random.nextInt(as.nrVpages());
        if (as.pteType(p, v) == AddressSpaces.PTE_PRESENT) {
            request(MigrateAction.COPY_PRESENT_PTE, () -> as.copyPresentPte(p, v, q, w), p, v, q, w);
        } else {
            request(MigrateAction.COPY_NONPRESENT_PTE, () -> as.copyNonpresentPte(p, v, q, w), p, v, q, w);
        }
    }

    private void isolate() {
        int pfn = randomPfn();
        request(MigrateAction.FOLIO_ISOLATE_LRU, () -> migrate.folioIsolateLru(pfn, list), pfn);
    }

    private void migratePages() {
        MigrateMode mode = modes[random.nextInt(modes.length)];
        request(MigrateAction.MIGRATE_PAGES, () -> migrate.migratePages(list, as::allocMigrationTarget, null, mode,
                MigrateReason.MR_COMPACTION), mode.ordinal());
    }

    private void putback() {
        if (!list.isEmpty()) {
            int pfn = list.get(0);
            request(MigrateAction.PUTBACK_MOVABLE_PAGES, () -> migrate.putbackMovablePages(list), pfn);
        }
    }

    private void contention() {
        int pfn = randomPfn();
        switch (random.nextInt(4)) {
            case 0 -> request(MigrateAction.LOCK_PAGE, () -> migrate.lockPage(pfn), pfn);
            case 1 -> request(MigrateAction.UNLOCK_PAGE, () -> migrate.unlockPage(pfn), pfn);
            case 2 -> request(MigrateAction.SET_PAGE_WRITEBACK, () -> migrate.setPageWriteback(pfn), pfn);
            default -> request(MigrateAction.END_PAGE_WRITEBACK, () -> migrate.endPageWriteback(pfn), pfn);
        }
    }

    private int randomPfn() {
        return g.zoneStart() + random.nextInt(g.zoneEnd() - g.zoneStart());
    }

    private void request(MigrateAction action, Runnable call, int... args) {
        try {
            call.run();
        } catch (MigrationEntryWaitException e) {
            // The process now sleeps: MigrationEntryWait was the step.
        } catch (StepRefusedException e) {
            refusals.refusedBecause(e.getMessage(), action, args);
        }
    }
}
