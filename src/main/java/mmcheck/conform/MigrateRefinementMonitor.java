package mmcheck.conform;

import java.util.EnumMap;
import java.util.Map;

import mmcheck.event.MigrateAction;
import mmcheck.event.MigrateEventSink;
import mmcheck.mm.migrate.Migrate;

/**
 * A MigrateEventSink that checks every step of the page-table and migration engine against spec/Migrate.tla as it
 * happens (see {@link StepMonitor}): the abstraction of the engine after the step, the step's disjunct of
 * MigrateNext, the invariants, and the step part of the model's PROPERTY (the refinement of ProcessMemory).
 */
public final class MigrateRefinementMonitor implements MigrateEventSink {
    private final StepMonitor<MigrateAction> monitor;

    /** Starts monitoring an engine whose current state must satisfy Init and the invariants. */
    public MigrateRefinementMonitor(StepChecker checker, Migrate migrate) {
        MigrateAbstraction abstraction = new MigrateAbstraction(checker.spec());
        this.monitor = new StepMonitor<>(checker, MigrateAction.class, () -> abstraction.abstraction(migrate));
    }

    @Override
    public void step(MigrateAction action, int a0, int a1, int a2, int a3) {
        MigrateStep inst = MigrateStep.of(action, a0, a1, a2, a3);
        monitor.step(action, inst, inst.toString());
    }

    /** A request the engine refused: the spec must not enable it either, and the engine must be unchanged. */
    public void refused(MigrateStep inst) {
        monitor.refused(inst);
    }

    public long steps() {
        return monitor.steps();
    }

    public long refusals() {
        return monitor.refusals();
    }

    /** Steps checked per action. */
    public Map<MigrateAction, Long> coverage() {
        return new EnumMap<>(monitor.coverage());
    }
}
