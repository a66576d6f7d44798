package mmcheck.conform.buddy;

import mmcheck.conform.SpecModel;
import mmcheck.conform.TlcValues;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.Zone;
import tlc2.tool.TLCState;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.Value;
import util.UniqueString;

/**
 * The abstraction function: an engine zone as a state of spec/Buddy.tla.
 *
 * <p>It reads the engine's raw arrays, not its own idea of consistency, so a corrupted engine state
 * (a seeded bug) maps to a spec state that breaks the invariant it should. A pfn counts as a list
 * member by walking the list, PageBuddy and the order come from the page flags, and allocations from
 * the allocated-head flags.
 */
public final class ZoneAbstraction {
    /** The migratetypes the spec knows, in the kernel's enum order (spec: MigrateTypes). */
    static final MigrateType[] SPEC_TYPES = {MigrateType.MIGRATE_UNMOVABLE, MigrateType.MIGRATE_MOVABLE,
        MigrateType.MIGRATE_RECLAIMABLE, MigrateType.MIGRATE_ISOLATE};
    private static final UniqueString[] TYPE_FIELDS = new UniqueString[SPEC_TYPES.length];
    private static final StringValue[] TYPE_VALUES = new StringValue[MigrateType.values().length];
    private static final UniqueString[] ALLOC_FIELDS = {UniqueString.uniqueStringOf("pfn"),
        UniqueString.uniqueStringOf("order"), UniqueString.uniqueStringOf("mt"),
        UniqueString.uniqueStringOf("owner")};

    static {
        for (int i = 0; i < SPEC_TYPES.length; i++) {
            TYPE_FIELDS[i] = UniqueString.uniqueStringOf(SPEC_TYPES[i].name());
        }
        for (MigrateType t : MigrateType.values()) {
            TYPE_VALUES[t.ordinal()] = new StringValue(t.name());
        }
    }

    /** Ints per pfn in the raw state of pageBuddy, pageOrder and allocated. */
    private static final int PER_PAGE = 6;

    private final SpecModel spec;
    /** The last value built of each group of variables, with the engine's raw state it was built from. */
    private volatile Built freeLists;
    private volatile Built pages;
    private volatile Built pageblocks;

    /**
     * Values built from raw: the engine's state read into ints, of which the values are a function. An engine state
     * whose raw ints equal the last one's gets the same value objects: no TLC value rebuilt, none hashed again.
     */
    private record Built(int[] raw, Value[] values) {
    }

    public ZoneAbstraction(SpecModel spec) {
        this.spec = spec;
    }

    /** The TLC value of a migratetype (its kernel name as a string). */
    public static StringValue migratetype(MigrateType t) {
        return TYPE_VALUES[t.ordinal()];
    }

    /** abstraction() - the spec state that the engine zone stands for. */
    public TLCState abstraction(Zone zone) {
        return spec.state(values(zone));
    }

    /** The spec variables of a zone, by name. */
    public Map<String, Value> values(Zone zone) {
        Map<String, Value> v = new HashMap<>(64);
        Value[] ordered = orderedValues(zone);
        for (int i = 0; i < VARIABLES.size(); i++) {
            v.put(VARIABLES.get(i), ordered[i]);
        }
        return v;
    }

    /** Buddy.tla's variables, in the order of {@link #orderedValues}. */
    public static final List<String> VARIABLES = List.of("freeList", "nrFree", "pageBuddy", "pageOrder", "allocated",
            "pageblockMt", "freePages");

    /** The spec variables of a zone, in the order of VARIABLES: for an abstraction that fills a state by index. */
    public Value[] orderedValues(Zone zone) {
        Value[] lists = freeLists(zone);
        Value[] perPage = pages(zone);
        return new Value[] {lists[0], lists[1], perPage[0], perPage[1], perPage[2], pageblocks(zone),
            IntValue.gen((int) zone.freePages())};
    }

