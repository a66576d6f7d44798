package mmcheck.event;

import java.util.List;

/**
 * MmAction - every engine step, in the four spellings of one vocabulary: kernel function, TLA+ action,
 * Java method and trace name, with the parameters in the TLA+ formal parameter order.
 *
 * <p>Event arguments are ints in {@link #params()} order; {@link EventSink#step} passes them as a0..a2.
 */
public enum MmAction {
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

    private final String kernelName;
    private final String specName;
    private final String javaClass;
    private final String javaName;
    private final String traceName;
    private final List<ParamKind> params;

    MmAction(String kernelName, String specName, String javaClass, String javaName, String traceName,
            ParamKind... params) {
        this.kernelName = kernelName;
        this.specName = specName;
        this.javaClass = javaClass;
        this.javaName = javaName;
        this.traceName = traceName;
        this.params = List.of(params);
    }

    /** The C function in Linux 6.1, e.g. {@code __rmqueue_smallest}. */
    public String kernelName() {
        return kernelName;
    }

    /** The TLA+ action in spec/Buddy.tla, e.g. {@code RmqueueSmallest}. */
    public String specName() {
        return specName;
    }

    /** The Java step method, e.g. {@code rmqueueSmallest}. */
    public String javaName() {
        return javaName;
    }

    /**
     * The engine class and method, e.g. {@code PageAlloc.freeOnePage}. The class is named, not
     * referenced: this package must not depend on mmcheck.mm.
     */
    public String javaMethod() {
        return javaClass.substring(javaClass.lastIndexOf('.') + 1) + '.' + javaName;
    }

    /** The fully qualified engine class, e.g. {@code mmcheck.mm.buddy.PageAlloc}. */
    public String javaClass() {
        return javaClass;
    }

    /** The tracepoint or trace-line name, e.g. {@code mm_page_alloc_zone_locked}. */
    public String traceName() {
        return traceName;
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
            if (a.traceName.equals(name) || a.specName.equals(name)
                    || a.javaName.equals(name) || a.kernelName.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("no step is named '" + name + "'");
    }
}
