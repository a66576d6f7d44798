package mmcheck.conform;

import org.junit.jupiter.api.Test;

import mmcheck.conform.compaction.CompactionBinding;

class SkipArmsScratchTest {
    @Test
    void measure() {
        SpecModel spec = Models.load("MCCompactionBindSkipOnFailure");
        for (long seed = 1; seed <= 8; seed++) {
            long[] arms = new long[2];
            RefinementRun.Summary s = RefinementRun.run(spec, new CompactionBinding(spec,
                    SkipOnFailureConformanceTest.armCounting(arms)), 30000, seed, true);
            System.out.printf("SEED %d ok=%s steps=%d refused=%d sps=%.0f secs=%.2f IMB=%d MP=%d IFB=%d REL=%d PUT=%d RIS=%d breaks=%d putbacks=%d%n",
                    seed, s.ok(), s.steps(), s.refusals(), s.stepsPerSecond(), s.seconds(),
                    s.coverage().getOrDefault("IsolateMigratepagesBlock", 0L), s.coverage().getOrDefault("MigratePages", 0L),
                    s.coverage().getOrDefault("IsolateFreepagesBlock", 0L), s.coverage().getOrDefault("ReleaseFreepages", 0L),
                    s.coverage().getOrDefault("PutbackMovablePages", 0L), s.coverage().getOrDefault("ResetIsolationSuitable", 0L),
                    arms[0], arms[1]);
        }
    }
}
