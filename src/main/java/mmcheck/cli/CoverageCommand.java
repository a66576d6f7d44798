package mmcheck.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import mmcheck.coverage.CoverageRun;
import mmcheck.coverage.CoverageTable;
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
 * branches, CASE arms), summed over the models, with the steps per action that the engine took under refine.
 */
@Command(name = "coverage", mixinStandardHelpOptions = true,
        description = {"Rule coverage of the specs: how often TLC found each sub-condition of Next (conjunct, "
                + "disjunct, IF branch, CASE arm) TRUE and FALSE over the models, the states each action "
                + "generated, and the engine's steps per action under refine.",
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

    @Option(names = "--engine-steps", paramLabel = "N", defaultValue = "20000",
            description = "Refine requests per model for the engine's steps per action; 0 for none "
                    + "(default: ${DEFAULT-VALUE}).")
    long engineSteps;

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
                if (!CoverageRun.counts(m, e)) {
                    throw new mmcheck.tlc.BadInputException(e.name()
                            + ": only exhaustive models expected to succeed, with a NEXT in their cfg, have rule coverage");
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
                engineSteps(e).ifPresent(steps -> cov.addEngineSteps(e, steps));
            }
        }
        CoverageTable.print(out, cov, m.unreachedRules());
        List<RuleCount> unexplained = cov.unexplained();
        if (!unexplained.isEmpty()) {
            out.println(unexplained.size() + " rules no model reaches, and the manifest's unreachedRules does not "
                    + "say why");
        }
        out.flush();
        return ok && unexplained.isEmpty() ? 0 : 1;
    }

    /** The engine's steps per action from a refine run of the model in a child JVM, if refine runs on it. */
    private java.util.Optional<Map<String, Long>> engineSteps(ManifestEntry e) throws Exception {
        StringWriter text = new StringWriter();
        int status = ChildJvm.run(new PrintWriter(text), "refine", "--manifest", manifest.file.toString(),
                "--model", e.path(), "--steps", Long.toString(engineSteps), "--seed", "1");
        Map<String, Long> steps = new LinkedHashMap<>();
        for (String line : text.toString().split("\\R")) {
            String t = line.strip();
            if (t.startsWith("actions covered")) {
                for (String item : t.substring("actions covered".length()).split(",")) {
                    String[] w = item.strip().split("\\s+");
                    if (w.length == 2) {
                        steps.put(w[0], Long.parseLong(w[1]));
                    }
                }
            }
        }
        return status == 2 || steps.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(steps);
    }
}
