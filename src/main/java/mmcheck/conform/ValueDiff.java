package mmcheck.conform;

import java.util.ArrayList;
import java.util.List;

import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntervalValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import tlc2.value.impl.ValueVec;

/**
 * Where two TLC values differ, as short lines a kernel developer can read:
 * {@code pageBuddy[5]: engine TRUE, spec FALSE} or
 * {@code freeList[1]["MIGRATE_MOVABLE"]: engine has {4}, spec has {6}}.
 */
final class ValueDiff {
    private ValueDiff() {
    }

    /** The differences between engine value e and spec value s of one variable, at most limit lines. */
    static List<String> diff(String path, Value e, Value s, int limit) {
        List<String> out = new ArrayList<>();
        walk(path, e, s, out, limit);
        return out;
    }

    private static void walk(String path, Value e, Value s, List<String> out, int limit) {
        if (out.size() >= limit || e.equals(s)) {
            return;
        }
        if (isFunction(e) && isFunction(s)) {
            FcnRcdValue fe = (FcnRcdValue) e.toFcnRcd();
            FcnRcdValue fs = (FcnRcdValue) s.toFcnRcd();
            List<Value> keys = keys(fe);
            if (keys.equals(keys(fs))) {
                for (Value k : keys) {
                    walk(path + "[" + k + "]", fe.select(k), fs.select(k), out, limit);
                }
                return;
            }
        }
        if (e instanceof SetEnumValue || s instanceof SetEnumValue) {
            try {
                SetEnumValue se = (SetEnumValue) e.toSetEnum();
                SetEnumValue ss = (SetEnumValue) s.toSetEnum();
                out.add(path + ": engine has " + minus(se, ss) + ", spec has " + minus(ss, se));
                return;
            } catch (RuntimeException notSets) {
                // fall through to the plain rendering
            }
        }
        out.add(path + ": engine " + e + ", spec " + s);
    }

    private static boolean isFunction(Value v) {
        return v instanceof FcnRcdValue || v instanceof RecordValue || v instanceof TupleValue;
    }

    private static List<Value> keys(FcnRcdValue f) {
        List<Value> keys = new ArrayList<>();
        if (f.intv != null) {
            IntervalValue iv = f.intv;
            for (int i = iv.low; i <= iv.high; i++) {
                keys.add(tlc2.value.impl.IntValue.gen(i));
            }
        } else {
            for (Value k : f.domain) {
                keys.add(k instanceof StringValue ? k : k);
            }
        }
        return keys;
    }

    private static String minus(SetEnumValue a, SetEnumValue b) {
        ValueVec elems = a.elems;
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < elems.size(); i++) {
            Value v = elems.elementAt(i);
            if (!b.member(v)) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(v);
            }
        }
        return sb.append('}').toString();
    }
}
