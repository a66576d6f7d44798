package mmcheck.tlc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs tlc2.TLC in a child JVM and parses its -tool output. A subprocess because TLC keeps static state and calls
 * System.exit; each run gets a private java.io.tmpdir and metadir because TLC writes the standard modules into
 * the tmpdir and parallel runs sharing one truncate each other's files.
 */
public final class TlcRunner {
    /** How often a long run says how far it got, when it has somewhere to say it. */
    public static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final Path toolsJar;
    private final Path javaExecutable;
    private final Consumer<String> progressSink;
    private final Duration progressEvery;
    private final TlcDistribution distribution;

    public TlcRunner() {
        this(TlaToolsJar.locate());
    }

    public TlcRunner(Path toolsJar) {
        this(toolsJar, null, PROGRESS_EVERY, null);
    }

    private TlcRunner(Path toolsJar, Consumer<String> progressSink, Duration progressEvery,
                      TlcDistribution distribution) {
        this.toolsJar = toolsJar;
        this.javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
        this.progressSink = progressSink;
        this.progressEvery = progressEvery;
        this.distribution = distribution;
    }

    /** A runner that hands sink a progress line (TlcProgress) every {@code every} while TLC runs. */
    public TlcRunner withProgress(Consumer<String> sink, Duration every) {
        return new TlcRunner(toolsJar, sink, every, distribution);
    }

    /**
     * A runner that checks the model on distributed TLC: it runs tlc2.tool.distributed.TLCServer, which waits for
     * TLCWorkers (TlcDistribution.workerCommand) to compute successor states for it.
     */
    public TlcRunner distributed(TlcDistribution where) {
        return new TlcRunner(toolsJar, progressSink, progressEvery, where);
    }

    public Path toolsJar() {
        return toolsJar;
    }

    /**
     * Runs TLC. The cfg is read first with TLC's own parser, so a malformed cfg or a constant TLC could never
     * enumerate is a BadInputException before any JVM starts.
     */
    public TlcResult run(TlcInvocation inv) throws InterruptedException {
        return run(inv, List.of());
    }

