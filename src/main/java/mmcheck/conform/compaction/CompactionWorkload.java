package mmcheck.conform.compaction;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
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
import mmcheck.mm.compaction.CompactResult;
import mmcheck.mm.compaction.CompactZoneSteps;
import mmcheck.mm.compaction.CompactionNode;
import mmcheck.mm.migrate.PageTableMigration;

/**
 * A seeded random workload for the compaction binding: compact_memory and direct compaction runs advanced step by
 * step in the kernel's order (down to one page of migrate_pages() and one turn of the free scanner), with kswapd's
 * reset of the skip bits, and, when the model's Triggers have them, kswapd waking kcompactd, kcompactd's work,
 * proactive compaction and kcompactd's long timeout, interleaved with a process faulting, unmapping, pinning and
 * unpinning its pages, the allocator's allocations (unmovable, or movable above order 0), steals and frees of its own
 * blocks, and now and then a request the engine should refuse (a step of a phase the run is not in, a free of a block that is not
 * there), so refusals are checked too.
 */
final class CompactionWorkload {
    private static final CompactionAction[] RUN_STEPS = {CompactionAction.COMPACT_MEMORY,
        CompactionAction.COMPACTION_SUITABLE, CompactionAction.COMPACT_ZONE_START, CompactionAction.COMPACT_FINISHED,
        CompactionAction.ISOLATE_MIGRATEPAGES_BLOCK, CompactionAction.COMPACT_NODE_END,
        CompactionAction.TRY_TO_COMPACT_PAGES_END, CompactionAction.RESET_ISOLATION_SUITABLE,
        CompactionAction.COMPACTION_ALLOC, CompactionAction.ISOLATE_FREEPAGES_BLOCK,
        CompactionAction.MIGRATE_PAGES_RETURN};
    /** kcompactd's and proactive compaction's steps without arguments, asked for at random too. */
    private static final CompactionAction[] NODE_STEPS = {CompactionAction.KCOMPACTD_DO_WORK,
        CompactionAction.KCOMPACTD_DO_WORK_END, CompactionAction.PROACTIVE_COMPACT_NODE,
        CompactionAction.PROACTIVE_COMPACT_NODE_END, CompactionAction.KCOMPACTD_TIMEOUT};
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
    private CompactionAction[] runSteps = RUN_STEPS;
    /** Whether kswapd wakes kcompactd (KcompactdOrders), and whether kcompactd compacts proactively. */
    private boolean kcompactd;
    private boolean proactive;
    private int[] kcompactdOrders = new int[0];
    /**
     * With kcompactd in the model the allocator fragments the zone as the kernel selftest does: it takes order-0
     * pages for a while, then frees, for a while, order-0 pages whose buddy it still holds, so that free pages are
     * many and apart and kcompactd finds an order that compaction_suitable() passes (the compactions in between
     * keep a zone used at random unfragmented).
     */
    private boolean drain;
    /**
     * With direct compaction the model's only trigger ({@link #directOnly}), the allocator fills the zone with
     * order-0 movable pages (the process faulting among them), then frees them apart down to a handful of free pages
     * with no free buddy pair, and then an order-1 allocation fails and direct compaction runs, its steps asked for
     * most of the time until it returns. Async direct compaction so runs isolate_migratepages_block() with
     * skip_on_failure over order-1 blocks of process pages beside free, allocated and pinned pages.
     */
    private boolean directOnly;
    /** In directOnly: whether the allocator is filling the zone (else it is freeing pages apart). */
    private boolean filling = true;
    /** In directOnly: the free pages at which filling stops and freeing apart starts. */
    private static final int FILL_LOW = 2;
    /**
     * In directOnly: the free pages freeing apart aims at before direct compaction is asked for, above compact_gap()
     * of order 1 (4 pages), so that compaction_suitable() lets the run go ahead.
     */
    private static final int FRAGMENT_HIGH = 7;
    /** compact_gap() of order 1: compaction_suitable() skips the zone with no more free pages. */
    private static final int COMPACT_GAP_ORDER_1 = 4;

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

    /**
     * Adds kcompactd's steps when triggers has "kcompactd" (woken for kcompactdOrders) and proactive compaction's
     * when it has "proactive". Without them the workload draws as before, so a model's seeds keep their runs.
     */
    void kcompactd(Set<String> triggers, int[] orders) {
        this.kcompactd = triggers.contains("kcompactd") && orders.length > 0;
        this.proactive = triggers.contains("proactive");
        this.kcompactdOrders = orders.clone();
        if (kcompactd || proactive) {
            runSteps = Arrays.copyOf(RUN_STEPS, RUN_STEPS.length + NODE_STEPS.length);
            System.arraycopy(NODE_STEPS, 0, runSteps, RUN_STEPS.length, NODE_STEPS.length);
        }
    }

    /**
     * Switches to the direct-compaction workload when triggers is "direct" alone: the model is about what direct
     * compaction does, and nothing else would fragment the zone for it.
     */
    void directOnly(Set<String> triggers) {
        this.directOnly = triggers.equals(Set.of("direct"));
    }

