package mmcheck.tlc;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Every model of the repository's models/manifest.json, checked by TLC against the manifest: result, violated
 * invariant, and for exhaustive successes distinct/total states and depth. CI runs them all (issue 7 section 4), so
 * a model too slow for CI must be made faster, not left out -- except a model marked onDemand, which records what a
 * longer run on a 2-core machine reaches and is skipped here.
 */
class ModelCheckTest {
    private static final Path MANIFEST = ModelManifest.DEFAULT_LOCATION;
    /** Far above the slowest model's recorded runtime, so a hang fails the build instead of stalling it. */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    /** CI machines have two cores; TlcInvocation keeps one worker for a model with a VIEW. */
    private static final int WORKERS = 2;

    @TestFactory
    Stream<DynamicTest> everyModelMatchesTheManifest() {
        if (!Files.exists(MANIFEST)) {
            // Only an absent manifest is tolerated (a branch without models), and it shows as a skipped test.
            return Stream.of(DynamicTest.dynamicTest(MANIFEST.toString(), () -> Assumptions.assumeTrue(false,
                    MANIFEST + " does not exist in this tree")));
        }
        ModelManifest manifest = ModelManifest.read(MANIFEST);
        List<ManifestEntry> all = manifest.models();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("the manifest lists a model",
                () -> assertFalse(all.isEmpty(), MANIFEST + " has no model to check")));
        TlcRunner runner = new TlcRunner();
        for (ManifestEntry e : all) {
            // An on-demand model shows as skipped, with the command that checks it, rather than vanishing.
            tests.add(DynamicTest.dynamicTest(e.name(), e.onDemand()
                    ? () -> Assumptions.assumeTrue(false, e.name() + " is on demand: " + e.onDemandCommand())
                    : () -> check(runner, manifest, e)));
        }
        return tests.stream();
    }

    private static void check(TlcRunner runner, ModelManifest manifest, ManifestEntry e) throws InterruptedException {
        TlcInvocation invocation = TlcInvocation.of(manifest, e, WORKERS, TIMEOUT);
        TlcResult r = runner.run(invocation);
        String context = e.name() + ": TLC reported " + r.outcome().label()
                + (r.problem() == null ? "" : ": " + r.problem()) + "\n" + CounterexampleRenderer.render(r);
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals(e.result(), r.outcome(), context));
        if (e.violatedInvariant() != null) {
            checks.add(() -> assertEquals(e.violatedInvariant(), r.violatedProperty(), context));
        }
        if (e.mode() == ModelMode.EXHAUSTIVE && e.result() == TlcOutcome.SUCCESS) {
            checks.add(() -> assertEquals(e.distinctStates(), r.distinctStates(), e.name() + " distinct states"));
            checks.add(() -> assertEquals(e.totalStates(), r.totalStates(), e.name() + " total states"));
            // Distinct and generated states do not depend on scheduling; the depth TLC reports does, with two workers.
            if (invocation.workers() == 1) {
                checks.add(() -> assertEquals(e.stateDepth(), r.depth(), e.name() + " depth"));
            }
        }
        assertAll(e.name(), checks);
    }
}