    /** run() with TLC switches of its own added (e.g. -coverage for mmcheck.coverage). */
    public TlcResult run(TlcInvocation inv, List<String> extraArgs) throws InterruptedException {
        requireFile(inv.module(), "module");
        requireFile(inv.config(), "cfg");
        CfgProperties.read(inv.config()).requireEnumerableConstants();
        if (distribution != null && (inv.mode() == ModelMode.SIMULATE || inv.ignoreDeadlock())) {
            // TLCServer takes only -config, -metadir, -checkpoint, -recover, -fp options: no -simulate, -deadlock.
            throw new BadInputException("distributed TLC checks exhaustively with the cfg's own CHECK_DEADLOCK; "
                    + inv.config().getFileName() + " needs " + (inv.mode() == ModelMode.SIMULATE ? "-simulate"
                    : "-deadlock (the manifest's \"checkDeadlock\": false)") + ", which its server has not");
        }
        Path work;
        try {
            work = Files.createTempDirectory("mmcheck-tlc-");
            Files.createDirectory(work.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for TLC", e);
        }
        try {
            return runIn(work, inv, extraArgs);
        } finally {
            deleteTree(work);
        }
    }

    /** The command line, exposed so tests and error reports can show exactly what ran. */
    public List<String> command(TlcInvocation inv, Path work) {
        return command(inv, work, List.of());
    }

    private List<String> command(TlcInvocation inv, Path work, List<String> extraArgs) {
        List<String> cmd = new ArrayList<>(List.of(javaExecutable.toString(), "-Xss4m", "-XX:+UseParallelGC",
                "-Djava.io.tmpdir=" + work.resolve("tmp"),
                "-DTLA-Library=" + inv.libraryPath().stream().map(p -> p.toAbsolutePath().toString())
                        .collect(Collectors.joining(java.io.File.pathSeparator))));
        if (distribution != null) {
            cmd.addAll(distribution.jvmOptions());
            cmd.addAll(List.of("-cp", TlcDistribution.classpath(toolsJar), DistributedTlcMain.class.getName(),
                    "server", distribution.bind(), "-tool",
                    "-metadir", work.resolve("states").toString(),
                    "-config", inv.config().toAbsolutePath().toString(),
                    inv.module().getFileName().toString()));
            return cmd;
        }
        cmd.addAll(List.of("-cp", toolsJar.toString(), "tlc2.TLC", "-tool",
                "-workers", Integer.toString(inv.workers()),
                "-metadir", work.resolve("states").toString(),
                "-config", inv.config().toAbsolutePath().toString()));
        if (inv.ignoreDeadlock()) {
            cmd.add("-deadlock");
        }
        if (inv.mode() == ModelMode.SIMULATE) {
            cmd.addAll(List.of("-simulate", "num=" + inv.simulateNum(), "-depth", inv.simulateDepth().toString()));
        }
        cmd.addAll(extraArgs);
        cmd.add(inv.module().getFileName().toString());
        return cmd;
    }

    private TlcResult runIn(Path work, TlcInvocation inv, List<String> extraArgs) throws InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command(inv, work, extraArgs))
                .directory(inv.module().toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true);
        long start = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + javaExecutable, e);
        }
        TlcProgress progress = new TlcProgress(inv.config().getFileName().toString().replaceAll("\\.cfg$", ""),
                start);
        OutputCollector collector = new OutputCollector(process.getInputStream(), progress);
        collector.start();
        Thread ticker = progressSink == null ? null : ticker(process, progress);
        // If this JVM is stopped mid-run, TLC must not live on burning the shared cores.
        Thread reaper = new Thread(() -> destroy(process), "tlc-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        boolean finished = false;
        try {
            if (inv.timeout() == null) {
                process.waitFor();
                finished = true;
            } else {
                finished = process.waitFor(inv.timeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            if (!finished) {
                destroy(process);
                process.waitFor();
            }
            collector.join();
            if (ticker != null) {
                ticker.interrupt();
                ticker.join();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to; nothing left to undo.
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!finished) {
            TlcResult partial = TlcOutputParser.parse(collector.text(), -1, seconds);
            return new TlcResult(TlcOutcome.TIMEOUT, -1, partial.violatedProperty(), partial.distinctStates(),
                    partial.totalStates(), partial.depth(), seconds, partial.trace(),
                    "no result within " + inv.timeout().toSeconds() + " s", partial.output());
        }
        // TLCServer exits 0 whatever it found; its messages say what TLC's exit code would have.
        int exit = distribution == null ? process.exitValue() : TlcOutputParser.exitCodeOf(collector.text());
        return CfgProperties.named(TlcOutputParser.parse(collector.text(), exit, seconds), inv.config());
    }

    /** Prints the progress line every progressEvery until the process ends. */
    private Thread ticker(Process process, TlcProgress progress) {
        Thread t = new Thread(() -> {
            try {
                while (!process.waitFor(progressEvery.toMillis(), TimeUnit.MILLISECONDS)) {
                    progressSink.accept(progress.line(System.nanoTime()));
                }
            } catch (InterruptedException done) {
                // The run is over; nothing more to report.
            }
        }, "tlc-progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void destroy(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("missing " + what + " file " + file);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is not worth failing a finished model check for.
        }
    }

    /** Drains the child's output concurrently so a chatty TLC never blocks on a full pipe. */
    private static final class OutputCollector extends Thread {
        private final InputStream in;
        private final TlcProgress progress;
        private final StringBuffer buffer = new StringBuffer();

        OutputCollector(InputStream in, TlcProgress progress) {
            super("tlc-output");
            setDaemon(true);
            this.in = in;
            this.progress = progress;
        }

        @Override
        public void run() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    buffer.append(line).append('\n');
                    progress.accept(line, System.nanoTime());
                }
            } catch (IOException e) {
                // The child died; what was read so far is all the output there is.
            }
        }

        String text() {
            return buffer.toString();
        }
    }
}
