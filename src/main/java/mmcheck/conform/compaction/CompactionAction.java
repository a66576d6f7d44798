package mmcheck.conform.compaction;

import java.util.List;

import mmcheck.event.NamedStep;
import mmcheck.event.StepNames;

/**
 * The actions of spec/Compaction.tla's Next beside the allocator's and the processes', with their four spellings and
 * parameters. The engine classes of the steps {@link #supported() the engine takes} one at a time are
 * {@link mmcheck.mm.compaction.CompactZoneSteps} (a zone's run) and {@link mmcheck.mm.compaction.CompactionNode}
 * (kcompactd and proactive compaction). fast_find_migrateblock() is {@link mmcheck.mm.compaction.Compaction}'s,
 * run by the migrate scanner's turn.
 */
public enum CompactionAction implements NamedStep {
    COMPACT_MEMORY("compact_node", "CompactMemory", Engine.STEPS, "compactMemory", "compact_node", true),
    COMPACT_ZONE_START("compact_zone", "CompactZoneStart", Engine.STEPS, "compactZoneStart", "mm_compaction_begin",
            true),
    COMPACT_FINISHED("compact_finished", "CompactFinished", Engine.STEPS, "compactFinished", "mm_compaction_finished",
            true),
    ISOLATE_MIGRATEPAGES_BLOCK("isolate_migratepages_block", "IsolateMigratepagesBlock", Engine.STEPS,
            "isolateMigratepagesBlock", "mm_compaction_isolate_migratepages", true),
    COMPACT_NODE_END("compact_node", "CompactNodeEnd", Engine.STEPS, "compactNodeEnd", "mm_compaction_end", true),
    COMPACTION_SUITABLE("compaction_suitable", "CompactionSuitable", Engine.STEPS, "compactionSuitable",
            "mm_compaction_suitable", true),
    /**
     * The migrate scanner's turn (CompactZoneSteps.isolateMigratepagesBlock()) runs fast_find_migrateblock() first and
     * reports this step when it found a block; like FAST_ISOLATE_FREEPAGES it is checked when taken, not requested
     * on its own nor required in coverage (only orders above the model's CostlyOrder take it).
     */
    FAST_FIND_MIGRATEBLOCK("fast_find_migrateblock", "FastFindMigrateblock", Engine.COMPACTION,
            "fastFindMigrateblock", "mm_compaction_fast_isolate_migratepages", false, "pfn"),
    MIGRATE_PAGES("migrate_pages", "MigratePages", Engine.STEPS, "migratePages", "mm_migrate_pages", true, "pfn"),
    COMPACTION_ALLOC("compaction_alloc", "CompactionAlloc", Engine.STEPS, "compactionAlloc", "compaction_alloc",
            true),
    /**
     * The engine's isolate_freepages() turn runs the fast search first and reports this step when it isolated; it is
     * checked when taken but not requested on its own, nor required in coverage (only direct compaction of order > 0
     * reaching compaction_alloc() takes it, a few times per run). The spec's FastIsolateFreepages follows 6.1: a hit
     * at or above min_pfn, or the scan_start fallback to the highest or min_pfn pageblock (moving free_pfn), then
     * fast_isolate_around(). A failed search's side effects on the linear walk's turn are not modelled.
     */
    FAST_ISOLATE_FREEPAGES("fast_isolate_freepages", "FastIsolateFreepages", Engine.STEPS, "isolateFreepagesBlock",
            "mm_compaction_fast_isolate_freepages", false, "pfn"),
    ISOLATE_FREEPAGES_BLOCK("isolate_freepages_block", "IsolateFreepagesBlock", Engine.STEPS,
            "isolateFreepagesBlock", "mm_compaction_isolate_freepages", true),
    MIGRATE_PAGES_RETURN("migrate_pages", "MigratePagesReturn", Engine.STEPS, "migratePagesReturn",
            "mm_compaction_migratepages", true),
    PUTBACK_MOVABLE_PAGES("putback_movable_pages", "PutbackMovablePages", Engine.STEPS, "putbackMovablePages",
            "putback_movable_pages", true, "pfn"),
    RELEASE_FREEPAGES("release_freepages", "ReleaseFreepages", Engine.STEPS, "releaseFreepages",
            "release_freepages", true, "pfn"),
    TRY_TO_COMPACT_PAGES("try_to_compact_pages", "TryToCompactPages", Engine.STEPS, "tryToCompactPages",
            "mm_compaction_try_to_compact_pages", true, "order", "prio"),
    TRY_TO_COMPACT_PAGES_END("__alloc_pages_direct_compact", "TryToCompactPagesEnd", Engine.STEPS,
            "tryToCompactPagesEnd", "__alloc_pages_direct_compact", true),
    WAKEUP_KCOMPACTD("wakeup_kcompactd", "WakeupKcompactd", Engine.NODE, "wakeupKcompactd",
            "mm_compaction_wakeup_kcompactd", true, "order"),
    KCOMPACTD_DO_WORK("kcompactd_do_work", "KcompactdDoWork", Engine.NODE, "kcompactdDoWork",
            "mm_compaction_kcompactd_wake", true),
    KCOMPACTD_DO_WORK_END("kcompactd_do_work", "KcompactdDoWorkEnd", Engine.NODE, "kcompactdDoWorkEnd",
            "kcompactd_do_work", true),
    PROACTIVE_COMPACT_NODE("proactive_compact_node", "ProactiveCompactNode", Engine.NODE, "proactiveCompactNode",
            "proactive_compact_node", true),
    PROACTIVE_COMPACT_NODE_END("proactive_compact_node", "ProactiveCompactNodeEnd", Engine.NODE,
            "proactiveCompactNodeEnd", "proactive_compact_node", true),
    KCOMPACTD_TIMEOUT("kcompactd", "KcompactdTimeout", Engine.NODE, "kcompactdTimeout", "kcompactd", true),
    RESET_ISOLATION_SUITABLE("reset_isolation_suitable", "ResetIsolationSuitable", Engine.STEPS,
            "resetIsolationSuitable", "reset_isolation_suitable", true);

