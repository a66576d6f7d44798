package mmcheck.conform;

import mmcheck.event.EventSink;
import mmcheck.mm.MigrateType;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.buddy.PageIsolation;

/**
 * Runs one spec action instance on an engine zone through the engine's public step methods, which
 * throw StepRefusedException when the spec would not enable the step. Subclasses (test mutants)
 * supply a different allocator.
 */
public class EngineSteps {

    /** The allocator the steps run on; a seeded-bug test overrides this. */
    protected PageAlloc pageAlloc(Zone zone, EventSink sink) {
        return new PageAlloc(zone, sink);
    }

    /** The isolation code the steps run on. */
    protected PageIsolation pageIsolation(PageAlloc alloc) {
        return new PageIsolation(alloc);
    }

    /** apply() - take the step on zone, emitting its event to sink. */
    public final void apply(Zone zone, ActionInstance inst, EventSink sink) {
        PageAlloc alloc = pageAlloc(zone, sink);
        switch (inst.action()) {
            case RMQUEUE_SMALLEST -> alloc.rmqueueSmallest(inst.arg(0), mt(inst.arg(1)), inst.arg(2));
            case RMQUEUE_FALLBACK -> alloc.rmqueueFallback(inst.arg(0), mt(inst.arg(1)));
            case FREE_ONE_PAGE -> alloc.freeOnePage(inst.arg(0), inst.arg(1));
            case SET_MIGRATETYPE_ISOLATE -> pageIsolation(alloc).setMigratetypeIsolate(inst.arg(0));
            case UNSET_MIGRATETYPE_ISOLATE -> pageIsolation(alloc).unsetMigratetypeIsolate(inst.arg(0),
                    mt(inst.arg(1)));
            default -> throw new IllegalArgumentException("no engine step for " + inst.action());
        }
    }

    private static MigrateType mt(int ordinal) {
        return MigrateType.values()[ordinal];
    }
}
