package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;

import mmcheck.conform.compaction.CompactionBinding;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.compaction.CompactControl;
import mmcheck.mm.compaction.CompactZoneSteps;
import mmcheck.mm.compaction.Compaction;
import mmcheck.mm.compaction.CompactionCounters;
import mmcheck.mm.compaction.CompactionMigrator;
import tlc2.tool.TLCState;

/**
 * The fast searches against spec/Compaction.tla on MCCompactionBindFastFind (CostlyOrder 0, so order-1 direct
 * compaction searches the free lists at each migrate scanner turn that starts a pageblock; async and SYNC_LIGHT):
 * fast_find_migrateblock()'s hits, each a FastFindMigrateblock(pfn) step ending the turn, and its misses, folded into
 * IsolateMigratepagesBlock, are checked by TLC, and so is fast_isolate_freepages()' fallback after a miss, whose
 * fast_isolate_around() pass marks a block it found empty skip before the linear walk; engines that leave either
 * skip bit clear are caught.
 */
class FastSearchConformanceTest {
    private static final SpecModel SPEC = Models.load("MCCompactionBindFastFind");
    private static final int STEPS = 30000;
    private static final int CLUSTER_MAX = 2;

    @Test
    void hitsAndMissesAreSpecSteps() {
        long[] hitsMisses = new long[2];
        RefinementRun.Summary s = RefinementRun.run(SPEC, new CompactionBinding(SPEC, counting(hitsMisses)), STEPS,
                1, true);
        assertTrue(s.ok(), s.failure());
        assertTrue(hitsMisses[0] > 0 && hitsMisses[1] > 0, "hits " + hitsMisses[0] + ", misses " + hitsMisses[1]);
        assertEquals(hitsMisses[0], (long) s.coverage().getOrDefault("FastFindMigrateblock", 0L),
                "every hit is reported as its own step");
    }

    @Test
    void skipBitLeftClearIsCaughtAtTheHit() {
        BiFunction<PageAlloc, CompactionMigrator, Compaction> mutant = (pa, m) -> new Compaction(pa, m,
                new CompactionCounters(), CLUSTER_MAX) {
            @Override
            public int fastFindMigrateblock(CompactControl cc) {
                int found = super.fastFindMigrateblock(cc);
                if (found >= 0) {
                    state.clearPageblockSkip(found);
                }
                return found;
            }
        };
        RefinementRun.Summary s = RefinementRun.run(SPEC, new CompactionBinding(SPEC, mutant), STEPS, 1, true);
        assertFalse(s.ok(), "a fast search that leaves the skip bit clear was not caught");
        StepReport r = s.report();
        assertNotNull(r, s.failure());
        assertEquals("mm_compaction_fast_isolate_migratepages", r.instance().split(":")[0], s.failure());
        assertEquals("action", r.caughtBy(), s.failure());
        assertTrue(r.differences().stream().anyMatch(d -> d.startsWith("pageblockSkip")), s.failure());
    }

    /**
     * A SYNC_LIGHT direct compaction whose free-list search took nothing falls back to min_pfn's pageblock, where
     * fast_isolate_around() finds nothing and marks the block skip: the linear walk then passes it (stride and
     * cached free pfn unchanged), as the spec's FastFailResults says.
     */
    @Test
    void aroundPassOfAMissIsChecked() {
        long[] emptyPasses = new long[1];
        BiFunction<PageAlloc, CompactionMigrator, Compaction> engine = (pa, m) -> new Compaction(pa, m,
                new CompactionCounters(), CLUSTER_MAX) {
            @Override
            protected void fastIsolateAround(CompactControl cc, int pfn) {
                int before = cc.nrFreepages;
                boolean wasSkip = state.getPageblockSkip(pfn);
                super.fastIsolateAround(cc, pfn);
                if (cc.nrFreepages == before && !wasSkip && state.getPageblockSkip(pfn)) {
                    emptyPasses[0]++;
                }
            }
        };
        RefinementRun.Summary s = RefinementRun.run(SPEC, new CompactionBinding(SPEC, engine), STEPS, 1, true);
        assertTrue(s.ok(), s.failure());
        assertTrue(emptyPasses[0] > 0, "no fast_isolate_around() pass found its block empty");
    }

