package mmcheck.mm.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.statistics.Statistics;

import mmcheck.mm.MmGeometry;

/**
 * Every invariant of Rmap.tla and Migrate.tla catches a bug: each mutant, driven through one directed workload that
 * touches every path (fault, fork, copy-on-write, unmap, pins, migration of exclusive, shared and pinned pages,
 * lock contention), is caught by its invariant at the first bad state, first among the invariants when
 * {@link MigrateMutant#caughtFirst()}; random chains catch every mutant too.
 */
class MigrateSeededBugTest {

    static final MmGeometry ZONE = MmGeometry.of(4, 2, 0, 64);

    /** The first bad state: the step after which invariants failed, and the names that failed there. */
    record Caught(String step, List<String> names, String detail) {
    }

    /** Runs the workload, checking every invariant after each step and inside migrate_pages(); null if none fails. */
    static Caught runWorkload(MigrateMachine.Engine engine) {
        MigrateMachine m = new MigrateMachine(engine, ZONE, 3, 4);
        AddressSpaces as = m.as;
        Migrate mig = m.migrate;
        List<Object[]> steps = new ArrayList<>();
        Consumer<Object[]> add = steps::add;
        int[] pfn = new int[8];
        // A freed frame comes straight back from the buddy allocator: a missing zero-fill shows.
        add.accept(step("fault and write p0 v3", () -> {
            as.doAnonymousPage(0, 3);
            as.userWrite(0, 3, 104);
        }));
        add.accept(step("zap p0 v3", () -> as.zapPteRange(0, 3)));
        add.accept(step("fault p1 v3", () -> as.doAnonymousPage(1, 3)));
        add.accept(step("fault and write p0 v0", () -> {
            pfn[0] = as.doAnonymousPage(0, 0);
            as.userWrite(0, 0, 101);
        }));
        add.accept(step("fork p0 v0 to p1 v0", () -> as.copyPresentPte(0, 0, 1, 0)));
        add.accept(step("copy-on-write p1 v0", () -> pfn[1] = as.doWpPage(1, 0, 102)));
        add.accept(step("fault and write p2 v1", () -> {
            pfn[2] = as.doAnonymousPage(2, 1);
            as.userWrite(2, 1, 103);
        }));
        add.accept(step("fork p2 v1 to p0 v1", () -> as.copyPresentPte(2, 1, 0, 1)));
        add.accept(step("zap p0 v1", () -> as.zapPteRange(0, 1)));
        add.accept(step("fault p0 v2", () -> as.doAnonymousPage(0, 2)));
        add.accept(step("zap p0 v2", () -> as.zapPteRange(0, 2)));
        add.accept(step("pin p0 v0 (shared, refused)", () -> as.pinUserPages(0, 0)));
        add.accept(step("isolate three pages", () -> {
            mig.folioIsolateLru(pfn[0], m.isolated);
            mig.folioIsolateLru(pfn[1], m.isolated);
            mig.folioIsolateLru(pfn[2], m.isolated);
        }));
        add.accept(step("migrate them, MIGRATE_SYNC", () -> migrate(m, MigrateMode.MIGRATE_SYNC)));
        add.accept(step("put back the rest", () -> mig.putbackMovablePages(m.isolated)));
        add.accept(step("fault, write and pin p2 v2", () -> {
            pfn[3] = as.doAnonymousPage(2, 2);
            as.userWrite(2, 2, 105);
            as.pinUserPages(2, 2);
        }));
        add.accept(step("zap p2 v2, isolate the pinned page", () -> {
            as.zapPteRange(2, 2);
            mig.folioIsolateLru(pfn[3], m.isolated);
        }));
        add.accept(step("migrate it, MIGRATE_SYNC", () -> migrate(m, MigrateMode.MIGRATE_SYNC)));
        add.accept(step("put back, unpin", () -> {
            mig.putbackMovablePages(m.isolated);
            as.unpinUserPage(pfn[3]);
        }));
        add.accept(step("fault, write, lock and isolate p0 v2", () -> {
            pfn[4] = as.doAnonymousPage(0, 2);
            as.userWrite(0, 2, 106);
            mig.lockPage(pfn[4]);
            mig.folioIsolateLru(pfn[4], m.isolated);
        }));
        add.accept(step("migrate the locked page, MIGRATE_ASYNC", () -> migrate(m, MigrateMode.MIGRATE_ASYNC)));
        add.accept(step("put back, unlock", () -> {
            mig.putbackMovablePages(m.isolated);
            mig.unlockPage(pfn[4]);
        }));
        add.accept(step("fork p0 v2 to p1 v2", () -> as.copyPresentPte(0, 2, 1, 2)));
        add.accept(step("fault and write p2 v3", () -> {
            pfn[5] = as.doAnonymousPage(2, 3);
            as.userWrite(2, 3, 107);
        }));
        add.accept(step("isolate the shared page and p2 v3; migrate them while a speculative reference appears"
                + " on the shared page after its unmap (undo, then a retry), MIGRATE_SYNC", () -> {
            mig.folioIsolateLru(pfn[4], m.isolated);
            mig.folioIsolateLru(pfn[5], m.isolated);
            boolean[] taken = {false};
            m.windowOps = List.of(() -> {
                if (!taken[0] && mig.migrationSource() == pfn[4]) {
                    taken[0] = true;
                    mig.folioTryGet(pfn[4]);
                }
            });
            try {
                migrate(m, MigrateMode.MIGRATE_SYNC);
            } finally {
                m.windowOps = List.of();
            }
        }));
        add.accept(step("put back, drop the speculative reference (frees the old page)", () -> {
            mig.putbackMovablePages(m.isolated);
            mig.folioPut(pfn[4]);
        }));
        add.accept(step("migrate a page nobody isolated (refused)", () -> {
            m.isolated.add(pfn[4]);
            try {
                migrate(m, MigrateMode.MIGRATE_SYNC);
            } finally {
                m.isolated.clear();
            }
        }));
        for (Object[] s : steps) {
            String name = (String) s[0];
            m.windowViolations.clear();
            m.attempt(name, (Runnable) s[1]);
            List<String> lines = new ArrayList<>(m.windowViolations);
            lines.addAll(MigrateInvariants.check(mig));
            if (!lines.isEmpty()) {
                Set<String> names = new LinkedHashSet<>();
                for (String l : lines) {
                    names.add(l.substring(0, l.indexOf(':')));
                }
                List<String> sorted = new ArrayList<>(names);
                sorted.sort(Comparator.comparing(MigrateInvariants.NAMES::indexOf));
                return new Caught(name, sorted, String.join("\n", lines) + m.trace());
            }
        }
        return null;
    }

