package mmcheck.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import mmcheck.mm.proc.ExtfragDebugfsPrinter;
import mmcheck.mm.proc.ProcFormat;
import mmcheck.mm.proc.ProcFormatException;
import mmcheck.mm.proc.ZoneFreeInfo;
import mmcheck.testing.Snapshots;
import mmcheck.tlc.BadInputException;
import mmcheck.tlc.CfgProperties;
import mmcheck.tlc.ModelManifest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzing of every reader of user input: /proc/buddyinfo and /proc/pagetypeinfo (through to the indices frag
 * prints), models/manifest.json, and TLC cfgs. Each input, a mutation of a real file or plain noise, is either
 * read or refused with the documented one-line exception (ProcFormatException, BadInputException), within a
 * second; anything else (a NumberFormatException, an ArithmeticException, a StackOverflowError, a hang) fails.
 * 100,000 inputs in all, about 10 s on an idle 2-core machine.
 */
class InputFuzzProperties {
    private static final Duration PER_INPUT = Duration.ofSeconds(1);

    private static final String BUDDYINFO = Snapshots.read(
            Snapshots.resourceDir("frag-oracle").resolve("m256-s2-lowwm/04/buddyinfo.txt"));
    private static final String PAGETYPEINFO = Snapshots.read(
            Snapshots.resourceDir("frag-oracle").resolve("m256-s2-lowwm/04/pagetypeinfo.txt"));

    private static final String MANIFEST = """
            {
              "models": [
                {
                  "path": "models/MCBuddy.cfg",
                  "module": "models/MCBuddy.tla",
                  "mode": "exhaustive search",
                  "result": "success",
                  "distinctStates": 2116,
                  "totalStates": 13765,
                  "stateDepth": 16,
                  "runtime": "00:00:05",
                  "description": "5-page zone"
                },
                {
                  "path": "models/MCBuddySim.cfg",
                  "module": "models/MCBuddy.tla",
                  "mode": "simulate",
                  "depth": 40,
                  "num": 2000,
                  "checkDeadlock": false,
                  "result": "safety failure",
                  "violatedInvariant": "MaximalCoalescingInv",
                  "runtime": "00:00:30"
                }
              ]
            }
            """;

    private static final String CFG = """
            \\* Small: a 5-page zone starting at pfn 1
            CONSTANTS
                ZoneStart = 1
                ZoneEnd = 6
                AllocTypes <- MCAllocTypes2
                Owners = {1, 2}
                Name = "x"
            INIT Init
            NEXT Next
            INVARIANTS
                TypeOK
                MaximalCoalescingInv
            PROPERTY ProcessMemoryRefinement
            VIEW MCView
            SYMMETRY Perms
            CONSTRAINT Bound
            CHECK_DEADLOCK FALSE
            """;

    /** What mutations insert: the files' own words, numbers at and past every integer width, and JSON/cfg syntax. */
    private static final List<String> TOKENS = List.of("Node", "zone", ",", ", ", "\n", " ", "\t", "\r", "0", "1",
            "-1", "10", "11", "4294967296", "9223372036854775807", "9223372036854775808", "18446744073709551615",
            "99999999999999999999999", "1099511627776", ">100000", "100000", "Page block order:", "Pages per block:",
            "type", "Unmovable", "Movable", "Reclaimable", "HighAtomic", "CMA", "Isolate", "Number of blocks type",
            "Number of mixed blocks", "{", "}", "[", "]", "\"", ":", "\\", "\\u", "\u0000", "\u2028", "é", "null",
            "true", "false", "1e999", "-0", "0.5", "\"runtime\": \"99999:00:00\"", "\"depth\": 99999999999",
            "CONSTANTS", "CONSTANT", "<-", "=", "INIT", "NEXT", "PROPERTY", "VIEW", "SPECIFICATION", "(*", "*)",
            "\\*", "{1, 2}", "<<1, 2>>", "2147483647", "-2147483648", "\"s\"", "[", "MODULE", "====");

    private static ExecutorService worker;
    private static Path root;

    @BeforeContainer
    static void setUp() throws IOException {
        worker = newWorker();
        root = Files.createTempDirectory("mmcheck-fuzz-");
        Files.createDirectories(root.resolve("models"));
        for (String f : List.of("MCBuddy.cfg", "MCBuddy.tla", "MCBuddySim.cfg")) {
            Files.writeString(root.resolve("models").resolve(f), "");
        }
        // Class loading and first use of Jackson and ModelConfig are not what the per-input bound is about.
        frag(BUDDYINFO);
        frag(PAGETYPEINFO);
        ModelManifest.parse(MANIFEST, root);
        Files.writeString(root.resolve("Fuzz.cfg"), CFG);
        CfgProperties.read(root.resolve("Fuzz.cfg"));
    }

    @AfterContainer
    static void tearDown() throws IOException {
        worker.shutdownNow();
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 38_000, generation = GenerationMode.RANDOMIZED, edgeCases = EdgeCasesMode.NONE)
    void buddyinfo_readOrRefused(@ForAll("buddyinfo") String text) {
        withinASecond(text, () -> frag(text));
    }

