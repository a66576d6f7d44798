package mmcheck.conform;

import mmcheck.conform.migrate.MigrateAbstraction;
import mmcheck.conform.migrate.MigrateMonitor;

import mmcheck.conform.migrate.MigrateModel;
import mmcheck.conform.migrate.MigrateStep;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

import mmcheck.event.MigrateAction;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.migrate.AddressSpaces;
import mmcheck.mm.migrate.Migrate;
import mmcheck.mm.migrate.MigrateInvariants;
import mmcheck.mm.migrate.MigrateMode;
import mmcheck.mm.migrate.MigrateReason;
import mmcheck.mm.migrate.MigrationEntryWaitException;
import mmcheck.mm.migrate.MigrationWindow;
import mmcheck.mm.migrate.PageList;

/**
 * A migration engine under the step checker, and the requests a test makes of it: every step the engine takes goes
 * to a {@link MigrateRefinementMonitor} (then to the native invariants), and every request it refuses is reported to
 * the monitor as the spec action(s) that must be disabled too.
 *
 * <p>A refusal is a {@link StepRefusedException} with no step taken. Two engine answers look like refusals but are
 * not: a {@link MigrationEntryWaitException} is the MigrationEntryWait step (the monitor has checked it, the process
 * now sleeps), and copy_present_pte() of a pinned exclusive page answers with the CopyPresentPage step.
 *
 * <p>The whole-call {@link #migrate} runs migrate_pages() as the kernel does, with other CPUs' requests at the
 * {@link MigrationWindow} points; {@link #kernelNext} and the single kernel requests take migrate_pages()'s steps one
 * at a time, so that the test may interleave any other request between any two of them, as the spec does.
 */
final class CheckedMigrate {
    static final MigrateReason REASON = MigrateReason.MR_COMPACTION;

    /** A native invariant failed after a step that the step checker let through. */
    static final class NativeInvariantViolation extends AssertionError {
        private static final long serialVersionUID = 1L;

        NativeInvariantViolation(String message) {
            super(message);
        }
    }

    /** A request another CPU makes at a point inside migrate_pages(). */
    @FunctionalInterface
    interface WindowOp {
        void run(CheckedMigrate c, int src, int dst);
    }

    final Migrate migrate;
    final AddressSpaces as;
    final StepMonitor monitor;
    final PageList isolated = new PageList();
    final MmGeometry geometry;
    private final MigrateModel model;
    private final Map<MigrationWindow.Point, List<WindowOp>> window = new EnumMap<>(MigrationWindow.Point.class);
    private final Map<String, Long> outcomes = new TreeMap<>();

    /**
     * Attaches the monitor (and, with nativeChecks, MigrateInvariants after every step) to an engine in Init that
     * keeps the model's bounds.
     */
    CheckedMigrate(StepChecker checker, MigrateModel model, Migrate migrate, boolean nativeChecks) {
        this.model = model;
        this.migrate = migrate;
        this.as = migrate.addressSpaces();
        this.geometry = as.zone().geometry();
        MigrateAbstraction abstraction = new MigrateAbstraction(checker.spec());
        this.monitor = new StepMonitor(checker, () -> abstraction.abstraction(migrate));
        MigrateMonitor sink = new MigrateMonitor(monitor);
        as.setSink((action, a0, a1, a2, a3) -> {
            sink.step(action, a0, a1, a2, a3);
            if (nativeChecks) {
                List<String> v = MigrateInvariants.check(migrate);
                if (!v.isEmpty()) {
                    throw new NativeInvariantViolation("the step checker passed "
                            + MigrateStep.of(action, a0, a1, a2, a3) + " but the native invariants fail:\n  "
                            + String.join("\n  ", v));
                }
            }
        });
        migrate.setWindow((m, point, src, dst) -> {
            for (WindowOp op : window.getOrDefault(point, List.of())) {
                op.run(this, src, dst);
            }
        });
    }

    /** What each kind of request did: "name ran", "name refused", "name waited". */
    Map<String, Long> outcomes() {
        return outcomes;
    }

    // ---------------------------------------------------------------------------------------------- requests

    @FunctionalInterface
    interface Request {
        void run();
    }

