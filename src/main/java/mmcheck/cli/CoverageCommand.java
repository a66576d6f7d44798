package mmcheck.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import mmcheck.coverage.CoverageRun;
import mmcheck.coverage.CoverageTable;
import mmcheck.coverage.EngineRun;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Rule coverage: TLC's own -coverage counts of every sub-condition of Next (guard conjuncts and disjuncts, IF
 * branches, CASE arms), summed over the models, beside the same counts taken on the engine's states by a short
 * refine (or replay) run of each model that has a binding, and the engine's steps per action.
 */
@Command(name = "coverage", mixinStandardHelpOptions = true,
        description = {"Rule coverage of the specs: how often TLC found each sub-condition of Next (conjunct, "
                + "disjunct, IF branch, CASE arm) TRUE and FALSE over the models, the states each action "
                + "generated, the same TRUE/FALSE counts taken on the engine's states by a short refine (or replay) "
                + "run of each model, and the rules TLC reaches that the engine runs never exercise.",
                "Exit status: 0 every rule reached or explained in the manifest's unreachedRules, "
                        + "1 a rule unreached without a reason or a model failed, 2 bad input."})
public final class CoverageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ManifestOption manifest = new ManifestOption();

    @Mixin
    RunOptions run = new RunOptions();

    @Parameters(arity = "0..*", paramLabel = "MODEL",
            description = "Models (manifest path or name); default: every model expected to succeed.")
    List<String> models = new ArrayList<>();

    @Option(names = "--engine-steps", paramLabel = "N", defaultValue = "5000",
            description = "Refine requests (or replay states) per model for the engine's counts; 0 for no engine run "
                    + "(default: ${DEFAULT-VALUE}).")
    long engineSteps;

    /** Which conformance run takes the engine's counts. */
    enum EngineKind {
        refine, replay
    }

    @Option(names = "--engine", paramLabel = "RUN", defaultValue = "refine",
            description = "The engine run: refine (the engine's own random workload, seed 1) or replay (the spec's "
                    + "reachable states, breadth-first) (default: ${DEFAULT-VALUE}).")
    EngineKind engineKind;

    @Override
    public Integer call() throws Exception {
        run.validate(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ModelManifest m = manifest.read();
        List<ManifestEntry> chosen = new ArrayList<>();
        if (models.isEmpty()) {
            m.models().stream().filter(e -> CoverageRun.counts(m, e)).forEach(chosen::add);
        } else {
            for (String name : models) {
                ManifestEntry e = m.find(name);
                if (!CoverageRun.coverable(m, e)) {
                    throw new mmcheck.tlc.BadInputException(e.name()
                            + ": only exhaustive models expected to succeed, not on demand, have rule coverage");
                }
                chosen.add(e);
            }
        }
        CoverageRun cov = new CoverageRun(m);
        TlcRunner runner = new TlcRunner();
        boolean ok = true;
        for (ManifestEntry e : chosen) {
            err.println("coverage: TLC on " + e.name());
            err.flush();
            TlcResult r = runner.run(TlcInvocation.of(m, e, run.workers, run.timeout()), CoverageRun.TLC_ARGS);
            if (r.outcome() != e.result()) {
                err.println("coverage: " + e.name() + ": TLC reported " + r.outcome().label() + ", expected "
                        + e.result().label());
                ok = false;
                continue;
            }
            cov.add(e, r);
            if (engineSteps > 0) {
                engineRun(e, err).ifPresent(run -> cov.addEngine(e, run));
            }
        }
        CoverageTable.print(out, cov, m.unreachedRules());
        List<RuleCount> unexplained = cov.unexplained();
        CoverageTable.printUnexplained(out, unexplained);
        return ok && unexplained.isEmpty() ? 0 : 1;
    }

    /**
     * The engine's counts on the model, from a refine or replay run with --rule-coverage in a child JVM (TLC's
     * coverage switch is per JVM); empty, with the reason on err, when the model has no binding.
     */
    private Optional<EngineRun> engineRun(ManifestEntry e, PrintWriter err) throws Exception {
        Path file = Files.createTempFile("mmcheck-rules", ".cov");
        try {
            StringWriter text = new StringWriter();
            List<String> args = new ArrayList<>(List.of(engineKind.name(), "--manifest", manifest.file.toString(),
                    "--model", e.path(), "--rule-coverage", file.toString()));
            args.addAll(engineKind == EngineKind.refine ? List.of("--steps", Long.toString(engineSteps), "--seed", "1")
                    : List.of("--max-states", Long.toString(engineSteps)));
            int status = ChildJvm.run(new PrintWriter(text), args.toArray(String[]::new));
            if (status == 2 || Files.size(file) == 0) {
                String[] lines = text.toString().strip().split("\\R");
                err.println("coverage: no engine run on " + e.name() + ": " + lines[lines.length - 1]);
                err.flush();
                return Optional.empty();
            }
            return Optional.of(EngineRun.read(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