    /** The next request. */
    SpecStep next() {
        if (directOnly) {
            return nextDirect();
        }
        int r = rnd.nextInt(100);
        if (r < 5) {
            return CompactionStep.of(runSteps[rnd.nextInt(runSteps.length)]);
        }
        if (r < 8) {
            return CompactionStep.of(CompactionAction.RESET_ISOLATION_SUITABLE);
        }
        if (r < 55) {
            SpecStep k = nodeStep();
            if (k != null) {
                return k;
            }
            if (steps.pc() == CompactControl.Pc.IDLE && kcompactd && rnd.nextInt(8) != 0) {
                // With kcompactd, most idle turns go to the process and the allocator, not to a new direct or
                // compact_memory run: those would undo the fragmentation kcompactd is woken for.
                r = 55 + rnd.nextInt(45);
            } else {
                if (steps.pc() == CompactControl.Pc.IDLE && rnd.nextBoolean()) {
                    return CompactionStep.of(CompactionAction.TRY_TO_COMPACT_PAGES, directOrders[rnd.nextInt(
                            directOrders.length)], directPrios[rnd.nextInt(directPrios.length)]);
                }
                return runStep();
            }
        }
        if (r < 70) {
            return process();
        }
        if (kcompactd && rnd.nextInt(100) == 0) {
            drain = !drain;
        }
        if (drain) {
            SpecStep f = fragmentingFree();
            if (f != null) {
                return f;
            }
            drain = false;
        }
        int order = kcompactd && rnd.nextBoolean() ? 0 : rnd.nextInt(g.maxOrder());
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

    /**
     * The direct-compaction workload's next request: now and then a step of a phase the run is not in (refused) and
     * kswapd's reset of the skip bits (a run whose scanners met leaves compact_blockskip_flush set); during a run
     * mostly its next step, with the process and the allocator acting in between; between runs the zone filled, then
     * freed apart, then an order-1 allocation that fails and compacts.
     */
    private SpecStep nextDirect() {
        int r = rnd.nextInt(100);
        if (r < 3) {
            return CompactionStep.of(runSteps[rnd.nextInt(runSteps.length)]);
        }
        if (r < 6) {
            return CompactionStep.of(CompactionAction.RESET_ISOLATION_SUITABLE);
        }
        if (steps.pc() != CompactControl.Pc.IDLE) {
            if (r < 80) {
                return runStep();
            }
            // The process acts on the pages the run holds: an unmap frees one under migration, a pin fails it, so
            // that migrate_pages() leaves destinations for release_freepages().
            return r < 94 ? process(false) : rnd.nextBoolean() ? free() : allocateMovable(0);
        }
        if (r < 20) {
            return process();
        }
        long free = zone.freePages();
        if (filling && free <= FILL_LOW) {
            filling = false;
        }
        if (!filling) {
            SpecStep a = highOrderAllocation();
            if (a != null) {
                // The order-1 allocation succeeds without compaction (try_to_compact_pages() would be refused).
                return a;
            }
            if (free < FRAGMENT_HIGH) {
                SpecStep f = fragmentingFree();
                if (f != null) {
                    return f;
                }
                if (free <= COMPACT_GAP_ORDER_1) {
                    // Nothing left to free apart and too few free pages for compaction_suitable(): start over.
                    filling = true;
                    return free();
                }
            }
            // The order-1 allocation fails and compacts; after a few runs the allocator fills the zone again.
            filling = rnd.nextInt(8) == 0;
            return CompactionStep.of(CompactionAction.TRY_TO_COMPACT_PAGES,
                    directOrders[rnd.nextInt(directOrders.length)], directPrios[rnd.nextInt(directPrios.length)]);
        }
        if (r < 80) {
            return allocateMovable(0);
        }
        if (r < 90) {
            return free();
        }
        return r < 95 ? allocateMovable(rnd.nextInt(g.maxOrder()))
                : new BuddyStep(MmAction.RMQUEUE_FALLBACK, new int[] {rnd.nextInt(g.maxOrder()),
                    TYPES[rnd.nextInt(TYPES.length)].ordinal()});
    }

    /**
     * An allocation of the lowest free block above order 0, from the movable lists or else by fallback, as the
     * allocator's order-1 request would take it; null when every free block is of order 0.
     */
    private SpecStep highOrderAllocation() {
        for (int o = 1; o < g.maxOrder(); o++) {
            if (zone.freeCount(o, MigrateType.MIGRATE_MOVABLE) > 0) {
                return allocateMovable(o);
            }
            if (zone.nrFree(o) > 0) {
                return new BuddyStep(MmAction.RMQUEUE_FALLBACK, new int[] {o, MigrateType.MIGRATE_MOVABLE.ordinal()});
            }
        }
        return null;
    }

    /** An allocation of a movable block of the order for one of the allocator's owners. */
    private SpecStep allocateMovable(int order) {
        return new BuddyStep(MmAction.RMQUEUE_SMALLEST, new int[] {order, MigrateType.MIGRATE_MOVABLE.ordinal(),
            owners[rnd.nextInt(owners.length)]});
    }

    /**
     * kswapd waking kcompactd (at any time), or, with no run live, kcompactd's work when woken, the long timeout
     * of a deferred proactive compaction, or a proactive try (refused when the score is low); null to go on with
     * the run or another trigger. Draws nothing when the model has neither kcompactd nor proactive compaction.
     */
    private SpecStep nodeStep() {
        if (!kcompactd && !proactive) {
            return null;
        }
        int k = rnd.nextInt(10);
        CompactionNode node = steps.node();
        if (kcompactd && k == 0) {
            int o = kcompactdOrders[rnd.nextInt(kcompactdOrders.length)];
            if (node.kcompactdAwake() && rnd.nextBoolean()) {
                // A wakeup while kcompactd works changes something only for a higher order: ask for the highest.
                for (int h : kcompactdOrders) {
                    o = Math.max(o, h);
                }
            }
            return CompactionStep.of(CompactionAction.WAKEUP_KCOMPACTD, o);
        }
        if (kcompactd && k < 5 && !node.kcompactdAwake()) {
            // kswapd wakes kcompactd after a high-order allocation failed: for an order compaction would run for.
            for (int o : kcompactdOrders) {
                if (steps.compaction().compactionSuitable(o) == CompactResult.COMPACT_CONTINUE) {
                    return CompactionStep.of(CompactionAction.WAKEUP_KCOMPACTD, o);
                }
            }
        }
        if (steps.pc() != CompactControl.Pc.IDLE) {
            return null;
        }
        // Woken, or now and then timed out with kcompactd_max_order raised by a wakeup that found compaction
        // unsuitable (the timeout is 500 ms: a suitable wakeup or a proactive try is often asked for first).
        if (kcompactd && k < 6 && (node.kcompactdAwake() || k == 5 && node.kcompactdMaxOrder() > 0)) {
            return CompactionStep.of(CompactionAction.KCOMPACTD_DO_WORK);
        }
        if (proactive && k < 4) {
            if (node.proactiveDefer()) {
                // The long timeout is 64 default timeouts: kswapd's wakeups often come first, and the
                // kcompactd_do_work() they lead to drops the deferral.
                if (k == 1) {
                    return CompactionStep.of(CompactionAction.KCOMPACTD_TIMEOUT);
                }
            } else if (node.shouldProactiveCompactNode() || k == 1) {
                // A low score refuses the proactive try; ask for it then only now and then.
                return CompactionStep.of(CompactionAction.PROACTIVE_COMPACT_NODE);
            }
        }
        return null;
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
            case END -> CompactionStep.of(endOf(cc));
        };
    }