    /**
     * Runs a request. If the engine refuses it, it must have taken no step, and the spec must refuse each of
     * refusedAs in the state the engine is in (the monitor checks that, and that nothing changed).
     *
     * @return whether the request ran
     */
    boolean request(String name, Request r, MigrateStep... refusedAs) {
        long steps = monitor.steps();
        try {
            r.run();
            count(name + " ran");
            return true;
        } catch (MigrationEntryWaitException e) {
            if (monitor.steps() != steps + 1) {
                throw new AssertionError(name + " slept in migration_entry_wait() after " + (monitor.steps() - steps)
                        + " steps, not one: " + e.getMessage());
            }
            count(name + " waited");
            return false;
        } catch (StepRefusedException e) {
            if (monitor.steps() != steps) {
                throw new AssertionError(name + " was refused (" + e.getMessage() + ") after taking "
                        + (monitor.steps() - steps) + " steps", e);
            }
            for (MigrateStep s : refusedAs) {
                monitor.refused(s);
            }
            count(name + " refused");
            return false;
        }
    }

    private void count(String outcome) {
        outcomes.merge(outcome, 1L, Long::sum);
    }

    void fault(int p, int v) {
        request("do_anonymous_page", () -> as.doAnonymousPage(p, v),
                MigrateStep.of(MigrateAction.DO_ANONYMOUS_PAGE, p, v));
    }

    /** A load; it must return what the process last stored there. */
    void read(int p, int v) {
        request("user_read", () -> {
            int got = as.userRead(p, v);
            if (got != as.written(p, v)) {
                throw new AssertionError("process " + p + " vpage " + v + " read " + got + " but last wrote "
                        + as.written(p, v));
            }
        }, MigrateStep.of(MigrateAction.USER_READ, p, v));
    }

    /** A store as the CPU does it: through a writable PTE, else through the write fault do_wp_page(). */
    void write(int p, int v, int val) {
        if (as.pteType(p, v) == AddressSpaces.PTE_PRESENT && !as.isAnonExclusive(as.ptePfn(p, v))) {
            request("do_wp_page", () -> as.doWpPage(p, v, val), MigrateStep.of(MigrateAction.WP_PAGE_REUSE, p, v, val),
                    MigrateStep.of(MigrateAction.WP_PAGE_COPY, p, v, val));
        } else {
            userWrite(p, v, val);
        }
    }

    void userWrite(int p, int v, int val) {
        request("user_write", () -> as.userWrite(p, v, val), MigrateStep.of(MigrateAction.USER_WRITE, p, v, val));
    }

    void wpPageReuse(int p, int v, int val) {
        request("wp_page_reuse", () -> as.wpPageReuse(p, v, val),
                MigrateStep.of(MigrateAction.WP_PAGE_REUSE, p, v, val));
    }

    void wpPageCopy(int p, int v, int val) {
        request("wp_page_copy", () -> as.wpPageCopy(p, v, val), MigrateStep.of(MigrateAction.WP_PAGE_COPY, p, v, val));
    }

    /**
     * Fork of one PTE as copy_pte_range() does it: copy_present_pte() of a present PTE (which copies a pinned
     * exclusive page instead), copy_nonpresent_pte() of a migration entry.
     */
    void fork(int p, int v, int q, int w) {
        if (as.pteType(p, v) == AddressSpaces.PTE_PRESENT || as.pteType(p, v) == AddressSpaces.PTE_NONE) {
            request("copy_present_pte", () -> as.copyPresentPte(p, v, q, w),
                    MigrateStep.of(MigrateAction.COPY_PRESENT_PTE, p, v, q, w),
                    MigrateStep.of(MigrateAction.COPY_PRESENT_PAGE, p, v, q, w));
        } else {
            copyNonpresentPte(p, v, q, w);
        }
    }

    void copyPresentPage(int p, int v, int q, int w) {
        request("copy_present_page", () -> as.copyPresentPage(p, v, q, w),
                MigrateStep.of(MigrateAction.COPY_PRESENT_PAGE, p, v, q, w));
    }

    void copyNonpresentPte(int p, int v, int q, int w) {
        request("copy_nonpresent_pte", () -> as.copyNonpresentPte(p, v, q, w),
                MigrateStep.of(MigrateAction.COPY_NONPRESENT_PTE, p, v, q, w));
    }

    void zap(int p, int v) {
        request("zap_pte_range", () -> as.zapPteRange(p, v), MigrateStep.of(MigrateAction.ZAP_PTE_RANGE, p, v));
    }

    void pin(int p, int v) {
        request("pin_user_pages", () -> as.pinUserPages(p, v), MigrateStep.of(MigrateAction.PIN_USER_PAGES, p, v));
    }

    void unpin(int pfn) {
        request("unpin_user_page", () -> as.unpinUserPage(pfn), MigrateStep.of(MigrateAction.UNPIN_USER_PAGE, pfn));
    }

