package mmcheck.conform.compaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import mmcheck.conform.Binding;
import mmcheck.conform.SpecLoadException;
import mmcheck.conform.SpecModel;
import mmcheck.conform.SpecStep;
import mmcheck.conform.TlcValues;
import mmcheck.conform.buddy.BuddyStep;
import mmcheck.conform.buddy.ZoneConcretization;
import mmcheck.event.MmAction;
import mmcheck.mm.MigrateType;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.compaction.AtomicMigration;
import mmcheck.mm.compaction.CompactPriority;
import mmcheck.mm.compaction.CompactZoneSteps;
import mmcheck.mm.compaction.Compaction;
import mmcheck.mm.compaction.CompactionCounters;
import tlc2.tool.TLCState;
import tlc2.value.impl.Value;

/**
 * spec/Compaction.tla's binding: the engine is a {@link CompactZoneSteps} over a {@link Compaction} of the model's
 * zone; a compaction step runs through its step methods, an allocator step through the zone's {@link PageAlloc}.
 *
 * <p>Every compaction action of Next has a step here; those the engine takes only inside a larger call (migration,
 * the free scanner, the direct and kcompactd triggers: {@link CompactionAction#supported()} false) are refused, and
 * the monitor checks that the spec does not enable them either. The reverse replay needs a concretization, which
 * this binding does not have yet: asking for one is a one-line error.
 */
public final class CompactionBinding implements Binding<CompactZoneSteps> {

    /** Finds this binding for a model of Compaction.tla. */
    public static final class Provider implements Binding.Provider {
        @Override
        public boolean fits(SpecModel spec) {
            // The engine has no page tables: only a model that narrows Next to what it takes (BindNext) fits.
            return spec.defines("CompactionNext") && spec.defines("BindNext");
        }

        @Override
        public Binding<?> bind(SpecModel spec) {
            return new CompactionBinding(spec, engine(spec));
        }

        @Override
        public String describe() {
            return "compaction (a Compaction.tla model that defines BindNext, as MCCompactionBind)";
        }
    }

    /** The engine's compaction over an allocator, with the model's COMPACT_CLUSTER_MAX. */
    public static Function<PageAlloc, Compaction> engine(SpecModel spec) {
        int clusterMax = TlcValues.toInt(spec.value("CompactClusterMax"));
        return pa -> new Compaction(pa, new AtomicMigration(pa), new CompactionCounters(), clusterMax);
    }

    private final SpecModel spec;
    private final Function<PageAlloc, Compaction> engine;
    private final CompactionAbstraction abstraction;
    private final String next;

    /** The binding on the compaction that engine builds over an allocator (a seeded bug, in a test). */
    public CompactionBinding(SpecModel spec, Function<PageAlloc, Compaction> engine) {
        if (!spec.defines("CompactionNext")) {
            throw new SpecLoadException(spec.cfg().getFileName() + " is not a model of spec/Compaction.tla");
        }
        this.spec = spec;
        this.engine = engine;
        this.abstraction = new CompactionAbstraction(spec);
        // The model narrows Next to the steps the engine takes (MCCompactionBind's BindNext).
        this.next = spec.defines("BindNext") ? "BindNext" : "CompactionNext";
    }

    @Override
    public String nextOperator() {
        return next;
    }

    @Override
    public SpecStep step(String operator, List<Value> args) {
        SpecStep s = CompactionStep.fromSpec(operator, args);
        return s != null ? s : BuddyStep.fromSpec(operator, args);
    }

    @Override
    public List<String> actionNames() {
        List<String> names = new ArrayList<>();
        // Only what the engine takes as one step; the other compaction actions are refused (see the class comment).
        Arrays.stream(CompactionAction.values()).filter(CompactionAction::supported).map(CompactionAction::specName)
                .forEach(names::add);
        for (MmAction a : List.of(MmAction.RMQUEUE_SMALLEST, MmAction.RMQUEUE_FALLBACK, MmAction.FREE_ONE_PAGE)) {
            names.add(a.specName());
        }
        return names;
    }

