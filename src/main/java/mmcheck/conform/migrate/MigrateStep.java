package mmcheck.conform.migrate;

import mmcheck.conform.SpecStep;

import java.util.Arrays;

import mmcheck.event.MigrateAction;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.Value;

/** One instance of an Rmap.tla or Migrate.tla action: the action and its arguments as engine ints (modes as ordinals). */
public record MigrateStep(MigrateAction action, int[] args) implements SpecStep {
    private static final String[] MODE_NAMES = {"MIGRATE_ASYNC", "MIGRATE_SYNC_LIGHT", "MIGRATE_SYNC"};

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

    @Override
    public Value[] specArgs() {
        Value[] vals = new Value[args.length];
        for (int i = 0; i < vals.length; i++) {
            vals[i] = action.params().get(i).equals("mode") ? new StringValue(MODE_NAMES[args[i]])
                    : IntValue.gen(args[i]);
        }
        return vals;
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
