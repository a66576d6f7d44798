package mmcheck.conform;

import java.util.ArrayList;
import java.util.List;

import tlc2.tool.TLCState;

/**
 * One run of a binding's driver (a whole kernel call such as migrate_pages()) on the engine built for a spec state:
 * each step it reports must be the catalogue's instance it names, from the state the previous step left, with the
 * engine's hidden state carried along; and when the call returns, the engine must be where its last step left it.
 *
 * @param <E> the engine
 */
final class DriverRun<E> implements Binding.StepListener {
    private final SpecModel spec;
    private final Binding<E> binding;
    private final Catalog catalog;
    private final E engine;
    private final List<String> path = new ArrayList<>();
    private final List<String> actions = new ArrayList<>();
    private TLCState last;
    private String failure;

    private DriverRun(SpecModel spec, Binding<E> binding, Catalog catalog, E engine, TLCState s) {
        this.spec = spec;
        this.binding = binding;
        this.catalog = catalog;
        this.engine = engine;
        this.last = s;
    }

    /** run() - driver d on the canonical engine for s, every step checked. */
    static <E> DriverRun<E> run(SpecModel spec, Binding<E> b, Catalog catalog, TLCState s, Binding.Driver<E> d) {
        DriverRun<E> r = new DriverRun<>(spec, b, catalog, b.concretizations(s).get(0).engine().get(), s);
        Binding.Outcome outcome = null;
        try {
            outcome = d.run(r.engine, r);
        } catch (RuntimeException e) {
            r.fail("the engine threw " + EngineFault.describe(e));
        }
        TLCState end = b.abstraction(r.engine);
        if (r.failure == null && !StateId.of(end).equals(StateId.of(r.last))) {
            r.fail(StepMonitor.UNREPORTED.replace("before the next request", "when the call returned") + ": "
                    + String.join("; ", spec.diff(r.last, end, 6)));
        }
        if (r.failure != null) {
            r.failure = d.name() + (outcome != null && outcome.isRefused() ? " (refused: " + outcome.refusal() + ")"
                    : "") + ": " + r.failure + "; its steps: " + String.join(", ", r.path);
        }
        return r;
    }

    /** What went wrong, with the driver's name and its steps; null when every step was a spec step. */
    String failure() {
        return failure;
    }

    /** The spec action of each step checked, in order. */
    List<String> actions() {
        return actions;
    }

    boolean tookSteps() {
        return !path.isEmpty();
    }

    @Override
    public void step(SpecStep step, String line) {
        if (failure != null) {
            return;
        }
        path.add(line);
        actions.add(step.specName());
        TLCState u = binding.abstraction(engine);
        Catalog.Entry e = catalog.entry(step);
        if (e == null) {
            fail("step " + path.size() + " (" + line + ") is no instance of " + catalog.next());
        } else if (!catalog.holds(e, last, u)) {
            List<TLCState> succ = catalog.successors(e, last);
            fail("step " + path.size() + " (" + line + ") is not a spec step" + (succ.isEmpty()
                    ? ": " + step.specForm() + " is not enabled there"
                    : " (spec -> engine): " + String.join("; ", spec.diff(succ.get(0), u, 6))));
        }
        last = u;
    }

    /** Between two steps of the call: a change here belongs to no step, and is reported as such, not as the next. */
    @Override
    public void between() {
        if (failure != null) {
            return;
        }
        TLCState now = binding.abstraction(engine);
        if (!StateId.of(now).equals(StateId.of(last))) {
            fail(StepMonitor.unreportedBetween(path.isEmpty() ? "the call's start" : "step " + path.size() + " ("
                    + path.get(path.size() - 1) + ")", spec.diff(last, now, 6)));
        }
    }

    @Override
    public void refused(SpecStep request) {
        // A driver's refusal ends the call; the state check after it sees any change.
    }

    private void fail(String why) {
        if (failure == null) {
            failure = why;
        }
    }
}
