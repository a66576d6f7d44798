package mmcheck.event;

import java.util.List;

/**
 * MmAction - every engine step, in the four spellings of one vocabulary: kernel function, TLA+ action,
 * Java method and trace name, with the parameters in the TLA+ formal parameter order.
 *
 * <p>Event arguments are ints in {@link #params()} order; {@link EventSink#step} passes them as a0..a2.
 */
public enum MmAction implements NamedStep {
    /** Take the smallest free block of one migratetype. */
    RMQUEUE_SMALLEST("__rmqueue_smallest", "RmqueueSmallest", "mmcheck.mm.buddy.PageAlloc", "rmqueueSmallest", "mm_page_alloc_zone_locked",
            ParamKind.ORDER, ParamKind.MIGRATETYPE, ParamKind.OWNER),
    /** Steal a free block of another migratetype, maybe claiming its pageblock. */
    RMQUEUE_FALLBACK("__rmqueue_fallback", "RmqueueFallback", "mmcheck.mm.buddy.PageAlloc", "rmqueueFallback", "mm_page_alloc_extfrag",
            ParamKind.ORDER, ParamKind.MIGRATETYPE),
    /** Free an allocated block, merging with free buddies. */
    FREE_ONE_PAGE("__free_one_page", "FreeOnePage", "mmcheck.mm.buddy.PageAlloc", "freeOnePage", "free_one_page",
            ParamKind.PFN, ParamKind.ORDER),
    /** Isolate one pageblock. */
    SET_MIGRATETYPE_ISOLATE("set_migratetype_isolate", "SetMigratetypeIsolate", "mmcheck.mm.buddy.PageIsolation", "setMigratetypeIsolate",
            "set_migratetype_isolate", ParamKind.PAGEBLOCK),
    /** Give an isolated pageblock back to a migratetype. */
    UNSET_MIGRATETYPE_ISOLATE("unset_migratetype_isolate", "UnsetMigratetypeIsolate", "mmcheck.mm.buddy.PageIsolation",
            "unsetMigratetypeIsolate",
            "unset_migratetype_isolate", ParamKind.PAGEBLOCK, ParamKind.MIGRATETYPE);

    private final StepNames names;
    private final List<ParamKind> params;

    MmAction(String kernelName, String specName, String javaClass, String javaName, String traceName,
            ParamKind... params) {
        this.names = new StepNames(kernelName, specName, javaClass, javaName, traceName);
        this.params = List.of(params);
    }

    @Override
    public StepNames names() {
        return names;
    }

    /** Parameter kinds in the TLA+ formal parameter order. */
    public List<ParamKind> params() {
        return params;
    }

    /** Parameter names in the TLA+ formal parameter order, e.g. [order, migratetype, owner]. */
    public List<String> paramNames() {
        return params.stream().map(ParamKind::key).toList();
    }

    /** Number of parameters. */
    public int arity() {
        return params.size();
    }

    /**
     * The action with this name in any of the four spellings.
     *
     * @throws IllegalArgumentException if no action has that name
     */
    public static MmAction fromName(String name) {
        for (MmAction a : values()) {
            if (a.traceName().equals(name) || a.specName().equals(name)
                    || a.javaName().equals(name) || a.kernelName().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("no step is named '" + name + "'");
    }
}
