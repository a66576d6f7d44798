package mmcheck.conform.compaction;

import java.util.SplittableRandom;

import mmcheck.conform.SpecStep;
import mmcheck.conform.buddy.BuddyStep;
import mmcheck.event.MmAction;
import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.Zone;
import mmcheck.mm.compaction.CompactZoneSteps;

/**
 * A seeded random workload for the compaction binding: compact_memory and direct compaction runs advanced step by
 * step, with kswapd's reset of the skip bits, interleaved with
 * the allocator's allocations (unmovable, or movable above order 0), steals and frees of its own blocks, and now and
 * then a request the engine should refuse (a step of a phase the run is not in, a free of a block that is not
 * there), so refusals are checked too.
 */
final class CompactionWorkload {
    private static final CompactionAction[] RUN_STEPS = {CompactionAction.COMPACT_MEMORY,
        CompactionAction.COMPACTION_SUITABLE, CompactionAction.COMPACT_ZONE_START, CompactionAction.COMPACT_FINISHED,
        CompactionAction.ISOLATE_MIGRATEPAGES_BLOCK, CompactionAction.COMPACT_NODE_END,
        CompactionAction.TRY_TO_COMPACT_PAGES_END, CompactionAction.RESET_ISOLATION_SUITABLE};
    private static final MigrateType[] TYPES = {MigrateType.MIGRATE_UNMOVABLE, MigrateType.MIGRATE_MOVABLE};

    private final CompactZoneSteps steps;
    private final Zone zone;
    private final MmGeometry g;
    private final int[] owners;
    private final int[] directOrders;
    private final int[] directPrios;
    private final SplittableRandom rnd;

    CompactionWorkload(CompactZoneSteps steps, int[] allocatorOwners, int[] directOrders, int[] directPrios,
            long seed) {
        this.directOrders = directOrders;
        this.directPrios = directPrios;
        this.steps = steps;
        this.zone = steps.compaction().zone();
        this.g = zone.geometry();
        this.owners = allocatorOwners;
        this.rnd = new SplittableRandom(seed);
    }

    /** The next request. */
    SpecStep next() {
        int r = rnd.nextInt(100);
        if (r < 5) {
            return CompactionStep.of(RUN_STEPS[rnd.nextInt(RUN_STEPS.length)]);
        }
        if (r < 8) {
            return CompactionStep.of(CompactionAction.RESET_ISOLATION_SUITABLE);
        }
        if (r < 55) {
            if (steps.pc() == CompactZoneSteps.Pc.IDLE && rnd.nextBoolean()) {
                return CompactionStep.of(CompactionAction.TRY_TO_COMPACT_PAGES,
                        directOrders[rnd.nextInt(directOrders.length)], directPrios[rnd.nextInt(directPrios.length)]);
            }
            CompactionAction a = switch (steps.pc()) {
                case IDLE -> CompactionAction.COMPACT_MEMORY;
                case SUITABLE -> CompactionAction.COMPACTION_SUITABLE;
                case START -> CompactionAction.COMPACT_ZONE_START;
                case FINISHED -> CompactionAction.COMPACT_FINISHED;
                case ISOLATE -> CompactionAction.ISOLATE_MIGRATEPAGES_BLOCK;
                case MIGRATE -> CompactionAction.MIGRATE_PAGES_RETURN;
                case END -> steps.cc().directCompaction ? CompactionAction.TRY_TO_COMPACT_PAGES_END
                        : CompactionAction.COMPACT_NODE_END;
            };
            return CompactionStep.of(a);
        }
        int order = rnd.nextInt(g.maxOrder());
        if (r < 75) {
            MigrateType t = order == 0 ? MigrateType.MIGRATE_UNMOVABLE : TYPES[rnd.nextInt(TYPES.length)];
            return new BuddyStep(MmAction.RMQUEUE_SMALLEST, new int[] {order, t.ordinal(),
                owners[rnd.nextInt(owners.length)]});
        }
        if (r < 82) {
            return new BuddyStep(MmAction.RMQUEUE_FALLBACK, new int[] {order,
                TYPES[rnd.nextInt(TYPES.length)].ordinal()});
        }
        return free();
    }

    /** A free of one of the allocator's blocks, or (one time in ten) of a random pfn and order. */
    private SpecStep free() {
        int n = 0;
        int pick = -1;
        for (int p = g.zoneStart(); p < g.zoneEnd(); p++) {
            if (zone.isAllocated(p) && isAllocatorOwner(zone.allocatedOwner(p)) && rnd.nextInt(++n) == 0) {
                pick = p;
            }
        }
        if (pick < 0 || rnd.nextInt(10) == 0) {
            return new BuddyStep(MmAction.FREE_ONE_PAGE, new int[] {g.zoneStart() + rnd.nextInt(g.nrPages()),
                rnd.nextInt(g.maxOrder())});
        }
        return new BuddyStep(MmAction.FREE_ONE_PAGE, new int[] {pick, zone.allocatedOrder(pick)});
    }

    private boolean isAllocatorOwner(int owner) {
        for (int o : owners) {
            if (o == owner) {
                return true;
            }
        }
        return false;
    }
}