    /**
     * Caught where the pass follows a hit (seed 4: a FastIsolateFreepages step). After a miss whose fallback block is
     * cc->free_pfn's own the spec cannot tell: it does not keep compact_init_free_pfn, so it allows the search not
     * to have fallen back at all.
     */
    @Test
    void aroundPassSkipBitLeftClearIsCaught() {
        BiFunction<PageAlloc, CompactionMigrator, Compaction> mutant = (pa, m) -> new Compaction(pa, m,
                new CompactionCounters(), CLUSTER_MAX) {
            @Override
            protected void fastIsolateAround(CompactControl cc, int pfn) {
                boolean wasSkip = state.getPageblockSkip(pfn);
                super.fastIsolateAround(cc, pfn);
                if (!wasSkip) {
                    state.clearPageblockSkip(pfn);
                }
            }
        };
        RefinementRun.Summary s = RefinementRun.run(SPEC, new CompactionBinding(SPEC, mutant), STEPS, 4, true);
        assertFalse(s.ok(), "a fast_isolate_around() that leaves the skip bit clear was not caught");
        StepReport r = s.report();
        assertNotNull(r, s.failure());
        assertEquals("mm_compaction_fast_isolate_freepages", r.instance().split(":")[0], s.failure());
        assertEquals("action", r.caughtBy(), s.failure());
    }

    /**
     * A state just after a hit (cc.fastLow set, the turn's scan still to come) built as an engine from the spec state
     * alone abstracts back to it, and the scan the built engine then takes from cc.fastLow is a spec successor of
     * IsolateMigratepagesBlock: the reverse replay's view of what no replay model reaches.
     */
    @Test
    void statesAfterAHit_builtFromTheSpec_scanFromTheFoundBlock() {
        CompactionBinding b = (CompactionBinding) Binding.of(SPEC);
        Catalog actions = Catalog.of(SPEC, b);
        Catalog.Entry isolate = actions.entries().stream()
                .filter(e -> e.step().specName().equals("IsolateMigratepagesBlock")).findFirst().orElseThrow();
        CompactZoneSteps engine = b.initialEngine();
        List<TLCState> afterHits = new ArrayList<>();
        Set<StateId> seen = new HashSet<>();
        Runnable workload = b.workload(engine, new Binding.StepListener() {
            @Override
            public void step(SpecStep step, String line) {
                if (step.specName().equals("FastFindMigrateblock")) {
                    TLCState s = b.abstraction(engine);
                    if (seen.add(StateId.of(s))) {
                        afterHits.add(s);
                    }
                }
            }

            @Override
            public void refused(SpecStep request) {
            }
        }, 1);
        for (int i = 0; i < STEPS; i++) {
            workload.run();
        }
        assertFalse(afterHits.isEmpty(), "no fast_find_migrateblock() hit in " + STEPS + " requests");
        for (TLCState s : afterHits) {
            Set<StateId> succ = new HashSet<>();
            actions.successors(isolate, s).forEach(u -> succ.add(StateId.of(u)));
            for (Binding.Build<CompactZoneSteps> build : b.concretizations(s)) {
                CompactZoneSteps built = build.engine().get();
                assertEquals(StateId.of(s), StateId.of(b.abstraction(built)), "abstract(concretize(s)) differs"
                        + build.choice());
                Binding.Outcome o = b.run(built, isolate.step());
                assertTrue(o.steps().equals(List.of(isolate.step())) && succ.contains(StateId.of(b.abstraction(built))),
                        "the scan from cc.fastLow" + build.choice() + " is not a spec successor: " + o);
            }
        }
    }

    /** The model's engine, counting fast searches that found a block (hits) and that found none (misses). */
    private static BiFunction<PageAlloc, CompactionMigrator, Compaction> counting(long[] hitsMisses) {
        return (pa, m) -> new Compaction(pa, m, new CompactionCounters(), CLUSTER_MAX) {
            @Override
            public int fastFindMigrateblock(CompactControl cc) {
                int failed = cc.fastSearchFail;
                int found = super.fastFindMigrateblock(cc);
                if (found >= 0) {
                    hitsMisses[0]++;
                } else if (cc.fastSearchFail > failed) {
                    hitsMisses[1]++;
                }
                return found;
            }
        };
    }
}
