package mmcheck.conform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.Value;
import tlc2.value.impl.ValueVec;

/** Reading TLC values of the shapes spec/Buddy.tla uses: ints, strings, sets, functions and records. */
public final class TlcValues {
    private TlcValues() {
    }

    /** Whether two values are equal as TLC values (values TLC cannot compare are not); see KnownState. */
    public static boolean same(tlc2.value.IValue a, tlc2.value.IValue b) {
        return KnownState.sameValue(a, b);
    }

    /**
     * The function [k \in lo..lo+n-1 |-> values[k-lo]], with its domain spelled out. TLC 2.18 also has functions
     * over an interval, but its EXCEPT on those stores the new value at the key instead of at key - lo, so a
     * function over pfns 1..3 that the spec updates with EXCEPT ![1] would change at 2.
     */
    public static FcnRcdValue fcn(int lo, Value[] values) {
        return new FcnRcdValue(DOMAINS.computeIfAbsent(((long) lo << 32) | values.length, TlcValues::domain), values,
                true);
    }

    /**
     * Domains lo..lo+n-1 by (lo, n). TLC shares a function's domain array between the function and the ones its
     * EXCEPT makes and never writes a normalized one, so the abstraction's functions can share them too.
     */
    private static final Map<Long, Value[]> DOMAINS = new ConcurrentHashMap<>();

    private static Value[] domain(long key) {
        int lo = (int) (key >> 32);
        Value[] domain = new Value[(int) key];
        for (int i = 0; i < domain.length; i++) {
            domain[i] = IntValue.gen(lo + i);
        }
        return domain;
    }

    public static int toInt(Value v) {
        return ((IntValue) v).val;
    }

    public static boolean bool(Value v) {
        return ((tlc2.value.impl.BoolValue) v).val;
    }

    /** The i-th component (from 1, as TLA+ counts) of a tuple. */
    public static Value component(Value tuple, int i) {
        return at(tuple, i);
    }

    public static String str(Value v) {
        return ((StringValue) v).val.toString();
    }

    /** f[key] for a function or a record (records are functions with string domains). */
    public static Value at(Value f, Value key) {
        if (f instanceof RecordValue r) {
            return r.select(key);
        }
        return ((tlc2.value.impl.FcnRcdValue) f.toFcnRcd()).select(key);
    }

    public static Value at(Value f, int key) {
        return at(f, IntValue.gen(key));
    }

    public static Value field(Value record, String name) {
        return at(record, new StringValue(name));
    }

    public static List<Value> elements(Value set) {
        ValueVec vec = ((SetEnumValue) set.toSetEnum()).elems;
        List<Value> out = new ArrayList<>(vec.size());
        for (int i = 0; i < vec.size(); i++) {
            out.add(vec.elementAt(i));
        }
        return out;
    }

    public static int[] ints(Value set) {
        List<Value> e = elements(set);
        int[] out = new int[e.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toInt(e.get(i));
        }
        return out;
    }
}
