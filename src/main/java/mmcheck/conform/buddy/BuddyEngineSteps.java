package mmcheck.conform.buddy;

import java.util.function.BiFunction;

import mmcheck.event.EventSink;
import mmcheck.mm.MigrateType;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.buddy.PageIsolation;

/**
 * Runs one Buddy.tla step on an engine zone through the engine's public step methods, which throw
 * StepRefusedException when the spec would not enable the step. A seeded-bug test passes its own allocator.
 */
public final class BuddyEngineSteps {
    private final BiFunction<Zone, EventSink, PageAlloc> allocator;

    /** The engine's own allocator. */
    public BuddyEngineSteps() {
        this(PageAlloc::new);
    }

    /** The allocator that allocator makes over a zone (a seeded bug, in a test). */
    public BuddyEngineSteps(BiFunction<Zone, EventSink, PageAlloc> allocator) {
        this.allocator = allocator;
    }

    /** The allocator over zone that reports its steps to sink. */
    public PageAlloc pageAlloc(Zone zone, EventSink sink) {
        return allocator.apply(zone, sink);
    }

    /** apply() - take the step on zone, emitting its event to sink. */
    public void apply(Zone zone, BuddyStep inst, EventSink sink) {
        PageAlloc alloc = pageAlloc(zone, sink);
        switch (inst.action()) {
            case RMQUEUE_SMALLEST -> alloc.rmqueueSmallest(inst.arg(0), mt(inst.arg(1)), inst.arg(2));
            case RMQUEUE_FALLBACK -> alloc.rmqueueFallback(inst.arg(0), mt(inst.arg(1)));
            case FREE_ONE_PAGE -> alloc.freeOnePage(inst.arg(0), inst.arg(1));
            case SET_MIGRATETYPE_ISOLATE -> new PageIsolation(alloc).setMigratetypeIsolate(inst.arg(0));
            case UNSET_MIGRATETYPE_ISOLATE -> new PageIsolation(alloc).unsetMigratetypeIsolate(inst.arg(0),
                    mt(inst.arg(1)));
            default -> throw new IllegalArgumentException("no engine step for " + inst.action());
        }
    }

    private static MigrateType mt(int ordinal) {
        return MigrateType.values()[ordinal];
    }
}
