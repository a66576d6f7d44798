package mmcheck.mm.compaction;

import java.util.function.Function;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;

import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.StepRefusedException;

/**
 * CompactionActions - jqwik actions over a {@link CompactionMachine}: compaction runs (compact_memory, direct
 * compaction at each priority, kcompactd) started and advanced one spec step at a time, interleaved with the
 * workload (faults, unmaps, pins, unpins, the allocator's allocations and frees, failed allocations deferring
 * compaction). Every check of {@link CompactionMachine#CHECKS} runs after each step.
 *
 * <p>Every action is {@link Action.Independent} with no precondition, its arguments drawn up front and resolved
 * against the state when it runs ("the k-th user page"), and a step the state does not enable does nothing: jqwik
 * 1.9 then shrinks a failing chain by dropping and simplifying steps, and every shrunk chain is still a legal
 * sequence. Descriptions are in trace form ({@code compact_zone step}, {@code zap_pte_range: user page #3}).
 */
final class CompactionActions {

    private CompactionActions() {
    }

    /**
     * Small zones: 4- or 8-page pageblocks (more than COMPACT_CLUSTER_MAX pages, so a batch can stop inside one),
     * 6..16 of them, from pfn 0 or a little above, 30-80% allocated.
     */
    static Arbitrary<CompactionMachine.Start> starts() {
        return Combinators.combine(Arbitraries.integers().between(2, 3), Arbitraries.integers().between(6, 16),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(30, 80),
                Arbitraries.longs().between(0, 1000))
                .as((pb, blocks, start, pct, seed) -> new CompactionMachine.Start(
                        MmGeometry.of(pb + 2, pb, start, start + (blocks << pb)), pct, seed));
    }

    /** Chains from one start with the given engine. */
    static ActionChainArbitrary<CompactionMachine> chains(CompactionMachine.Start s, CompactionDriver.EngineFactory engine,
            int maxSteps) {
        int maxOrder = s.geometry().maxOrder();
        return ActionChain.<CompactionMachine>startWith(() -> new CompactionMachine(s.geometry(), s.fragmentPct(),
                        s.layoutSeed(), engine))
                .withAction(12, compactZoneStep())
                .withAction(2, startRun(maxOrder))
                .withAction(2, fault())
                .withAction(2, zap())
                .withAction(1, pin())
                .withAction(1, unpin())
                .withAction(1, allocate(maxOrder))
                .withAction(1, freeAllocatorBlock())
                .withAction(1, allocationFailed(maxOrder))
                .withMaxTransformations(maxSteps);
    }

    /** Chains over small random zones. */
    static Arbitrary<ActionChain<CompactionMachine>> chains(CompactionDriver.EngineFactory engine, int maxSteps) {
        return starts().flatMap(s -> chains(s, engine, maxSteps));
    }

    /** The chain with every check asserted after each step, in {@link CompactionMachine#CHECKS} order. */
    static ActionChain<CompactionMachine> withInvariants(ActionChain<CompactionMachine> chain) {
        ActionChain<CompactionMachine> c = chain;
        for (String name : CompactionMachine.CHECKS) {
            c = c.withInvariant(name, m -> m.assertInvariant(name));
        }
        return c;
    }

    // ---------------------------------------------------------------------------------------------- actions

    private static Action.Independent<CompactionMachine> compactZoneStep() {
        return () -> Arbitraries.just(step("compact_zone step", CompactionMachine::step));
    }

    /** compact_memory, a direct compaction (order, priority) or kcompactd (order). */
    private static Action.Independent<CompactionMachine> startRun(int maxOrder) {
        Arbitrary<Integer> orders = Arbitraries.integers().between(1, maxOrder - 1);
        Arbitrary<CompactPriority> prios = Arbitraries.of(CompactPriority.class);
        return () -> Arbitraries.oneOf(
                Arbitraries.just(step("compact_node", m -> m.start(CompactControl.compactMemory(),
                        CompactPriority.COMPACT_PRIO_SYNC_FULL) ? "started" : "not started")),
                Combinators.combine(orders, prios).as((o, p) -> step("try_to_compact_pages: order=" + o + " prio="
                        + p.ordinal(), m -> {
                            CompactControl cc = CompactControl.direct(o, p, MigrateType.MIGRATE_MOVABLE);
                            cc.allocOwner = CompactionMachine.ALLOCATOR_OWNER;
                            return m.start(cc, p) ? "started" : "not started";
                        })),
                orders.map(o -> step("kcompactd_do_work: order=" + o, m -> m.start(CompactControl.kcompactd(o),
                        CompactPriority.COMPACT_PRIO_SYNC_LIGHT) ? "started" : "not started")));
    }

