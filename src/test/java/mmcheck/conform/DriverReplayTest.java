package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import mmcheck.conform.migrate.MigrateBinding;
import mmcheck.conform.migrate.MigrateModel;
import mmcheck.mm.migrate.DriverMutant;
import mmcheck.mm.migrate.Migrate;
import tlc2.tool.TLCState;

/**
 * The reverse replay also runs the drivers the kernel's callers use (migrate_pages() with its passes and rmap walks,
 * alone and with a store before the walk), carrying the engine's hidden state from step to step and comparing the
 * engine with the last checked state between any two steps. A bug that lives in that state, in the loops between the
 * steps or in a rule only a driver's path reaches is caught by the driver run, at the step this test names, on
 * MCMigrateSmall (the model ./check.sh replays). SYNC_LIGHT's writeback rule is in DriverReplaySyncLightTest.
 */
class DriverReplayTest {
    private static final SpecModel SPEC = Models.load("MCMigrateSmall");
    private static final MigrateModel MODEL = MigrateModel.of(SPEC);

    /** The binding without its drivers: the per-action replay alone. */
    static Binding<Migrate> withoutDrivers(MigrateBinding b) {
        return new Binding<>() {
            @Override
            public String nextOperator() {
                return b.nextOperator();
            }

            @Override
            public SpecStep step(String operator, List<tlc2.value.impl.Value> args) {
                return b.step(operator, args);
            }

            @Override
            public List<String> actionNames() {
                return b.actionNames();
            }

            @Override
            public Migrate initialEngine() {
                return b.initialEngine();
            }

            @Override
            public TLCState abstraction(Migrate engine) {
                return b.abstraction(engine);
            }

            @Override
            public List<Build<Migrate>> concretizations(TLCState s) {
                return b.concretizations(s);
            }

            @Override
            public Outcome run(Migrate engine, SpecStep request) {
                return b.run(engine, request);
            }

            @Override
            public Runnable workload(Migrate engine, StepListener listener, long seed) {
                return b.workload(engine, listener, seed);
            }
        };
    }

    /** The per-action replay alone, over the first states (all of them: Long.MAX_VALUE), passes the mutant. */
    private static void assertPassesThePerActionReplay(DriverMutant mutant, long states) {
        MigrateBinding b = new MigrateBinding(SPEC, MutantReplay.engine(MODEL, mutant::on));
        ReverseReplay.Report perAction = new ReverseReplay(SPEC, withoutDrivers(b)).run(states, 1);
        assertTrue(perAction.ok(), mutant + ": the per-action replay rebuilds the engine in every state: "
                + perAction.failures());
    }

    /** The state number a replay failure names. */
    private static long stateOf(String failure) {
        return Long.parseLong(failure.substring("state ".length(), failure.indexOf(',')));
    }

    private static void assertNames(String failure, String... parts) {
        for (String p : parts) {
            assertTrue(failure.contains(p), "expected \"" + p + "\" in: " + failure);
        }
    }

    @Test
    void walkThatStopsAfterOnePte_passesThePerActionReplay_failsTheDriverRun() {
        assertPassesThePerActionReplay(DriverMutant.WALK_STOPS_AFTER_ONE_PTE, Long.MAX_VALUE);
        String failure = MutantReplay.firstFailure(SPEC, DriverMutant.WALK_STOPS_AFTER_ONE_PTE);
        assertTrue(failure.matches("state \\d+, migrate_pages\\(MIGRATE_SYNC\\): step \\d+ \\(try_to_migrate_one: .*\\)"
                + " is not a spec step.*"), failure);
    }

    /** MigratePasses = 1: a page that meets a speculative reference asks for a retry, and no pass is left. */
    @Test
    void extraEagainPass_isADriverStepTheSpecDoesNotEnable() {
        String failure = MutantReplay.firstFailure(SPEC, DriverMutant.EXTRA_EAGAIN_PASS);
        assertTrue(failure.matches("state \\d+, migrate_pages\\(MIGRATE_SYNC\\): step \\d+ \\(migrate_pages_pass:\\) is"
                + " not a spec step: MigratePagesPass\\(\\) is not enabled there; its steps: .*unmap_and_move_out:,"
                + " migrate_pages_pass:"), failure);
    }

    /**
     * The copy read at folio_trylock() misses the store the driver makes before the walk: move_to_new_folio() writes
     * stale data into the destination. Without the store, the early copy is the right one, and the per-action
     * replay never carries it from the lock to the move.
     */
    @Test
    void copyTakenTooEarly_passesThePerActionReplay_failsTheDriverRunWithAStore() {
        String failure = MutantReplay.firstFailure(SPEC, DriverMutant.COPY_TAKEN_TOO_EARLY);
        assertNames(failure, "migrate_pages(MIGRATE_SYNC) with a store before the walk",
                "(move_to_new_folio:) is not a spec step (spec -> engine): content[",
                "folio_trylock:, user_write: proc=0 vpage=0 val=");
        assertPassesThePerActionReplay(DriverMutant.COPY_TAKEN_TOO_EARLY, 10 * stateOf(failure));
    }

    /** The change is reported after the step that preceded it, not blamed on unmap_and_move(), the next one. */
    @Test
    void changeBetweenTwoStepsOfOneCall_isReportedAsAChangeWithoutAStep() {
        String failure = MutantReplay.firstFailure(SPEC, DriverMutant.CHANGE_WITHOUT_STEP);
        assertNames(failure, "migrate_pages(MIGRATE_SYNC)", StepMonitor.UNREPORTED_BETWEEN,
                "found after step 1 (mm_migrate_pages_start: mode=MIGRATE_SYNC)", "anonExclusive");
        assertFalse(failure.contains("unmap_and_move: "), failure);
        assertPassesThePerActionReplay(DriverMutant.CHANGE_WITHOUT_STEP, 10 * stateOf(failure));
    }

    @Test
    void correctEngine_everyDriverRunIsASpecPath() {
        ReverseReplay.Report r = ReverseReplay.of(SPEC).run(Long.MAX_VALUE);
        assertTrue(r.ok(), String.join("\n", r.failures()));
        assertTrue(r.driverRuns() > 0, "no driver run took a step");
    }
}
