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
 * Every model of the repository's models/manifest.json recorded as running under 30 s, checked by TLC against the
 * manifest: result, violated invariant, and for exhaustive successes distinct/total states and depth.
 */
class ModelCheckTest {
    private static final Path MANIFEST = ModelManifest.DEFAULT_LOCATION;
    private static final Duration FAST = Duration.ofSeconds(30);
    /** Far above any model under FAST, so a hang fails the build instead of stalling it. */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @TestFactory
    Stream<DynamicTest> fastModelsMatchTheManifest() {
        if (!Files.exists(MANIFEST)) {
            // Only an absent manifest is tolerated (a branch without models), and it shows as a skipped test.
            return Stream.of(DynamicTest.dynamicTest(MANIFEST.toString(), () -> Assumptions.assumeTrue(false,
                    MANIFEST + " does not exist in this tree")));
        }
        ModelManifest manifest = ModelManifest.read(MANIFEST);
        List<ManifestEntry> fast = manifest.models().stream()
                .filter(e -> e.runtime().compareTo(FAST) < 0).toList();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("the manifest lists a model under " + FAST.toSeconds() + " s",
                () -> assertFalse(fast.isEmpty(), MANIFEST + " has no fast model to check")));
        TlcRunner runner = new TlcRunner();
        for (ManifestEntry e : fast) {
            tests.add(DynamicTest.dynamicTest(e.name(), () -> check(runner, manifest, e)));
        }
        return tests.stream();
    }

    private static void check(TlcRunner runner, ModelManifest manifest, ManifestEntry e) throws InterruptedException {
        TlcResult r = runner.run(TlcInvocation.of(manifest, e, 1, TIMEOUT));
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
            checks.add(() -> assertEquals(e.stateDepth(), r.depth(), e.name() + " depth"));
        }
        assertAll(e.name(), checks);
    }
}