    /**
     * freeList and nrFree; raw: per order nr_free, then per spec migratetype the list's length and pfns. The lists are
     * copied straight into one array sized for their counts: a run builds the abstraction two or three times per
     * request and finds the lists as they were nine times in ten, and a list at a time cost 1.8 us of allocations.
     */
    private Value[] freeLists(Zone zone) {
        int orders = zone.geometry().maxOrder();
        int room = orders;
        for (int o = 0; o < orders; o++) {
            for (MigrateType t : SPEC_TYPES) {
                room += 1 + zone.freeListRoom(o, t);
            }
        }
        int[] buf = new int[room];
        int k = 0;
        for (int o = 0; o < orders; o++) {
            buf[k++] = zone.nrFree(o);
        }
        for (int o = 0; o < orders; o++) {
            for (MigrateType t : SPEC_TYPES) {
                int n = zone.copyFreeList(o, t, buf, k + 1);
                buf[k] = n;
                k += 1 + n;
            }
        }
        Built last = freeLists;
        if (last != null && Arrays.equals(last.raw(), 0, last.raw().length, buf, 0, k)) {
            return last.values();
        }
        int[] raw = Arrays.copyOf(buf, k);
        Value[] perOrder = new Value[orders];
        Value[] nrFree = new Value[orders];
        k = orders;
        for (int o = 0; o < orders; o++) {
            nrFree[o] = IntValue.gen(raw[o]);
            Value[] sets = new Value[SPEC_TYPES.length];
            for (int i = 0; i < SPEC_TYPES.length; i++) {
                Value[] elems = new Value[raw[k++]];
                for (int e = 0; e < elems.length; e++) {
                    elems[e] = IntValue.gen(raw[k++]);
                }
                sets[i] = new SetEnumValue(elems, false).normalize();
            }
            perOrder[o] = new RecordValue(TYPE_FIELDS.clone(), sets, false).normalize();
        }
        Value[] values = {TlcValues.fcn(0, perOrder), TlcValues.fcn(0, nrFree)};
        freeLists = new Built(raw, values);
        return values;
    }

    /**
     * pageBuddy, pageOrder and allocated; raw: the zone start, then per pfn PageBuddy, the buddy order, whether an
     * allocated block heads there, and its order, migratetype and owner.
     */
    private Value[] pages(Zone zone) {
        MmGeometry g = zone.geometry();
        int lo = g.zoneStart();
        int n = g.zoneEnd() - lo;
        int[] raw = new int[1 + PER_PAGE * n];
        raw[0] = lo;
        for (int i = 0; i < n; i++) {
            int p = lo + i;
            int k = 1 + PER_PAGE * i;
            if (zone.isPageBuddy(p)) {
                raw[k] = 1;
                raw[k + 1] = zone.buddyOrder(p);
            }
            if (zone.isAllocated(p)) {
                raw[k + 2] = 1;
                raw[k + 3] = zone.allocatedOrder(p);
                raw[k + 4] = zone.allocatedMigratetype(p).ordinal();
                raw[k + 5] = zone.allocatedOwner(p);
            }
        }
        Built last = pages;
        if (last != null && Arrays.equals(last.raw(), raw)) {
            return last.values();
        }
        Value[] buddy = new Value[n];
        Value[] order = new Value[n];
        List<Value> allocated = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = 1 + PER_PAGE * i;
            buddy[i] = raw[k] == 1 ? BoolValue.ValTrue : BoolValue.ValFalse;
            order[i] = IntValue.gen(raw[k + 1]);
            if (raw[k + 2] == 1) {
                Value[] fields = {IntValue.gen(lo + i), IntValue.gen(raw[k + 3]), TYPE_VALUES[raw[k + 4]],
                    IntValue.gen(raw[k + 5])};
                allocated.add(new RecordValue(ALLOC_FIELDS.clone(), fields, false).normalize());
            }
        }
        Value[] values = {TlcValues.fcn(lo, buddy), TlcValues.fcn(lo, order),
            new SetEnumValue(allocated.toArray(new Value[0]), false).normalize()};
        pages = new Built(raw, values);
        return values;
    }

    /** pageblockMt; raw: the first pageblock, then each pageblock's migratetype. */
    private Value pageblocks(Zone zone) {
        MmGeometry g = zone.geometry();
        int firstPb = g.firstPageblock();
        int[] raw = new int[g.lastPageblock() - firstPb + 2];
        raw[0] = firstPb;
        for (int i = 1; i < raw.length; i++) {
            raw[i] = zone.pageblockMigratetype(firstPb + i - 1).ordinal();
        }
        Built last = pageblocks;
        if (last != null && Arrays.equals(last.raw(), raw)) {
            return last.values()[0];
        }
        Value[] pbmt = new Value[raw.length - 1];
        for (int i = 0; i < pbmt.length; i++) {
            pbmt[i] = TYPE_VALUES[raw[i + 1]];
        }
        Value value = TlcValues.fcn(firstPb, pbmt);
        pageblocks = new Built(raw, new Value[] {value});
        return value;
    }
}