    @Property(tries = 30_000, generation = GenerationMode.RANDOMIZED, edgeCases = EdgeCasesMode.NONE)
    void pagetypeinfo_readOrRefused(@ForAll("pagetypeinfo") String text) {
        withinASecond(text, () -> frag(text));
    }

    @Property(tries = 30_000, generation = GenerationMode.RANDOMIZED, edgeCases = EdgeCasesMode.NONE)
    void manifest_readOrRefused(@ForAll("manifest") String text) {
        withinASecond(text, () -> {
            try {
                ModelManifest.parse(text, root);
            } catch (BadInputException documented) {
                // JsonException or ManifestException: one line naming the problem.
            }
        });
    }

    // TLC's cfg parser costs some 1-2 ms an input (a fresh token manager each time); the others microseconds.
    @Property(tries = 2_000, generation = GenerationMode.RANDOMIZED, edgeCases = EdgeCasesMode.NONE)
    void cfg_readOrRefused(@ForAll("cfg") String text) {
        withinASecond(text, () -> {
            Path file = root.resolve("Fuzz.cfg");
            try {
                Files.writeString(file, text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                CfgProperties cfg = CfgProperties.read(file);
                cfg.propertyNames();
                cfg.hasView();
                cfg.requireEnumerableConstants();
            } catch (BadInputException documented) {
                // TLC's own message about the cfg, or a constant beyond its set bound.
            }
        });
    }

    /** What frag does with a file: detect, parse, and print both indices. */
    private static void frag(String text) {
        try {
            List<ZoneFreeInfo> zones = ProcFormat.detect(text, "fuzz").parse(text, "fuzz");
            ExtfragDebugfsPrinter.unusableShow(zones);
            ExtfragDebugfsPrinter.extfragShow(zones);
        } catch (ProcFormatException documented) {
            // file, line and problem on one line.
        }
    }

    @Provide
    Arbitrary<String> buddyinfo() {
        return mutationsOf(BUDDYINFO);
    }

    @Provide
    Arbitrary<String> pagetypeinfo() {
        return mutationsOf(PAGETYPEINFO);
    }

    @Provide
    Arbitrary<String> manifest() {
        return mutationsOf(MANIFEST);
    }

    @Provide
    Arbitrary<String> cfg() {
        return mutationsOf(CFG);
    }

    /** One to eight edits of a real file, or (one time in ten) noise. */
    private static Arbitrary<String> mutationsOf(String seed) {
        return Arbitraries.randomValue(r -> r.nextInt(10) == 0 ? noise(r) : mutate(seed, r));
    }

    private static String noise(Random r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(200);
        for (int i = 0; i < n; i++) {
            b.append(r.nextBoolean() ? TOKENS.get(r.nextInt(TOKENS.size())) : String.valueOf((char) r.nextInt(0x3000)));
        }
        return b.toString();
    }

    private static String mutate(String seed, Random r) {
        StringBuilder b = new StringBuilder(seed);
        int edits = 1 + r.nextInt(8);
        for (int e = 0; e < edits; e++) {
            int at = b.length() == 0 ? 0 : r.nextInt(b.length() + 1);
            int end = Math.min(b.length(), at + r.nextInt(40));
            switch (r.nextInt(7)) {
                case 0 -> b.insert(at, TOKENS.get(r.nextInt(TOKENS.size())));
                case 1 -> b.delete(at, end);
                case 2 -> b.insert(at, b.substring(at, end));
                case 3 -> b.insert(at, String.valueOf((char) r.nextInt(0x250)));
                case 4 -> b.setLength(at);
                case 5 -> b.insert(at, (r.nextBoolean() ? "[" : "{\"a\":").repeat(1 + r.nextInt(3000)));
                default -> replaceNumber(b, at, r);
            }
        }
        return b.toString();
    }

    /** Replaces the number at or after {@code at} with one at an integer width's edge. */
    private static void replaceNumber(StringBuilder b, int at, Random r) {
        int start = at;
        while (start < b.length() && !Character.isDigit(b.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < b.length() && Character.isDigit(b.charAt(end))) {
            end++;
        }
        String[] wide = {"2147483648", "9223372036854775807", "18446744073709551615", "1099511627776",
            "99999999999999999999", "0", "00000000000000000000000001"};
        b.replace(start, end, wide[r.nextInt(wide.length)]);
    }

    /** Runs one read on the worker; over a second, or any throwable but the documented ones, fails. */
    private static void withinASecond(String input, Runnable read) {
        Future<?> done = worker.submit(read);
        try {
            done.get(PER_INPUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            done.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            fail("took over " + PER_INPUT.toSeconds() + " s to read or refuse: " + shown(input));
        } catch (ExecutionException e) {
            throw new AssertionError("neither read nor refused with the documented error: " + e.getCause()
                    + " on " + shown(input), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(task -> {
            // The reader runs with the CLI's stack (check.sh passes -Xss4m), so its recursion limits are the CLI's.
            Thread t = new Thread(null, task, "fuzz-reader", 4L << 20);
            t.setDaemon(true);
            return t;
        });
    }

    private static String shown(String input) {
        String head = input.length() > 300 ? input.substring(0, 300) + "... (" + input.length() + " chars)" : input;
        return head.replace("\n", "\\n").replace("\r", "\\r");
    }
}
