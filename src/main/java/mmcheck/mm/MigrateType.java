package mmcheck.mm;

/** MigrateType - the page mobility classes of the buddy allocator. Kernel: enum migratetype in include/linux/mmzone.h. */
public enum MigrateType {
    MIGRATE_UNMOVABLE,
    MIGRATE_MOVABLE,
    MIGRATE_RECLAIMABLE,
    MIGRATE_HIGHATOMIC,
    MIGRATE_ISOLATE;

    /** Number of types with per-cpu lists; only these merge freely with each other. Kernel: MIGRATE_PCPTYPES. */
    public static final int MIGRATE_PCPTYPES = 3;

    private static final String[] PROC_NAMES = {"Unmovable", "Movable", "Reclaimable", "HighAtomic", "Isolate"};

    /** procName() - the name /proc/pagetypeinfo prints. Kernel: migratetype_names[] in mm/page_alloc.c. */
    public String procName() {
        return PROC_NAMES[ordinal()];
    }

    /**
     * fromProcName() - inverse of {@link #procName()}. Kernel: migratetype_names[] in mm/page_alloc.c.
     *
     * @throws IllegalArgumentException for names this model lacks, e.g. "CMA" from a CONFIG_CMA kernel
     */
    public static MigrateType fromProcName(String name) {
        for (MigrateType mt : values()) {
            if (PROC_NAMES[mt.ordinal()].equals(name)) {
                return mt;
            }
        }
        throw new IllegalArgumentException("unknown migratetype '" + name + "'");
    }

    /** isMergeable() - may a free block of this type merge with a buddy of another type. Kernel: migratetype_is_mergeable() in include/linux/mmzone.h. */
    public boolean isMergeable() {
        return ordinal() < MIGRATE_PCPTYPES;
    }

    /** specName() - the string the TLA+ spec uses for this type, the kernel spelling, e.g. "MIGRATE_MOVABLE". */
    public String specName() {
        return name();
    }
}
