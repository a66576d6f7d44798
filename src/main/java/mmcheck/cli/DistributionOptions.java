package mmcheck.cli;

import mmcheck.tlc.TlcDistribution;
import picocli.CommandLine.Option;

/** Where distributed TLC listens (--bind, --port), shared by tlc --distributed server and tlc-worker. */
final class DistributionOptions {
    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = TlcDistribution.LOOPBACK,
            description = "Address the RMI sockets listen on and advertise (default: ${DEFAULT-VALUE}, this host only;"
                    + " give an address the other hosts reach to run workers there).")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + TlcDistribution.DEFAULT_PORT,
            description = "Port of the TLC server's RMI registry (default: ${DEFAULT-VALUE}).")
    int port;

    TlcDistribution distribution() {
        return new TlcDistribution(bind, port);
    }
}
