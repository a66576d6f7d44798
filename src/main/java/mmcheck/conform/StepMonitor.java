package mmcheck.conform;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import mmcheck.event.NamedStep;
import tlc2.tool.TLCState;

/**
 * Checks an engine's steps against the spec as they happen: after each step, the abstraction of the engine, the
 * directed action check and the invariants; after each refused request, that the spec refuses it too.
 *
 * <p>The first violation is thrown as a {@link RefinementViolation} out of the engine call that emitted the step,
 * with the recent steps for context, so a property test fails on the step itself. The engine-specific monitors
 * ({@link RefinementMonitor}, {@link MigrateRefinementMonitor}) adapt their event sinks to this.
 */
final class StepMonitor<A extends Enum<A> & NamedStep> {
    private static final int TRACE_CONTEXT = 12;

    private final StepChecker checker;
    private final Supplier<TLCState> abstraction;
    private final Map<A, Long> coverage;
    private final Deque<String> recent = new ArrayDeque<>();
    private TLCState before;
    private long steps;
    private long refusals;

    /** Starts monitoring an engine whose current state must satisfy Init and the invariants. */
    StepMonitor(StepChecker checker, Class<A> actions, Supplier<TLCState> abstraction) {
        this.checker = checker;
        this.abstraction = abstraction;
        this.coverage = new EnumMap<>(actions);
        this.before = abstraction.get();
        StepReport init = checker.checkInit(before);
        if (!init.ok()) {
            throw new RefinementViolation(init, "");
        }
    }

    /** A step ran: line is its trace form (with its result, where it has one). */
    void step(A action, SpecStep inst, String line) {
        steps++;
        remember(line);
        TLCState after = abstraction.get();
        StepReport r = checker.check(steps, inst, before, after);
        if (!r.ok()) {
            throw new RefinementViolation(r, trace());
        }
        coverage.merge(action, 1L, Long::sum);
        before = after;
    }

    /** A request the engine refused (StepRefusedException): the spec must not enable it, nor the state change. */
    void refused(SpecStep inst) {
        TLCState now = abstraction.get();
        boolean unchanged = now.equals(before) || checker.spec().values(now).equals(checker.spec().values(before));
        boolean enabled = checker.isEnabled(inst, before);
        if (enabled || !unchanged) {
            String why = enabled ? "the engine refused a step the spec enables"
                    : "the engine changed its state while refusing the step";
            StepReport r = new StepReport(steps + 1, inst.toString(), false, why, List.of(), List.of(), List.of());
            throw new RefinementViolation(r, trace());
        }
        refusals++;
    }

    private void remember(String line) {
        if (recent.size() == TRACE_CONTEXT) {
            recent.removeFirst();
        }
        recent.addLast(line);
    }

    private String trace() {
        StringBuilder sb = new StringBuilder("  last steps, oldest first:\n");
        long n = steps - recent.size() + 1;
        for (String line : recent) {
            sb.append("    ").append(n++).append("  ").append(line).append('\n');
        }
        return sb.toString();
    }

    long steps() {
        return steps;
    }

    long refusals() {
        return refusals;
    }

    Map<A, Long> coverage() {
        return coverage;
    }
}
