package mmcheck.tlc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Compares a TLC result with what the manifest promises. For an exhaustive success the state counts and depth are
 * part of the promise: a spec change that alters the state space must be noticed and recorded on purpose. For
 * failures and simulations they are not, since the point where TLC stops depends on worker scheduling and seeds.
 */
public final class ResultComparator {
    private ResultComparator() {
    }

    public static CheckRow compare(ManifestEntry expected, TlcResult actual) {
        return compare(expected, actual, false);
    }

    /**
     * @param distributed the result of distributed TLC, whose server counts as generated the states its workers
     *                    found in their caches and reports the trace level as the depth: only distinct states
     *                    compare with a local run.
     */
    public static CheckRow compare(ManifestEntry expected, TlcResult actual, boolean distributed) {
        List<String> reasons = new ArrayList<>();
        if (actual.outcome() != expected.result()) {
            reasons.add("expected " + expected.result().label() + ", TLC reported " + actual.outcome().label()
                    + (actual.problem() == null ? "" : ": " + actual.problem()));
        } else if (expected.violatedInvariant() != null
                && !expected.violatedInvariant().equals(actual.violatedProperty())) {
            reasons.add("expected " + expected.violatedInvariant() + " to be violated, TLC names "
                    + (actual.violatedProperty() == null ? "no invariant" : actual.violatedProperty()));
        } else if (expected.mode() == ModelMode.EXHAUSTIVE && expected.result() == TlcOutcome.SUCCESS) {
            compareCount("distinct states", expected.distinctStates(), actual.distinctStates(), reasons);
            if (!distributed) {
                compareCount("total states", expected.totalStates(), actual.totalStates(), reasons);
                compareCount("depth", expected.stateDepth(), actual.depth(), reasons);
            }
        }
        return new CheckRow(expected.name(), expected.mode().label(), text(actual.distinctStates()),
                text(actual.totalStates()), text(actual.depth()), String.format(Locale.ROOT, "%.1f", actual.seconds()),
                describe(expected.result(), expected.violatedInvariant()),
                describe(actual.outcome(), actual.violatedProperty()),
                reasons.isEmpty() ? CheckRow.Verdict.OK : CheckRow.Verdict.SURPRISE, reasons);
    }

    private static void compareCount(String what, Long expected, Long actual, List<String> reasons) {
        if (!Objects.equals(expected, actual)) {
            reasons.add(what + " " + text(actual) + ", manifest says " + text(expected));
        }
    }

    private static String describe(TlcOutcome outcome, String property) {
        return property == null ? outcome.label() : outcome.label() + " (" + property + ")";
    }

    private static String text(Long n) {
        return n == null ? "-" : n.toString();
    }
}