    /** The engine classes the steps live in. */
    private static final class Engine {
        static final String STEPS = "mmcheck.mm.compaction.CompactZoneSteps";
        static final String COMPACTION = "mmcheck.mm.compaction.Compaction";
        static final String NODE = "mmcheck.mm.compaction.CompactionNode";
    }

    private final StepNames names;
    private final boolean supported;
    private final List<String> params;

    CompactionAction(String kernel, String spec, String javaClass, String javaName, String trace, boolean supported,
            String... params) {
        this.names = new StepNames(kernel, spec, javaClass, javaName, trace);
        this.supported = supported;
        this.params = List.of(params);
    }

    @Override
    public StepNames names() {
        return names;
    }

    /**
     * The element of the model's Triggers that enables this action ("direct", "kcompactd", "manual", "proactive"),
     * or null for a step of any run. ResetIsolationSuitable clears what direct compaction's scanners asked for.
     */
    public String trigger() {
        return switch (this) {
            case TRY_TO_COMPACT_PAGES, TRY_TO_COMPACT_PAGES_END, RESET_ISOLATION_SUITABLE -> "direct";
            case WAKEUP_KCOMPACTD, KCOMPACTD_DO_WORK, KCOMPACTD_DO_WORK_END -> "kcompactd";
            case PROACTIVE_COMPACT_NODE, PROACTIVE_COMPACT_NODE_END, KCOMPACTD_TIMEOUT -> "proactive";
            case COMPACT_MEMORY, COMPACT_NODE_END -> "manual";
            default -> null;
        };
    }

    /** Whether the engine takes this action as one step of its own (a {@code CompactZoneSteps} or node method). */
    public boolean supported() {
        return supported;
    }

    /** The spec's parameter names, in order. */
    public List<String> params() {
        return params;
    }

    public int arity() {
        return params.size();
    }

    /** The action of a spec operator with that many arguments, or null. */
    public static CompactionAction ofSpec(String operator, int arity) {
        for (CompactionAction a : values()) {
            if (a.specName().equals(operator) && a.arity() == arity) {
                return a;
            }
        }
        return null;
    }
}
