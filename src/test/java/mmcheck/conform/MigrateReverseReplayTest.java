package mmcheck.conform;

import mmcheck.conform.migrate.MigrateModel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import mmcheck.mm.migrate.MigrateMutant;

/**
 * Conformance of the migration engine from the spec's side, exhaustive on MCMigrateSmall: every state MigrateNext's
 * instances reach is built as an engine and every instance is run on it; and each seeded bug that this model can
 * show (it has no pins and no other lock holder; {@link MigrateReplayPinsAndLocksTest} has) makes the replay fail at
 * the step it breaks.
 */
class MigrateReverseReplayTest {
    private static final SpecModel SPEC = Models.load("MCMigrateSmall");
    private static final MigrateModel MODEL = MigrateModel.of(SPEC);

    @Test
    void correctEngine_conformsOnEveryReachableState() {
        ReverseReplay.Report r = ReverseReplay.of(SPEC).run(Long.MAX_VALUE);
        assertTrue(r.ok(), String.join("\n", r.failures()));
        assertTrue(r.states() > 1000 && r.transitions() > r.states() && r.refusals() > r.transitions(),
                "states " + r.states() + ", transitions " + r.transitions() + ", refusals " + r.refusals());
    }

    @ParameterizedTest
    @EnumSource(value = MigrateMutant.class, names = {"PIN_WITHOUT_UNSHARE", "MAPPING_IGNORES_PINS",
        "ASYNC_SLEEPS_ON_LOCK", "TRYLOCK_IGNORES_HOLDER", "MIGRATE_LIST_UNCHECKED"}, mode = EnumSource.Mode.EXCLUDE)
    void mutant_isCaughtAtTheStepItBreaks(MigrateMutant mutant) {
        ReverseReplay.Report r = MutantReplay.replay(SPEC, MODEL, mutant, Long.MAX_VALUE);
        assertFalse(r.ok(), mutant + " conforms on all " + r.states() + " states");
        MutantReplay.assertCaughtAtAStep(r.failures().get(0));
    }

    /**
     * The bug trusts a caller that lists a page nobody isolated; the spec's caller (and so the replay) hands
     * migrate_pages() exactly the isolated pages, so only the engine's own checks (MigrateSeededBugTest) see it.
     */
    @Test
    void uncheckedList_isInvisibleToTheSpecsCaller() {
        ReverseReplay.Report r = MutantReplay.replay(SPEC, MODEL, MigrateMutant.MIGRATE_LIST_UNCHECKED, Long.MAX_VALUE);
        assertTrue(r.ok(), String.join("\n", r.failures()));
    }
}
