package mmcheck.mm.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;
import net.jqwik.api.statistics.Statistics;

import mmcheck.mm.MmGeometry;

/**
 * MigrateActions - jqwik actions over {@link MigrateMachine}: processes fault, read, write (with copy-on-write),
 * fork, unmap, pin and unpin; the caller isolates pages, migrates them in every mode while other CPUs touch the
 * migration entries, and puts back what did not migrate; other kernel paths lock pages and write them back.
 *
 * <p>Every action is {@link Action.Independent} without a precondition, as in BuddyActions, so failing chains
 * shrink; arguments are drawn from the processes and vpages, or as "the k-th page with some property", resolved
 * when the step runs. A step the engine refuses must leave the state unchanged.
 */
final class MigrateActions {

    /** Statistics label of migrate_pages() outcomes. */
    static final String MIGRATE_LABEL = "migrate_pages";
    static final String ALL_MIGRATED = "all migrated";
    static final String NOT_ALL_MIGRATED = "some not migrated";
    static final String ENOMEM = "-ENOMEM";
    /** Statistics label of what other CPUs did while migration entries existed. */
    static final String WINDOW_LABEL = "other CPU during migration";

    private MigrateActions() {
    }

    /** Chains from an empty zone of geometry g, procs processes of vpages pages each. */
    static ActionChainArbitrary<MigrateMachine> chains(MigrateMachine.Engine engine, MmGeometry g, int procs,
            int vpages, int maxSteps) {
        Supplier<MigrateMachine> start = () -> new MigrateMachine(engine, g, procs, vpages);
        Arbitrary<Integer> p = Arbitraries.integers().between(0, procs - 1);
        Arbitrary<Integer> v = Arbitraries.integers().between(0, vpages - 1);
        return ActionChain.startWith(start)
                .withAction(6, act(() -> Combinators.combine(p, v).as(MigrateActions::fault)))
                .withAction(4, act(() -> Combinators.combine(p, v).as(MigrateActions::write)))
                .withAction(3, act(() -> Combinators.combine(p, v).as(MigrateActions::read)))
                .withAction(3, act(() -> Combinators.combine(p, v, p, v).as(MigrateActions::fork)))
                .withAction(2, act(() -> Combinators.combine(p, v).as(MigrateActions::zap)))
                .withAction(2, act(() -> Combinators.combine(p, v).as(MigrateActions::pin)))
                .withAction(1, act(() -> k().map(MigrateActions::unpin)))
                .withAction(6, act(() -> k().map(MigrateActions::isolate)))
                .withAction(3, act(() -> Combinators.combine(Arbitraries.of(MigrateMode.class), windowOps(p, v))
                        .as(MigrateActions::migrate)))
                .withAction(1, act(() -> Arbitraries.just(putback())))
                .withAction(1, act(() -> k().map(MigrateActions::migrateUnisolated)))
                .withAction(1, act(() -> Combinators.combine(k(), Arbitraries.integers().between(0, 3))
                        .as(MigrateActions::contend)))
                .withAction(2, act(() -> k().map(MigrateActions::folioPut)))
                .withMaxTransformations(maxSteps);
    }

    /** The chain with every invariant of Rmap.tla and Migrate.tla checked after each step, in spec order. */
    static ActionChain<MigrateMachine> withInvariants(ActionChain<MigrateMachine> chain) {
        ActionChain<MigrateMachine> c = chain;
        for (String name : MigrateInvariants.NAMES) {
            c = c.withInvariant(name, m -> m.assertInvariant(name));
        }
        return c;
    }

    private static Action.Independent<MigrateMachine> act(Supplier<Arbitrary<Transformer<MigrateMachine>>> t) {
        return t::get;
    }

    private static Arbitrary<Integer> k() {
        return Arbitraries.integers().between(0, 31);
    }

    // ---------------------------------------------------------------------------------------------- steps

    private static Transformer<MigrateMachine> fault(int p, int v) {
        return step("do_anonymous_page: proc=" + p + " vpage=" + v, m -> m.as.doAnonymousPage(p, v));
    }

