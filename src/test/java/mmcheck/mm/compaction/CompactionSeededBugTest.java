package mmcheck.mm.compaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every compaction invariant catches a real bug: each seeded-bug engine, driven as {@link CompactionProperties}
 * drives the real one, is caught within a few hundred scenarios, and first by the check it was seeded for.
 */
class CompactionSeededBugTest {

    static final int SCENARIOS = 400;

    @ParameterizedTest
    @EnumSource(CompactionMutant.class)
    void mutant_isCaughtByItsNamedCheck(CompactionMutant mutant) {
        for (long seed = 0; seed < SCENARIOS; seed++) {
            CompactionDriver d = new CompactionDriver(seed, mutant::build);
            List<String> v = d.run(12);
            if (v.isEmpty()) {
                continue;
            }
            List<String> names = v.get(0).startsWith(CompactionDriver.TERMINATION + ":")
                    ? List.of(CompactionDriver.TERMINATION) : CompactionInvariants.violatedNames(v);
            assertEquals(mutant.caughtBy, names.get(0), "seed " + seed + ": " + v);
            // The same scenario passes on the production engine: the bug, not the scenario, is what fails.
            assertEquals(List.of(), new CompactionDriver(seed, CompactionDriver.PRODUCTION).run(12), "seed " + seed);
            return;
        }
        fail(mutant + " was not caught in " + SCENARIOS + " scenarios");
    }
}
