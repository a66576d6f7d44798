package mmcheck.conform;

import mmcheck.conform.migrate.MigrateModel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import mmcheck.mm.migrate.MigrateMutant;

/**
 * The reverse replay on MCMigrateReplay, the model with a pin, another lock holder and every mode: the engine
 * conforms on the first states breadth-first (the whole model takes minutes; README has its figures), and the
 * seeded bugs that need a pin or a contended lock make the replay fail at the step they break.
 */
class MigrateReplayPinsAndLocksTest {
    private static final SpecModel SPEC = Models.load("MCMigrateReplay");
    private static final MigrateModel MODEL = MigrateModel.of(SPEC);
    private static final long STATES = 2_000;
    /** Deep enough for a pinned page to be unmapped, isolated and moved (eight steps in). */
    private static final long MUTANT_STATES = 40_000;

    @Test
    void correctEngine_conformsOnTheFirstReachableStates() {
        ReverseReplay.Report r = ReverseReplay.of(SPEC).run(STATES);
        assertTrue(r.ok(), String.join("\n", r.failures()));
        assertEquals(STATES, r.states());
    }

    @ParameterizedTest
    @EnumSource(value = MigrateMutant.class, names = {"PIN_WITHOUT_UNSHARE", "MAPPING_IGNORES_PINS",
        "ASYNC_SLEEPS_ON_LOCK", "TRYLOCK_IGNORES_HOLDER"})
    void mutant_isCaughtAtTheStepItBreaks(MigrateMutant mutant) {
        ReverseReplay.Report r = MutantReplay.replay(SPEC, MODEL, mutant, MUTANT_STATES);
        assertFalse(r.ok(), mutant + " conforms on the first " + r.states() + " states");
        MutantReplay.assertCaughtAtAStep(r.failures().get(0));
    }
}
