package mmcheck.conform.compaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

import mmcheck.conform.Binding;
import mmcheck.conform.SpecLoadException;
import mmcheck.conform.SpecModel;
import mmcheck.conform.SpecStep;
import mmcheck.conform.TlcValues;
import mmcheck.conform.buddy.BuddyStep;
import mmcheck.conform.buddy.ZoneConcretization;
import mmcheck.conform.migrate.MigrateStep;
import mmcheck.event.MigrateAction;
import mmcheck.event.MmAction;
import mmcheck.mm.MigrateType;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.compaction.CompactPriority;
import mmcheck.mm.compaction.CompactZoneSteps;
import mmcheck.mm.compaction.Compaction;
import mmcheck.mm.compaction.CompactionCounters;
import mmcheck.mm.compaction.CompactionNode;
import mmcheck.mm.compaction.CompactionMigrator;
import mmcheck.mm.migrate.AddressSpaces;
import mmcheck.mm.migrate.PageTableMigration;
import tlc2.tool.TLCState;
import tlc2.value.impl.Value;

/**
 * spec/Compaction.tla's binding: the engine is a {@link CompactZoneSteps} over a {@link Compaction} of the model's
 * zone whose migrator works on the processes' page tables ({@link PageTableMigration} over {@link AddressSpaces}); a
 * compaction step runs through its step methods (one page of migrate_pages(), one turn of the free scanner, one
 * page of the putback and of release_freepages()), kcompactd's and proactive compaction's through the zone's
 * {@link CompactionNode}, an allocator step through the zone's {@link PageAlloc}, a process step (fault, unmap, pin,
 * unpin) through the address spaces. The triggers the model's Triggers leave out are refused, and their actions are
 * not required in coverage.
 *
 * <p>Every compaction action of Next has a step here. The fast searches (fast_find_migrateblock(),
 * fast_isolate_freepages()) open their scanner's turn, and the engine reports whether a hit ended it there or the
 * scan went on: a request for either step runs the turn, and the reverse replay, which builds the engine for a spec
 * state through {@link CompactionConcretization}, lets the engine pick ({@link #engineChooses}).
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

    /** The engine's compaction over an allocator and a migrator, with the model's COMPACT_CLUSTER_MAX. */
    public static BiFunction<PageAlloc, CompactionMigrator, Compaction> engine(SpecModel spec) {
        int clusterMax = TlcValues.toInt(spec.value("CompactClusterMax"));
        return (pa, m) -> new Compaction(pa, m, new CompactionCounters(), clusterMax);
    }

    /**
     * That engine with the model's PAGE_ALLOC_COSTLY_ORDER (CostlyOrder) and extfrag_threshold (ExtfragThreshold),
     * so that its compaction_suitable() and fast_find_migrateblock() judge as the spec's, seeded bugs included.
     */
    private static BiFunction<PageAlloc, CompactionMigrator, Compaction> withModelTunables(SpecModel spec,
            BiFunction<PageAlloc, CompactionMigrator, Compaction> engine) {
        int costlyOrder = TlcValues.toInt(spec.value("CostlyOrder"));
        if (costlyOrder < 0 || costlyOrder > Compaction.PAGE_ALLOC_COSTLY_ORDER) {
            throw new SpecLoadException(spec.cfg().getFileName() + ": CostlyOrder " + costlyOrder
                    + " is outside 0.." + Compaction.PAGE_ALLOC_COSTLY_ORDER + " (PAGE_ALLOC_COSTLY_ORDER)");
        }
        int extfragThreshold = TlcValues.toInt(spec.value("ExtfragThreshold"));
        return (pa, m) -> {
            Compaction c = engine.apply(pa, m);
            c.setCostlyOrder(costlyOrder);
            c.setExtfragThreshold(extfragThreshold);
            return c;
        };
    }

    private final SpecModel spec;
    private final BiFunction<PageAlloc, CompactionMigrator, Compaction> engine;
    private final CompactionAbstraction abstraction;
    private final CompactionConcretization concretization;
    private final String next;
    /** The owners whose blocks the allocator frees: AllocatorOwners and DirectOwner. */
    private final int[] freeOwners;
    /** The node kcompactd runs on, around the zone's steps. */
    private final Function<CompactZoneSteps, CompactionNode> node;
    /** The model's Triggers. */
    private final Set<String> triggers;

    /** The binding on the compaction that engine builds over an allocator (a seeded bug, in a test). */
    public CompactionBinding(SpecModel spec, BiFunction<PageAlloc, CompactionMigrator, Compaction> engine) {
        this(spec, engine, CompactionNode::new);
    }

    /** The binding on that compaction engine in the node that node builds (a seeded bug in kcompactd, in a test). */
    public CompactionBinding(SpecModel spec, BiFunction<PageAlloc, CompactionMigrator, Compaction> engine,
            Function<CompactZoneSteps, CompactionNode> node) {
        if (!spec.defines("CompactionNext")) {
            throw new SpecLoadException(spec.cfg().getFileName() + " is not a model of spec/Compaction.tla");
        }
        this.spec = spec;
        this.engine = withModelTunables(spec, engine);
        this.abstraction = new CompactionAbstraction(spec);
        // The model narrows Next to the steps the engine takes (MCCompactionBind's BindNext).
        this.next = spec.defines("BindNext") ? "BindNext" : "CompactionNext";
        int[] owners = TlcValues.ints(spec.value("AllocatorOwners"));
        this.freeOwners = Arrays.copyOf(owners, owners.length + 1);
        freeOwners[owners.length] = TlcValues.toInt(spec.value("DirectOwner"));
        this.node = node;
        this.triggers = TlcValues.elements(spec.value("Triggers")).stream().map(TlcValues::str)
                .collect(Collectors.toUnmodifiableSet());
        Zone z = initialEngine().compaction().zone();
        this.concretization = new CompactionConcretization(spec, this.engine, node,
                new ZoneConcretization.ZoneWatermarks(z.minWmark(), z.lowWmark(), z.lowmemReserve()));
    }

    @Override
    public String nextOperator() {
        return next;
    }

    @Override
    public SpecStep step(String operator, List<Value> args) {
        SpecStep s = CompactionStep.fromSpec(operator, args);
        if (s == null) {
            s = BuddyStep.fromSpec(operator, args);
        }
        return s != null ? s : MigrateStep.fromSpec(operator, args);
    }

    @Override
    public List<String> actionNames() {
        List<String> names = new ArrayList<>();
        // Only what the engine takes as one step; the other compaction actions are refused (see the class comment).
        Arrays.stream(CompactionAction.values()).filter(CompactionAction::supported).filter(this::triggered)
                .map(CompactionAction::specName).forEach(names::add);
        for (MmAction a : List.of(MmAction.RMQUEUE_SMALLEST, MmAction.RMQUEUE_FALLBACK, MmAction.FREE_ONE_PAGE)) {
            names.add(a.specName());
        }
        for (MigrateAction a : CompactionWorkload.PROCESS_STEPS) {
            names.add(a.specName());
        }
        return names;
    }

    @Override
    public CompactZoneSteps initialEngine() {
        // The model's WmarkMin, WmarkLow and LowmemReserve: the zone's watermark tests are part of the steps checked.
        Zone zone = ZoneConcretization.initialZone(spec);
        PageAlloc pa = new PageAlloc(zone);
        AddressSpaces as = new AddressSpaces(pa, TlcValues.ints(spec.value("Procs")).length,
                TlcValues.ints(spec.value("Vpages")).length, TlcValues.toInt(spec.value("AnonOwner")));
        as.setMaxPins(TlcValues.toInt(spec.value("MaxPins")));
        CompactZoneSteps steps = new CompactZoneSteps(engine.apply(pa, new PageTableMigration(as)),
                TlcValues.toInt(spec.value("DirectOwner")), node);
        steps.node().setCompactionProactiveness(TlcValues.toInt(spec.value("CompactionProactiveness")));
        return steps;
    }

    /** Whether the model's Triggers enable the action's trigger (a step of any run needs none). */
    private boolean triggered(CompactionAction a) {
        return a.trigger() == null || triggers.contains(a.trigger());
    }

    @Override
    public TLCState abstraction(CompactZoneSteps engine) {
        return abstraction.abstraction(engine);
    }

    @Override
    public List<Build<CompactZoneSteps>> concretizations(TLCState s) {
        List<Build<CompactZoneSteps>> out = new ArrayList<>();
        for (CompactionConcretization.Choice c : concretization.choices(s)) {
            out.add(new Build<>(c.describe(), () -> concretization.concretization(s, c)));
        }
        return out;
    }

    /**
     * A turn of isolate_freepages() runs fast_isolate_freepages() first, whose scan limits (search_order, the
     * free-list order, compact_init_free_pfn) the spec does not keep: the spec allows each block the search may take,
     * and the linear walk when it may take none; the engine takes one of them. So does the migrate scanner's first
     * turn with fast_find_migrateblock() (its freelist_scan_limit() and list order).
     */
    @Override
    public boolean engineChooses(SpecStep step) {
        return step instanceof CompactionStep c && (c.action() == CompactionAction.FAST_ISOLATE_FREEPAGES
                || c.action() == CompactionAction.ISOLATE_FREEPAGES_BLOCK
                || c.action() == CompactionAction.FAST_FIND_MIGRATEBLOCK
                || c.action() == CompactionAction.ISOLATE_MIGRATEPAGES_BLOCK);
    }

    @Override
    public Outcome run(CompactZoneSteps steps, SpecStep request) {
        SpecStep taken = request;
        try {
            if (request instanceof BuddyStep b) {
                allocate(steps.compaction().pageAlloc(), b, freeOwners);
            } else if (request instanceof MigrateStep m) {
                process(steps, m);
            } else {
                CompactionStep c = (CompactionStep) request;
                if (!triggered(c.action())) {
                    throw new StepRefusedException(c.action().kernelName(), "the model's Triggers leave out \""
                            + c.action().trigger() + "\"");
                }
                taken = compact(steps, c);
            }
        } catch (StepRefusedException e) {
            return Outcome.refused(String.valueOf(e.getMessage()));
        }
        return new Outcome(List.of(taken), null);
    }

    /** A process's step on the page tables; a fault takes its page as Rmap.tla does, off the movable lists only. */
    private static void process(CompactZoneSteps steps, MigrateStep m) {
        AddressSpaces as = ((PageTableMigration) steps.compaction().migrator()).addressSpaces();
        int[] a = m.args();
        switch (m.action()) {
            case DO_ANONYMOUS_PAGE -> {
                if (!movableFree(steps.compaction().zone())) {
                    throw new StepRefusedException("do_anonymous_page", "no free block on the MIGRATE_MOVABLE lists "
                            + "(Rmap.tla's AllocUserPage takes no fallback)");
                }
                as.doAnonymousPage(a[0], a[1]);
            }
            case ZAP_PTE_RANGE -> as.zapPteRange(a[0], a[1]);
            case PIN_USER_PAGES -> as.pinUserPages(a[0], a[1]);
            case UNPIN_USER_PAGE -> as.unpinUserPage(a[0]);
            default -> throw new StepRefusedException(m.action().kernelName(), "not a process step of "
                    + "Compaction.tla's Next");
        }
    }

    private static boolean movableFree(Zone zone) {
        for (int o = 0; o < zone.geometry().maxOrder(); o++) {
            if (!zone.freeArea().isEmpty(o, MigrateType.MIGRATE_MOVABLE.ordinal())) {
                return true;
            }
        }
        return false;
    }

    /** The allocator's step; it frees only its own blocks and direct compaction's (AllocatorStep's owners). */
    private static void allocate(PageAlloc alloc, BuddyStep b, int[] freeOwners) {
        int[] a = b.args();
        switch (b.action()) {
            case RMQUEUE_SMALLEST -> alloc.rmqueueSmallest(a[0], MigrateType.values()[a[1]], a[2]);
            case RMQUEUE_FALLBACK -> alloc.rmqueueFallback(a[0], MigrateType.values()[a[1]]);
            case FREE_ONE_PAGE -> {
                Zone zone = alloc.zone();
                if (zone.geometry().contains(a[0]) && zone.isAllocated(a[0])
                        && Arrays.stream(freeOwners).noneMatch(o -> o == zone.allocatedOwner(a[0]))) {
                    throw new StepRefusedException("free_one_page", "the block at 0x" + Integer.toHexString(a[0])
                            + " is not the allocator's to free");
                }
                alloc.freeOnePage(a[0], a[1]);
            }
            default -> throw new StepRefusedException(b.action().kernelName(), "not an allocator step of "
                    + "Compaction.tla's Next");
        }
    }

    /** Runs the compaction step; returns the step the engine took (a turn of the free scanner picks its own). */
    private static SpecStep compact(CompactZoneSteps steps, CompactionStep c) {
        switch (c.action()) {
            case FAST_ISOLATE_FREEPAGES, ISOLATE_FREEPAGES_BLOCK -> {
                int fast = steps.isolateFreepagesBlock();
                return fast >= 0 ? CompactionStep.of(CompactionAction.FAST_ISOLATE_FREEPAGES, fast)
                        : CompactionStep.of(CompactionAction.ISOLATE_FREEPAGES_BLOCK);
            }
            case FAST_FIND_MIGRATEBLOCK, ISOLATE_MIGRATEPAGES_BLOCK -> {
                int found = steps.isolateMigratepagesBlock();
                return found >= 0 ? CompactionStep.of(CompactionAction.FAST_FIND_MIGRATEBLOCK, found)
                        : CompactionStep.of(CompactionAction.ISOLATE_MIGRATEPAGES_BLOCK);
            }
            case MIGRATE_PAGES -> steps.migratePages(c.arg(0));
            case COMPACTION_ALLOC -> steps.compactionAlloc();
            case MIGRATE_PAGES_RETURN -> steps.migratePagesReturn();
            case PUTBACK_MOVABLE_PAGES -> steps.putbackMovablePages(c.arg(0));
            case RELEASE_FREEPAGES -> steps.releaseFreepages(c.arg(0));
            case COMPACT_MEMORY -> steps.compactMemory();
            case COMPACT_ZONE_START -> steps.compactZoneStart();
            case COMPACT_FINISHED -> steps.compactFinished();
            case COMPACT_NODE_END -> steps.compactNodeEnd();
            case TRY_TO_COMPACT_PAGES -> steps.tryToCompactPages(c.arg(0), priority(c.arg(1)));
            case COMPACTION_SUITABLE -> steps.compactionSuitable();
            case TRY_TO_COMPACT_PAGES_END -> steps.tryToCompactPagesEnd();
            case RESET_ISOLATION_SUITABLE -> steps.resetIsolationSuitable();
            case WAKEUP_KCOMPACTD -> steps.node().wakeupKcompactd(c.arg(0), 0);
            case KCOMPACTD_DO_WORK -> steps.node().kcompactdDoWork();
            case KCOMPACTD_DO_WORK_END -> steps.node().kcompactdDoWorkEnd();
            case PROACTIVE_COMPACT_NODE -> steps.node().proactiveCompactNode();
            case PROACTIVE_COMPACT_NODE_END -> steps.node().proactiveCompactNodeEnd();
            case KCOMPACTD_TIMEOUT -> steps.node().kcompactdTimeout();
            default -> throw new StepRefusedException(c.action().kernelName(), "the engine takes "
                    + c.action().specName() + " only inside " + c.action().javaMethod() + ", not as one step");
        }
        return c;
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
                TlcValues.ints(spec.value("DirectOrders")), TlcValues.ints(spec.value("DirectPrios")),
                TlcValues.ints(spec.value("Vpages")).length, seed);
        w.kcompactd(triggers, TlcValues.ints(spec.value("KcompactdOrders")));
        w.directOnly(triggers);
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
