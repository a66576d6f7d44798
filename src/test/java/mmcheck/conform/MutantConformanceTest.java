package mmcheck.conform;

import mmcheck.conform.buddy.BuddyBinding;
import mmcheck.conform.buddy.BuddyEngineSteps;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import mmcheck.mm.buddy.mutants.BuddyMutant;

/**
 * Each seeded-bug engine (one per invariant of spec/Buddy.tla) must be caught by the step checker
 * during a random refinement run, and the invariant the bug breaks must be among the checks that
 * fail, evaluated by TLC on the abstraction of the engine's state.
 */
class MutantConformanceTest {
    private static final SpecModel SPEC = Models.load("MCBuddySim");
    private static final long REQUESTS = 100_000;

    @ParameterizedTest
    @EnumSource(BuddyMutant.class)
    void refinementRun_mutant_isCaughtByItsInvariant(BuddyMutant mutant) {
        RefinementRun.Summary s = RefinementRun.run(SPEC, new BuddyBinding(SPEC, new BuddyEngineSteps(mutant::newPageAlloc)), REQUESTS, 7, true);
        assertFalse(s.ok(), mutant + " ran " + s.steps() + " steps unnoticed");
        StepReport r = s.report();
        assertNotNull(r, s.failure());
        assertTrue(r.violatedInvariants().contains(mutant.invariant()),
                mutant + " should break " + mutant.invariant() + ", but the report says:\n" + s.failure());
    }

    @Test
    void refinementRun_correctEngine_passes() {
        RefinementRun.Summary s = RefinementRun.run(SPEC, 20_000, 7, true);
        assertTrue(s.ok(), s.failure());
        assertTrue(s.uncovered().isEmpty(), "uncovered actions: " + s.uncovered());
    }
}
