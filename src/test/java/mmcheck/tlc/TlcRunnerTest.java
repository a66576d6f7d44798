package mmcheck.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/** TLC end to end on the fixture models, one worker each to leave the shared cores to others. */
class TlcRunnerTest {
    private final ModelManifest manifest = ModelManifest.read(Fixtures.manifestFile());
    private final TlcRunner runner = new TlcRunner();

    private TlcResult run(String model) throws InterruptedException {
        return runner.run(TlcInvocation.of(manifest, manifest.find(model), 1, Duration.ofSeconds(120)));
    }

    private static TlcInvocation model(String name) {
        Path models = Fixtures.root().resolve("models");
        return TlcInvocation.exhaustive(models.resolve(name + ".tla"), models.resolve(name + ".cfg"), 1,
                List.of(Fixtures.root().resolve("spec")));
    }

    @Test
    void success() throws InterruptedException {
        TlcResult r = run("MCCounterOk");
        assertEquals(TlcOutcome.SUCCESS, r.outcome(), r.output());
        assertEquals(0, r.exitCode());
        assertEquals(3L, r.distinctStates());
        assertEquals(3L, r.totalStates());
        assertEquals(3L, r.depth());
        assertTrue(r.seconds() > 0);
    }

    @Test
    void safetyFailureWithCounterexample() throws InterruptedException {
        TlcResult r = run("MCCounterFail");
        assertEquals(TlcOutcome.SAFETY_FAILURE, r.outcome(), r.output());
        assertEquals("Small", r.violatedProperty());
        assertEquals(4, r.trace().size());
        String rendered = CounterexampleRenderer.render(r);
        assertTrue(rendered.contains("step 4  Inc  at line 17, col 11 of module Counter\n"
                + "  pageBuddy[2]: FALSE -> TRUE\n"), rendered);
        assertTrue(rendered.endsWith("violated invariant: Small\n"), rendered);
    }

    @Test
    void parseError() throws InterruptedException {
        TlcResult r = runner.run(model("MCCounterBroken"));
        assertEquals(TlcOutcome.PARSE_FAILURE, r.outcome(), r.output());
        assertEquals(150, r.exitCode());
        assertTrue(r.problem().startsWith("parse error in module MCCounterBroken: Encountered \"====\" at line 4"),
                r.problem());
    }

    @Test
    void deadlockCheckingAsTheCfgSaysUnlessTurnedOff() throws InterruptedException {
        TlcInvocation deadlocking = model("MCCounterDeadlock");
        assertEquals(TlcOutcome.DEADLOCK_FAILURE, runner.run(deadlocking).outcome());
        TlcInvocation ignoring = new TlcInvocation(deadlocking.module(), deadlocking.config(), ModelMode.EXHAUSTIVE,
                null, null, 1, true, deadlocking.libraryPath(), null);
        assertEquals(TlcOutcome.SUCCESS, runner.run(ignoring).outcome());
    }

    @Test
    void specsAreFoundThroughTheLibraryPath() throws InterruptedException {
        TlcInvocation withoutSpecDir = TlcInvocation.exhaustive(model("MCCounterOk").module(),
                model("MCCounterOk").config(), 1, List.of());
        TlcResult r = runner.run(withoutSpecDir);
        assertEquals(TlcOutcome.PARSE_FAILURE, r.outcome());
        assertEquals("Cannot find source file for module Counter imported in module MCCounterOk.", r.problem());
    }

    @Test
    void simulation() throws InterruptedException {
        TlcResult r = run("MCCounterSim");
        assertEquals(TlcOutcome.SAFETY_FAILURE, r.outcome(), r.output());
        assertEquals("Small", r.violatedProperty());
        assertTrue(r.output().contains("Running Random Simulation"), r.output());
    }

    @Test
    void timeoutStopsTlc() throws InterruptedException {
        TlcResult r = runner.run(model("MCForever").withTimeout(Duration.ofSeconds(3)));
        assertEquals(TlcOutcome.TIMEOUT, r.outcome());
        assertEquals("no result within 3 s", r.problem());
        assertTrue(r.seconds() >= 3 && r.seconds() < 30, "seconds " + r.seconds());
    }

    /** A long run was silent until its end; now a progress line comes every interval, TLC's figures in it. */
    @Test
    void longRunPrintsProgressLines() throws InterruptedException {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        runner.withProgress(lines::add, Duration.ofSeconds(1))
                .run(model("MCForever").withTimeout(Duration.ofSeconds(8)));
        assertTrue(lines.size() >= 2, lines.toString());
        assertTrue(lines.get(lines.size() - 1).matches("MCForever: 00:00:0\\d elapsed, .*"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains(" states generated (")), lines.toString());
    }

    @Test
    void parallelRunsDoNotShareStandardModules() {
        List<CompletableFuture<TlcResult>> runs = List.of(1, 2).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return runner.run(model("MCCounterOk"));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                })).toList();
        for (CompletableFuture<TlcResult> run : runs) {
            TlcResult r = run.join();
            assertEquals(TlcOutcome.SUCCESS, r.outcome(), r.output());
        }
    }

    @Test
    void missingFilesAreBadInput() {
        TlcInvocation missing = TlcInvocation.exhaustive(Path.of("nowhere/MCNope.tla"), Path.of("nowhere/MCNope.cfg"),
                1, List.of());
        BadInputException e = assertThrows(BadInputException.class, () -> runner.run(missing));
        assertEquals("missing module file nowhere/MCNope.tla", e.getMessage());
    }

    @Test
    void commandLineGivesTlcItsOwnDirectories() {
        Path work = Path.of("/tmp/mmcheck-tlc-x");
        TlcInvocation inv = model("MCCounterOk").withWorkers(2);
        List<String> cmd = runner.command(inv, work);
        assertTrue(cmd.contains("-Djava.io.tmpdir=/tmp/mmcheck-tlc-x/tmp"), cmd.toString());
        assertTrue(cmd.contains("-DTLA-Library=" + Fixtures.root().resolve("spec").toAbsolutePath()), cmd.toString());
        int metadir = cmd.indexOf("-metadir");
        assertEquals("/tmp/mmcheck-tlc-x/states", cmd.get(metadir + 1));
        assertEquals("2", cmd.get(cmd.indexOf("-workers") + 1));
        assertEquals(List.of("tlc2.TLC", "-tool"), cmd.subList(cmd.indexOf("tlc2.TLC"), cmd.indexOf("tlc2.TLC") + 2));
        assertEquals("MCCounterOk.tla", cmd.get(cmd.size() - 1));
        assertTrue(!cmd.contains("-deadlock") && !cmd.contains("-simulate"), cmd.toString());
    }
}
