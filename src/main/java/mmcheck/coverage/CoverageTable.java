package mmcheck.coverage;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Prints rule coverage: the actions, then every rule with its counts, unreached ones marked. */
public final class CoverageTable {
    private CoverageTable() {
    }

    /** One table per module; the reasons are the manifest's unreachedRules. */
    public static void print(PrintWriter out, CoverageRun run, Map<String, String> reasons) {
        for (Map.Entry<String, RuleCoverage> m : run.byModule().entrySet()) {
            RuleCoverage c = m.getValue();
            out.printf("rule coverage of %s over %s%n", m.getKey(), String.join(", ", c.models()));
            out.printf("  %-28s %12s %12s %14s%n", "action", "TLC distinct", "TLC total", "engine steps");
            for (String a : c.actionNames()) {
                TlcCoverage.ActionFigures f = c.tlcActions().get(a);
                long e = c.engineSteps(a);
                out.printf("  %-28s %12d %12d %14s%n", a, f.distinct(), f.total(), e < 0 ? "-" : Long.toString(e));
            }
            out.printf("  %-90s %6s %10s %10s %10s%n", "rule (operator: sub-condition)", "line", "evaluated",
                    "TRUE/taken", "FALSE");
            for (RuleCount r : c.rules()) {
                List<String> elsewhere = r.reached() ? List.of() : run.reachedBy(r);
                String mark = !r.counted() ? "  not counted: TLC builds functions lazily"
                        : r.reached() ? "" : !elsewhere.isEmpty() ? "  reached by " + String.join(", ", elsewhere)
                        : reasons.containsKey(r.id()) ? "  unreached: " + reasons.get(r.id())
                        : "  UNREACHED";
                out.printf("  %-90s %6d %10d %10s %10s%s%n", cut(r.id(), 90), r.line(), r.evaluated(),
                        r.held() < 0 ? "?" : Long.toString(r.held()), r.failed() < 0 ? "" : Long.toString(r.failed()),
                        mark);
            }
            long unreached = c.unreached().size();
            out.printf("  %d rules, %d reached, %d unreached%n%n", c.rules().size(), c.rules().size() - unreached,
                    unreached);
        }
        out.flush();
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 3) + "...";
    }
}
