package mmcheck.mm.buddy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;
import net.jqwik.api.statistics.Statistics;

import mmcheck.event.MmAction;
import mmcheck.event.StepEvent;
import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.Zone;

/**
 * BuddyActions - one jqwik action per spec action, plus one that tries arbitrary arguments, all checked against
 * {@link SpecOracle}: a step runs exactly when its spec action is enabled, emits one event, and a refusal changes
 * nothing.
 *
 * <p>Every action is {@link Action.Independent} without a precondition. jqwik 1.9 shrinks a chain only between
 * iterations that read the state (a Dependent action or a precondition does), so state-reading actions would leave
 * failing chains almost unshrunk. Arguments are therefore drawn from the spec's domain for the fixed geometry, or
 * as "the k-th allocated block / enabled pageblock" resolved when the step runs. Descriptions are in trace form,
 * e.g. {@code mm_page_alloc_zone_locked: order=1 migratetype=MIGRATE_MOVABLE} (the owner is assigned when the step
 * runs) or {@code free_one_page: allocated block #2}; an invariant failure lists the steps that ran, with their
 * pfns, from the event log.
 */
public final class BuddyActions {

    /** Statistics label under which RmqueueFallback outcomes are collected. */
    public static final String FALLBACK_LABEL = "fallback";
    public static final String CLAIMED_RANGE = "claimed pageblock range (order >= pageblock_order)";
    public static final String CLAIMED_PAGEBLOCK = "claimed pageblock (enough free or alike)";
    public static final String NOT_CLAIMED = "not claimed";

    private static final MigrateType[] PCP = {
        MigrateType.MIGRATE_UNMOVABLE, MigrateType.MIGRATE_MOVABLE, MigrateType.MIGRATE_RECLAIMABLE
    };

    private BuddyActions() {
    }

    /** Small zones, unaligned at either end, with 2..5 orders. */
    public static Arbitrary<MmGeometry> smallGeometries() {
        return Arbitraries.integers().between(2, 5).flatMap(maxOrder -> Combinators.combine(
                Arbitraries.integers().between(1, maxOrder - 1),
                Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(8, 48))
                .as((pb, start, size) -> MmGeometry.of(maxOrder, pb, start, start + size)));
    }

    /** Chains from Init of one geometry with the given engine. */
    public static ActionChainArbitrary<BuddyMachine> chains(MmGeometry g, BuddyMachine.Engine engine, int maxSteps) {
        Supplier<BuddyMachine> start = () -> BuddyMachine.init(g, engine);
        return ActionChain.startWith(start)
                .withAction(6, rmqueueSmallest(g))
                .withAction(4, rmqueueFallback(g))
                .withAction(2, freeOnePage())
                .withAction(1, setMigratetypeIsolate())
                .withAction(1, unsetMigratetypeIsolate())
                .withAction(1, anyStep(g))
                .withMaxTransformations(maxSteps);
    }

    /** Chains over small random geometries. */
    public static Arbitrary<ActionChain<BuddyMachine>> chains(BuddyMachine.Engine engine, int maxSteps) {
        return smallGeometries().flatMap(g -> chains(g, engine, maxSteps));
    }

    /** The chain with every invariant of spec/Buddy.tla checked after each step, in the cfg's order. */
    public static ActionChain<BuddyMachine> withInvariants(ActionChain<BuddyMachine> chain) {
        ActionChain<BuddyMachine> c = chain;
        for (String name : BuddyInvariants.NAMES) {
            c = c.withInvariant(name, m -> m.assertInvariant(name));
        }
        return c;
    }

    // ---------------------------------------------------------------------------------------------- actions

    private static Action.Independent<BuddyMachine> rmqueueSmallest(MmGeometry g) {
        return () -> orderAndType(g).map(a -> new Step(MmAction.RMQUEUE_SMALLEST, a[0], a[1]));
    }

    private static Action.Independent<BuddyMachine> rmqueueFallback(MmGeometry g) {
        return () -> orderAndType(g).map(a -> new Step(MmAction.RMQUEUE_FALLBACK, a[0], a[1]));
    }

    /** Frees the k-th allocated block in pfn order (k modulo their number). */
    private static Action.Independent<BuddyMachine> freeOnePage() {
        return () -> Arbitraries.integers().between(0, 63).map(k -> new Choice("free_one_page: allocated block #" + k, m -> {
            List<int[]> blocks = m.allocatedBlocks();
            return blocks.isEmpty() ? null : blocks.get(k % blocks.size());
        }, MmAction.FREE_ONE_PAGE));
    }

