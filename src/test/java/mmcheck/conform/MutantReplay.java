package mmcheck.conform;

import mmcheck.conform.migrate.MigrateBinding;

import mmcheck.conform.migrate.MigrateModel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import mmcheck.mm.migrate.Migrate;
import mmcheck.mm.migrate.MigrateMutant;

/** The reverse replay of a seeded-bug migration engine, stopping at the first step that does not conform. */
final class MutantReplay {
    private MutantReplay() {
    }

    static ReverseReplay.Report replay(SpecModel spec, MigrateModel model, MigrateMutant mutant, long states) {
        return new ReverseReplay(spec, new MigrateBinding(spec, zone -> {
            Migrate m = mutant.newMigrate(zone, model.nrProcs(), model.nrVpages());
            m.addressSpaces().setMaxPins(model.maxPins());
            return model.bound(m);
        })).run(states, 1);
    }

    /** The failure names a step: the engine's result, a step it took, one it refused, or a step of a driver. */
    static void assertCaughtAtAStep(String failure) {
        assertTrue(failure.contains("not a spec successor") || failure.contains("is not enabled in the spec")
                || failure.contains("the engine refused")
                || failure.matches("state \\d+, migrate_pages\\(MIGRATE_\\w+\\): step \\d+ \\(.*\\) is not a spec step.*"),
                failure);
    }
}
