package mmcheck.tlc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import mmcheck.event.MmAction;
import mmcheck.event.StepEvent;
import mmcheck.mm.MigrateType;

/**
 * A counterexample step named with its arguments, in the spec's and the trace's spelling:
 * {@code FreeOnePage(pfn=4, order=1)  [free_one_page: pfn=0x4 order=1]}.
 *
 * <p>TLC 2.18 prints only the action's name, so the arguments of spec/Buddy.tla's actions are read
 * back from what the step changed: the allocation it added or removed, the pageblock it retyped.
 * An action this class does not know, or a change it cannot read, keeps TLC's bare name. Actions of
 * spec/Rmap.tla and spec/Migrate.tla are named by {@link MigrateStepLabel}.
 */
final class StepLabel {
    private StepLabel() {
    }

    static Optional<String> label(String action, Map<String, String> before, Map<String, String> after) {
        try {
            return Optional.ofNullable(labelOrNull(action, before, after));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static String labelOrNull(String action, Map<String, String> before, Map<String, String> after) {
        MmAction a;
        try {
            a = MmAction.fromName(action);
        } catch (IllegalArgumentException notBuddy) {
            return MigrateStepLabel.label(action, before, after).orElse(null);
        }
        switch (a) {
            case RMQUEUE_SMALLEST: {
                TlaValue.Rec r = only(minus(set(after, "allocated"), set(before, "allocated")));
                int pfn = num(r, "pfn");
                return render(a, pfn, num(r, "order"), mt(r, "mt"), num(r, "owner"));
            }
            case FREE_ONE_PAGE: {
                TlaValue.Rec r = only(minus(set(before, "allocated"), set(after, "allocated")));
                return render(a, -1, num(r, "pfn"), num(r, "order"));
            }
            case SET_MIGRATETYPE_ISOLATE:
            case UNSET_MIGRATETYPE_ISOLATE: {
                TlaValue.Fcn b = fcn(before, "pageblockMt");
                TlaValue.Fcn t = fcn(after, "pageblockMt");
                for (Map.Entry<TlaValue, TlaValue> e : t.mapping().entrySet()) {
                    if (!e.getValue().equals(b.mapping().get(e.getKey()))) {
                        int pb = (int) ((TlaValue.Int) e.getKey()).value();
                        return a == MmAction.SET_MIGRATETYPE_ISOLATE ? render(a, -1, pb)
                                : render(a, -1, pb, MigrateType.valueOf(((TlaValue.Str) e.getValue()).value()).ordinal());
                    }
                }
                return null;
            }
            default:
                return null;
        }
    }

    private static String render(MmAction a, int result, int... args) {
        StringBuilder spec = new StringBuilder(a.specName()).append('(');
        for (int i = 0; i < args.length; i++) {
            spec.append(i == 0 ? "" : ", ").append(a.paramNames().get(i)).append('=')
                    .append(a.params().get(i).render(args[i]));
        }
        spec.append(')');
        return spec + "  [" + new StepEvent(a, args, result) + "]  " + a.javaMethod() + ", " + a.kernelName() + "()";
    }

    private static List<TlaValue> set(Map<String, String> state, String var) {
        return ((TlaValue.SetV) TlaValueParser.parse(state.get(var))).elements();
    }

    private static TlaValue.Fcn fcn(Map<String, String> state, String var) {
        TlaValue v = TlaValueParser.parse(state.get(var));
        if (v instanceof TlaValue.Fcn f) {
            return f;
        }
        throw new IllegalArgumentException(var + " is not a function over pageblocks");
    }

    private static List<TlaValue> minus(List<TlaValue> a, List<TlaValue> b) {
        List<TlaValue> out = new ArrayList<>(a);
        out.removeAll(b);
        return out;
    }

    private static TlaValue.Rec only(List<TlaValue> l) {
        if (l.size() != 1) {
            throw new IllegalArgumentException("expected one changed allocation, got " + l.size());
        }
        return (TlaValue.Rec) l.get(0);
    }

    private static int num(TlaValue.Rec r, String field) {
        return (int) ((TlaValue.Int) r.fields().get(field)).value();
    }

    private static int mt(TlaValue.Rec r, String field) {
        return MigrateType.valueOf(((TlaValue.Str) r.fields().get(field)).value()).ordinal();
    }
}
