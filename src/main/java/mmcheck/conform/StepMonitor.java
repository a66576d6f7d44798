package mmcheck.conform;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import tlc2.tool.TLCState;

/**
 * Checks an engine's steps against the spec as they happen: after each step, the abstraction of the engine, the
 * directed action check and the invariants; after each refused request, that the spec refuses it too.
 *
 * <p>The first violation is thrown as a {@link RefinementViolation} out of the engine call that emitted the step,
 * with the recent steps for context, so a property test fails on the step itself. A binding's event sink
 * forwards to it as a {@link Binding.StepListener}.
 */
public final class StepMonitor implements Binding.StepListener {
    private static final int TRACE_CONTEXT = 12;
    /** The finding when the engine's state moved between requests with no step reported. */
    public static final String UNREPORTED =
            "the engine changed its state without reporting a step (found before the next request; last state -> now)";

    /** The finding when the engine's state moved between two steps of one call with no step reported. */
    public static final String UNREPORTED_BETWEEN = "the engine changed its state without a step";

    /** unreportedBetween() - the finding for a change found after the step named by after: what changed. */
    static String unreportedBetween(String after, List<String> changed) {
        return UNREPORTED_BETWEEN + " (found after " + after + ", before the next step; last state -> now): "
                + String.join("; ", changed);
    }

    private final StepChecker checker;
    private final Supplier<TLCState> abstraction;
    private final Map<String, Long> coverage = new LinkedHashMap<>();
    private final Deque<String> recent = new ArrayDeque<>();
    private TLCState before;
    private long steps;
    private long refusals;

    /** Starts monitoring an engine whose current state (abstraction) must satisfy Init and the invariants. */
    public StepMonitor(StepChecker checker, Supplier<TLCState> abstraction) {
        this.checker = checker;
        this.abstraction = abstraction;
        this.before = abstraction.get();
        StepReport init = checker.checkInit(before);
        if (!init.ok()) {
            throw new RefinementViolation(init, "");
        }
    }

    @Override
    public void step(SpecStep step, String line) {
        steps++;
        remember(line);
        TLCState after = abstraction.get();
        StepReport r = checker.check(steps, step, before, after);
        if (!r.ok()) {
            throw new RefinementViolation(r, trace());
        }
        coverage.merge(step.specName(), 1L, Long::sum);
        before = after;
    }

    /** A request the engine refused (StepRefusedException): the spec must not enable it, nor the state change. */
    @Override
    public void refused(SpecStep request) {
        refused(request, null);
    }

    /** As above; reason, the engine's own, goes into the report. */
    @Override
    public void refused(SpecStep request, String reason) {
        TLCState now = abstraction.get();
        boolean unchanged = checker.spec().sameState(before, now);
        boolean enabled = checker.isEnabled(request, before);
        if (enabled || !unchanged) {
            String why = (enabled ? "the engine refused a step the spec enables"
                    : "the engine changed its state while refusing the step")
                    + (reason == null ? "" : "; the engine's reason: " + reason);
            StepReport r = new StepReport(steps + 1, request.toString(), false, why, List.of(), List.of(), List.of());
            throw new RefinementViolation(r, trace());
        }
        refusals++;
    }

    /**
     * checkUnreported() - before a request: the engine is still in the state the last checked step left. A change
     * the engine made without reporting a step would otherwise be blamed on the next step it reports.
     */
    public void checkUnreported() {
        TLCState now = abstraction.get();
        if (!checker.spec().sameState(before, now)) {
            List<String> d = checker.spec().diff(before, now, 8);
            StepReport r = new StepReport(steps, lastStep() == null ? "the initial state" : lastStep(), false,
                    UNREPORTED, d, List.of(), List.of());
            StringBuilder sb = new StringBuilder("after step ").append(steps).append(" (")
                    .append(r.instance()).append("): ").append(UNREPORTED).append('\n');
            d.forEach(line -> sb.append("  ").append(line).append('\n'));
            throw new RefinementViolation(r, sb + trace(), true);
        }
    }

    /**
     * between() - inside one request (a driver call such as migrate_pages()), between two of its steps: the engine
     * is still in the state the last checked step left. A change made there would be blamed on the next step.
     */
    @Override
    public void between() {
        TLCState now = abstraction.get();
        if (!StateId.of(now).equals(StateId.of(before))) {
            List<String> d = checker.spec().diff(before, now, 8);
            String last = lastStep() == null ? "the initial state" : lastStep();
            StepReport r = new StepReport(steps, last, false, UNREPORTED_BETWEEN, d, List.of(), List.of());
            String after = lastStep() == null ? last : "step " + steps + " (" + last + ")";
            throw new RefinementViolation(r, unreportedBetween(after, d) + "\n" + trace(), true);
        }
    }

    private void remember(String line) {
        if (recent.size() == TRACE_CONTEXT) {
            recent.removeFirst();
        }
        recent.addLast(line);
    }

    /** The last steps, oldest first, numbered as in the run. */
    public String trace() {
        StringBuilder sb = new StringBuilder("  last steps, oldest first:\n");
        long n = steps - recent.size() + 1;
        for (String line : recent) {
            sb.append("    ").append(n++).append("  ").append(line).append('\n');
        }
        return sb.toString();
    }

    /** The trace form of the last step checked, or null before the first. */
    public String lastStep() {
        return recent.peekLast();
    }

    /** The state the last checked step left (the state before the next step or refusal). */
    public TLCState state() {
        return before;
    }

    public long steps() {
        return steps;
    }

    public long refusals() {
        return refusals;
    }

    /** Steps checked per spec action, in the order they first ran. */
    public Map<String, Long> coverage() {
        return coverage;
    }
}
