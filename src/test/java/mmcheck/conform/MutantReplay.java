package mmcheck.conform;

import mmcheck.conform.migrate.MigrateBinding;

import mmcheck.conform.migrate.MigrateModel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.function.Function;

import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.migrate.AddressSpaces;
import mmcheck.mm.migrate.DriverMutant;
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

    /** The model's engine with migrate built over its address spaces, and the model's bounds. */
    static Function<Zone, Migrate> engine(MigrateModel model, Function<AddressSpaces, Migrate> migrate) {
        return zone -> {
            AddressSpaces as = new AddressSpaces(new PageAlloc(zone), model.nrProcs(), model.nrVpages(),
                    model.anonOwner());
            as.setMaxPins(model.maxPins());
            return model.bound(migrate.apply(as));
        };
    }

    /** The first failure of the reverse replay (per-action steps and drivers) of the mutant; fails if none. */
    static String firstFailure(SpecModel spec, DriverMutant mutant) {
        ReverseReplay.Report r = new ReverseReplay(spec, new MigrateBinding(spec,
                engine(MigrateModel.of(spec), mutant::on))).run(Long.MAX_VALUE, 1);
        assertFalse(r.ok(), mutant + " passed the replay: " + r.states() + " states, " + r.driverRuns()
                + " driver runs");
        return r.failures().get(0);
    }

    /**
     * The failure names a step: the engine's result, a step it took, one it refused, a step of a driver or a change
     * between two of its steps.
     */
    static void assertCaughtAtAStep(String failure) {
        assertTrue(failure.contains("not a spec successor") || failure.contains("is not enabled in the spec")
                || failure.contains("the engine refused")
                || failure.matches("state \\d+, migrate_pages\\(MIGRATE_\\w+\\)( with a store before the walk)?: (step \\d+"
                        + " \\(.*\\) is not a spec step|" + StepMonitor.UNREPORTED_BETWEEN + ").*"),
                failure);
    }
}
