package mmcheck.tlc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Describes how a variable changed between two states, descending into functions, records and equal-length
 * sequences so that only the changed entries show: {@code pageBuddy[5]: FALSE -> TRUE}, and for sets the
 * elements that came and went: {@code freeList[2]["MIGRATE_MOVABLE"]: +{4} -{}}.
 */
public final class ValueDiff {
    /**
     * TLC prints a function over strings as a record. Kernel enum names (MIGRATE_MOVABLE) are such strings and read
     * naturally as indices, real record fields (pfn, order) as fields.
     */
    private static final Pattern ENUM_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    private ValueDiff() {
    }

    /**
     * Where the spec's and the engine's TLC values of one variable differ, as "path: spec -> engine" lines, at most
     * limit of them: the conformance checks' diff, through the same reading of TLC's value syntax.
     */
    public static List<String> diff(String path, tlc2.value.impl.Value spec, tlc2.value.impl.Value engine, int limit) {
        if (spec.equals(engine)) {
            return List.of();
        }
        List<String> lines = diff(path, TlaValueParser.parse(spec.toString()), TlaValueParser.parse(engine.toString()));
        return lines.size() > limit ? lines.subList(0, limit) : lines;
    }

    /** One line per changed part of the value; empty when old and new are equal. */
    public static List<String> diff(String path, TlaValue before, TlaValue after) {
        List<String> lines = new ArrayList<>();
        diff(path, before, after, lines);
        return lines;
    }

    private static void diff(String path, TlaValue before, TlaValue after, List<String> out) {
        if (before.equals(after)) {
            return;
        }
        if (before instanceof TlaValue.Fcn f && after instanceof TlaValue.Fcn g
                && f.mapping().keySet().equals(g.mapping().keySet())) {
            for (Map.Entry<TlaValue, TlaValue> e : f.mapping().entrySet()) {
                diff(path + "[" + e.getKey() + "]", e.getValue(), g.mapping().get(e.getKey()), out);
            }
        } else if (before instanceof TlaValue.Rec r && after instanceof TlaValue.Rec s
                && r.fields().keySet().equals(s.fields().keySet())) {
            for (Map.Entry<String, TlaValue> e : r.fields().entrySet()) {
                diff(path + field(e.getKey()), e.getValue(), s.fields().get(e.getKey()), out);
            }
        } else if (before instanceof TlaValue.Seq a && after instanceof TlaValue.Seq b
                && a.elements().size() == b.elements().size()) {
            for (int i = 0; i < a.elements().size(); i++) {
                diff(path + "[" + (i + 1) + "]", a.elements().get(i), b.elements().get(i), out);
            }
        } else if (before instanceof TlaValue.SetV a && after instanceof TlaValue.SetV b) {
            out.add(path + ": +" + braces(minus(b, a)) + " -" + braces(minus(a, b)));
        } else {
            out.add(path + ": " + before + " -> " + after);
        }
    }

    private static String field(String name) {
        return ENUM_NAME.matcher(name).matches() ? "[\"" + name + "\"]" : "." + name;
    }

    private static Set<TlaValue> minus(TlaValue.SetV a, TlaValue.SetV b) {
        Set<TlaValue> rest = new LinkedHashSet<>(a.elements());
        b.elements().forEach(rest::remove);
        return rest;
    }

    private static String braces(Set<TlaValue> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", ", "{", "}"));
    }
}
