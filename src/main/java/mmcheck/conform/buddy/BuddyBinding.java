package mmcheck.conform.buddy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import mmcheck.conform.Binding;
import mmcheck.conform.SpecModel;
import mmcheck.conform.SpecStep;
import mmcheck.conform.TlcValues;
import mmcheck.event.MmAction;
import mmcheck.mm.MigrateType;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.Zone;
import mmcheck.sim.RandomWorkload;
import tlc2.tool.TLCState;
import tlc2.value.impl.Value;

/** spec/Buddy.tla's binding: the engine is a {@link Zone}, a step runs through {@link BuddyEngineSteps}. */
public final class BuddyBinding implements Binding<Zone> {
    /** Buddy.tla's variables: a model with exactly these is the allocator's. */
    static final Set<String> VARIABLES = Set.of("freeList", "nrFree", "pageBuddy", "pageOrder", "allocated",
            "pageblockMt", "freePages");

    /** Finds this binding for a model of Buddy.tla. */
    public static final class Provider implements Binding.Provider {
        @Override
        public boolean fits(SpecModel spec) {
            return Set.copyOf(spec.variableNames()).equals(VARIABLES);
        }

        @Override
        public Binding<?> bind(SpecModel spec) {
            return new BuddyBinding(spec, new BuddyEngineSteps());
        }

        @Override
        public String describe() {
            return "buddy (exactly Buddy.tla's variables)";
        }
    }

    private final SpecModel spec;
    private final BuddyEngineSteps engine;
    private final ZoneAbstraction abstraction;
    private final ZoneConcretization concretization;

    /** The binding over the model's zone, on the steps engine takes (a seeded-bug test passes its own). */
    public BuddyBinding(SpecModel spec, BuddyEngineSteps engine) {
        this.spec = spec;
        this.engine = engine;
        this.abstraction = new ZoneAbstraction(spec);
        this.concretization = new ZoneConcretization(ZoneConcretization.geometryOf(spec),
                ZoneConcretization.watermarksOf(spec));
    }

    @Override
    public String nextOperator() {
        return "Next";
    }

    @Override
    public SpecStep step(String operator, List<Value> args) {
        return BuddyStep.fromSpec(operator, args);
    }

    @Override
    public List<String> actionNames() {
        return Arrays.stream(MmAction.values()).map(MmAction::specName).toList();
    }

    @Override
    public Zone initialEngine() {
        return ZoneConcretization.initialZone(spec);
    }

    @Override
    public TLCState abstraction(Zone zone) {
        return abstraction.abstraction(zone);
    }

    @Override
    public List<Build<Zone>> concretizations(TLCState s) {
        List<Build<Zone>> out = new ArrayList<>();
        for (ZoneConcretization.HeadChoice c : concretization.headChoices(s)) {
            out.add(new Build<>(ZoneConcretization.describe(c), () -> concretization.concretization(s, c)));
        }
        return out;
    }

    @Override
    public Outcome run(Zone zone, SpecStep request) {
        List<SpecStep> steps = new ArrayList<>(1);
        try {
            engine.apply(zone, (BuddyStep) request, new BuddyMonitor(StepListener.into(steps)));
        } catch (StepRefusedException e) {
            return new Outcome(steps, String.valueOf(e.getMessage()));
        }
        return new Outcome(steps, null);
    }

    @Override
    public Runnable workload(Zone zone, StepListener listener, long seed) {
        BuddyMonitor monitor = new BuddyMonitor(listener);
        List<MigrateType> types = new ArrayList<>();
        for (Value t : TlcValues.elements(spec.value("AllocTypes"))) {
            types.add(MigrateType.valueOf(TlcValues.str(t)));
        }
        RandomWorkload w = new RandomWorkload(engine.pageAlloc(zone, monitor), types,
                TlcValues.ints(spec.value("Owners")), seed, new RandomWorkload.Refusals() {
                    @Override
                    public void refused(MmAction action, int[] args) {
                        monitor.refused(new BuddyStep(action, args));
                    }

                    @Override
                    public void refusedBecause(String reason, MmAction action, int[] args) {
                        monitor.refused(new BuddyStep(action, args), reason);
                    }
                });
        return w::next;
    }
}
