package mmcheck.conform.buddy;

import mmcheck.conform.SpecStep;

import java.util.Arrays;

import mmcheck.event.MmAction;
import mmcheck.event.StepEvent;
import tlc2.value.impl.Value;

/** One instance of a Buddy.tla action: the action and its arguments as engine ints (migratetypes as ordinals). */
public record BuddyStep(MmAction action, int[] args) implements SpecStep {
    public BuddyStep {
        args = args.clone();
    }

    public static BuddyStep of(StepEvent e) {
        return new BuddyStep(e.action(), e.args());
    }

    @Override
    public int[] args() {
        return args.clone();
    }

    int arg(int i) {
        return args[i];
    }

    @Override
    public Value[] specArgs() {
        Value[] vals = new Value[args.length];
        for (int i = 0; i < vals.length; i++) {
            vals[i] = BuddyActions.value(action.params().get(i), args[i]);
        }
        return vals;
    }

    /** The trace form, e.g. {@code free_one_page: pfn=0x4 order=1}. */
    @Override
    public String toString() {
        return StepEvent.describe(action, args);
    }

    /** The spec form, e.g. {@code FreeOnePage(pfn=0x4, order=1)}. */
    @Override
    public String specForm() {
        StringBuilder sb = new StringBuilder(action.specName()).append('(');
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(action.paramNames().get(i)).append('=').append(action.params().get(i).render(args[i]));
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BuddyStep a && a.action == action && Arrays.equals(a.args, args);
    }

    @Override
    public int hashCode() {
        return action.hashCode() * 31 + Arrays.hashCode(args);
    }
}
