package mmcheck.conform.compaction;

import java.util.Arrays;
import java.util.List;

import mmcheck.conform.SpecStep;
import mmcheck.conform.TlcValues;
import tlc2.value.impl.Value;

/** One instance of a spec/Compaction.tla action: the action and its arguments as engine ints. */
public record CompactionStep(CompactionAction action, int[] args) implements SpecStep {

    public CompactionStep {
        if (args.length != action.arity()) {
            throw new IllegalArgumentException(action.specName() + " takes " + action.params() + ", not "
                    + args.length + " arguments");
        }
        args = args.clone();
    }

    public static CompactionStep of(CompactionAction action, int... args) {
        return new CompactionStep(action, args);
    }

    /** The step that is Compaction.tla's operator applied to args, or null when it is not a compaction action. */
    public static CompactionStep fromSpec(String operator, List<Value> args) {
        CompactionAction a = CompactionAction.ofSpec(operator, args.size());
        if (a == null) {
            return null;
        }
        int[] ints = new int[args.size()];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = TlcValues.toInt(args.get(i));
        }
        return new CompactionStep(a, ints);
    }

    @Override
    public int[] args() {
        return args.clone();
    }

    int arg(int i) {
        return args[i];
    }

    @Override
    public String specForm() {
        StringBuilder sb = new StringBuilder(action.specName()).append('(');
        for (int i = 0; i < args.length; i++) {
            sb.append(i > 0 ? ", " : "").append(action.params().get(i)).append('=').append(args[i]);
        }
        return sb.append(')').toString();
    }

    /** The trace form, e.g. {@code mm_compaction_finished} or {@code migrate_pages: pfn=0x4}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(action.traceName());
        for (int i = 0; i < args.length; i++) {
            sb.append(i == 0 ? ": " : " ").append(action.params().get(i)).append('=')
                    .append(action.params().get(i).equals("pfn") ? "0x" + Integer.toHexString(args[i])
                            : Integer.toString(args[i]));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompactionStep c && c.action == action && Arrays.equals(c.args, args);
    }

    @Override
    public int hashCode() {
        return action.hashCode() * 31 + Arrays.hashCode(args);
    }
}
