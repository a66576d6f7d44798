package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import mmcheck.conform.compaction.CompactionBinding;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.compaction.CompactControl;
import mmcheck.mm.compaction.CompactResult;
import mmcheck.mm.compaction.Compaction;
import mmcheck.mm.compaction.CompactionCounters;
import mmcheck.mm.compaction.CompactionMigrator;

/**
 * The compaction engine against spec/Compaction.tla (model MCCompactionBind): seeded refinement runs in which every
 * engine step (compact_memory's and direct compaction's steps down to one page of migrate_pages(), and the process's
 * and the allocator's between them) is checked by TLC against its
 * instance of Next and every invariant, and every refused request is checked to be disabled in the spec; and seeded-bug
 * engines, each caught at its first bad step by the named check.
 */
class CompactionConformanceTest {
    private static final SpecModel SPEC = Models.load("MCCompactionBind");
    private static final int CLUSTER_MAX = 1;

    /**
     * The actions a compact_memory and direct compaction workload between process and allocator steps reaches in
     * 1,500 requests: the free scanner, migration, the putback and the process steps among them.
     */
    private static final List<String> REACHED = List.of("CompactMemory", "CompactZoneStart", "CompactFinished",
            "IsolateMigratepagesBlock", "CompactNodeEnd", "TryToCompactPages", "CompactionSuitable",
            "TryToCompactPagesEnd", "MigratePages", "CompactionAlloc", "IsolateFreepagesBlock", "MigratePagesReturn",
            "PutbackMovablePages", "RmqueueSmallest", "RmqueueFallback", "FreeOnePage", "DoAnonymousPage",
            "ZapPteRange", "PinUserPages", "UnpinUserPage");

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void everyEngineStepIsASpecStep(long seed) {
        RefinementRun.Summary s = RefinementRun.run(SPEC, 1500, seed, true);
        assertTrue(s.ok(), s.failure());
        assertTrue(s.refusals() > 0, "the workload asks for refused steps too");
        for (String a : REACHED) {
            assertTrue(s.coverage().getOrDefault(a, 0L) > 0, a + " not reached: " + s.coverage());
        }
    }

    @Test
    void theModelIsBoundToTheCompactionBinding() {
        assertTrue(Binding.of(SPEC) instanceof CompactionBinding);
    }

    @Test
    void theEnginesZoneHasTheModelsWatermarks() {
        // MCCompactionBind's WmarkMin 0, WmarkLow 1 and LowmemReserve 0: the engine's watermark tests see the same.
        Zone z = new CompactionBinding(SPEC, (pa, m) -> new Compaction(pa, m, new CompactionCounters(),
                CLUSTER_MAX)).initialEngine().compaction().zone();
        assertEquals(0, z.minWmark());
        assertEquals(1, z.lowWmark());
        assertEquals(0, z.lowmemReserve());
    }

    /** Seeded-bug compaction engines and where the checker must catch each. */
    enum Mutant {
        /** isolate_migratepages_block() never sets PB_migrate_skip on a block it scanned to the end. */
        SKIP_BIT_NEVER_SET("mm_compaction_isolate_migratepages", "action", "pageblockSkip") {
            @Override
            Compaction build(PageAlloc pa, CompactionMigrator migrator) {
                return new Compaction(pa, migrator, new CompactionCounters(), CLUSTER_MAX) {
                    @Override
                    public int isolateMigratepagesBlock(CompactControl cc, int lowPfn, int endPfn) {
                        boolean was = state.getPageblockSkip(lowPfn);
                        int ret = super.isolateMigratepagesBlock(cc, lowPfn, endPfn);
                        if (!was) {
                            state.clearPageblockSkip(lowPfn);
                        }
                        return ret;
                    }
                };
            }
        },
        /** compact_zone() starts the free scanner at pageblock_start_pfn(zone_end), one block outside the zone. */
        FREE_SCANNER_STARTS_OUTSIDE("mm_compaction_begin", "ScannerBoundsInv", "cc.freePfn") {
            @Override
            Compaction build(PageAlloc pa, CompactionMigrator migrator) {
                return new Compaction(pa, migrator, new CompactionCounters(), CLUSTER_MAX) {
                    @Override
                    public void compactZoneStart(CompactControl cc) {
                        super.compactZoneStart(cc);
                        cc.freePfn = state.pageblockStartPfn(zoneEnd);
                    }
                };
            }
        },
        /** migrate_pages() returns without zeroing cc->nr_migratepages. */
        NR_MIGRATEPAGES_KEPT("mm_compaction_migratepages", "action", "cc.nrMigratepages") {
            @Override
            Compaction build(PageAlloc pa, CompactionMigrator migrator) {
                return new Compaction(pa, migrator, new CompactionCounters(), CLUSTER_MAX) {
                    @Override
                    public int migratePagesReturn(CompactControl cc) {
                        int n = cc.nrMigratepages;
                        int ret = super.migratePagesReturn(cc);
                        cc.nrMigratepages = n;
                        return ret;
                    }
                };
            }
        },
        /** The free scanner finishes a pageblock without update_pageblock_skip(): no skip bit, no cached free pfn. */
        FREE_SKIP_BIT_NEVER_SET("mm_compaction_isolate_freepages", "action", "compactCachedFreePfn") {
            @Override
            Compaction build(PageAlloc pa, CompactionMigrator migrator) {
                return new Compaction(pa, migrator, new CompactionCounters(), CLUSTER_MAX) {
                    @Override
                    public void updateCachedFree(CompactControl cc, int pfn) {
                    }
                };
            }
        },
        /** When the scanners meet, reset_cached_positions() is skipped: the next run resumes where this one ended. */
        CACHED_POSITIONS_KEPT_WHEN_MET("mm_compaction_finished", "action", "compactCachedMigratePfn") {
            @Override
            Compaction build(PageAlloc pa, CompactionMigrator migrator) {
                return new Compaction(pa, migrator, new CompactionCounters(), CLUSTER_MAX) {
                    @Override
                    public CompactResult compactFinished(CompactControl cc) {
                        int m0 = state.compactCachedMigratePfn[0];
                        int m1 = state.compactCachedMigratePfn[1];
                        int f = state.compactCachedFreePfn;
                        CompactResult ret = super.compactFinished(cc);
                        if (compactScannersMet(cc)) {
                            state.compactCachedMigratePfn[0] = m0;
                            state.compactCachedMigratePfn[1] = m1;
                            state.compactCachedFreePfn = f;
                        }
                        return ret;
                    }
                };
            }
        };

        final String step;
        final String caughtBy;
        final String differs;

        Mutant(String step, String caughtBy, String differs) {
            this.step = step;
            this.caughtBy = caughtBy;
            this.differs = differs;
        }

        abstract Compaction build(PageAlloc pa, CompactionMigrator migrator);
    }

    @ParameterizedTest
    @EnumSource(Mutant.class)
    void seededBugIsCaughtByItsCheck(Mutant m) {
        BiFunction<PageAlloc, CompactionMigrator, Compaction> engine = m::build;
        RefinementRun.Summary s = RefinementRun.run(SPEC, new CompactionBinding(SPEC, engine), 1500, 1, true);
        assertFalse(s.ok(), m + " was not caught");
        StepReport r = s.report();
        assertNotNull(r, s.failure());
        assertEquals(m.step, r.instance(), s.failure());
        assertFalse(r.actionHolds(), s.failure());
        assertEquals(m.caughtBy, r.caughtBy(), s.failure());
        assertTrue(r.differences().stream().anyMatch(d -> d.startsWith(m.differs)), s.failure());
    }
}
