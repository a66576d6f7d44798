package mmcheck.mm.compaction;

import mmcheck.mm.MigrateType;
import mmcheck.mm.migrate.MigrateMode;
import mmcheck.mm.migrate.PageList;

/**
 * CompactControl - the state of one compaction run over one zone.
 * Kernel: struct compact_control in mm/internal.h (Linux 6.1), built once per run as compact_zone_order(),
 * kcompactd_do_work(), proactive_compact_node() and compact_node() do.
 *
 * <p>The isolated free pages live in two lists: {@code isolatedFree} holds the blocks isolate_freepages_block() took
 * off the free lists, with their orders (the kernel keeps the order in page_private); split_map_pages() turns them
 * into order-0 pages on {@code freepages}, the list compaction_alloc() takes from at the end (its head).
 */
public final class CompactControl {

    /** Where a run is; the step methods refuse what the phase does not enable. */
    public enum Phase {
        /** Built, compact_zone() not entered. */
        IDLE,
        /** Between mm_compaction_begin and mm_compaction_end. */
        RUNNING,
        /** compact_zone() returned {@link #result}. */
        DONE
    }

    /** Where compact_zone() is: spec/Compaction.tla's cc.pc, one value per kind of step it takes next. */
    public enum Pc {
        IDLE("idle"), SUITABLE("suitable"), START("start"), FINISHED("finished"), ISOLATE("isolate"),
        MIGRATE("migrate"), ISOLATE_FREE("isolate_free"), PUTBACK("putback"), RELEASE("release"), END("end");

        private final String specName;

        Pc(String specName) {
            this.specName = specName;
        }

        /** The spec's name of the position. */
        public String specName() {
            return specName;
        }
    }

    /** migrate_pages()' outcome so far, the spec's cc.err: none, some pages failed, -ENOMEM. */
    public static final int ERR_NONE = 0;
    public static final int ERR_FAILED = 1;
    public static final int ERR_ENOMEM = 2;

    /** freepages: order-0 pages split_map_pages() made, list head at the end. */
    public final PageList freepages = new PageList(64);
    /** Isolated free blocks not yet split, with their orders in {@link #isolatedFreeOrder}. */
    public final PageList isolatedFree = new PageList(16);
    public final PageList isolatedFreeOrder = new PageList(16);
    /** migratepages: pages isolated for migration. */
    public final PageList migratepages = new PageList(64);
    /** nr_freepages: pages on freepages and isolatedFree. */
    public int nrFreepages;
    /** nr_migratepages: pages on migratepages. */
    public int nrMigratepages;
    /** free_pfn: isolate_freepages search base. */
    public int freePfn;
    /** migrate_pfn: isolate_migratepages search base. */
    public int migratePfn;
    /** fast_start_pfn: a pfn to start linear scan from. */
    public int fastStartPfn;
    /** total_migrate_scanned. */
    public long totalMigrateScanned;
    /** total_free_scanned. */
    public long totalFreeScanned;
    /** fast_search_fail: failures to use free list searches. */
    public int fastSearchFail;
    /** search_order: order to start a fast search at. */
    public int searchOrder;
    /** order: the order a direct compactor needs; -1 for a whole-zone compaction (is_via_compact_memory). */
    public final int order;
    /** migratetype: gfp_migratetype() of the direct compactor. */
    public final MigrateType migratetype;
    /** mode: async or sync migration. */
    public final MigrateMode mode;
    /** ignore_skip_hint: scan blocks even if marked skip. */
    public final boolean ignoreSkipHint;
    /** no_set_skip_hint: don't mark blocks for skipping. */
    public final boolean noSetSkipHint;
    /** ignore_block_suitable: scan blocks considered unsuitable. */
    public final boolean ignoreBlockSuitable;
    /** direct_compaction: false from kcompactd or /proc/sys/vm/compact_memory. */
    public final boolean directCompaction;
    /** proactive_compaction: kcompactd proactive compaction. */
    public final boolean proactiveCompaction;
    /** whole_zone: the whole zone should be / has been scanned. */
    public boolean wholeZone;
    /** contended: lock contention or a fatal signal was seen. */
    public boolean contended;
    /** finish_pageblock (6.1: rescan): rescanning the same pageblock, scan it to its end. */
    public boolean finishPageblock;

    /** capture_control.page: the block compaction_capture() took for the caller, or -1. */
    public int capturedPfn = -1;
    /** The owner the captured block is allocated to. */
    public int allocOwner;
    /** Whether a capture_control is attached (direct compaction only). */
    public final boolean capture;

    /** Ghost: the lowest pfn the free scanner looked at for the current batch, Integer.MAX_VALUE before any. */
    public int minFreeScannedPfn = Integer.MAX_VALUE;

    /** compact_zone()'s position (the spec's cc.pc). */
    Pc pc = Pc.IDLE;
    /**
     * The batch of migrate_pages(): migratepages[0, migrateTried) failed this call (back on the list for the
     * putback), migratepages[migrateTried, size) are still to try (the spec's cc.todo).
     */
    int migrateTried;
    /** The spec's cc.err (ERR_*) and cc.nrFailed: migrate_pages()' result and its failures in this batch. */
    int migrateErr;
    int nrFailed;
    /** Pages migrate_pages() moved in this batch (its nr_succeeded). */
    int nrSucceeded;
    /** isolate_freepages()' stride (the spec's cc.stride). */
    int stride = 1;
    /** The spec's cc.fastDone: isolate_migratepages() ran since compact_finished(), or isolate_freepages() its fast search. */
    boolean fastDone;
    /** The spec's cc.fastLow: the pfn fast_find_migrateblock() found for this turn's scan to start from, or -1. */
    int fastLow = -1;
    /** fast_isolate_freepages() already ran in this isolate_freepages() call. */
    boolean fastFreeTried;
    /** release_freepages()' high_pfn (the spec's cc.releaseHigh). */
    int releaseHigh;

