package mmcheck.mm.compaction;

/**
 * CompactionTracer - where compaction and migration tracepoints go, as "name: fields" in the kernel's TP_printk text.
 * Kernel: the trace_mm_compaction_*() and trace_mm_migrate_pages*() calls (include/trace/events/compaction.h,
 * include/trace/events/migrate.h).
 *
 * <p>Callers format the fields only when {@link #enabled()} says someone listens, so a run without tracing builds no
 * strings.
 */
public interface CompactionTracer {

    /** The tracer that drops everything. */
    CompactionTracer NONE = new CompactionTracer() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void event(String name, String fields) {
        }
    };

    /** Whether events are wanted at all. */
    boolean enabled();

    /**
     * One event.
     *
     * @param name the tracepoint, e.g. "mm_compaction_begin"
     * @param fields what TP_printk prints, e.g. "zone_start=0x1 migrate_pfn=0x1 free_pfn=0xe00 zone_end=0x1000, mode=sync"
     */
    void event(String name, String fields);

    /** Both tracers, this one first. */
    default CompactionTracer and(CompactionTracer other) {
        CompactionTracer self = this;
        return new CompactionTracer() {
            @Override
            public boolean enabled() {
                return self.enabled() || other.enabled();
            }

            @Override
            public void event(String name, String fields) {
                if (self.enabled()) {
                    self.event(name, fields);
                }
                if (other.enabled()) {
                    other.event(name, fields);
                }
            }
        };
    }
}