    /** A store: through a writable PTE, else through do_wp_page(); a fresh value each time. */
    private static Transformer<MigrateMachine> write(int p, int v) {
        return step("user_write: proc=" + p + " vpage=" + v, m -> {
            int val = m.nextValue();
            if (m.as.pteType(p, v) == AddressSpaces.PTE_PRESENT && !m.as.isAnonExclusive(m.as.ptePfn(p, v))) {
                m.as.doWpPage(p, v, val);
            } else {
                m.as.userWrite(p, v, val);
            }
        });
    }

    private static Transformer<MigrateMachine> read(int p, int v) {
        return step("user_read: proc=" + p + " vpage=" + v, m -> {
            int got = m.as.userRead(p, v);
            if (got != m.as.written(p, v)) {
                throw new MigrateMachine.InvariantViolation(MigrateInvariants.READS_OWN_WRITES_INV, "process " + p
                        + " vpage " + v + " read " + got + " but last wrote " + m.as.written(p, v) + m.trace());
            }
        });
    }

    private static Transformer<MigrateMachine> fork(int p, int v, int q, int w) {
        return step("copy_present_pte: proc=" + p + " vpage=" + v + " child=" + q + " cvpage=" + w,
                m -> m.as.copyPresentPte(p, v, q, w));
    }

    private static Transformer<MigrateMachine> zap(int p, int v) {
        return step("zap_pte_range: proc=" + p + " vpage=" + v, m -> m.as.zapPteRange(p, v));
    }

    private static Transformer<MigrateMachine> pin(int p, int v) {
        return step("pin_user_pages: proc=" + p + " vpage=" + v, m -> m.as.pinUserPages(p, v));
    }

    private static Transformer<MigrateMachine> unpin(int k) {
        return choice("unpin_user_page: pinned page #" + k, m -> kth(m, k, pfn -> m.as.pinCount(pfn) > 0),
                (m, pfn) -> m.as.unpinUserPage(pfn));
    }

    private static Transformer<MigrateMachine> isolate(int k) {
        return choice("folio_isolate_lru: user page #" + k,
                m -> kth(m, k, pfn -> m.as.isUserPage(pfn) && !m.as.isIsolated(pfn)),
                (m, pfn) -> m.migrate.folioIsolateLru(pfn, m.isolated));
    }

    /** migrate_pages() of the isolated pages; ops run on other CPUs once the entries are installed. */
    private static Transformer<MigrateMachine> migrate(MigrateMode mode, List<WindowOp> ops) {
        return step("migrate_pages: mode=" + mode + (ops.isEmpty() ? "" : " while " + ops), m -> {
            List<Runnable> runs = new ArrayList<>();
            for (WindowOp op : ops) {
                runs.add(() -> {
                    boolean ran = m.attempt("  (other CPU) " + op, () -> op.run(m));
                    Statistics.label(WINDOW_LABEL).collect(op.name() + (ran ? " ran" : " refused"));
                });
            }
            m.windowOps = runs;
            int before = m.isolated.size();
            long ok = m.migrate.pgmigrateSuccess();
            int rc = m.migrate.migratePages(m.isolated, m.as::allocMigrationTarget, null, mode,
                    MigrateReason.MR_COMPACTION);
            m.windowOps = List.of();
            if (rc >= 0) {
                assertEquals(before - rc, m.migrate.pgmigrateSuccess() - ok, "migrated = listed - not migrated");
                assertEquals(rc, m.isolated.size(), "the pages not migrated stay listed");
            }
            Statistics.label(MIGRATE_LABEL).collect(rc == Migrate.ENOMEM ? ENOMEM : rc > 0 ? NOT_ALL_MIGRATED
                    : before > 0 ? ALL_MIGRATED : "empty list");
        });
    }

    /** migrate_pages() of a list naming a page nobody isolated: refused. */
    private static Transformer<MigrateMachine> migrateUnisolated(int k) {
        return choice("migrate_pages: mode=MIGRATE_SYNC of unisolated user page #" + k,
                m -> kth(m, k, pfn -> m.as.isUserPage(pfn) && !m.as.isIsolated(pfn)),
                (m, pfn) -> m.migrate.migratePages(PageList.of(pfn), m.as::allocMigrationTarget, null,
                        MigrateMode.MIGRATE_SYNC, MigrateReason.MR_COMPACTION));
    }

    private static Transformer<MigrateMachine> putback() {
        return step("putback_movable_pages", m -> m.migrate.putbackMovablePages(m.isolated));
    }

