package mmcheck.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The size of TLC's -coverage cost model of a Next, which TLC builds before the first state: Compaction.tla's Next
 * once unfolded to 4.4 million nodes (ResetIsolationSuitableResult's walk copied into every LET that named it) and
 * no compaction model got past "Starting..." under -coverage, so ./check.sh could not gate Compaction.tla.
 */
class CostModelSizeTest {
    private static final Path MODELS = Path.of("models");
    private static final Path SPEC = Path.of("spec");
    /** MCMigrate's Next is about 24k nodes and costs -coverage a few seconds; 1M is where the start-up takes minutes. */
    private static final long BOUND = 1_000_000;

    @Test
    void compactionNexts_stayBelowTheBound() {
        for (String[] m : List.of(new String[] {"MCCompaction.tla", "MCNext"},
                new String[] {"MCCompaction.tla", "MCQuietNext"}, new String[] {"MCCompactionBind.tla", "BindNext"},
                new String[] {"MCCompactionRefinesObs.tla", "RNext"})) {
            long n = RuleCatalog.costModelNodes(MODELS.resolve(m[0]), List.of(SPEC), m[1]);
            assertTrue(n < BOUND, m[0] + " " + m[1] + ": " + n + " cost-model nodes");
        }
    }

    @Test
    void letNamedTwice_costsTwoCopies() {
        Path gate = Path.of("src", "test", "resources", "coverage", "gate", "models", "MCGate.tla");
        long once = RuleCatalog.costModelNodes(gate, List.of(), "Inc");
        long twice = RuleCatalog.costModelNodes(gate.resolveSibling("MCGateSpec.tla"), List.of(), "IncTwice");
        assertEquals(2 * (1 + once) + 1, twice, "Inc \\/ Inc: the \\/ and two applications, each with a copy");
    }
}
