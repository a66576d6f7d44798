package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import mmcheck.conform.migrate.MigrateBinding;
import mmcheck.conform.migrate.MigrateModel;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.migrate.AddressSpaces;
import mmcheck.mm.migrate.Migrate;
import tlc2.tool.TLCState;

/**
 * The reverse replay also runs the drivers the kernel's callers use (migrate_pages() with its passes and rmap walks),
 * carrying the engine's hidden state from step to step. A bug that lives in that state passes the per-action replay,
 * which builds a fresh engine for every state, and is caught by the driver run.
 */
class DriverReplayTest {
    private static final SpecModel SPEC = Models.load("MCMigrateSmall");
    private static final MigrateModel MODEL = MigrateModel.of(SPEC);

    /** try_to_migrate()'s walk gives up after the first PTE it unmaps, as if every later page were maybe pinned. */
    static final class WalkStopsAfterOnePte extends Migrate {
        private int unmapped;

        WalkStopsAfterOnePte(AddressSpaces as) {
            super(as);
        }

        @Override
        protected boolean tryToMigrateOnePte(int f, int slot) {
            return unmapped++ == 0 && super.tryToMigrateOnePte(f, slot);
        }
    }

    private static Function<Zone, Migrate> engine(Function<AddressSpaces, Migrate> migrate) {
        return zone -> {
            AddressSpaces as = new AddressSpaces(new PageAlloc(zone), MODEL.nrProcs(), MODEL.nrVpages(),
                    MODEL.anonOwner());
            as.setMaxPins(MODEL.maxPins());
            return MODEL.bound(migrate.apply(as));
        };
    }

    /** The binding without its drivers: the per-action replay alone. */
    private static Binding<Migrate> withoutDrivers(MigrateBinding b) {
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

    @Test
    void walkThatStopsAfterOnePte_passesThePerActionReplay_failsTheDriverRun() {
        MigrateBinding mutant = new MigrateBinding(SPEC, engine(WalkStopsAfterOnePte::new));
        ReverseReplay.Report perAction = new ReverseReplay(SPEC, withoutDrivers(mutant)).run(Long.MAX_VALUE, 1);
        assertTrue(perAction.ok(), "the per-action replay rebuilds the engine in every state: "
                + perAction.failures());
        ReverseReplay.Report r = new ReverseReplay(SPEC, mutant).run(Long.MAX_VALUE, 1);
        assertFalse(r.ok(), "the driver run missed a walk that stops after one PTE");
        String failure = r.failures().get(0);
        assertTrue(failure.contains("migrate_pages(MIGRATE_SYNC") && failure.contains("(try_to_migrate_one: ")
                && failure.contains("is not a spec step"), failure);
    }

    @Test
    void correctEngine_everyDriverRunIsASpecPath() {
        ReverseReplay.Report r = ReverseReplay.of(SPEC).run(Long.MAX_VALUE);
        assertTrue(r.ok(), String.join("\n", r.failures()));
        assertTrue(r.driverRuns() > 0, "no driver run took a step");
    }
}