    /** Isolates the k-th pageblock for which SetMigratetypeIsolate is enabled. */
    private static Action.Independent<BuddyMachine> setMigratetypeIsolate() {
        return () -> Arbitraries.integers().between(0, 63).map(k -> new Choice("set_migratetype_isolate: isolatable pageblock #" + k,
                m -> kth(enabledPageblocks(m, true), k), MmAction.SET_MIGRATETYPE_ISOLATE));
    }

    /** Releases the k-th pageblock for which UnsetMigratetypeIsolate is enabled, to the type drawn. */
    private static Action.Independent<BuddyMachine> unsetMigratetypeIsolate() {
        // The spec's Next releases to MIGRATE_MOVABLE; the other pcp types exercise the same code.
        Arbitrary<Integer> types = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(4, MigrateType.MIGRATE_MOVABLE.ordinal()),
                net.jqwik.api.Tuple.of(1, MigrateType.MIGRATE_UNMOVABLE.ordinal()),
                net.jqwik.api.Tuple.of(1, MigrateType.MIGRATE_RECLAIMABLE.ordinal()));
        return () -> Combinators.combine(Arbitraries.integers().between(0, 63), types).as((k, t) -> new Choice(
                "unset_migratetype_isolate: isolated pageblock #" + k + " to " + MigrateType.values()[t],
                m -> {
                    int[] pb = kth(enabledPageblocks(m, false), k);
                    return pb == null ? null : new int[] {pb[0], t};
                }, MmAction.UNSET_MIGRATETYPE_ISOLATE));
    }

    /** Any step with arguments from a little beyond the spec's domain, most of them refused. */
    private static Action.Independent<BuddyMachine> anyStep(MmGeometry g) {
        Arbitrary<Integer> orders = Arbitraries.integers().between(-1, g.maxOrder());
        Arbitrary<Integer> types = Arbitraries.integers().between(0, MigrateType.values().length - 1);
        Arbitrary<Integer> pfns = Arbitraries.integers().between(g.zoneStart() - 1, g.zoneEnd());
        Arbitrary<Integer> pageblocks = Arbitraries.integers().between(g.firstPageblock() - 1, g.lastPageblock() + 1);
        return () -> Arbitraries.of(MmAction.class).flatMap(action -> {
            switch (action) {
                case RMQUEUE_SMALLEST:
                case RMQUEUE_FALLBACK:
                    return Combinators.combine(orders, types).as((o, t) -> new Step(action, o, t));
                case FREE_ONE_PAGE:
                    return Combinators.combine(pfns, orders).as((p, o) -> new Step(action, p, o));
                case SET_MIGRATETYPE_ISOLATE:
                    return pageblocks.map(pb -> new Step(action, pb));
                default:
                    return Combinators.combine(pageblocks, types).as((pb, t) -> new Step(action, pb, t));
            }
        });
    }

    /**
     * {order, pcp type}. Small orders dominate, as in a running kernel; that fragments the zone, so fallbacks also
     * steal below pageblock_order, where claiming depends on how full the pageblock is.
     */
    private static Arbitrary<int[]> orderAndType(MmGeometry g) {
        Arbitrary<Integer> orders = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(1)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, g.maxOrder() - 1)));
        return Combinators.combine(orders, Arbitraries.integers().between(0, PCP.length - 1))
                .as((o, t) -> new int[] {o, t});
    }

    private static List<int[]> enabledPageblocks(BuddyMachine m, boolean isolate) {
        SpecOracle oracle = new SpecOracle(m.zone);
        List<int[]> out = new ArrayList<>();
        for (int pb = m.geometry().firstPageblock(); pb <= m.geometry().lastPageblock(); pb++) {
            if (isolate ? oracle.setMigratetypeIsolate(pb)
                    : oracle.unsetMigratetypeIsolate(pb, MigrateType.MIGRATE_MOVABLE.ordinal())) {
                out.add(new int[] {pb});
            }
        }
        return out;
    }

    private static int[] kth(List<int[]> l, int k) {
        return l.isEmpty() ? null : l.get(k % l.size());
    }

    // ---------------------------------------------------------------------------------------------- running

    /** A transformer described before it runs; jqwik records descriptions before applying transformers. */
    private abstract static class Described implements Transformer<BuddyMachine> {
        private final String description;

        Described(String description) {
            this.description = description;
        }

        @Override
        public String transformation() {
            return description;
        }

        /** Runs a step with full arguments (owner included for RMQUEUE_SMALLEST). */
        BuddyMachine attempt(BuddyMachine m, MmAction action, int[] a) {
            String step = StepEvent.describe(action, a);
            boolean enabled = enabled(new SpecOracle(m.zone), action, a);
            Zone before = m.zone.copy();
            int events = m.sink.events().size();
            int result;
            try {
                result = run(m, action, a);
            } catch (StepRefusedException e) {
                m.stepped(false);
                if (enabled) {
                    fail(step + ": refused although the spec action is enabled: " + e.getMessage());
                }
                assertTrue(m.zone.sameState(before), () -> "a refused step changed the state: " + e.getMessage());
                assertEquals(events, m.sink.events().size(), "a refused step emitted an event");
                return m;
            }
            m.stepped(action == MmAction.RMQUEUE_SMALLEST);
            if (!enabled) {
                fail(step + " ran although the spec action is not enabled");
            }
            assertEquals(events + 1, m.sink.events().size(), "one event per step");
            assertEquals(action, m.sink.last().action());
            if (action == MmAction.RMQUEUE_SMALLEST) {
                assertEquals(result, m.sink.last().result());
                assertTrue(m.zone.isAllocated(result) && m.zone.allocatedOrder(result) == a[0]);
            } else if (action == MmAction.RMQUEUE_FALLBACK) {
                collectFallbackOutcome(m, result, a[1]);
                assertTrue(new SpecOracle(m.zone).rmqueueSmallest(a[0], a[1]),
                        "after __rmqueue_fallback, __rmqueue_smallest succeeds");
            }
            return m;
        }
    }

    /** A step with its spec arguments; RMQUEUE_SMALLEST gets the machine's next owner when it runs. */
    private static final class Step extends Described {
        private final MmAction action;
        private final int[] args;

        Step(MmAction action, int... args) {
            super(StepEvent.describe(action, action == MmAction.RMQUEUE_SMALLEST ? withOwner(args, 0) : args)
                    .replace(" owner=0", ""));
            this.action = action;
            this.args = args;
        }

        @Override
        public BuddyMachine apply(BuddyMachine m) {
            return attempt(m, action, action == MmAction.RMQUEUE_SMALLEST ? withOwner(args, m.nextOwner()) : args);
        }

        private static int[] withOwner(int[] a, int owner) {
            return new int[] {a[0], a[1], owner};
        }
    }

    /** A step whose arguments are resolved from the state when it runs; nothing runs if there is no candidate. */
    private static final class Choice extends Described {
        private final java.util.function.Function<BuddyMachine, int[]> resolve;
        private final MmAction action;

        Choice(String planned, java.util.function.Function<BuddyMachine, int[]> resolve, MmAction action) {
            super(planned);
            this.resolve = resolve;
            this.action = action;
        }

        @Override
        public BuddyMachine apply(BuddyMachine m) {
            int[] a = resolve.apply(m);
            return a == null ? m : attempt(m, action, a);
        }
    }

    private static void collectFallbackOutcome(BuddyMachine m, int pfn, int startMt) {
        int pb = m.geometry().pageblockOf(pfn);
        String outcome;
        if (m.zone.pageblockMigratetype(pb).ordinal() != startMt) {
            outcome = NOT_CLAIMED;
        } else if (m.zone.isPageBuddy(pfn) && m.zone.buddyOrder(pfn) >= m.geometry().pageblockOrder()) {
            outcome = CLAIMED_RANGE;
        } else {
            outcome = CLAIMED_PAGEBLOCK;
        }
        Statistics.label(FALLBACK_LABEL).collect(outcome);
    }

    private static boolean enabled(SpecOracle o, MmAction action, int[] a) {
        switch (action) {
            case RMQUEUE_SMALLEST:
                return o.rmqueueSmallest(a[0], a[1]);
            case RMQUEUE_FALLBACK:
                return o.rmqueueFallback(a[0], a[1]);
            case FREE_ONE_PAGE:
                return o.freeOnePage(a[0], a[1]);
            case SET_MIGRATETYPE_ISOLATE:
                return o.setMigratetypeIsolate(a[0]);
            default:
                return o.unsetMigratetypeIsolate(a[0], a[1]);
        }
    }

    private static int run(BuddyMachine m, MmAction action, int[] a) {
        switch (action) {
            case RMQUEUE_SMALLEST:
                return m.pageAlloc.rmqueueSmallest(a[0], MigrateType.values()[a[1]], a[2]);
            case RMQUEUE_FALLBACK:
                return m.pageAlloc.rmqueueFallback(a[0], MigrateType.values()[a[1]]);
            case FREE_ONE_PAGE:
                m.pageAlloc.freeOnePage(a[0], a[1]);
                return -1;
            case SET_MIGRATETYPE_ISOLATE:
                m.isolation.setMigratetypeIsolate(a[0]);
                return -1;
            default:
                m.isolation.unsetMigratetypeIsolate(a[0], MigrateType.values()[a[1]]);
                return -1;
        }
    }
}