    private static final String[] CONTEND = {"lock_page", "unlock_page", "set_page_writeback", "end_page_writeback"};

    private static Transformer<MigrateMachine> contend(int k, int what) {
        return choice(CONTEND[what] + ": user page #" + k, m -> kth(m, k, m.as::isUserPage), (m, pfn) -> {
            switch (what) {
                case 0 -> m.migrate.lockPage(pfn);
                case 1 -> m.migrate.unlockPage(pfn);
                case 2 -> m.migrate.setPageWriteback(pfn);
                default -> m.migrate.endPageWriteback(pfn);
            }
        });
    }

    /** The speculative holder of the k-th page that has one lets go. */
    private static Transformer<MigrateMachine> folioPut(int k) {
        return choice("folio_put: page #" + k + " with a speculative reference",
                m -> kth(m, k, pfn -> m.migrate.transientRefs(pfn) > 0), (m, pfn) -> m.migrate.folioPut(pfn));
    }

    // ---------------------------------------------------------------------------------------------- window

    /** A user operation another CPU runs while migration entries exist. */
    record WindowOp(String name, int p, int v, int q, int w) {
        void run(MigrateMachine m) {
            switch (name) {
                case "user_read" -> m.as.userRead(p, v);
                case "user_write" -> m.as.userWrite(p, v, m.nextValue());
                case "copy_nonpresent_pte" -> {
                    if (m.as.pteType(p, v) == AddressSpaces.PTE_PRESENT) {
                        m.as.copyPresentPte(p, v, q, w);
                    } else {
                        m.as.copyNonpresentPte(p, v, q, w);
                    }
                }
                case "zap_pte_range" -> m.as.zapPteRange(p, v);
                case "do_anonymous_page" -> m.as.doAnonymousPage(p, v);
                case "folio_try_get" -> m.migrate.folioTryGet(m.migrate.migrationSource());
                default -> m.as.pinUserPages(p, v);
            }
        }

        @Override
        public String toString() {
            if (name.equals("folio_try_get")) {
                return "folio_try_get: the page under migration";
            }
            return name + ": proc=" + p + " vpage=" + v + (name.startsWith("copy") ? " child=" + q + " cvpage=" + w : "");
        }
    }

    private static Arbitrary<List<WindowOp>> windowOps(Arbitrary<Integer> p, Arbitrary<Integer> v) {
        Arbitrary<String> names = Arbitraries.of("user_read", "user_write", "copy_nonpresent_pte", "zap_pte_range",
                "do_anonymous_page", "pin_user_pages", "folio_try_get");
        return Combinators.combine(names, p, v, p, v).as(WindowOp::new).list().ofMaxSize(3);
    }

    // ---------------------------------------------------------------------------------------------- running

    @FunctionalInterface
    private interface Body {
        void run(MigrateMachine m);
    }

    private static Transformer<MigrateMachine> step(String description, Body body) {
        return new Transformer<>() {
            @Override
            public MigrateMachine apply(MigrateMachine m) {
                m.windowViolations.clear();
                m.attempt(description, () -> body.run(m));
                return m;
            }

            @Override
            public String transformation() {
                return description;
            }
        };
    }

    private static Transformer<MigrateMachine> choice(String description,
            java.util.function.ToIntFunction<MigrateMachine> resolve, java.util.function.ObjIntConsumer<MigrateMachine> body) {
        return step(description, m -> {
            int pfn = resolve.applyAsInt(m);
            if (pfn >= 0) {
                body.accept(m, pfn);
            }
        });
    }

    /** The k-th frame (modulo their number) with the property, in pfn order, or -1. */
    private static int kth(MigrateMachine m, int k, java.util.function.IntPredicate property) {
        MmGeometry g = m.zone.geometry();
        int n = 0;
        for (int pfn = g.zoneStart(); pfn < g.zoneEnd(); pfn++) {
            if (property.test(pfn)) {
                n++;
            }
        }
        if (n == 0) {
            return -1;
        }
        int target = k % n;
        for (int pfn = g.zoneStart(); pfn < g.zoneEnd(); pfn++) {
            if (property.test(pfn) && target-- == 0) {
                return pfn;
            }
        }
        return -1;
    }
}
