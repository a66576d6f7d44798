package mmcheck.coverage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TLC's own coverage report (tlc2.TLC -coverage), read from its output: how often each expression was evaluated
 * while TLC computed successor states, and how many distinct and total states each action of Next produced.
 * Counts of one expression are summed over every action and call path that evaluated it; invariants' sections
 * are left out, since rules are what the actions evaluate.
 */
public final class TlcCoverage {
    /** "<RmqueueSmallest line 212, col 1 to line 212, col 42 of module Buddy>: 389:3280" */
    private static final Pattern SECTION = Pattern.compile(
            "^<(\\w+) (line \\d+, col \\d+ to line \\d+, col \\d+ of module \\w+)>(?:: (\\d+):(\\d+))?\\s*$");
    /** "  ||line 203, col 59 to line 203, col 78 of module Buddy: 25392" (":cost" after the count, if any). */
    private static final Pattern ENTRY = Pattern.compile(
            "^\\s*\\|*(line \\d+, col \\d+ to line \\d+, col \\d+ of module \\w+): (\\d+)(?::\\d+)?\\s*$");
    private static final String REPORT_START = "The coverage statistics at";

    /** Distinct and total states an action produced. */
    public record ActionFigures(long distinct, long total) {
        ActionFigures plus(ActionFigures o) {
            return new ActionFigures(distinct + o.distinct, total + o.total);
        }
    }

    private final Map<String, Long> evaluations = new LinkedHashMap<>();
    private final Map<String, ActionFigures> actions = new LinkedHashMap<>();

    private TlcCoverage() {
    }

    /** An empty report, to sum the reports of several models into. */
    public static TlcCoverage empty() {
        return new TlcCoverage();
    }

    /**
     * parse() - the last coverage report in TLC's output (plain or -tool). TLC prints one per interval and one at
     * the end; the last holds the totals. Output without a report is an error: the run did not collect coverage.
     */
    public static TlcCoverage parse(String tlcOutput) {
        int start = tlcOutput.lastIndexOf(REPORT_START);
        if (start < 0) {
            throw new IllegalArgumentException("TLC's output holds no coverage report (was -coverage given?)");
        }
        TlcCoverage c = new TlcCoverage();
        boolean inAction = false;
        for (String line : tlcOutput.substring(start).split("\\R")) {
            Matcher s = SECTION.matcher(line);
            if (s.matches()) {
                // Actions carry distinct:total figures; invariants and properties do not.
                inAction = s.group(3) != null;
                if (inAction) {
                    c.actions.merge(s.group(1), new ActionFigures(Long.parseLong(s.group(3)),
                            Long.parseLong(s.group(4))), ActionFigures::plus);
                }
                continue;
            }
            Matcher e = ENTRY.matcher(line);
            if (inAction && e.matches()) {
                c.evaluations.merge(e.group(1), Long.parseLong(e.group(2)), Long::sum);
            }
        }
        return c;
    }

    /** This report plus another model's, expression by expression and action by action. */
    public TlcCoverage plus(TlcCoverage other) {
        TlcCoverage sum = new TlcCoverage();
        for (TlcCoverage c : new TlcCoverage[] {this, other}) {
            c.evaluations.forEach((k, v) -> sum.evaluations.merge(k, v, Long::sum));
            c.actions.forEach((k, v) -> sum.actions.merge(k, v, ActionFigures::plus));
        }
        return sum;
    }

    /** Evaluations of the expression at a SANY location ("line 3, col 5 to line 3, col 9 of module Buddy"). */
    public long evaluations(String location) {
        return evaluations.getOrDefault(location, 0L);
    }

    /** The actions of Next that TLC split out, with their figures, in report order. */
    public Map<String, ActionFigures> actions() {
        return Map.copyOf(actions);
    }

    public ActionFigures action(String name) {
        return actions.get(name);
    }
}
