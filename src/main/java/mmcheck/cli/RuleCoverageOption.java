package mmcheck.cli;

import java.nio.file.Path;
import java.util.Map;

import mmcheck.conform.Binding;
import mmcheck.conform.SpecCoverage;
import mmcheck.conform.SpecModel;
import mmcheck.coverage.EngineRun;
import picocli.CommandLine.Option;

/** --rule-coverage FILE: refine and replay also count TLC's evaluations of every rule on the engine's states. */
final class RuleCoverageOption {
    @Option(names = "--rule-coverage", paramLabel = "FILE",
            description = "Also count, per sub-condition of Next, how TLC evaluates it on the engine's states and "
                    + "requests (TLC's own cost model, so slower), and write the counts to FILE for `coverage`.")
    Path file;

    /** Before the spec loads: TLC reads its coverage switch once per JVM, when its evaluator loads. */
    void switchOnIfAsked() {
        if (file != null) {
            SpecCoverage.switchOn();
        }
    }

    /** The recorder for the loaded model, or null when no counts were asked for. */
    SpecCoverage recorder(SpecModel spec) {
        return file == null ? null : new SpecCoverage(spec, Binding.of(spec));
    }

    /** Writes the counts, with what ran and its steps per action, when they were asked for. */
    void write(SpecCoverage rules, String run, Map<String, Long> steps) {
        if (rules != null) {
            EngineRun.write(file, run, steps, rules.report());
        }
    }
}