    private static Object[] step(String name, Runnable r) {
        return new Object[] {name, r};
    }

    private static void migrate(MigrateMachine m, MigrateMode mode) {
        m.migrate.migratePages(m.isolated, m.as::allocMigrationTarget, null, mode, MigrateReason.MR_COMPACTION);
    }

    @Test
    void workload_breaksNoInvariantOnTheCorrectEngine() {
        Caught c = runWorkload(MigrateMachine.CORRECT);
        assertNull(c, () -> c.step() + ": " + c.detail());
    }

    @ParameterizedTest
    @EnumSource(MigrateMutant.class)
    void mutant_isCaughtByItsInvariant(MigrateMutant mutant) {
        Caught c = runWorkload(mutant.engine());

        assertNotNull(c, mutant + " was not caught");
        assertTrue(c.names().contains(mutant.invariant()), () -> mutant + " broke " + c.names() + " after '"
                + c.step() + "', not " + mutant.invariant() + ":\n" + c.detail());
        if (mutant.caughtFirst()) {
            assertEquals(mutant.invariant(), c.names().get(0), () -> c.detail());
        } else {
            assertTrue(c.names().indexOf(mutant.invariant()) > 0, mutant + " is caught first after all: " + c.names());
        }
    }

    @Test
    void mutants_coverEveryInvariantOnce() {
        assertEquals(MigrateInvariants.NAMES, Arrays.stream(MigrateMutant.values()).map(MigrateMutant::invariant)
                .sorted(Comparator.comparing(MigrateInvariants.NAMES::indexOf)).toList());
    }

    // ------------------------------------------------------------------------------------------ random chains

    @Provide
    Arbitrary<Tuple2<MigrateMutant, ActionChain<MigrateMachine>>> mutantChains() {
        return Arbitraries.of(MigrateMutant.class).flatMap(mu -> MigrateActions
                .chains(mu.engine(), MigrateProperties.ROOMY_ZONE, 3, 4, 60).map(c -> Tuple.of(mu, c)));
    }

    /**
     * Random chains catch every mutant at least once, by an invariant or by a step check (a read that does not
     * return the last write, a refused step that changed the state). With a fixed seed, so the demand cannot flake.
     */
    @Property(tries = 600, seed = "20261122")
    void mutant_isCaughtInRandomChains(@ForAll("mutantChains") Tuple2<MigrateMutant, ActionChain<MigrateMachine>> t) {
        MigrateMutant mutant = t.get1();
        String outcome;
        try {
            MigrateActions.withInvariants(t.get2()).run();
            outcome = "not caught";
        } catch (Throwable e) {
            MigrateMachine.InvariantViolation v = findViolation(e);
            if (v == null && !(e instanceof AssertionError)) {
                throw e;
            }
            outcome = v == null ? "by a step check" : v.name.equals(mutant.invariant()) ? "by its invariant"
                    : "by another invariant";
        }
        Statistics.label("mutant").collect(mutant, outcome);
        Statistics.label("mutant").coverage(c -> {
            for (MigrateMutant mu : MigrateMutant.values()) {
                c.check(mu, "not caught").percentage(p -> p < 100.0);
            }
        });
    }

    private static MigrateMachine.InvariantViolation findViolation(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MigrateMachine.InvariantViolation v) {
                return v;
            }
        }
        return null;
    }
}
