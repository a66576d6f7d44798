package mmcheck.conform.migrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import mmcheck.conform.Binding;
import mmcheck.conform.SpecModel;
import mmcheck.conform.SpecStep;
import mmcheck.conform.TlcValues;
import mmcheck.conform.buddy.ZoneConcretization;
import mmcheck.event.MigrateAction;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.Zone;
import mmcheck.mm.migrate.AddressSpaces;
import mmcheck.mm.migrate.Migrate;
import mmcheck.mm.migrate.MigrateMode;
import mmcheck.mm.migrate.MigrateReason;
import mmcheck.mm.migrate.MigrationWindow;
import mmcheck.sim.MigrateWorkload;
import tlc2.tool.TLCState;
import tlc2.value.impl.Value;

/** spec/Migrate.tla's binding: the engine is a {@link Migrate}, a step runs through {@link MigrateEngineSteps}. */
public final class MigrateBinding implements Binding<Migrate> {

    /** Finds this binding for a model of Migrate.tla. */
    public static final class Provider implements Binding.Provider {
        @Override
        public boolean fits(SpecModel spec) {
            return spec.defines("MigrateNext");
        }

        @Override
        public Binding<?> bind(SpecModel spec) {
            MigrateModel model = MigrateModel.of(spec);
            return new MigrateBinding(spec, model::newEngine);
        }

        @Override
        public String describe() {
            return "migrate (defines MigrateNext)";
        }
    }

    private final SpecModel spec;
    private final MigrateAbstraction abstraction;
    private final MigrateConcretization concretization;
    private final MigrateEngineSteps steps = new MigrateEngineSteps();

    /** The binding on the engine that engine builds over a zone (a seeded bug, in a test), with the model's bounds. */
    public MigrateBinding(SpecModel spec, Function<Zone, Migrate> engine) {
        this.spec = spec;
        this.abstraction = new MigrateAbstraction(spec);
        this.concretization = new MigrateConcretization(MigrateModel.of(spec), engine);
    }

    @Override
    public String nextOperator() {
        return "MigrateNext";
    }

    @Override
    public SpecStep step(String operator, List<Value> args) {
        return MigrateStep.fromSpec(operator, args);
    }

    @Override
    public List<String> actionNames() {
        return Arrays.stream(MigrateAction.values()).map(MigrateAction::specName).toList();
    }

    @Override
    public Migrate initialEngine() {
        return concretization.initial();
    }

    @Override
    public TLCState abstraction(Migrate m) {
        return abstraction.abstraction(m);
    }

    @Override
    public List<Build<Migrate>> concretizations(TLCState s) {
        List<Build<Migrate>> out = new ArrayList<>();
        for (ZoneConcretization.HeadChoice c : concretization.zones().headChoices(s)) {
            out.add(new Build<>(ZoneConcretization.describe(c), () -> concretization.concretization(s, c)));
        }
        return out;
    }

    @Override
    public Outcome run(Migrate m, SpecStep request) {
        List<SpecStep> reported = new ArrayList<>(1);
        m.addressSpaces().setSink(new MigrateMonitor(StepListener.into(reported)));
        try {
            steps.apply(m, (MigrateStep) request);
        } catch (StepRefusedException e) {
            // A wait (MigrationEntryWaitException) reported its own step: the request was answered, not refused.
            return reported.isEmpty() ? new Outcome(reported, String.valueOf(e.getMessage()))
                    : new Outcome(reported, null);
        }
        return new Outcome(reported, null);
    }

    /**
     * migrate_pages() of every isolated page, as compaction calls it, once per mode of the model: alone, and with a
     * process storing into the page once it is locked and before try_to_migrate() unmaps it (other CPUs run there in
     * the kernel, and the copy must see the store).
     */
    @Override
    public List<Driver<Migrate>> drivers() {
        int[] contents = TlcValues.ints(spec.value("Contents"));
        List<Driver<Migrate>> out = new ArrayList<>();
        for (Value mode : TlcValues.elements(spec.value("MigrateModes"))) {
            MigrateMode m = MigrateMode.valueOf(TlcValues.str(mode));
            out.add(migratePages(m, MigrationWindow.NONE, ""));
            out.add(migratePages(m, (engine, point, src, dst) -> {
                if (point == MigrationWindow.Point.LOCKED) {
                    storeThroughEveryPte(engine.addressSpaces(), src, contents);
                }
            }, " with a store before the walk"));
        }
        return out;
    }

    private static Driver<Migrate> migratePages(MigrateMode mode, MigrationWindow window, String variant) {
        return new Driver<>() {
            @Override
            public String name() {
                return "migrate_pages(" + mode + ")" + variant;
            }

            @Override
            public Outcome run(Migrate engine, StepListener listener) {
                AddressSpaces as = engine.addressSpaces();
                as.setSink(new MigrateMonitor(listener));
                engine.setWindow(window);
                try {
                    engine.migratePages(MigrateEngineSteps.isolated(as), as::allocMigrationTarget, null, mode,
                            MigrateReason.MR_COMPACTION);
                } catch (StepRefusedException e) {
                    return Outcome.refused(String.valueOf(e.getMessage()));
                }
                return new Outcome(List.of(), null);
            }
        };
    }

    /** Every process that maps pfn writably stores a value the page does not hold (UserWrite). */
    private static void storeThroughEveryPte(AddressSpaces as, int pfn, int[] contents) {
        for (int s : as.rmapSlots(pfn)) {
            int p = s / as.nrVpages();
            int v = s % as.nrVpages();
            int other = Arrays.stream(contents).filter(c -> c != as.content(pfn)).findFirst().orElse(-1);
            if (other >= 0 && as.pteType(p, v) == AddressSpaces.PTE_PRESENT && as.isAnonExclusive(pfn)) {
                try {
                    as.userWrite(p, v, other);
                } catch (StepRefusedException e) {
                    // A sleeping process does not store; the spec's UserWrite is not enabled for it either.
                }
            }
        }
    }

    @Override
    public Runnable workload(Migrate m, StepListener listener, long seed) {
        MigrateMonitor monitor = new MigrateMonitor(listener);
        m.addressSpaces().setSink(monitor);
        MigrateMode[] modes = TlcValues.elements(spec.value("MigrateModes")).stream()
                .map(v -> MigrateMode.valueOf(TlcValues.str(v))).toArray(MigrateMode[]::new);
        MigrateWorkload w = new MigrateWorkload(m, TlcValues.ints(spec.value("Contents")), modes, seed,
                new MigrateWorkload.Refusals() {
                    @Override
                    public void refused(MigrateAction action, int... args) {
                        monitor.refused(MigrateStep.of(action, args));
                    }

                    @Override
                    public void refusedBecause(String reason, MigrateAction action, int... args) {
                        monitor.refused(MigrateStep.of(action, args), reason);
                    }
                });
        return w::next;
    }
}
