package mmcheck.event;

/**
 * ParamKind - what a step parameter denotes, so that one int can be rendered in a trace line, parsed back,
 * and turned into a TLC value by the conformance layer.
 *
 * <p>Migratetypes travel as ordinals of {@code mmcheck.mm.MigrateType}; their kernel names are repeated here
 * because {@code mm} depends on {@code event} and not the other way round.
 */
public enum ParamKind {
    /** A page frame number; rendered {@code 0x1a} like the kernel tracepoints' {@code pfn=%#lx}. */
    PFN("pfn"),
    /** A buddy order, 0..MAX_ORDER-1. */
    ORDER("order"),
    /** A migratetype ordinal; rendered by its kernel name, e.g. {@code MIGRATE_MOVABLE}. */
    MIGRATETYPE("migratetype"),
    /** Who owns an allocated block; any int. */
    OWNER("owner"),
    /** A pageblock index, pfn >> pageblock_order. */
    PAGEBLOCK("pageblock");

    /** Kernel spelling of the migratetypes by ordinal: enum migratetype in include/linux/mmzone.h. */
    static final String[] MIGRATETYPE_NAMES = {
        "MIGRATE_UNMOVABLE", "MIGRATE_MOVABLE", "MIGRATE_RECLAIMABLE", "MIGRATE_HIGHATOMIC", "MIGRATE_ISOLATE"
    };

    private final String key;

    ParamKind(String key) {
        this.key = key;
    }

    /** The parameter name used in the TLA+ action and as the trace key, e.g. {@code migratetype}. */
    public String key() {
        return key;
    }

    /** Renders a value the way trace lines spell it. */
    public String render(int value) {
        switch (this) {
            case PFN:
                return value < 0 ? Integer.toString(value) : "0x" + Integer.toHexString(value);
            case MIGRATETYPE:
                return value >= 0 && value < MIGRATETYPE_NAMES.length
                        ? MIGRATETYPE_NAMES[value] : Integer.toString(value);
            default:
                return Integer.toString(value);
        }
    }

    /**
     * Parses what {@link #render} writes. Also accepts what kernel tracepoints print: a decimal migratetype
     * ({@code alloc_migratetype=1}) and a decimal pfn.
     *
     * @throws IllegalArgumentException if the text is not a value of this kind
     */
    public int parse(String text) {
        String t = text.trim();
        try {
            if (this == MIGRATETYPE) {
                for (int i = 0; i < MIGRATETYPE_NAMES.length; i++) {
                    if (MIGRATETYPE_NAMES[i].equals(t)) {
                        return i;
                    }
                }
                int mt = Integer.parseInt(t);
                if (mt < 0 || mt >= MIGRATETYPE_NAMES.length) {
                    throw new IllegalArgumentException("migratetype " + t + " is not in 0.." + (MIGRATETYPE_NAMES.length - 1));
                }
                return mt;
            }
            if (this == PFN && (t.startsWith("0x") || t.startsWith("0X"))) {
                return Integer.parseUnsignedInt(t.substring(2), 16);
            }
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a " + key, e);
        }
    }

    /** The kernel name of a migratetype ordinal, e.g. 1 gives {@code MIGRATE_MOVABLE}. */
    public static String migratetypeName(int ordinal) {
        return MIGRATETYPE.render(ordinal);
    }
}
