package mmcheck.conform.buddy;

import mmcheck.conform.SpecStep;

import java.util.Arrays;
import java.util.List;

import mmcheck.conform.TlcValues;
import mmcheck.event.MmAction;
import mmcheck.event.ParamKind;
import mmcheck.mm.MigrateType;
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

    /** The allocator's step that is Buddy.tla's operator applied to args, or null when the allocator has none. */
    public static BuddyStep fromSpec(String operator, List<Value> args) {
        for (MmAction a : MmAction.values()) {
            if (a.specName().equals(operator) && a.arity() == args.size()) {
                int[] ints = new int[args.size()];
                for (int i = 0; i < ints.length; i++) {
                    Value v = args.get(i);
                    ints[i] = a.params().get(i) == ParamKind.MIGRATETYPE
                            ? MigrateType.valueOf(TlcValues.str(v)).ordinal() : TlcValues.toInt(v);
                }
                return new BuddyStep(a, ints);
            }
        }
        return null;
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
