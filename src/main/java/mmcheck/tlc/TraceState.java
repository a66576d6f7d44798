package mmcheck.tlc;

import java.util.Map;

/**
 * One state of a TLC counterexample. {@code action} is what TLC names the step that led here ("Initial predicate"
 * for the first state), {@code location} its source position ("line 6, col 11 of module Counter") or "" when TLC
 * gives none. Variable values stay TLC's text; TlaValueParser turns them into trees when a diff needs it.
 */
public record TraceState(int number, String action, String location, Map<String, String> variables) {
    public static final String INITIAL = "Initial predicate";

    public TraceState {
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
    }

    public boolean isInitial() {
        return INITIAL.equals(action);
    }
}
