package mmcheck.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import mmcheck.tlc.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {
    private static final String MANIFEST = Fixtures.manifestFile().toString();

    private record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Run run(List<CheckCommand.PostStep> postSteps, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err), postSteps);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return run(List.of(), args);
    }

    private static void assertOneLineError(Run r, String line) {
        assertEquals(2, r.exit(), r.toString());
        assertEquals(List.of(line), r.errLines());
    }

    @Test
    void unknownSubcommand() {
        Run r = run("frob");
        assertEquals(2, r.exit());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("mmcheck: unknown subcommand 'frob' (known: check, tlc, models"), r.err());
    }

    @Test
    void badArguments() {
        assertOneLineError(run("tlc", "--workers", "x", "MCCounterOk"),
                "mmcheck tlc: --workers must be a number or auto, not 'x'");
        assertOneLineError(run("tlc", "--workers", "99999999999", "MCCounterOk"),
                "mmcheck tlc: --workers must be a number or auto, not '99999999999'");
        assertOneLineError(run("tlc", "--distributed", "client", "MCCounterOk"),
                "mmcheck tlc: --distributed takes 'server' (workers run with 'tlc-worker HOST'), not 'client'");
        assertOneLineError(run("tlc-worker", "--port", "0", "127.0.0.1"), "mmcheck tlc-worker: --port must be 1..65535, "
                + "not 0");
        assertOneLineError(run("tlc"), "mmcheck tlc: Missing required parameter: 'MODEL'");
        assertOneLineError(run("--frob"), "mmcheck check: Unknown option: '--frob'");
        assertOneLineError(run("check", "--workers", "0"), "mmcheck check: --workers must be 1..1024 or auto, not 0");
        assertOneLineError(run("tlc", "--timeout", "0", "MCCounterOk"),
                "mmcheck tlc: --timeout must be at least 1 second");
        assertOneLineError(run("models", "extra"), "mmcheck models: Unmatched argument at index 1: 'extra'");
    }

    @Test
    void badInput(@TempDir Path dir) throws IOException {
        assertOneLineError(run("tlc", "--manifest", MANIFEST, "MCNope"), "mmcheck tlc: unknown model MCNope "
                + "(known: MCCounterOk, MCCounterFail, MCCounterDeadlock, MCCounterSim)");
        Path missing = dir.resolve("models/manifest.json");
        assertOneLineError(run("check", "--manifest", missing.toString()),
                "mmcheck check: " + missing + ": no such file");
        Files.createDirectories(missing.getParent());
        Files.writeString(missing, "{\"models\": [\n  {\"path\": \"models/X.cfg\",}\n]}");
        assertOneLineError(run("models", "--manifest", missing.toString()),
                "mmcheck models: " + missing + ": line 2, column 27: Unexpected character ('}'): was expecting "
                        + "double-quote to start field name");
        Files.writeString(missing, "{\"models\": [{\"path\": \"models/X.cfg\"}]}");
        assertOneLineError(run("models", "--manifest", missing.toString()),
                "mmcheck models: " + missing + ": models[0] (models/X.cfg): missing file models/X.cfg");
    }

    @Test
    void workersAutoIsTheAvailableCores() {
        assertEquals(Runtime.getRuntime().availableProcessors(), RunOptions.workers(null, "auto"));
        assertEquals(3, RunOptions.workers(null, "3"));
        Run r = run("tlc", "--workers", "auto", "--manifest", MANIFEST, "MCCounterOk");
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void modelsListsTheManifest() {
        Run r = run("models", "--manifest", MANIFEST);
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("model              mode               expected                runtime   path"
                + "                          description", lines.get(0));
        assertEquals("MCCounterFail      exhaustive search  safety failure (Small)  00:00:01  "
                + "models/MCCounterFail.cfg      Small breaks after three increments", lines.get(2));
        assertEquals(5, lines.size());
    }

    @Test
    void tlcPrintsTheRowAndTheCounterexample() {
        Run r = run("tlc", "--workers", "1", "--manifest", MANIFEST, "MCCounterFail");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(CheckRowHeader.TEXT, lines.get(0).replaceAll(" +", " "));
        assertTrue(lines.get(1).matches("MCCounterFail +exhaustive search +4 +4 +4 +[\\d.]+ +safety failure \\(Small\\)"
                + " +safety failure \\(Small\\) +OK"), lines.get(1));
        assertTrue(lines.contains("step 4  Inc  at line 17, col 11 of module Counter"), r.out());
        assertEquals("violated invariant: Small", lines.get(lines.size() - 1));
    }

    @Test
    void checkRunsEveryModel() {
        Run r = run("--workers", "1", "--manifest", MANIFEST);
        assertEquals(0, r.exit(), r.out() + r.err());
        List<String> lines = r.out().lines().takeWhile(l -> !l.isEmpty()).toList();
        assertEquals(CheckRowHeader.TEXT, lines.get(0).replaceAll(" +", " "));
        assertEquals(5, lines.size(), r.out());
        assertTrue(lines.stream().skip(1).allMatch(l -> l.endsWith("  OK")), r.out());
        // The table is followed by the rule-coverage gate, which passes on the fixtures.
        assertTrue(r.out().contains("\nrule coverage: "), r.out());
        assertTrue(r.out().contains("every unreached rule has a reason in the manifest"), r.out());
    }

    @Test
    void checkReportsASurpriseAndExitsOne(@TempDir Path dir) throws IOException {
        copyTree(Fixtures.root().resolve("spec"), dir.resolve("spec"));
        copyTree(Fixtures.root().resolve("models"), dir.resolve("models"));
        Path manifest = dir.resolve("models/manifest.json");
        Files.writeString(manifest, "{\"models\": [{\"path\": \"models/MCCounterOk.cfg\", \"module\": "
                + "\"models/MCCounterOk.tla\", \"mode\": \"exhaustive search\", \"result\": \"success\", "
                + "\"distinctStates\": 4, \"totalStates\": 3, \"stateDepth\": 3, \"runtime\": \"00:00:01\"}]}");
        Run r = run("check", "--workers", "1", "--manifest", manifest.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().lines().toList().get(1).endsWith("  SURPRISE"), r.out());
        assertTrue(r.out().contains("MCCounterOk: distinct states 3, manifest says 4\n"), r.out());
    }

    /**
     * An on-demand model is listed by models but not run by check, which names it with its command; its entry here
     * would be a SURPRISE (MCCounterFail does fail), so running it would show in the table and the exit status.
     */
    @Test
    void checkLeavesOnDemandModelsOutAndSaysHowToRunThem(@TempDir Path dir) throws IOException {
        copyTree(Fixtures.root().resolve("spec"), dir.resolve("spec"));
        copyTree(Fixtures.root().resolve("models"), dir.resolve("models"));
        Path manifest = dir.resolve("models/manifest.json");
        Files.writeString(manifest, "{\"models\": [{\"path\": \"models/MCCounterOk.cfg\", \"module\": "
                + "\"models/MCCounterOk.tla\", \"mode\": \"exhaustive search\", \"result\": \"success\", "
                + "\"distinctStates\": 3, \"totalStates\": 3, \"stateDepth\": 3, \"runtime\": \"00:00:01\"}, "
                + "{\"path\": \"models/MCCounterFail.cfg\", \"module\": \"models/MCCounterFail.tla\", "
                + "\"mode\": \"exhaustive search\", \"result\": \"success\", \"distinctStates\": 9, "
                + "\"totalStates\": 9, \"stateDepth\": 9, \"runtime\": \"00:10:00\", \"onDemand\": true}]}");
        Run r = run("check", "--workers", "1", "--manifest", manifest.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        List<String> table = r.out().lines().takeWhile(l -> !l.isEmpty()).toList();
        assertEquals(3, table.size(), r.out());
        assertTrue(table.get(1).startsWith("MCCounterOk ") && table.get(1).endsWith("  OK"), r.out());
        assertEquals("not run here (on demand, recorded 00:10:00): MCCounterFail; run it with: "
                + "./check.sh tlc MCCounterFail --workers 2", table.get(2));
        assertTrue(!r.err().contains("running MCCounterFail"), r.err());

        Run models = run("models", "--manifest", manifest.toString());
        assertEquals(0, models.exit(), models.err());
        assertTrue(models.out().lines().anyMatch(l -> l.startsWith("MCCounterFail ")
                && l.contains("exhaustive search, on demand  success")), models.out());
        assertTrue(models.out().lines().anyMatch(l -> l.startsWith("MCCounterOk ")
                && !l.contains("on demand")), models.out());
    }

    @Test
    void skipSlowLeavesModelsOutAndSaysSo() {
        Run r = run("check", "--skip-slow", "0", "--manifest", MANIFEST);
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of(CheckRowHeader.TEXT, "skipped (recorded runtime over 0 s): MCCounterOk (00:00:01), "
                + "MCCounterFail (00:00:01), MCCounterDeadlock (00:00:01), MCCounterSim (00:00:01)"),
                r.out().lines().takeWhile(l -> !l.isEmpty())
                        .map(l -> l.startsWith("model") ? l.replaceAll(" +", " ") : l).toList());
    }

    @Test
    void postStepsRunAfterTheTableAndDecideTheExit() {
        CheckCommand.PostStep passing = new CheckCommand.PostStep("refinement", () -> true);
        CheckCommand.PostStep failing = new CheckCommand.PostStep("refinement", () -> false);
        CheckCommand.PostStep throwing = new CheckCommand.PostStep("refinement", () -> {
            throw new IllegalStateException("engine and spec disagree\nat step 7");
        });
        String[] args = {"--skip-slow", "0", "--manifest", MANIFEST};
        assertEquals(0, run(List.of(passing), args).exit());
        Run failed = run(List.of(passing, failing), args);
        assertEquals(1, failed.exit());
        assertTrue(failed.out().endsWith("refinement: FAILED\n"), failed.out());
        Run thrown = run(List.of(throwing), args);
        assertEquals(1, thrown.exit());
        assertEquals(List.of("mmcheck check: refinement: IllegalStateException: engine and spec disagree; at step 7"),
                thrown.errLines());
    }

    /** A StackOverflowError or OutOfMemoryError once escaped as a stack trace with exit 1. */
    @Test
    void jvmExhaustionIsOneLineAndExitTwo() {
        CheckCommand.PostStep deep = new CheckCommand.PostStep("refinement", () -> {
            throw new StackOverflowError();
        });
        Run r = run(List.of(deep), "--skip-slow", "0", "--manifest", MANIFEST);
        assertOneLineError(r, "mmcheck check: the input is nested too deeply to read (the JVM ran out of stack)");
        CheckCommand.PostStep big = new CheckCommand.PostStep("refinement", () -> {
            throw new OutOfMemoryError("Java heap space");
        });
        assertEquals(2, run(List.of(big), "--skip-slow", "0", "--manifest", MANIFEST).exit());
    }

    /** Internal exception names once leaked into messages: long overflow, NullPointerException, NumberFormat. */
    @Test
    void noInternalExceptionNamesForBadInput(@TempDir Path dir) throws IOException {
        assertOneLineError(run("tlc", "--timeout", "9223372036854775807", "--manifest", MANIFEST, "MCCounterOk"),
                "mmcheck tlc: --timeout must be at most 604800 seconds (a week), not 9223372036854775807");
        assertOneLineError(run("models", "--manifest", "/"), "mmcheck models: /: is a directory, not a file");
        Path manifest = dir.resolve("models/manifest.json");
        Files.createDirectories(manifest.getParent());
        Files.writeString(dir.resolve("models/X.cfg"), "");
        Files.writeString(dir.resolve("models/X.tla"), "");
        Files.writeString(manifest, "{\"models\": [{\"path\": \"models/X.cfg\", \"module\": \"models/X.tla\", "
                + "\"mode\": \"exhaustive search\", \"result\": \"safety failure\", \"violatedInvariant\": \"I\", "
                + "\"runtime\": \"99999999999999999999:00:00\"}]}");
        assertOneLineError(run("models", "--manifest", manifest.toString()), "mmcheck models: " + manifest
                + ": models[0] (models/X.cfg): \"runtime\" must look like 00:00:03, not \"99999999999999999999:00:00\"");
    }

    @Test
    void optionsAloneMeanCheck() {
        assertArrayEquals(new String[] {"check"}, Main.withDefaultSubcommand(new String[0]));
        assertArrayEquals(new String[] {"check", "--workers", "1"},
                Main.withDefaultSubcommand(new String[] {"--workers", "1"}));
        assertArrayEquals(new String[] {"--help"}, Main.withDefaultSubcommand(new String[] {"--help"}));
        assertArrayEquals(new String[] {"tlc", "MCBuddy"}, Main.withDefaultSubcommand(new String[] {"tlc", "MCBuddy"}));
    }

    /**
     * Every @Command class of this package is reachable from Main: a subcommand written but left out of Main's
     * subcommands list fails here, not silently in front of a user.
     */
    @Test
    void everyCommandClassOfThePackageIsASubcommand() throws Exception {
        Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("mmcheck/cli");
        Set<Class<?>> commands = new HashSet<>();
        try (var files = Files.list(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = f.getFileName().toString().replace(".class", "");
                Class<?> c = Class.forName("mmcheck.cli." + name);
                if (c.isAnnotationPresent(CommandLine.Command.class) && c != Main.class
                        && c.getEnclosingClass() == null) {
                    commands.add(c);
                }
            }
        }
        Set<Class<?>> registered = new HashSet<>();
        Main.commandLine(List.of()).getSubcommands().values()
                .forEach(sub -> registered.add(sub.getCommand().getClass()));
        assertTrue(commands.size() >= 6, commands.toString());
        assertEquals(commands, registered);
    }

    @Test
    void helpNamesEverySubcommandAndEachAnswersItsOwnHelp() {
        Run main = run("--help");
        Set<String> names = Main.commandLine(List.of()).getSubcommands().keySet();
        assertTrue(names.containsAll(List.of("check", "tlc", "models", "frag", "refine", "replay")), names.toString());
        for (String sub : names) {
            assertTrue(main.out().contains("\n  " + sub + " "), sub + " missing from\n" + main.out());
            Run r = run(sub, "--help");
            assertEquals(0, r.exit(), sub + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: mmcheck " + sub), r.out());
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    private static final class CheckRowHeader {
        static final String TEXT = "model mode distinct total depth seconds expected actual verdict";
    }
}
