package mmcheck.cli;

import java.util.List;
import java.util.concurrent.Callable;

import mmcheck.tlc.ManifestEntry;
import mmcheck.tlc.ModelManifest;
import mmcheck.tlc.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Lists the manifest's models with what each is expected to report. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List the models of the manifest.")
public final class ModelsCommand implements Callable<Integer> {
    private static final List<String> HEADER = List.of("model", "mode", "expected", "runtime", "path",
            "description");

    @Spec
    CommandSpec spec;

    @Mixin
    ManifestOption manifest = new ManifestOption();

    @Override
    public Integer call() {
        ModelManifest models = manifest.read();
        List<List<String>> rows = models.models().stream().map(ModelsCommand::row).toList();
        spec.commandLine().getOut().print(TextTable.format(HEADER, rows));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static List<String> row(ManifestEntry e) {
        String expected = e.violatedInvariant() == null ? e.result().label()
                : e.result().label() + " (" + e.violatedInvariant() + ")";
        // On-demand models are listed like the rest, so that users find them, but marked: check.sh does not run them.
        String mode = e.onDemand() ? e.mode().label() + ", on demand" : e.mode().label();
        return List.of(e.name(), mode, expected, ManifestEntry.formatRuntime(e.runtime()), e.path(),
                e.description() == null ? "" : e.description());
    }
}