    private static Action.Independent<CompactionMachine> fault() {
        return () -> Arbitraries.just(step("do_anonymous_page", CompactionMachine::fault));
    }

    /** zap_pte_range() of the k-th user page on the LRU, unpinned: its last reference frees it. */
    private static Action.Independent<CompactionMachine> zap() {
        return () -> Arbitraries.integers().between(0, 63).map(k -> step("zap_pte_range: user page #" + k, m -> {
            int pfn = m.kth(k, p -> m.migration.pageLru(p) && !m.migration.isPinned(p));
            if (pfn < 0) {
                return "none";
            }
            m.pa.freeOnePage(pfn, 0);
            m.userPages--;
            return "freed 0x" + Integer.toHexString(pfn);
        }));
    }

    private static Action.Independent<CompactionMachine> pin() {
        return () -> Arbitraries.integers().between(0, 63).map(k -> step("pin_user_pages: user page #" + k, m -> {
            int pfn = m.kth(k, p -> m.migration.pageLru(p) && !m.migration.isPinned(p));
            if (pfn >= 0) {
                m.migration.pin(pfn);
            }
            return pfn < 0 ? "none" : "pinned 0x" + Integer.toHexString(pfn);
        }));
    }

    private static Action.Independent<CompactionMachine> unpin() {
        return () -> Arbitraries.integers().between(0, 63).map(k -> step("unpin_user_page: pinned page #" + k, m -> {
            int pfn = m.kth(k, p -> m.migration.isPinned(p));
            if (pfn >= 0) {
                m.migration.unpin(pfn);
            }
            return pfn < 0 ? "none" : "unpinned 0x" + Integer.toHexString(pfn);
        }));
    }

    /** Another CPU allocates a block (unmovable, or movable above order 0). */
    private static Action.Independent<CompactionMachine> allocate(int maxOrder) {
        return () -> Combinators.combine(Arbitraries.integers().between(0, maxOrder - 1), Arbitraries.of(
                MigrateType.MIGRATE_UNMOVABLE, MigrateType.MIGRATE_MOVABLE)).as((o, t) -> step(
                        "mm_page_alloc: order=" + o + " migratetype=" + t, m -> {
                            MigrateType type = o == 0 ? MigrateType.MIGRATE_UNMOVABLE : t;
                            try {
                                if (m.pa.rmqueue(o, type, CompactionMachine.ALLOCATOR_OWNER) < 0) {
                                    return "refused";
                                }
                                m.userPages += 1L << o;
                                return "allocated";
                            } catch (StepRefusedException e) {
                                return "refused";
                            }
                        }));
    }

    private static Action.Independent<CompactionMachine> freeAllocatorBlock() {
        return () -> Arbitraries.integers().between(0, 63).map(k -> step("free_one_page: allocator block #" + k, m -> {
            int pfn = m.kth(k, p -> m.zone.isAllocated(p)
                    && m.zone.allocatedOwner(p) == CompactionMachine.ALLOCATOR_OWNER);
            if (pfn < 0) {
                return "none";
            }
            int order = m.zone.allocatedOrder(pfn);
            m.pa.freeOnePage(pfn, order);
            m.userPages -= 1L << order;
            return "freed 0x" + Integer.toHexString(pfn);
        }));
    }

    /** An allocation of this order failed again after compaction: defer_compaction(), then compaction_deferred(). */
    private static Action.Independent<CompactionMachine> allocationFailed(int maxOrder) {
        return () -> Arbitraries.integers().between(0, maxOrder - 1).map(o -> step("mm_compaction_defer_compaction: "
                + "order=" + o, m -> {
                    m.c.deferCompaction(o);
                    return m.c.compactionDeferred(o) ? "deferred" : "not deferred";
                }));
    }

    /** A transformer described before it runs (jqwik records the description first), logging what it did. */
    private static Transformer<CompactionMachine> step(String description, Function<CompactionMachine, String> run) {
        return new Transformer<>() {
            @Override
            public CompactionMachine apply(CompactionMachine m) {
                m.log.add(description + " (" + run.apply(m) + ")");
                return m;
            }

            @Override
            public String transformation() {
                return description;
            }
        };
    }
}
