package mmcheck.conform;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import mmcheck.mm.Zone;

import mmcheck.mm.StepRefusedException;
import mmcheck.mm.migrate.Migrate;
import tlc2.tool.TLCState;

/** The migration engine as {@link ReverseReplay} runs it: an engine per spec state, a step through {@link MigrateEngineSteps}. */
final class MigrateReplayTarget implements ReplayTarget<Migrate> {
    private final MigrateSpecActions catalog;
    private final MigrateAbstraction abstraction;
    private final MigrateConcretization concretization;
    private final MigrateEngineSteps engine = new MigrateEngineSteps();

    MigrateReplayTarget(SpecModel spec, MigrateModel model, Function<Zone, Migrate> engine) {
        this.catalog = new MigrateSpecActions(spec);
        this.abstraction = new MigrateAbstraction(spec);
        this.concretization = new MigrateConcretization(model, engine);
    }

    @Override
    public ActionCatalog catalog() {
        return catalog;
    }

    @Override
    public TLCState engineInit() {
        return abstraction.abstraction(concretization.initial());
    }

    @Override
    public List<Concretization.HeadChoice> choices(TLCState s) {
        return concretization.zones().headChoices(s);
    }

    @Override
    public Migrate concretize(TLCState s, Concretization.HeadChoice choice) {
        return concretization.concretization(s, choice);
    }

    @Override
    public List<SpecStep> run(Migrate m, SpecStep inst) {
        List<SpecStep> steps = new ArrayList<>(1);
        m.addressSpaces().setSink((action, a0, a1, a2, a3) -> steps.add(MigrateStep.of(action, a0, a1, a2, a3)));
        try {
            engine.apply(m, (MigrateStep) inst);
        } catch (StepRefusedException e) {
            // A refusal reports no step; a wait (MigrationEntryWaitException) reported its own.
        }
        return steps;
    }

    @Override
    public TLCState abstraction(Migrate m) {
        return abstraction.abstraction(m);
    }
}
