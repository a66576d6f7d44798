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
import picocli.CommandLine.ParameterException;

import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs TLC on one model of the manifest and shows its row and counterexample. */
@Command(name = "tlc", mixinStandardHelpOptions = true,
        description = {"Run TLC on one model of the manifest; print its result row and any counterexample.",
                "With --distributed server, TLC's distributed mode: this process runs the TLC server and waits for "
                        + "workers started with 'tlc-worker HOST' (on this host or others).",
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

    @Option(names = "--distributed", paramLabel = "server",
            description = "Run the model on distributed TLC, this process being the server.")
    String distributed;

    @Mixin
    DistributionOptions where = new DistributionOptions();

    @Option(names = "--html", paramLabel = "FILE", description = "also write the counterexample as a memory-map page")
    java.nio.file.Path html;

    @Option(names = "--map", description = "also print the counterexample as a text memory map")
    boolean map;

    @Override
    public Integer call() throws Exception {
        run.validate(spec);
        if (distributed != null && !distributed.equals("server")) {
            throw new ParameterException(spec.commandLine(), "--distributed takes 'server' (workers run with "
                    + "'tlc-worker HOST'), not '" + distributed + "'");
        }
        ModelManifest models = manifest.read();
        ManifestEntry entry = models.find(model);
        TlcRunner runner = ModelRun.runner(spec.commandLine().getErr());
        if (distributed != null) {
            runner = runner.distributed(where.distribution());
            spec.commandLine().getErr().println("TLC server for " + entry.name() + " on " + where.bind + ":"
                    + where.port + "; start each worker with: ./check.sh tlc-worker " + where.bind
                    + (where.port == mmcheck.tlc.TlcDistribution.DEFAULT_PORT ? "" : " --port " + where.port));
            spec.commandLine().getErr().flush();
        }
        ModelRun result = ModelRun.of(entry, runner.run(TlcInvocation.of(models, entry, run.workers,
                run.timeout())), distributed != null);
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