    @Override
    public CompactZoneSteps initialEngine() {
        Zone zone = Zone.init(ZoneConcretization.geometryOf(spec));
        return new CompactZoneSteps(engine.apply(new PageAlloc(zone)), TlcValues.toInt(spec.value("DirectOwner")));
    }

    @Override
    public TLCState abstraction(CompactZoneSteps engine) {
        return abstraction.abstraction(engine);
    }

    @Override
    public List<Build<CompactZoneSteps>> concretizations(TLCState s) {
        throw new SpecLoadException(spec.cfg().getFileName() + ": the compaction binding has no concretization yet "
                + "(a spec state cannot be built as an engine), so the reverse replay cannot run on it; use refine");
    }

    @Override
    public Outcome run(CompactZoneSteps steps, SpecStep request) {
        try {
            if (request instanceof BuddyStep b) {
                allocate(steps.compaction().pageAlloc(), b);
            } else {
                compact(steps, (CompactionStep) request);
            }
        } catch (StepRefusedException e) {
            return Outcome.refused(String.valueOf(e.getMessage()));
        }
        return new Outcome(List.of(request), null);
    }

    private static void allocate(PageAlloc alloc, BuddyStep b) {
        int[] a = b.args();
        switch (b.action()) {
            case RMQUEUE_SMALLEST -> alloc.rmqueueSmallest(a[0], MigrateType.values()[a[1]], a[2]);
            case RMQUEUE_FALLBACK -> alloc.rmqueueFallback(a[0], MigrateType.values()[a[1]]);
            case FREE_ONE_PAGE -> alloc.freeOnePage(a[0], a[1]);
            default -> throw new StepRefusedException(b.action().kernelName(), "not an allocator step of "
                    + "Compaction.tla's Next");
        }
    }

    private static void compact(CompactZoneSteps steps, CompactionStep c) {
        switch (c.action()) {
            case COMPACT_MEMORY -> steps.compactMemory();
            case COMPACT_ZONE_START -> steps.compactZoneStart();
            case COMPACT_FINISHED -> steps.compactFinished();
            case ISOLATE_MIGRATEPAGES_BLOCK -> steps.isolateMigratepagesBlock();
            case COMPACT_NODE_END -> steps.compactNodeEnd();
            case TRY_TO_COMPACT_PAGES -> steps.tryToCompactPages(c.arg(0), priority(c.arg(1)));
            case COMPACTION_SUITABLE -> steps.compactionSuitable();
            case TRY_TO_COMPACT_PAGES_END -> steps.tryToCompactPagesEnd();
            case RESET_ISOLATION_SUITABLE -> steps.resetIsolationSuitable();
            default -> throw new StepRefusedException(c.action().kernelName(), "the engine takes "
                    + c.action().specName() + " only inside " + c.action().javaMethod() + ", not as one step");
        }
    }

    private static CompactPriority priority(int prio) {
        if (prio < 0 || prio >= CompactPriority.values().length) {
            throw new StepRefusedException("try_to_compact_pages", "no compact_priority " + prio);
        }
        return CompactPriority.values()[prio];
    }

    @Override
    public Runnable workload(CompactZoneSteps steps, StepListener listener, long seed) {
        CompactionWorkload w = new CompactionWorkload(steps, TlcValues.ints(spec.value("AllocatorOwners")),
                TlcValues.ints(spec.value("DirectOrders")), TlcValues.ints(spec.value("DirectPrios")), seed);
        return () -> {
            SpecStep request = w.next();
            Outcome o = run(steps, request);
            if (o.isRefused()) {
                listener.refused(request);
            } else {
                for (SpecStep s : o.steps()) {
                    listener.step(s, s.toString());
                }
            }
        };
    }
}
