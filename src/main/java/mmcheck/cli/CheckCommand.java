package mmcheck.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import mmcheck.tlc.ManifestEntry;
import mmcheck.tlc.ModelManifest;
import mmcheck.tlc.TlcInvocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The main job: TLC on every model of the manifest, one after the other, compared with the recorded results,
 * then the post-steps (Main.checkPostSteps). Exit 0 only when every model and every post-step is OK.
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
        for (ManifestEntry entry : models.models()) {
            if (skipSlowSeconds != null && entry.runtime().getSeconds() > skipSlowSeconds) {
                skipped.add(entry.name() + " (" + ManifestEntry.formatRuntime(entry.runtime()) + ")");
                continue;
            }
            // Progress on stderr keeps stdout to the table while a long model runs.
            err.println("running " + entry.name() + " (recorded " + ManifestEntry.formatRuntime(entry.runtime())
                    + ")");
            err.flush();
            runs.add(ModelRun.of(entry, runner.run(TlcInvocation.of(models, entry, run.workers, run.timeout()))));
        }
        ModelRun.print(out, runs, false);
        if (!skipped.isEmpty()) {
            out.println("skipped (recorded runtime over " + skipSlowSeconds + " s): " + String.join(", ", skipped));
        }
        boolean ok = runs.stream().allMatch(ModelRun::ok);
        for (PostStep step : postSteps) {
            ok &= runPostStep(step, out, err);
        }
        out.flush();
        return ok ? 0 : 1;
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