    void isolate(int pfn) {
        request("folio_isolate_lru", () -> migrate.folioIsolateLru(pfn, isolated),
                MigrateStep.of(MigrateAction.FOLIO_ISOLATE_LRU, pfn));
    }

    /** putback_movable_pages() of the caller's list: refused as a whole, or one step per page. */
    void putback() {
        MigrateStep[] each = new MigrateStep[isolated.size()];
        for (int i = 0; i < each.length; i++) {
            each[i] = MigrateStep.of(MigrateAction.PUTBACK_MOVABLE_PAGES, isolated.get(i));
        }
        request("putback_movable_pages", () -> migrate.putbackMovablePages(isolated), each);
    }

    /** lock_page(), unlock_page(), set_page_writeback() or end_page_writeback() of pfn by another kernel path. */
    void contend(int what, int pfn) {
        switch (what) {
            case 0 -> request("lock_page", () -> migrate.lockPage(pfn), MigrateStep.of(MigrateAction.LOCK_PAGE, pfn));
            case 1 -> request("unlock_page", () -> migrate.unlockPage(pfn),
                    MigrateStep.of(MigrateAction.UNLOCK_PAGE, pfn));
            case 2 -> request("set_page_writeback", () -> migrate.setPageWriteback(pfn),
                    MigrateStep.of(MigrateAction.SET_PAGE_WRITEBACK, pfn));
            case 3 -> request("end_page_writeback", () -> migrate.endPageWriteback(pfn),
                    MigrateStep.of(MigrateAction.END_PAGE_WRITEBACK, pfn));
            case 4 -> request("folio_try_get", () -> migrate.folioTryGet(pfn),
                    MigrateStep.of(MigrateAction.FOLIO_TRY_GET, pfn));
            default -> request("folio_put", () -> migrate.folioPut(pfn), MigrateStep.of(MigrateAction.FOLIO_PUT, pfn));
        }
    }

    /**
     * migrate_pages() of the caller's list, the whole call, while other CPUs make the window's requests at their
     * points. An empty list is no call at all for the engine, and MigratePages needs a non-empty list: the spec
     * must refuse it too.
     *
     * @return the call's result, or null if it was refused
     */
    Integer migrate(MigrateMode mode, Map<MigrationWindow.Point, List<WindowOp>> ops) {
        window.clear();
        window.putAll(ops);
        long steps = monitor.steps();
        int[] rc = {0};
        try {
            boolean ran = request("migrate_pages", () -> rc[0] = migrate.migratePages(isolated,
                    as::allocMigrationTarget, null, mode, REASON), MigrateStep.of(MigrateAction.MIGRATE_PAGES,
                            mode.ordinal()));
            if (ran && monitor.steps() == steps) {
                monitor.refused(MigrateStep.of(MigrateAction.MIGRATE_PAGES, mode.ordinal()));
            }
            return ran ? rc[0] : null;
        } finally {
            window.clear();
        }
    }

    // ---------------------------------------------------------------------------------------------- one step

    /** migrate_pages()'s entry alone: the call's steps are then taken by {@link #kernelNext}. */
    void migratePagesStart(MigrateMode mode) {
        request("mm_migrate_pages_start", () -> migrate.migratePagesStart(isolated, as::allocMigrationTarget, null,
                mode, REASON), MigrateStep.of(MigrateAction.MIGRATE_PAGES, mode.ordinal()));
    }

    /**
     * The next step of the running migrate_pages() call as the kernel would take it, but with the spec's freedom
     * of order: the k-th page still to try in the pass, the k-th PTE of a walk. A step that must wait (folio_lock
     * on a locked page, folio_wait_writeback under writeback) is refused, as the spec disables it.
     */
    void kernelNext(int k) {
        if (!migrate.inMigratePages()) {
            return;
        }
        int src = migrate.migrationSource();
        switch (migrate.migStep()) {
            case IDLE -> {
                int pfn = kth(k, migrate::passTodo);
                if (pfn >= 0) {
                    unmapAndMove(pfn);
                } else if (migrate.retrying() && migrate.pass() + 1 < model.passes()) {
                    kernel(MigrateAction.MIGRATE_PAGES_PASS);
                } else {
                    kernel(MigrateAction.MIGRATE_PAGES_RETURN);
                }
            }
            case TRY_TO_MIGRATE -> {
                int s = kthSlot(src, k, AddressSpaces.PTE_PRESENT);
                if (s >= 0) {
                    tryToMigrateOne(s / as.nrVpages(), s % as.nrVpages());
                } else {
                    kernel(MigrateAction.MOVE_TO_NEW_FOLIO);
                }
            }
            case REMOVE_MIGRATION_PTES -> {
                int s = kthSlot(src, k, -1);
                if (s >= 0) {
                    removeMigrationPte(s / as.nrVpages(), s % as.nrVpages());
                } else {
                    kernel(MigrateAction.UNMAP_AND_MOVE_UNLOCK);
                }
            }
            case FOLIO_TRYLOCK -> kernel(MigrateAction.FOLIO_TRYLOCK);
            case FOLIO_LOCK -> kernel(MigrateAction.FOLIO_LOCK);
            case FOLIO_WAIT_WRITEBACK -> kernel(MigrateAction.FOLIO_WAIT_WRITEBACK);
            case MOVE_TO_NEW_FOLIO -> kernel(MigrateAction.MOVE_TO_NEW_FOLIO);
            case UNLOCK -> kernel(MigrateAction.UNMAP_AND_MOVE_UNLOCK);
            case OUT -> kernel(MigrateAction.UNMAP_AND_MOVE_OUT);
            default -> throw new IllegalStateException("unmap_and_move() at " + migrate.migStep());
        }
    }

