package mmcheck.coverage;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Prints rule coverage: the actions, then every rule with TLC's counts and the engine runs' (counted the same way),
 * unreached ones marked, then the rules TLC reaches that the engine runs never exercise.
 */
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
            // A model whose cfg narrows Next to roles names TLC's actions after the roles; the engine's are the spec's.
            for (String a : c.engineActionNames()) {
                if (!c.tlcActions().containsKey(a)) {
                    out.printf("  %-28s %12s %12s %14d%n", a, "-", "-", c.engineSteps(a));
                }
            }
            boolean engine = !c.engineRuns().isEmpty();
            c.engineRuns().forEach(r -> out.printf("  engine: %s%n", r));
            out.printf("  %-72s %5s %9s %9s %9s %9s %9s%n", "rule (operator: sub-condition)", "line", "TLC eval",
                    "TLC TRUE", "TLC FALSE", "eng TRUE", "eng FALSE");
            for (RuleCount r : c.rules()) {
                List<String> elsewhere = r.reached() ? List.of() : run.reachedBy(r);
                String mark = !r.counted() ? "  not counted: TLC builds functions lazily"
                        : r.reached() ? "" : !elsewhere.isEmpty() ? "  reached by " + String.join(", ", elsewhere)
                        : reasons.containsKey(r.id()) ? "  unreached: " + reasons.get(r.id())
                        : "  UNREACHED";
                RuleCount e = c.engine(r.id());
                out.printf("  %-72s %5d %9d %9s %9s %9s %9s%s%n", cut(r.id(), 72), r.line(), r.evaluated(),
                        held(r), failed(r), engine ? held(e) : "-", engine ? failed(e) : "-", mark);
            }
            long unreached = c.unreached().size();
            out.printf("  %d rules, %d reached, %d unreached%n", c.rules().size(), c.rules().size() - unreached,
                    unreached);
            if (engine) {
                List<RuleCount> idle = c.notExercisedByEngine();
                out.printf("  %d rules TLC reaches that the engine runs never exercise%s%n", idle.size(),
                        idle.isEmpty() ? "" : ":");
                idle.forEach(r -> out.printf("    %s (line %d)%n", r.id(), r.line()));
            }
            out.println();
        }
        out.flush();
    }

    /**
     * The rules no model reaches and the manifest does not explain, after their count, one line each as
     * "module:line  id": the id is the key unreachedRules takes, so the list can be pasted into the manifest.
     */
    public static void printUnexplained(PrintWriter out, List<RuleCount> unexplained) {
        if (unexplained.isEmpty()) {
            return;
        }
        out.println(unexplained.size()
                + " rules no model reaches, and the manifest's unreachedRules does not say why:");
        // In spec order, whichever model brought the rule in first.
        unexplained.stream().sorted(java.util.Comparator.comparing(RuleCount::module)
                .thenComparingInt(RuleCount::line).thenComparing(RuleCount::id))
                .forEach(r -> out.printf("  %s:%d  %s%n", r.module(), r.line(), r.id()));
        out.flush();
    }

    /** TRUE (or branch taken); "?" where coverage cannot tell, "0" for a rule a run never evaluated. */
    private static String held(RuleCount r) {
        return r == null ? "0" : r.held() < 0 ? "?" : Long.toString(r.held());
    }

    /** FALSE; blank for branches and arms and where coverage cannot tell. */
    private static String failed(RuleCount r) {
        return r == null ? "0" : r.failed() < 0 ? "" : Long.toString(r.failed());
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 3) + "...";
    }
}