    /** The step that ends the caller of the returned run. */
    private static CompactionAction endOf(CompactControl cc) {
        if (cc.directCompaction) {
            return CompactionAction.TRY_TO_COMPACT_PAGES_END;
        }
        if (cc.proactiveCompaction) {
            return CompactionAction.PROACTIVE_COMPACT_NODE_END;
        }
        return cc.isViaCompactMemory() ? CompactionAction.COMPACT_NODE_END : CompactionAction.KCOMPACTD_DO_WORK_END;
    }

    /** process 0 faults, unmaps, pins or unpins one of its vpages (an unpin names a pinned frame, or any). */
    private SpecStep process() {
        return process(directOnly);
    }

    /** process(), with half the turns faults when faultBias (the direct-compaction workload between runs). */
    private SpecStep process(boolean faultBias) {
        int v = rnd.nextInt(vpages);
        MigrateAction a = PROCESS_STEPS.get(rnd.nextInt(PROCESS_STEPS.size()));
        if (faultBias && rnd.nextBoolean()) {
            // The process keeps its pages mapped more often than not: they are what the migrate scanner isolates.
            a = MigrateAction.DO_ANONYMOUS_PAGE;
        }
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

    /** A free of one of the allocator's order-0 pages whose buddy is not free, or null when it has none. */
    private SpecStep fragmentingFree() {
        int n = 0;
        int pick = -1;
        for (int p = g.zoneStart(); p < g.zoneEnd(); p++) {
            int buddy = p ^ 1;
            if (zone.isAllocated(p) && isAllocatorOwner(zone.allocatedOwner(p)) && zone.allocatedOrder(p) == 0
                    && g.contains(buddy) && !zone.isPageBuddy(buddy) && !keptBesideUserPage(buddy)
                    && rnd.nextInt(++n) == 0) {
                pick = p;
            }
        }
        return pick < 0 ? null : new BuddyStep(MmAction.FREE_ONE_PAGE, new int[] {pick, 0});
    }

    /**
     * In directOnly, most of the allocator's pages beside a process page stay: isolate_migratepages_block() then takes
     * the process page and fails at its buddy, the putback arm of skip_on_failure (freed, the buddy would let the
     * block's pages be migrated instead).
     */
    private boolean keptBesideUserPage(int buddy) {
        return directOnly && steps.compaction().migrator().pageLru(buddy) && rnd.nextInt(4) > 0;
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