    /** compact_zone()'s locals that the spec keeps as state. */
    Phase phase = Phase.IDLE;
    CompactResult result;
    int lastMigratedPfn;
    boolean updateCached;
    int startPfn;
    int endPfn;

    private CompactControl(Builder b) {
        this.order = b.order;
        this.searchOrder = b.order;
        this.migratetype = b.migratetype;
        this.mode = b.mode;
        this.ignoreSkipHint = b.ignoreSkipHint;
        this.noSetSkipHint = b.noSetSkipHint;
        this.ignoreBlockSuitable = b.ignoreBlockSuitable;
        this.directCompaction = b.directCompaction;
        this.proactiveCompaction = b.proactiveCompaction;
        this.wholeZone = b.wholeZone;
        this.capture = b.capture;
    }

    /** A builder with the fields zeroed, as a C initializer leaves them. */
    public static Builder builder(int order, MigrateMode mode) {
        return new Builder(order, mode);
    }

    /** compact_zone_order(): a direct compactor's control for one priority. */
    public static CompactControl direct(int order, CompactPriority prio, MigrateType migratetype) {
        boolean min = prio == CompactPriority.MIN_COMPACT_PRIORITY;
        return builder(order, prio.migrateMode()).migratetype(migratetype).directCompaction(true).wholeZone(min)
                .ignoreSkipHint(min).ignoreBlockSuitable(min).capture(true).build();
    }

    /** compact_node(): the control of /proc/sys/vm/compact_memory, order -1, whole zone, sync. */
    public static CompactControl compactMemory() {
        return builder(-1, MigrateMode.MIGRATE_SYNC).ignoreSkipHint(true).wholeZone(true).build();
    }

    /** kcompactd_do_work(): kcompactd's control for the order it was woken for. */
    public static CompactControl kcompactd(int order) {
        return builder(order, MigrateMode.MIGRATE_SYNC_LIGHT).build();
    }

    /** proactive_compact_node(): kcompactd's proactive control. */
    public static CompactControl proactive() {
        return builder(-1, MigrateMode.MIGRATE_SYNC_LIGHT).ignoreSkipHint(true).wholeZone(true)
                .proactiveCompaction(true).build();
    }

    /** Where compact_zone() is. */
    public Pc pc() {
        return pc;
    }

    /** The pages of the running migrate_pages() batch not yet tried (the spec's cc.todo). */
    public int[] migrateTodo() {
        int[] t = new int[Math.max(0, migratepages.size() - migrateTried)];
        for (int i = 0; i < t.length; i++) {
            t[i] = migratepages.get(migrateTried + i);
        }
        return t;
    }

    /** The spec's cc.err, as ERR_*. */
    public int migrateErr() {
        return migrateErr;
    }

    /** Pages that failed to migrate in the current batch (the spec's cc.nrFailed). */
    public int nrFailed() {
        return nrFailed;
    }

    /** isolate_freepages()' stride. */
    public int stride() {
        return stride;
    }

    /** The spec's cc.fastDone. */
    public boolean fastDone() {
        return fastDone;
    }

    /** The spec's cc.fastLow: where fast_find_migrateblock() told this turn's scan to start, or -1. */
    public int fastLow() {
        return fastLow;
    }

    /** release_freepages()' high_pfn so far. */
    public int releaseHigh() {
        return releaseHigh;
    }

    /** compact_zone()'s last_migrated_pfn. */
    public int lastMigratedPfn() {
        return lastMigratedPfn;
    }

    /** compact_zone()'s update_cached. */
    public boolean updateCached() {
        return updateCached;
    }

    /** Where the run is. */
    public Phase phase() {
        return phase;
    }

    /** What compact_zone() returned; null until it has. */
    public CompactResult result() {
        return result;
    }

    /** is_via_compact_memory(): order -1 asks for the whole zone, not for a block of some order. */
    public boolean isViaCompactMemory() {
        return order == -1;
    }

    /** Fields of struct compact_control a C designated initializer sets; the rest start zeroed. */
    public static final class Builder {
        private final int order;
        private final MigrateMode mode;
        private MigrateType migratetype = MigrateType.MIGRATE_MOVABLE;
        private boolean ignoreSkipHint;
        private boolean noSetSkipHint;
        private boolean ignoreBlockSuitable;
        private boolean directCompaction;
        private boolean proactiveCompaction;
        private boolean wholeZone;
        private boolean capture;

        Builder(int order, MigrateMode mode) {
            this.order = order;
            this.mode = mode;
        }

        public Builder migratetype(MigrateType mt) {
            this.migratetype = mt;
            return this;
        }

        public Builder ignoreSkipHint(boolean v) {
            this.ignoreSkipHint = v;
            return this;
        }

        public Builder noSetSkipHint(boolean v) {
            this.noSetSkipHint = v;
            return this;
        }

        public Builder ignoreBlockSuitable(boolean v) {
            this.ignoreBlockSuitable = v;
            return this;
        }

        public Builder directCompaction(boolean v) {
            this.directCompaction = v;
            return this;
        }

        public Builder proactiveCompaction(boolean v) {
            this.proactiveCompaction = v;
            return this;
        }

        public Builder wholeZone(boolean v) {
            this.wholeZone = v;
            return this;
        }

        public Builder capture(boolean v) {
            this.capture = v;
            return this;
        }

        public CompactControl build() {
            return new CompactControl(this);
        }
    }
}
