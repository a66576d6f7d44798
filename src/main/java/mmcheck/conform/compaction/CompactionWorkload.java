package mmcheck.conform.compaction;

import java.util.List;
import java.util.SplittableRandom;

import mmcheck.conform.SpecStep;
import mmcheck.conform.buddy.BuddyStep;
import mmcheck.conform.migrate.MigrateStep;
import mmcheck.event.MigrateAction;
import mmcheck.event.MmAction;
import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.Zone;
import mmcheck.mm.compaction.CompactControl;
import mmcheck.mm.compaction.CompactZoneSteps;
import mmcheck.mm.migrate.PageTableMigration;

/**
 * A seeded random workload for the compaction binding: compact_memory and direct compaction runs advanced step by
 * step in the kernel's order (down to one page of migrate_pages() and one turn of the free scanner), with kswapd's
 * reset of the skip bits, interleaved with a process faulting, unmapping, pinning and unpinning its pages, the
 * allocator's allocations (unmovable, or movable above order 0), steals and frees of its own blocks, and now and
 * then a request the engine should refuse (a step of a phase the run is not in, a free of a block that is not
 * there), so refusals are checked too.
 */
final class CompactionWorkload {
    private static final CompactionAction[] RUN_STEPS = {CompactionAction.COMPACT_MEMORY,
        CompactionAction.COMPACTION_SUITABLE, CompactionAction.COMPACT_ZONE_START, CompactionAction.COMPACT_FINISHED,
        CompactionAction.ISOLATE_MIGRATEPAGES_BLOCK, CompactionAction.COMPACT_NODE_END,
        CompactionAction.TRY_TO_COMPACT_PAGES_END, CompactionAction.RESET_ISOLATION_SUITABLE,
        CompactionAction.COMPACTION_ALLOC, CompactionAction.ISOLATE_FREEPAGES_BLOCK,
        CompactionAction.MIGRATE_PAGES_RETURN};
    /** The process steps of the bound model's Next. */
    static final List<MigrateAction> PROCESS_STEPS = List.of(MigrateAction.DO_ANONYMOUS_PAGE,
            MigrateAction.ZAP_PTE_RANGE, MigrateAction.PIN_USER_PAGES, MigrateAction.UNPIN_USER_PAGE);
    private static final MigrateType[] TYPES = {MigrateType.MIGRATE_UNMOVABLE, MigrateType.MIGRATE_MOVABLE};

    private final CompactZoneSteps steps;
    private final Zone zone;
    private final MmGeometry g;
    private final int[] owners;
    private final int[] directOrders;
    private final int[] directPrios;
    private final int vpages;
    private final SplittableRandom rnd;

    CompactionWorkload(CompactZoneSteps steps, int[] allocatorOwners, int[] directOrders, int[] directPrios,
            int vpages, long seed) {
        this.vpages = vpages;
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
            if (steps.pc() == CompactControl.Pc.IDLE && rnd.nextBoolean()) {
                return CompactionStep.of(CompactionAction.TRY_TO_COMPACT_PAGES,
                        directOrders[rnd.nextInt(directOrders.length)], directPrios[rnd.nextInt(directPrios.length)]);
            }
            return runStep();
        }
        if (r < 70) {
            return process();
        }
        int order = rnd.nextInt(g.maxOrder());
        if (r < 82) {
            MigrateType t = order == 0 ? MigrateType.MIGRATE_UNMOVABLE : TYPES[rnd.nextInt(TYPES.length)];
            return new BuddyStep(MmAction.RMQUEUE_SMALLEST, new int[] {order, t.ordinal(),
                owners[rnd.nextInt(owners.length)]});
        }
        if (r < 88) {
            return new BuddyStep(MmAction.RMQUEUE_FALLBACK, new int[] {order,
                TYPES[rnd.nextInt(TYPES.length)].ordinal()});
        }
        return free();
    }

    /** The run's next step, as compact_zone() takes it ({@link mmcheck.mm.compaction.Compaction#compactZoneStep}). */
    private SpecStep runStep() {
        CompactControl cc = steps.cc();
        return switch (steps.pc()) {
            case IDLE -> CompactionStep.of(CompactionAction.COMPACT_MEMORY);
            case SUITABLE -> CompactionStep.of(CompactionAction.COMPACTION_SUITABLE);
            case START -> CompactionStep.of(CompactionAction.COMPACT_ZONE_START);
            case FINISHED -> CompactionStep.of(CompactionAction.COMPACT_FINISHED);
            case ISOLATE -> CompactionStep.of(CompactionAction.ISOLATE_MIGRATEPAGES_BLOCK);
            case MIGRATE -> {
                int[] todo = cc.migrateTodo();
                if (cc.migrateErr() != CompactControl.ERR_NONE || todo.length == 0) {
                    yield CompactionStep.of(CompactionAction.MIGRATE_PAGES_RETURN);
                }
                int src = todo[rnd.nextInt(todo.length)];
                yield cc.freepages.isEmpty() && !steps.compaction().migrator().pageFreedUnderUs(src)
                        ? CompactionStep.of(CompactionAction.COMPACTION_ALLOC)
                        : CompactionStep.of(CompactionAction.MIGRATE_PAGES, src);
            }
            case ISOLATE_FREE -> CompactionStep.of(CompactionAction.ISOLATE_FREEPAGES_BLOCK);
            case PUTBACK -> CompactionStep.of(CompactionAction.PUTBACK_MOVABLE_PAGES,
                    cc.migratepages.get(rnd.nextInt(cc.migratepages.size())));
            case RELEASE -> CompactionStep.of(CompactionAction.RELEASE_FREEPAGES,
                    cc.freepages.get(rnd.nextInt(cc.freepages.size())));
            case END -> CompactionStep.of(cc.directCompaction ? CompactionAction.TRY_TO_COMPACT_PAGES_END
                    : CompactionAction.COMPACT_NODE_END);
        };
    }

    /** process 0 faults, unmaps, pins or unpins one of its vpages (an unpin names a pinned frame, or any). */
    private SpecStep process() {
        int v = rnd.nextInt(vpages);
        MigrateAction a = PROCESS_STEPS.get(rnd.nextInt(PROCESS_STEPS.size()));
        if (a == MigrateAction.UNPIN_USER_PAGE) {
            int pfn = g.zoneStart() + rnd.nextInt(g.nrPages());
            for (int p = g.zoneStart(); p < g.zoneEnd(); p++) {
                if (((PageTableMigration) steps.compaction().migrator()).addressSpaces().pinCount(p) > 0
                        && rnd.nextInt(4) > 0) {
                    pfn = p;
                }
            }
            return MigrateStep.of(a, pfn);
        }
        return MigrateStep.of(a, 0, v);
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
