package mmcheck.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;

import mmcheck.conform.Binding;
import mmcheck.conform.Progress;
import mmcheck.conform.RefinementRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Runs the engine on a random workload with every step checked against the spec. */
@Command(name = "refine", mixinStandardHelpOptions = true,
        description = {"Run the Java engine on a seeded random workload on the model's zone and check every step",
                "(the named action and every invariant) and every refused request against the TLA+ spec.",
                "Exit status: 0 every step refines the spec and every action was covered, 1 a violation, 2 bad input."})
public final class RefineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SpecModelOption model = new SpecModelOption();

    @Option(names = "--steps", paramLabel = "N", defaultValue = "100000",
            description = "Workload requests to run (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Workload seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-cache", description = "Evaluate the spec on every step, even on states and steps already found good.")
    boolean noCache;

    @Mixin
    RuleCoverageOption ruleCoverage = new RuleCoverageOption();

    @Override
    public Integer call() {
        if (steps <= 0) {
            throw new ParameterException(spec.commandLine(), "--steps must be positive, got " + steps);
        }
        ruleCoverage.switchOnIfAsked();
        var loaded = model.load();
        var rules = ruleCoverage.recorder(loaded);
        RefinementRun.Summary s = RefinementRun.run(loaded, Binding.of(loaded), steps, seed, !noCache,
                new Progress(spec.commandLine().getErr(), "refine", "steps"), rules);
        print(spec.commandLine().getOut(), s, steps);
        ruleCoverage.write(rules, String.format("refine of %s, seed %d, %d requests: %d steps, %d refusals%s",
                s.model(), s.seed(), steps, s.steps(), s.refusals(), s.ok() ? "" : ", stopped at a violation"),
                s.coverage());
        return s.ok() && s.uncovered().isEmpty() ? 0 : 1;
    }

    static void print(PrintWriter out, RefinementRun.Summary s, long requests) {
        out.printf("refinement: %s, seed %d, %d requests%n", s.model(), s.seed(), requests);
        out.printf("  steps checked     %d, and %d refused requests%n", s.steps(), s.refusals());
        out.printf("  throughput        %.0f steps/s on one thread (%.2f s; %s)%n", s.stepsPerSecond(), s.seconds(),
                s.cacheHits() + s.cacheMisses() == 0 ? "every step evaluated by TLC"
                        : String.format("%d verdicts from the fingerprint cache, %d evaluated by TLC",
                                s.cacheHits(), s.cacheMisses()));
        StringJoiner cov = new StringJoiner(", ");
        for (Map.Entry<String, Long> e : s.coverage().entrySet()) {
            cov.add(e.getKey() + " " + e.getValue());
        }
        out.printf("  actions covered   %s%n", cov);
        if (!s.uncovered().isEmpty()) {
            StringJoiner un = new StringJoiner(", ");
            s.uncovered().forEach(un::add);
            out.printf("  NOT covered       %s%n", un);
        }
        if (s.ok()) {
            out.printf("  result            OK: every step is a spec step%n");
        } else {
            out.printf("  result            VIOLATION%n%s", s.failure());
        }
        out.flush();
    }
}
