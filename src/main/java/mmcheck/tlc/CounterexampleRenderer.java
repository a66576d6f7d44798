package mmcheck.tlc;

import java.util.List;
import java.util.Map;

/**
 * Renders a TLC counterexample for a kernel developer: the initial state in full, then per step the action and only
 * what changed, then what was violated. TLC's own printout repeats every variable in every state, which hides the
 * one pfn that matters.
 */
public final class CounterexampleRenderer {
    private CounterexampleRenderer() {
    }

    /** The rendered trace, or "" when the result has no trace. */
    public static String render(TlcResult result) {
        List<TraceState> trace = result.trace();
        if (trace.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("counterexample (").append(result.outcome().label()).append("), ")
                .append(trace.size()).append(trace.size() == 1 ? " state" : " states").append('\n');
        TraceState previous = null;
        for (TraceState s : trace) {
            String label = previous == null ? s.action()
                    : StepLabel.label(s.action(), previous.variables(), s.variables()).orElse(s.action());
            out.append("step ").append(s.number()).append("  ").append(label);
            if (!s.location().isEmpty()) {
                out.append("  at ").append(s.location().replaceFirst(" to line \\d+, col \\d+", ""));
            }
            out.append('\n');
            if (previous == null) {
                s.variables().forEach((name, value) -> out.append("  ").append(name).append(" = ")
                        .append(compact(value)).append('\n'));
            } else {
                appendChanges(out, previous, s);
            }
            previous = s;
        }
        out.append(ending(result, trace.get(trace.size() - 1))).append('\n');
        return out.toString();
    }

    private static void appendChanges(StringBuilder out, TraceState before, TraceState after) {
        int lines = 0;
        for (Map.Entry<String, String> v : after.variables().entrySet()) {
            String old = before.variables().get(v.getKey());
            for (String change : changes(v.getKey(), old, v.getValue())) {
                out.append("  ").append(change).append('\n');
                lines++;
            }
        }
        if (lines == 0) {
            out.append("  (no variable changed)\n");
        }
    }

    private static List<String> changes(String name, String before, String after) {
        if (before == null) {
            return List.of(name + ": (absent) -> " + flat(after));
        }
        try {
            return ValueDiff.diff(name, TlaValueParser.parse(before), TlaValueParser.parse(after));
        } catch (IllegalArgumentException unparsable) {
            // A value shape the parser does not know still deserves a readable, if coarse, diff.
            return flat(before).equals(flat(after)) ? List.of() : List.of(name + ": " + flat(before) + " -> "
                    + flat(after));
        }
    }

    private static String ending(TlcResult result, TraceState last) {
        if (result.violatedProperty() != null) {
            return "violated invariant: " + result.violatedProperty();
        }
        if (result.outcome() == TlcOutcome.DEADLOCK_FAILURE) {
            return "deadlock: no action is enabled in state " + last.number();
        }
        return result.outcome().label() + ": " + (result.problem() == null ? "(TLC gave no reason)" : result.problem());
    }

    /** TLC's layout (wrapping, padding inside parentheses) reprinted on one line. */
    private static String compact(String value) {
        try {
            return TlaValueParser.parse(value).toString();
        } catch (IllegalArgumentException unparsable) {
            return flat(value);
        }
    }

    private static String flat(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
