package mmcheck.conform;

import java.util.ArrayList;
import java.util.List;

import mmcheck.mm.StepRefusedException;
import mmcheck.mm.Zone;
import tlc2.tool.TLCState;

/** The buddy allocator as {@link ReverseReplay} runs it: a zone per spec state, a step through {@link EngineSteps}. */
final class BuddyReplayTarget implements ReplayTarget<Zone> {
    private final SpecActions catalog;
    private final EngineSteps engine;
    private final Abstraction abstraction;
    private final Concretization concretization;

    BuddyReplayTarget(SpecModel spec, EngineSteps engine) {
        this.catalog = new SpecActions(spec);
        this.engine = engine;
        this.abstraction = new Abstraction(spec);
        this.concretization = new Concretization(Concretization.geometryOf(spec));
    }

    @Override
    public ActionCatalog catalog() {
        return catalog;
    }

    @Override
    public TLCState engineInit() {
        return abstraction.abstraction(Zone.init(concretization.geometry()));
    }

    @Override
    public List<Concretization.HeadChoice> choices(TLCState s) {
        return concretization.headChoices(s);
    }

    @Override
    public Zone concretize(TLCState s, Concretization.HeadChoice choice) {
        return concretization.concretization(s, choice);
    }

    @Override
    public List<SpecStep> run(Zone zone, SpecStep inst) {
        List<SpecStep> steps = new ArrayList<>(1);
        try {
            engine.apply(zone, (ActionInstance) inst, (action, a0, a1, a2, result) -> {
                int[] all = {a0, a1, a2};
                steps.add(new ActionInstance(action, java.util.Arrays.copyOf(all, action.arity())));
            });
        } catch (StepRefusedException e) {
            // A refusal reports no step.
        }
        return steps;
    }

    @Override
    public TLCState abstraction(Zone zone) {
        return abstraction.abstraction(zone);
    }
}
