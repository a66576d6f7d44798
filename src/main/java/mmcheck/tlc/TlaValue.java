package mmcheck.tlc;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A TLA+ value as TLC prints it in a state, parsed so that two states can be diffed piecewise.
 * toString() prints TLC's syntax back. Kinds are kept as TLC printed them: TLC prints a function on 1..n as a
 * sequence and a function on strings as a record, and we diff what the reader saw.
 */
public sealed interface TlaValue {
    record Int(long value) implements TlaValue {
        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    record Str(String value) implements TlaValue {
        @Override
        public String toString() {
            return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
        }
    }

    record Bool(boolean value) implements TlaValue {
        @Override
        public String toString() {
            return value ? "TRUE" : "FALSE";
        }
    }

    /** A model value or a named set TLC does not enumerate (Nat). */
    record Atom(String name) implements TlaValue {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Elements in TLC's order, which is normalized, so equal sets print alike. */
    record SetV(List<TlaValue> elements) implements TlaValue {
        public SetV {
            elements = List.copyOf(elements);
        }

        @Override
        public String toString() {
            return elements.stream().map(String::valueOf).collect(Collectors.joining(", ", "{", "}"));
        }
    }

    record Seq(List<TlaValue> elements) implements TlaValue {
        public Seq {
            elements = List.copyOf(elements);
        }

        @Override
        public String toString() {
            return elements.stream().map(String::valueOf).collect(Collectors.joining(", ", "<<", ">>"));
        }
    }

    record Rec(Map<String, TlaValue> fields) implements TlaValue {
        public Rec {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }

        @Override
        public String toString() {
            return fields.entrySet().stream().map(e -> e.getKey() + " |-> " + e.getValue())
                    .collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /** A function printed as (a :> b @@ c :> d). */
    record Fcn(Map<TlaValue, TlaValue> mapping) implements TlaValue {
        public Fcn {
            mapping = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mapping));
        }

        @Override
        public String toString() {
            return mapping.entrySet().stream().map(e -> e.getKey() + " :> " + e.getValue())
                    .collect(Collectors.joining(" @@ ", "(", ")"));
        }
    }
}
