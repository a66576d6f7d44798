package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The compaction engine against spec/Compaction.tla on MCCompactionBindSkipOnFailure (async direct compaction beside
 * kcompactd, 4-page pageblocks, COMPACT_CLUSTER_MAX 2, where isolate_migratepages_block() runs with
 * skip_on_failure): a refinement run of the model conforms and reaches the migrate scanner. Not a check.sh post
 * step: no seed's run takes every action (migrate_pages() is never reached), which check.sh requires.
 */
class SkipOnFailureConformanceTest {
    private static final SpecModel SPEC = Models.load("MCCompactionBindSkipOnFailure");
    private static final int STEPS = 30000;

    @Test
    void everyEngineStepIsASpecStep() {
        RefinementRun.Summary s = RefinementRun.run(SPEC, STEPS, 1, true);
        assertTrue(s.ok(), s.failure());
        assertTrue(s.coverage().getOrDefault("IsolateMigratepagesBlock", 0L) > 0, s.coverage().toString());
    }
}
