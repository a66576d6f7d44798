package mmcheck.mm.compaction;

import mmcheck.mm.buddy.PageAlloc;

/**
 * CompactionMutant - seeded-bug compaction engines, each overriding one helper of {@link Compaction}, and the
 * invariant that must catch each.
 */
enum CompactionMutant {

    /** isolate_freepages() scans down into the migrate scanner's pageblock (low_pfn = its start, not its end). */
    FREE_SCANNER_ENTERS_MIGRATE_BLOCK(CompactionInvariants.SCANNERS_NON_CROSSING_INV) {
        @Override
        Compaction build(PageAlloc pa, AtomicMigration m) {
            return new Compaction(pa, m, new CompactionCounters(), 4) {
                @Override
                protected int freeScannerLowPfn(CompactControl cc) {
                    return state.pageblockStartPfn(cc.migratePfn);
                }
            };
        }
    },
    /**
     * compact_scanners_met() compares raw pfns: when the scanners stop in one pageblock the loop goes on, and
     * isolate_migratepages() runs with the scanners met (as MCCompactionBugScannersMet shows in the spec).
     */
    SCANNERS_MET_RAW_PFN(CompactionInvariants.SCANNERS_NON_CROSSING_INV) {
        @Override
        Compaction build(PageAlloc pa, AtomicMigration m) {
            return new Compaction(pa, m, new CompactionCounters(), 4) {
                @Override
                public boolean compactScannersMet(CompactControl cc) {
                    return cc.freePfn <= cc.migratePfn;
                }
            };
        }
    },
    /** __compact_finished() reports success without a suitable free block. */
    SUCCESS_WITHOUT_BLOCK(CompactionInvariants.SUCCESS_IMPLIES_SUITABLE_BLOCK_INV) {
        @Override
        Compaction build(PageAlloc pa, AtomicMigration m) {
            return new Compaction(pa, m, new CompactionCounters(), 4) {
                @Override
                public boolean suitableFreeBlock(CompactControl cc) {
                    return true;
                }
            };
        }
    },
    /** compact_zone()'s out: label skips release_freepages() when one page is left: it returns holding that page. */
    RELEASE_KEEPS_ONE(CompactionInvariants.CC_LISTS_EMPTY_AT_RETURN_INV) {
        @Override
        Compaction build(PageAlloc pa, AtomicMigration m) {
            return new Compaction(pa, m, new CompactionCounters(), 4) {
                @Override
                protected void out(CompactControl cc) {
                    if (cc.freepages.size() == 1) {
                        compactZoneReturn(cc);
                    } else {
                        super.out(cc);
                    }
                }
            };
        }
    },
    /** __isolate_free_page() counted as one page whatever the order: nr_freepages drifts from the lists. */
    ISOLATED_FREE_COUNTED_ONCE(CompactionInvariants.ISOLATED_ACCOUNTED_INV) {
        @Override
        Compaction build(PageAlloc pa, AtomicMigration m) {
            return new Compaction(pa, m, new CompactionCounters(), 4) {
                @Override
                protected int isolateFreePage(int pfn, int order) {
                    int n = super.isolateFreePage(pfn, order);
                    return n > 1 ? 1 : n;
                }
            };
        }
    },
    /** __isolate_free_page() takes the block but reports failure: the block is on no list at all. */
    ISOLATED_FREE_LEAKED(CompactionInvariants.CONSERVATION_INV) {
        @Override
        Compaction build(PageAlloc pa, AtomicMigration m) {
            return new Compaction(pa, m, new CompactionCounters(), 4) {
                @Override
                protected int isolateFreePage(int pfn, int order) {
                    int n = super.isolateFreePage(pfn, order);
                    return order > 0 ? 0 : n;
                }
            };
        }
    },
    /** defer_compaction() without the COMPACT_MAX_DEFER_SHIFT clamp. */
    DEFER_SHIFT_UNBOUNDED(CompactionInvariants.DEFER_BOUNDS_INV) {
        @Override
        Compaction build(PageAlloc pa, AtomicMigration m) {
            return new Compaction(pa, m, new CompactionCounters(), 4) {
                @Override
                public void deferCompaction(int order) {
                    int shift = state.compactDeferShift;
                    super.deferCompaction(order);
                    state.compactDeferShift = shift + 1;
                }
            };
        }
    };

    /** The check that must catch the bug. */
    final String caughtBy;

    CompactionMutant(String caughtBy) {
        this.caughtBy = caughtBy;
    }

    abstract Compaction build(PageAlloc pa, AtomicMigration m);
}
