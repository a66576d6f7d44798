package mmcheck.conform.migrate;

import mmcheck.conform.SpecStep;

import java.util.Arrays;
import java.util.List;

import mmcheck.event.MigrateAction;
import mmcheck.conform.TlcValues;
import mmcheck.mm.migrate.MigrateMode;
import tlc2.value.impl.Value;

/** One instance of an Rmap.tla or Migrate.tla action: the action and its arguments as engine ints (modes as ordinals). */
public record MigrateStep(MigrateAction action, int[] args) implements SpecStep {

    public MigrateStep {
        if (args.length != action.arity()) {
            throw new IllegalArgumentException(action.specName() + " takes " + action.params() + ", not "
                    + args.length + " arguments");
        }
        args = args.clone();
    }

    public static MigrateStep of(MigrateAction action, int... args) {
        return new MigrateStep(action, args);
    }

    /** The step an event reports; a0..a3 as {@link mmcheck.event.MigrateEventSink#step} passes them. */
    public static MigrateStep of(MigrateAction action, int a0, int a1, int a2, int a3) {
        int[] all = {a0, a1, a2, a3};
        return new MigrateStep(action, Arrays.copyOf(all, action.arity()));
    }

    @Override
    public int[] args() {
        return args.clone();
    }

    int arg(int i) {
        return args[i];
    }

    /** The engine's step that is Migrate.tla's operator applied to args, or null when the engine has none. */
    public static MigrateStep fromSpec(String operator, List<Value> args) {
        for (MigrateAction a : MigrateAction.values()) {
            if (a.specName().equals(operator) && a.arity() == args.size()) {
                int[] ints = new int[args.size()];
                for (int i = 0; i < ints.length; i++) {
                    Value v = args.get(i);
                    ints[i] = a.params().get(i).equals("mode") ? MigrateMode.valueOf(TlcValues.str(v)).ordinal()
                            : TlcValues.toInt(v);
                }
                return new MigrateStep(a, ints);
            }
        }
        return null;
    }

    @Override
    public String specForm() {
        StringBuilder sb = new StringBuilder(action.specName()).append('(');
        String[] parts = toString().substring(action.traceName().length() + 1).trim().split(" ");
        for (int i = 0; i < args.length; i++) {
            sb.append(i > 0 ? ", " : "").append(parts[i]);
        }
        return sb.append(')').toString();
    }

    /** The trace form, e.g. {@code try_to_migrate_one: proc=0 vpage=1}. */
    @Override
    public String toString() {
        return action.describe(args);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MigrateStep m && m.action == action && Arrays.equals(m.args, args);
    }

    @Override
    public int hashCode() {
        return action.hashCode() * 31 + Arrays.hashCode(args);
    }
}
