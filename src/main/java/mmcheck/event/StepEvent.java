package mmcheck.event;

import java.util.Arrays;
import java.util.List;

/**
 * StepEvent - one engine step as data: the action, its arguments in TLA+ parameter order, and the pfn it
 * returned (-1 if none).
 *
 * <p>{@link #toString()} writes the trace form {@code mm_page_alloc_zone_locked: order=1 migratetype=MIGRATE_MOVABLE
 * owner=3 pfn=0x40}; the trailing {@code pfn=} is the result and is absent when the step returns nothing. The result
 * is not a spec parameter: it only helps a reader follow which block a step touched.
 */
public record StepEvent(MmAction action, int[] args, int result) {

    /** Key under which {@link #toString()} renders the result. */
    public static final String RESULT_KEY = "pfn";

    /**
     * @throws IllegalArgumentException if the number of arguments is not the action's arity
     */
    public StepEvent {
        if (args.length != action.arity()) {
            throw new IllegalArgumentException(action.traceName() + " takes " + action.arity()
                    + " arguments " + action.paramNames() + ", not " + args.length);
        }
        args = args.clone();
    }

    /** An event without a result. */
    public static StepEvent of(MmAction action, int... args) {
        return new StepEvent(action, args, -1);
    }

    @Override
    public int[] args() {
        return args.clone();
    }

    /** The argument of the named parameter. */
    public int arg(String paramName) {
        int i = action.paramNames().indexOf(paramName);
        if (i < 0) {
            throw new IllegalArgumentException(action.traceName() + " has no parameter '" + paramName + "'");
        }
        return args[i];
    }

    /** The parameters alone, without the result: {@code name: key=value ...}. */
    public String describe() {
        return describe(action, args);
    }

    /** The trace form of a step with these arguments, e.g. a jqwik transformer description. */
    public static String describe(MmAction action, int... args) {
        StringBuilder sb = new StringBuilder(action.traceName()).append(':');
        List<ParamKind> params = action.params();
        for (int i = 0; i < params.size(); i++) {
            ParamKind k = params.get(i);
            sb.append(' ').append(k.key()).append('=').append(k.render(args[i]));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        String s = describe();
        return result < 0 ? s : s + ' ' + RESULT_KEY + '=' + ParamKind.PFN.render(result);
    }

    /**
     * Parses what {@link #toString()} writes. The action may be given in any of its four spellings.
     *
     * @throws IllegalArgumentException naming the offending part of the line
     */
    public static StepEvent parse(String line) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("no ':' after the step name in '" + line + "'");
        }
        MmAction action = MmAction.fromName(line.substring(0, colon).trim());
        int[] args = new int[action.arity()];
        boolean[] seen = new boolean[action.arity()];
        int result = -1;
        String rest = line.substring(colon + 1).trim();
        for (String field : rest.isEmpty() ? new String[0] : rest.split("\\s+")) {
            int eq = field.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + field + "' is not key=value in '" + line + "'");
            }
            String key = field.substring(0, eq);
            String value = field.substring(eq + 1);
            int i = action.paramNames().indexOf(key);
            if (i >= 0) {
                args[i] = action.params().get(i).parse(value);
                seen[i] = true;
            } else if (key.equals(RESULT_KEY)) {
                result = ParamKind.PFN.parse(value);
            } else {
                throw new IllegalArgumentException(action.traceName() + " has no parameter '" + key + "' in '" + line + "'");
            }
        }
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                throw new IllegalArgumentException("'" + line + "' lacks " + action.paramNames().get(i) + "=");
            }
        }
        return new StepEvent(action, args, result);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepEvent e && e.action == action && e.result == result && Arrays.equals(e.args, args);
    }

    @Override
    public int hashCode() {
        return (action.hashCode() * 31 + Arrays.hashCode(args)) * 31 + result;
    }
}
