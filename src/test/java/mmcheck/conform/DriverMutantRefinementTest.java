package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import mmcheck.conform.migrate.MigrateBinding;
import mmcheck.conform.migrate.MigrateModel;
import mmcheck.mm.migrate.DriverMutant;

/**
 * Each driver mutant is caught by the migration refinement ./check.sh runs (refine --model MCMigrateSim --steps 40000
 * --seed 1 --no-cache), at the step and false conjunct named here; a change between two steps of one
 * migrate_pages() call is reported as a change without a step, after the step before it.
 */
class DriverMutantRefinementTest {
    private static final SpecModel SPEC = Models.load("MCMigrateSim");
    private static final MigrateModel MODEL = MigrateModel.of(SPEC);

    /**
     * The step each mutant is caught at, the spec's conjunct it breaks (the checker's own finding, for one), and the
     * check that caught it: the action, or the first invariant false after the step.
     */
    private static final Map<DriverMutant, String[]> CAUGHT = Map.of(
            DriverMutant.WALK_STOPS_AFTER_ONE_PTE, new String[] {"try_to_migrate_one: ",
                "pte' = [pte EXCEPT ![p][v] = MigrationEntry(f, anonExclusive[f])]", "action"},
            DriverMutant.EXTRA_EAGAIN_PASS, new String[] {"migrate_pages_pass:", "migratePass + 1 < MigratePasses",
                "MigrateTypeOK"},
            DriverMutant.SYNC_LIGHT_WAITS_ON_WRITEBACK, new String[] {"folio_", "mig' = AfterFolioLock",
                "MigrateModeWaitInv"},
            DriverMutant.COPY_TAKEN_TOO_EARLY, new String[] {"move_to_new_folio:",
                "content' = IF ok THEN FolioCopy(mig.dst, mig.src) ELSE content", "action"},
            DriverMutant.CHANGE_WITHOUT_STEP, new String[] {"mm_migrate_pages_start: ",
                StepMonitor.UNREPORTED_BETWEEN, "action"});

    @ParameterizedTest
    @EnumSource(DriverMutant.class)
    void mutant_isCaughtByTheMigrationRefinement(DriverMutant mutant) {
        RefinementRun.Summary s = RefinementRun.run(SPEC, new MigrateBinding(SPEC, MutantReplay.engine(MODEL,
                mutant::on)), 40_000, 1, false);
        assertFalse(s.ok(), mutant + " passed " + s.steps() + " steps");
        StepReport r = s.report();
        assertNotNull(r, s.failure());
        String[] expected = CAUGHT.get(mutant);
        assertTrue(r.instance().startsWith(expected[0]), s.failure());
        assertFalse(r.actionHolds(), s.failure());
        assertTrue(r.falseConjunct().endsWith(expected[1]), s.failure());
        if (mutant == DriverMutant.CHANGE_WITHOUT_STEP) {
            assertTrue(s.failure().startsWith(StepMonitor.UNREPORTED_BETWEEN + " (found after step " + r.step()
                    + " (mm_migrate_pages_start: "), s.failure());
            assertTrue(r.differences().stream().anyMatch(d -> d.startsWith("anonExclusive[")), s.failure());
        }
        assertTrue(r.caughtBy().startsWith(expected[2]), s.failure());
    }
}
