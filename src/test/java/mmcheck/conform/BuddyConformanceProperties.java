package mmcheck.conform;

import mmcheck.conform.buddy.BuddyMonitor;
import mmcheck.conform.buddy.ZoneAbstraction;

import mmcheck.conform.buddy.BuddyStep;
import mmcheck.conform.buddy.ZoneConcretization;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

import mmcheck.event.MmAction;
import mmcheck.event.StepEvent;
import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.BuddyInvariants;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.buddy.PageIsolation;

/**
 * Random chains of allocator requests on the MCBuddySim zone (29 pages from pfn 3, orders 0..3,
 * 4-page pageblocks, all three request types, two owners) with every step the engine takes checked
 * against spec/Buddy.tla by the step checker (the named action, then every invariant, evaluated by
 * TLC), every refused request checked to be disabled in the spec too, and the invariants checked
 * natively in Java after each step. A failing chain shrinks to the few requests that matter.
 */
class BuddyConformanceProperties {
    private static final SpecModel SPEC = Models.load("MCBuddySim");
    private static final StepChecker CHECKER = new StepChecker(SPEC, true);
    private static final ZoneAbstraction ABS = new ZoneAbstraction(SPEC);
    private static final MmGeometry G = ZoneConcretization.geometryOf(SPEC);
    private static final MigrateType[] TYPES = {MigrateType.MIGRATE_UNMOVABLE, MigrateType.MIGRATE_MOVABLE,
        MigrateType.MIGRATE_RECLAIMABLE};

    /** The engine under the monitor, with the blocks it handed out. */
    static final class Checked {
        final Zone zone = Zone.init(G);
        final BuddyMonitor monitor = new BuddyMonitor(new StepMonitor(CHECKER, () -> ABS.abstraction(zone)));
        final PageAlloc alloc = new PageAlloc(zone, monitor);
        final PageIsolation isolation = new PageIsolation(alloc);
        final List<int[]> allocated = new ArrayList<>();

        @Override
        public String toString() {
            return zone.toString();
        }
    }

    @Provide
    Arbitrary<ActionChain<Checked>> chains() {
        Supplier<Checked> start = Checked::new;
        return ActionChain.startWith(start)
                .withAction(6, rmqueue())
                .withAction(4, freeOnePage())
                .withAction(1, isolation(true))
                .withAction(1, isolation(false))
                .withMaxTransformations(80);
    }

    @Property(tries = 60)
    void everyStepRefinesTheSpec(@ForAll("chains") ActionChain<Checked> chain) {
        ActionChain<Checked> c = chain;
        for (String name : BuddyInvariants.NAMES) {
            c = c.withInvariant(name, m -> {
                List<String> v = BuddyInvariants.check(m.zone);
                if (v.stream().anyMatch(line -> line.startsWith(name + ":"))) {
                    throw new AssertionError(String.join("\n", v));
                }
            });
        }
        c.run();
    }

    /** __rmqueue(): RmqueueSmallest, or RmqueueFallback then RmqueueSmallest; a failure must be a spec refusal. */
    private static Action.Independent<Checked> rmqueue() {
        return () -> Combinators.combine(Arbitraries.integers().between(0, G.maxOrder() - 1),
                Arbitraries.of(TYPES), Arbitraries.integers().between(1, 2)).as((order, mt, owner) ->
                Transformer.mutate(StepEvent.describe(MmAction.RMQUEUE_SMALLEST, order, mt.ordinal(), owner), m -> {
                    int pfn = m.alloc.rmqueue(order, mt, owner);
                    if (pfn < 0) {
                        m.monitor.refused(new BuddyStep(MmAction.RMQUEUE_SMALLEST,
                                new int[] {order, mt.ordinal(), owner}));
                        m.monitor.refused(new BuddyStep(MmAction.RMQUEUE_FALLBACK,
                                new int[] {order, mt.ordinal()}));
                    } else {
                        m.allocated.add(new int[] {pfn, order});
                    }
                }));
    }

    /** __free_one_page() of the k-th block handed out. */
    private static Action.Independent<Checked> freeOnePage() {
        return () -> Arbitraries.integers().between(0, 63).map(k ->
                Transformer.mutate("free_one_page: allocated block #" + k, m -> {
                    if (!m.allocated.isEmpty()) {
                        int[] b = m.allocated.remove(k % m.allocated.size());
                        m.alloc.freeOnePage(b[0], b[1]);
                    }
                }));
    }

    /** set_migratetype_isolate() or unset_migratetype_isolate(MIGRATE_MOVABLE) of any pageblock. */
    private static Action.Independent<Checked> isolation(boolean isolate) {
        return () -> Arbitraries.integers().between(G.firstPageblock(), G.lastPageblock()).map(pb -> {
            MmAction a = isolate ? MmAction.SET_MIGRATETYPE_ISOLATE : MmAction.UNSET_MIGRATETYPE_ISOLATE;
            int[] args = isolate ? new int[] {pb} : new int[] {pb, MigrateType.MIGRATE_MOVABLE.ordinal()};
            return Transformer.mutate(StepEvent.describe(a, args), m -> {
                try {
                    if (isolate) {
                        m.isolation.setMigratetypeIsolate(pb);
                    } else {
                        m.isolation.unsetMigratetypeIsolate(pb, MigrateType.MIGRATE_MOVABLE);
                    }
                } catch (StepRefusedException e) {
                    m.monitor.refused(new BuddyStep(a, args));
                }
            });
        });
    }
}
