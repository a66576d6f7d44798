package mmcheck.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * TLC's distributed mode on this host only: a TLCServer and one TLCWorker, both bound to 127.0.0.1, check
 * MCBuddySmall to the states of the local run the manifest records.
 */
class DistributedTlcTest {
    private static final Pattern COMPUTED = Pattern.compile("Computed: (\\d+) ");
    private static final Pattern INITIAL = Pattern.compile("Finished computing initial states: (\\d+) distinct");

    @Test
    void serverAndWorkerOnLoopback_findTheLocalRunsStates() throws Exception {
        ModelManifest manifest = ModelManifest.read(Path.of("models/manifest.json"));
        ManifestEntry entry = manifest.find("MCBuddySmall");
        TlcDistribution loopback = new TlcDistribution(TlcDistribution.LOOPBACK, freeLoopbackPort());
        TlcRunner runner = new TlcRunner().distributed(loopback);

        CompletableFuture<TlcResult> server = CompletableFuture.supplyAsync(() -> {
            try {
                return runner.run(TlcInvocation.of(manifest, entry, 1, Duration.ofMinutes(4)));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Process worker = new ProcessBuilder(loopback.workerCommand(runner.toolsJar(), TlcDistribution.LOOPBACK, 1))
                .redirectErrorStream(true).start();
        CompletableFuture<String> workerOutput = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(worker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        try {
            List<String> wildcard = new ArrayList<>();
            while (!server.isDone() && worker.isAlive()) {
                wildcard.addAll(nonLoopbackListeners(loopback.port()));
                Thread.sleep(200);
            }
            assertEquals(List.of(), wildcard, "the TLC server's registry listened beyond 127.0.0.1");
            TlcResult result = server.get(4, TimeUnit.MINUTES);
            assertTrue(worker.waitFor(60, TimeUnit.SECONDS), "the worker outlived its server");
            String workerText = workerOutput.get(10, TimeUnit.SECONDS);

            assertEquals(TlcOutcome.SUCCESS, result.outcome(), result.problem() + "\n" + result.output());
            assertEquals(entry.distinctStates(), result.distinctStates());
            // The server counts a worker's cache hits as generated again; the worker's own count, with the initial
            // states, is the local run's total.
            long computed = sum(COMPUTED.matcher(workerText));
            long initial = sum(INITIAL.matcher(result.output()));
            assertEquals(entry.totalStates(), computed + initial, workerText);
        } finally {
            worker.destroyForcibly();
        }
    }

    private static long sum(Matcher m) {
        long total = 0;
        boolean found = false;
        while (m.find()) {
            total += Long.parseLong(m.group(1));
            found = true;
        }
        assertTrue(found, "no count in the output");
        return total;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Listening sockets on the port whose local address is not 127.0.0.1 (from the kernel's own tables). */
    private static List<String> nonLoopbackListeners(int port) throws IOException {
        List<String> found = new ArrayList<>();
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.exists(p)) {
                continue;
            }
            List<String> lines = Files.readAllLines(p);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                String[] local = f[1].split(":");
                boolean listening = f[3].equals("0A");
                boolean loopback = local[0].equals("0100007F") || local[0].endsWith("FFFF00000100007F")
                        || local[0].equals("00000000000000000000000001000000");
                if (listening && local[1].equals(hexPort) && !loopback) {
                    found.add(table + " " + f[1]);
                }
            }
        }
        return found;
    }

    @Test
    void distributedModeRefusesWhatTheServerCannotDo() {
        ModelManifest manifest = ModelManifest.read(Path.of("models/manifest.json"));
        TlcRunner runner = new TlcRunner().distributed(new TlcDistribution(TlcDistribution.LOOPBACK, 10997));
        ManifestEntry sim = manifest.models().stream().filter(e -> e.mode() == ModelMode.SIMULATE).findFirst()
                .orElseThrow();
        BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class,
                () -> runner.run(TlcInvocation.of(manifest, sim, 1, null)));
        assertTrue(e.getMessage().startsWith("distributed TLC checks exhaustively"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"));
    }
}