    void unmapAndMove(int pfn) {
        request("unmap_and_move", () -> migrate.unmapAndMove(pfn), MigrateStep.of(MigrateAction.UNMAP_AND_MOVE, pfn));
    }

    void tryToMigrateOne(int p, int v) {
        request("try_to_migrate_one", () -> migrate.tryToMigrateOne(p, v),
                MigrateStep.of(MigrateAction.TRY_TO_MIGRATE_ONE, p, v));
    }

    void removeMigrationPte(int p, int v) {
        request("remove_migration_pte", () -> migrate.removeMigrationPte(p, v),
                MigrateStep.of(MigrateAction.REMOVE_MIGRATION_PTE, p, v));
    }

    /** One of migrate_pages()'s steps without parameters, asked for whatever state the call is in. */
    void kernel(MigrateAction a) {
        Request r = switch (a) {
            case MIGRATE_PAGES_PASS -> migrate::migratePagesPass;
            case MIGRATE_PAGES_RETURN -> () -> migrate.migratePagesReturn();
            case FOLIO_TRYLOCK -> migrate::folioTrylock;
            case FOLIO_LOCK -> migrate::folioLock;
            case FOLIO_WAIT_WRITEBACK -> migrate::folioWaitWriteback;
            case MOVE_TO_NEW_FOLIO -> migrate::moveToNewFolio;
            case UNMAP_AND_MOVE_UNLOCK -> migrate::unmapAndMoveUnlock;
            case UNMAP_AND_MOVE_OUT -> migrate::unmapAndMoveOut;
            default -> throw new IllegalArgumentException(a + " takes parameters");
        };
        request(a.traceName(), r, MigrateStep.of(a));
    }

    // ---------------------------------------------------------------------------------------------- choosing

    /** The k-th frame of the zone (modulo their number) with the property, in pfn order, or -1. */
    int kth(int k, IntPredicate property) {
        int n = 0;
        for (int pfn = geometry.zoneStart(); pfn < geometry.zoneEnd(); pfn++) {
            if (property.test(pfn)) {
                n++;
            }
        }
        if (n == 0) {
            return -1;
        }
        int target = k % n;
        for (int pfn = geometry.zoneStart(); pfn < geometry.zoneEnd(); pfn++) {
            if (property.test(pfn) && target-- == 0) {
                return pfn;
            }
        }
        return -1;
    }

    /** Any frame of the zone: the k-th, modulo the zone's size. */
    int anyPfn(int k) {
        return geometry.zoneStart() + k % geometry.nrPages();
    }

    /** The k-th slot the reverse map of pfn reaches that is present (type PTE_PRESENT) or a migration entry (-1). */
    private int kthSlot(int pfn, int k, int type) {
        List<Integer> slots = new ArrayList<>();
        for (int s : as.rmapSlots(pfn)) {
            int t = as.pteType(s / as.nrVpages(), s % as.nrVpages());
            boolean migration = t == AddressSpaces.PTE_MIGRATION || t == AddressSpaces.PTE_MIGRATION_EXCL;
            if (as.ptePfn(s / as.nrVpages(), s % as.nrVpages()) == pfn && (type < 0 ? migration : t == type)) {
                slots.add(s);
            }
        }
        return slots.isEmpty() ? -1 : slots.get(k % slots.size());
    }

    @Override
    public String toString() {
        return "engine after " + monitor.steps() + " checked steps, isolated " + isolated;
    }
}
