package mmcheck.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import mmcheck.coverage.CoverageRun;
import mmcheck.coverage.RuleCount;
import mmcheck.tlc.ManifestEntry;
import mmcheck.tlc.ModelManifest;
import mmcheck.tlc.TlcInvocation;
import mmcheck.tlc.TlcResult;
import mmcheck.tlc.TlcRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The main job: TLC on every model of the manifest, one after the other, compared with the recorded results,
 * then the post-steps (Main.checkPostSteps). Exit 0 only when every model and every post-step is OK. On-demand models
 * are not run; each is named with the command that runs it.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Run TLC on every model in the manifest and compare with the recorded results "
                + "(the default command).",
                "Exit status: 0 all OK, 1 a surprise or a failed post-step, 2 bad arguments or input."})
public final class CheckCommand implements Callable<Integer> {
    /**
     * A check that runs after the model table (the refinement summary, for one). It prints its own report and
     * returns whether it passed; an exception counts as a failure and is reported on one line.
     */
    public record PostStep(String name, Callable<Boolean> body) {
    }

    @Spec
    CommandSpec spec;

    @Mixin
    ManifestOption manifest = new ManifestOption();

    @Mixin
    RunOptions run = new RunOptions();

    @Option(names = "--skip-slow", paramLabel = "SECONDS",
            description = "Skip models whose recorded runtime exceeds SECONDS.")
    Long skipSlowSeconds;

    private final List<PostStep> postSteps;

    public CheckCommand(List<PostStep> postSteps) {
        this.postSteps = List.copyOf(postSteps);
    }

    @Override
    public Integer call() throws Exception {
        run.validate(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ModelManifest models = manifest.read();
        var runner = ModelRun.runner(spec.commandLine().getErr());
        List<ModelRun> runs = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<ManifestEntry> onDemand = new ArrayList<>();
        CoverageRun coverage = new CoverageRun(models);
        for (ManifestEntry entry : models.models()) {
            if (entry.onDemand()) {
                onDemand.add(entry);
                continue;
            }
            if (skipSlowSeconds != null && entry.runtime().getSeconds() > skipSlowSeconds) {
                skipped.add(entry.name() + " (" + ManifestEntry.formatRuntime(entry.runtime()) + ")");
                continue;
            }
            // Progress on stderr keeps stdout to the table while a long model runs.
            err.println("running " + entry.name() + " (recorded " + ManifestEntry.formatRuntime(entry.runtime())
                    + ")");
            err.flush();
            // TLC's own coverage of every model expected to succeed feeds the rule-coverage gate below.
            boolean counts = CoverageRun.counts(models, entry);
            TlcResult r = runner.run(TlcInvocation.of(models, entry, run.workers, run.timeout()),
                    counts ? CoverageRun.TLC_ARGS : List.of());
            runs.add(ModelRun.of(entry, r));
            if (counts && r.outcome() == entry.result()) {
                coverage.add(entry, r);
            }
        }
        ModelRun.print(out, runs, false);
        if (!skipped.isEmpty()) {
            out.println("skipped (recorded runtime over " + skipSlowSeconds + " s): " + String.join(", ", skipped));
        }
        for (ManifestEntry entry : onDemand) {
            out.println("not run here (on demand, recorded " + ManifestEntry.formatRuntime(entry.runtime()) + "): "
                    + entry.name() + "; run it with: " + entry.onDemandCommand());
        }
        boolean ok = runs.stream().allMatch(ModelRun::ok);
        ok &= rulesReached(out, coverage, models, !skipped.isEmpty());
        for (PostStep step : postSteps) {
            ok &= runPostStep(step, out, err);
        }
        out.flush();
        return ok ? 0 : 1;
    }

    /**
     * The rule-coverage gate: every rule of Next that no model reached (through any module that uses the spec) must
     * have a reason of its own in the manifest's unreachedRules. With models skipped the gate only reports, since the skipped ones may reach the rest.
     */
    private static boolean rulesReached(PrintWriter out, CoverageRun coverage, ModelManifest models,
            boolean partial) {
        List<RuleCount> unexplained = coverage.unexplained();
        out.println();
        out.printf("rule coverage: %s%n", coverage.byModule().entrySet().stream()
                .map(e -> e.getKey() + " " + (e.getValue().rules().size() - e.getValue().unreached().size()) + "/"
                        + e.getValue().rules().size() + " rules reached")
                .collect(java.util.stream.Collectors.joining(", ")));
        for (RuleCount r : unexplained) {
            out.printf("  UNREACHED %s (line %d of %s)%n", r.id(), r.line(), r.module());
        }
        if (unexplained.isEmpty()) {
            out.printf("  every unreached rule has a reason in the manifest (%d)%n", models.unreachedRules().size());
            return true;
        }
        out.printf("  %d rules no model reaches without a reason in the manifest's unreachedRules%s%n",
                unexplained.size(), partial ? " (models were skipped, so not a failure)" : "");
        return partial;
    }

    private boolean runPostStep(PostStep step, PrintWriter out, PrintWriter err) {
        out.println();
        out.flush();
        try {
            boolean passed = Boolean.TRUE.equals(step.body().call());
            if (!passed) {
                out.println(step.name() + ": FAILED");
            }
            return passed;
        } catch (Exception e) {
            err.println(OneLineErrors.prefix(spec.commandLine()) + step.name() + ": " + OneLineErrors.describe(e));
            err.flush();
            return false;
        } finally {
            out.flush();
        }
    }
}
