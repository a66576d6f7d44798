package mmcheck.tlc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs tlc2.TLC in a child JVM and parses its -tool output. A subprocess because TLC keeps static state and calls
 * System.exit; each run gets a private java.io.tmpdir and metadir because TLC writes the standard modules into
 * the tmpdir and parallel runs sharing one truncate each other's files.
 */
public final class TlcRunner {
    private final Path toolsJar;
    private final Path javaExecutable;

    public TlcRunner() {
        this(TlaToolsJar.locate());
    }

    public TlcRunner(Path toolsJar) {
        this.toolsJar = toolsJar;
        this.javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public TlcResult run(TlcInvocation inv) throws InterruptedException {
        return run(inv, List.of());
    }

    /** run() with TLC switches of its own added (e.g. -coverage for mmcheck.coverage). */
    public TlcResult run(TlcInvocation inv, List<String> extraArgs) throws InterruptedException {
        requireFile(inv.module(), "module");
        requireFile(inv.config(), "cfg");
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
                        .collect(Collectors.joining(java.io.File.pathSeparator)),
                "-cp", toolsJar.toString(), "tlc2.TLC", "-tool",
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
        OutputCollector collector = new OutputCollector(process.getInputStream());
        collector.start();
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
        return CfgProperties.named(TlcOutputParser.parse(collector.text(), process.exitValue(), seconds),
                inv.config());
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
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        OutputCollector(InputStream in) {
            super("tlc-output");
            setDaemon(true);
            this.in = in;
        }

        @Override
        public void run() {
            try (in) {
                in.transferTo(buffer);
            } catch (IOException e) {
                // The child died; what was read so far is all the output there is.
            }
        }

        String text() {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }
}
