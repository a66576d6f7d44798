package mmcheck.conform;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

import mmcheck.event.EventSink;
import mmcheck.event.MmAction;
import mmcheck.event.StepEvent;
import mmcheck.mm.Zone;
import tlc2.tool.TLCState;

/**
 * An EventSink that checks every engine step against the spec as it happens: the abstraction of
 * the zone after the step, the directed action check, and the invariants.
 *
 * <p>The first violation is thrown as a {@link RefinementViolation} out of the engine call that
 * emitted the step, with the recent steps for context, so a property test fails on the step itself.
 */
public final class RefinementMonitor implements EventSink {
    private static final int TRACE_CONTEXT = 12;

    private final StepChecker checker;
    private final Abstraction abstraction;
    private final Zone zone;
    private final Map<MmAction, Long> coverage = new EnumMap<>(MmAction.class);
    private final Deque<String> recent = new ArrayDeque<>();
    private TLCState before;
    private long steps;
    private long refusals;

    /** Starts monitoring zone, whose current state must satisfy Init and the invariants. */
    public RefinementMonitor(StepChecker checker, Zone zone) {
        this.checker = checker;
        this.abstraction = new Abstraction(checker.spec());
        this.zone = zone;
        this.before = abstraction.abstraction(zone);
        StepReport init = checker.checkInit(before);
        if (!init.ok()) {
            throw new RefinementViolation(init, "");
        }
    }

    @Override
    public void step(MmAction action, int a0, int a1, int a2, int result) {
        int[] args = new int[action.arity()];
        int[] all = {a0, a1, a2};
        System.arraycopy(all, 0, args, 0, args.length);
        ActionInstance inst = new ActionInstance(action, args);
        steps++;
        remember(new StepEvent(action, args, result).toString());
        TLCState after = abstraction.abstraction(zone);
        StepReport r = checker.check(steps, inst, before, after);
        if (!r.ok()) {
            throw new RefinementViolation(r, trace());
        }
        coverage.merge(action, 1L, Long::sum);
        before = after;
    }

    /**
     * A step the engine refused (StepRefusedException): the spec must not enable it either, and the
     * zone must be unchanged.
     */
    public void refused(ActionInstance inst) {
        TLCState now = abstraction.abstraction(zone);
        boolean unchanged = now.equals(before) || checker.spec().values(now).equals(checker.spec().values(before));
        boolean enabled = checker.isEnabled(inst, before);
        if (enabled || !unchanged) {
            String why = enabled ? "the engine refused a step the spec enables"
                    : "the engine changed the zone while refusing the step";
            StepReport r = new StepReport(steps + 1, inst.toString(), false, why, java.util.List.of(),
                    java.util.List.of(), java.util.List.of());
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

    public long steps() {
        return steps;
    }

    public long refusals() {
        return refusals;
    }

    /** Steps checked per action. */
    public Map<MmAction, Long> coverage() {
        return new EnumMap<>(coverage);
    }
}
