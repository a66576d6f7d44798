package mmcheck.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import mmcheck.conform.Progress;
import mmcheck.conform.ReverseReplay;
import mmcheck.coverage.EngineRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Replays every reachable spec state and transition of a model on the engine. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Conformance from the spec's side: visit every reachable state of the model, build it as an",
                "engine zone, and run every action instance of Next on it. Enabled instances must produce exactly",
                "the spec's successors (over every choice of free-list head); the others must be refused.",
                "Exit status: 0 conforms, 1 a mismatch, 2 bad input."})
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SpecModelOption model = new SpecModelOption();

    @Option(names = "--max-states", paramLabel = "N", defaultValue = "10000000",
            description = "Stop after this many states; a run cut short says so (default: ${DEFAULT-VALUE}).")
    long maxStates;

    @Mixin
    RuleCoverageOption ruleCoverage = new RuleCoverageOption();

    @Override
    public Integer call() {
        if (maxStates <= 0) {
            throw new ParameterException(spec.commandLine(), "--max-states must be positive, got " + maxStates);
        }
        ruleCoverage.switchOnIfAsked();
        var spec0 = model.load();
        var rules = ruleCoverage.recorder(spec0);
        ReverseReplay.Report r = ReverseReplay.of(spec0).withRuleCoverage(rules)
                .withProgress(new Progress(spec.commandLine().getErr(), "replay", "states")).run(maxStates);
        String name = spec0.cfg().getFileName().toString();
        print(spec.commandLine().getOut(), name, r);
        ruleCoverage.write(rules, String.format("replay of %s: %d states, %d engine steps, %d refusals%s", name,
                r.states(), r.stepsByAction().values().stream().mapToLong(Long::longValue).sum(), r.refusals(), r.complete() ? "" : ", cut short"),
                r.stepsByAction());
        return r.ok() ? 0 : 1;
    }

    static void print(PrintWriter out, String model, ReverseReplay.Report r) {
        out.printf("reverse replay: %s%n", model);
        out.printf("  states visited    %d%n", r.states());
        out.printf("  transitions       %d spec successors; %d engine runs over the free-list head choices%n",
                r.transitions(), r.engineRuns());
        out.printf("  refusals checked  %d disabled action instances%n", r.refusals());
        out.printf("  driver runs       %d whole kernel calls (e.g. migrate_pages()) checked step by step%n",
                r.driverRuns());
        out.printf("  actions checked   %s%n", EngineRun.perAction(r.stepsByAction()));
        if (!r.notReplayed().isEmpty()) {
            out.printf("  not replayed      %d transitions the engine takes only inside a whole call: %s%n",
                    r.notReplayed().values().stream().mapToLong(Long::longValue).sum(),
                    EngineRun.perAction(r.notReplayed()));
        }
        out.printf("  seconds           %.1f%n", r.seconds());
        if (r.ok() && r.complete()) {
            out.printf("  result            OK: the engine conforms on every reachable state%n");
        } else if (r.ok()) {
            out.printf("  result            CUT SHORT: no mismatch in the %d states visited, but --max-states stopped"
                    + " the run before every reachable state was replayed%n", r.states());
        } else {
            out.printf("  result            MISMATCH%n");
            r.failures().forEach(f -> out.printf("    %s%n", f));
        }
        out.flush();
    }
}
