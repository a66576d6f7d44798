package mmcheck.cli;

import java.util.concurrent.Callable;

import mmcheck.tlc.TlaToolsJar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A worker of distributed TLC (tlc2.tool.distributed.TLCWorker) for a server started with tlc --distributed. */
@Command(name = "tlc-worker", mixinStandardHelpOptions = true,
        description = {"Run a distributed-TLC worker for the server at HOST ('tlc MODEL --distributed server'); it "
                + "computes successor states until the server is done.",
                "Exit status: the worker JVM's; 2 bad arguments."})
public final class TlcWorkerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "HOST", description = "The TLC server's address (its --bind).")
    String server;

    @Option(names = "--workers", paramLabel = "N|auto", defaultValue = "auto",
            description = "Threads of this worker (default: ${DEFAULT-VALUE}, one per available core).")
    String workersText;

    @Mixin
    DistributionOptions where = new DistributionOptions();

    @Override
    public Integer call() throws Exception {
        int threads = RunOptions.workers(spec, workersText);
        return where.distribution().runWorker(TlaToolsJar.locate(), server, threads);
    }
}
