package mmcheck.conform.migrate;

import java.util.Map;

import mmcheck.conform.TlcValues;
import mmcheck.mm.migrate.AddressSpaces;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import util.UniqueString;

/**
 * spec/Rmap.tla's variables (pte, written, waitPte, opParity, rmap, mapcount, refcount, pinCount, anonExclusive,
 * content) as {@link AddressSpaces} keeps them: the part of the abstraction every binding over page tables shares.
 * rmap[f] is the frame's reverse-map list walked; processes and vpages are numbered from 0 in both.
 */
public final class RmapAbstraction {
    private static final UniqueString[] PTE_FIELDS = {UniqueString.uniqueStringOf("type"),
        UniqueString.uniqueStringOf("pfn"), UniqueString.uniqueStringOf("excl")};
    private static final StringValue[] PTE_TYPES = {new StringValue("none"), new StringValue("present"),
        new StringValue("migration"), new StringValue("migration")};

    private RmapAbstraction() {
    }

    /** Puts Rmap.tla's variables of the address spaces into v. */
    public static void put(Map<String, Value> v, AddressSpaces as) {
        int procs = as.nrProcs();
        int vpages = as.nrVpages();
        Value[] ptes = new Value[procs];
        Value[] written = new Value[procs];
        Value[] wait = new Value[procs];
        for (int p = 0; p < procs; p++) {
            Value[] row = new Value[vpages];
            Value[] w = new Value[vpages];
            for (int q = 0; q < vpages; q++) {
                int type = as.pteType(p, q);
                row[q] = new RecordValue(PTE_FIELDS.clone(), new Value[] {PTE_TYPES[type],
                    IntValue.gen(as.ptePfn(p, q)), bool(type == AddressSpaces.PTE_MIGRATION_EXCL)}, false).normalize();
                w[q] = IntValue.gen(as.written(p, q));
            }
            ptes[p] = TlcValues.fcn(0, row);
            written[p] = TlcValues.fcn(0, w);
            wait[p] = IntValue.gen(as.waitVpage(p));
        }
        v.put("pte", TlcValues.fcn(0, ptes));
        v.put("written", TlcValues.fcn(0, written));
        v.put("waitPte", TlcValues.fcn(0, wait));
        v.put("opParity", IntValue.gen(as.opParity()));

        int lo = as.zone().geometry().zoneStart();
        int n = as.zone().geometry().nrPages();
        Value[] rmap = new Value[n];
        Value[] mapcount = new Value[n];
        Value[] refcount = new Value[n];
        Value[] pins = new Value[n];
        Value[] excl = new Value[n];
        Value[] content = new Value[n];
        for (int i = 0; i < n; i++) {
            int pfn = lo + i;
            int[] slots = as.rmapSlots(pfn);
            Value[] elems = new Value[slots.length];
            for (int k = 0; k < slots.length; k++) {
                elems[k] = new TupleValue(IntValue.gen(slots[k] / vpages), IntValue.gen(slots[k] % vpages));
            }
            rmap[i] = new SetEnumValue(elems, false).normalize();
            mapcount[i] = IntValue.gen(as.mapcount(pfn));
            refcount[i] = IntValue.gen(as.refcount(pfn));
            pins[i] = IntValue.gen(as.pinCount(pfn));
            excl[i] = bool(as.isAnonExclusive(pfn));
            content[i] = IntValue.gen(as.content(pfn));
        }
        v.put("rmap", TlcValues.fcn(lo, rmap));
        v.put("mapcount", TlcValues.fcn(lo, mapcount));
        v.put("refcount", TlcValues.fcn(lo, refcount));
        v.put("pinCount", TlcValues.fcn(lo, pins));
        v.put("anonExclusive", TlcValues.fcn(lo, excl));
        v.put("content", TlcValues.fcn(lo, content));
    }

    private static BoolValue bool(boolean b) {
        return b ? BoolValue.ValTrue : BoolValue.ValFalse;
    }
}
