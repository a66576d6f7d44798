package mmcheck.conform;

import java.util.EnumMap;
import java.util.Map;

import mmcheck.event.EventSink;
import mmcheck.event.MmAction;
import mmcheck.event.StepEvent;
import mmcheck.mm.Zone;

/**
 * An EventSink that checks every step of the buddy allocator against spec/Buddy.tla as it happens (see
 * {@link StepMonitor}): the abstraction of the zone after the step, the directed action check, and the invariants.
 */
public final class RefinementMonitor implements EventSink {
    private final StepMonitor<MmAction> monitor;

    /** Starts monitoring zone, whose current state must satisfy Init and the invariants. */
    public RefinementMonitor(StepChecker checker, Zone zone) {
        Abstraction abstraction = new Abstraction(checker.spec());
        this.monitor = new StepMonitor<>(checker, MmAction.class, () -> abstraction.abstraction(zone));
    }

    @Override
    public void step(MmAction action, int a0, int a1, int a2, int result) {
        int[] args = new int[action.arity()];
        int[] all = {a0, a1, a2};
        System.arraycopy(all, 0, args, 0, args.length);
        monitor.step(action, new ActionInstance(action, args), new StepEvent(action, args, result).toString());
    }

    /**
     * A step the engine refused (StepRefusedException): the spec must not enable it either, and the
     * zone must be unchanged.
     */
    public void refused(ActionInstance inst) {
        monitor.refused(inst);
    }

    public long steps() {
        return monitor.steps();
    }

    public long refusals() {
        return monitor.refusals();
    }

    /** Steps checked per action. */
    public Map<MmAction, Long> coverage() {
        return new EnumMap<>(monitor.coverage());
    }
}
