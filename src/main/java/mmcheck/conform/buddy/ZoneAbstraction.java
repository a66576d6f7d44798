package mmcheck.conform.buddy;

import mmcheck.conform.SpecModel;
import mmcheck.conform.TlcValues;

import java.util.ArrayList;
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

    private final SpecModel spec;

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
        MmGeometry g = zone.geometry();
        int lo = g.zoneStart();
        int hi = g.zoneEnd() - 1;
        int orders = g.maxOrder();
        Map<String, Value> v = new HashMap<>(16);

        Value[] perOrder = new Value[orders];
        Value[] nrFree = new Value[orders];
        for (int o = 0; o < orders; o++) {
            Value[] lists = new Value[SPEC_TYPES.length];
            for (int i = 0; i < SPEC_TYPES.length; i++) {
                int[] pfns = zone.freeListPfns(o, SPEC_TYPES[i]);
                Value[] elems = new Value[pfns.length];
                for (int k = 0; k < pfns.length; k++) {
                    elems[k] = IntValue.gen(pfns[k]);
                }
                lists[i] = new SetEnumValue(elems, false).normalize();
            }
            perOrder[o] = new RecordValue(TYPE_FIELDS.clone(), lists, false).normalize();
            nrFree[o] = IntValue.gen(zone.nrFree(o));
        }
        v.put("freeList", TlcValues.fcn(0, perOrder));
        v.put("nrFree", TlcValues.fcn(0, nrFree));

        Value[] buddy = new Value[hi - lo + 1];
        Value[] order = new Value[hi - lo + 1];
        List<Value> allocated = new ArrayList<>();
        for (int p = lo; p <= hi; p++) {
            boolean isBuddy = zone.isPageBuddy(p);
            buddy[p - lo] = isBuddy ? BoolValue.ValTrue : BoolValue.ValFalse;
            order[p - lo] = IntValue.gen(isBuddy ? zone.buddyOrder(p) : 0);
            if (zone.isAllocated(p)) {
                Value[] fields = {IntValue.gen(p), IntValue.gen(zone.allocatedOrder(p)),
                    migratetype(zone.allocatedMigratetype(p)), IntValue.gen(zone.allocatedOwner(p))};
                allocated.add(new RecordValue(ALLOC_FIELDS.clone(), fields, false).normalize());
            }
        }
        v.put("pageBuddy", TlcValues.fcn(lo, buddy));
        v.put("pageOrder", TlcValues.fcn(lo, order));
        v.put("allocated", new SetEnumValue(allocated.toArray(new Value[0]), false).normalize());

        int firstPb = g.firstPageblock();
        int lastPb = g.lastPageblock();
        Value[] pbmt = new Value[lastPb - firstPb + 1];
        for (int pb = firstPb; pb <= lastPb; pb++) {
            pbmt[pb - firstPb] = migratetype(zone.pageblockMigratetype(pb));
        }
        v.put("pageblockMt", TlcValues.fcn(firstPb, pbmt));
        v.put("freePages", IntValue.gen((int) zone.freePages()));
        return v;
    }
}
