package mmcheck.cli;

import java.util.List;
import java.util.concurrent.Callable;

import mmcheck.render.CounterexampleMap;
import mmcheck.render.CounterexamplePage;
import mmcheck.tlc.ManifestEntry;
import mmcheck.tlc.ModelManifest;
import mmcheck.tlc.TlcInvocation;
import mmcheck.tlc.TlcRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs TLC on one model of the manifest and shows its row and counterexample. */
@Command(name = "tlc", mixinStandardHelpOptions = true,
        description = {"Run TLC on one model of the manifest; print its result row and any counterexample.",
                "Exit status: 0 as recorded, 1 a surprise, 2 bad arguments or input."})
public final class TlcCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "MODEL", description = "Manifest path (models/MCBuddy.cfg) or name (MCBuddy).")
    String model;

    @Mixin
    ManifestOption manifest = new ManifestOption();

    @Mixin
    RunOptions run = new RunOptions();

    @Option(names = "--html", paramLabel = "FILE", description = "also write the counterexample as a memory-map page")
    java.nio.file.Path html;

    @Option(names = "--map", description = "also print the counterexample as a text memory map")
    boolean map;

    @Override
    public Integer call() throws Exception {
        run.validate(spec);
        ModelManifest models = manifest.read();
        ManifestEntry entry = models.find(model);
        ModelRun result = ModelRun.of(entry,
                new TlcRunner().run(TlcInvocation.of(models, entry, run.workers, run.timeout())));
        ModelRun.print(spec.commandLine().getOut(), List.of(result), true);
        if (map) {
            spec.commandLine().getOut().print(CounterexampleMap.text(result.result(),
                    CounterexamplePage.pageblockOrder(java.nio.file.Path.of(entry.path()))));
            spec.commandLine().getOut().flush();
        }
        if (html != null) {
            CounterexamplePage.write(entry.name(), java.nio.file.Path.of(entry.path()), result.result(), html);
            spec.commandLine().getOut().println("html: " + html);
        }
        return result.ok() ? 0 : 1;
    }
}
