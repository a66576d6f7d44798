package mmcheck.conform.migrate;

import java.util.Arrays;
import java.util.List;
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
 * rmap[f] is the frame's reverse-map list walked; processes and vpages are numbered from 0 in both. An instance keeps
 * the last state's values, reused while the engine's ints stay equal.
 */
public final class RmapAbstraction {
    private static final UniqueString[] PTE_FIELDS = {UniqueString.uniqueStringOf("type"),
        UniqueString.uniqueStringOf("pfn"), UniqueString.uniqueStringOf("excl")};
    private static final StringValue[] PTE_TYPES = {new StringValue("none"), new StringValue("present"),
        new StringValue("migration"), new StringValue("migration")};
    private static final String[] PTE_VARS = {"pte", "written", "waitPte", "opParity"};
    private static final String[] FRAME_VARS = {"rmap", "mapcount", "refcount", "pinCount", "anonExclusive", "content"};

    /**
     * The values of the last state read and the engine ints they were built from. Most steps leave the page tables
     * or the frames as they were, and the run reads each state at least twice (after the step, before the next
     * request): equal ints give the same value objects, which are neither built nor compared again.
     */
    private Built ptes;
    private Built frames;

    /** Values and the ints they were built from, swapped in as one (a replay may read from several threads). */
    private record Built(int[] raw, Value[] values) {
    }

    /** Rmap.tla's variables, in the order of {@link #orderedValues}. */
    public static final List<String> VARIABLES = java.util.stream.Stream.concat(Arrays.stream(PTE_VARS),
            Arrays.stream(FRAME_VARS)).toList();

    /** Puts Rmap.tla's variables of the address spaces into v. */
    public void put(Map<String, Value> v, AddressSpaces as) {
        Value[] ordered = orderedValues(as);
        for (int i = 0; i < VARIABLES.size(); i++) {
            v.put(VARIABLES.get(i), ordered[i]);
        }
    }

    /** Rmap.tla's variables of the address spaces, in the order of VARIABLES. */
    public Value[] orderedValues(AddressSpaces as) {
        Built p = ptes;
        int[] rawPtes = rawPtes(as);
        if (p == null || !Arrays.equals(rawPtes, p.raw())) {
            p = new Built(rawPtes, ptes(rawPtes));
            ptes = p;
        }
        Built f = frames;
        int[] rawFrames = rawFrames(as);
        if (f == null || !Arrays.equals(rawFrames, f.raw())) {
            f = new Built(rawFrames, frames(rawFrames));
            frames = f;
        }
        Value[] out = new Value[PTE_VARS.length + FRAME_VARS.length];
        System.arraycopy(p.values(), 0, out, 0, PTE_VARS.length);
        System.arraycopy(f.values(), 0, out, PTE_VARS.length, FRAME_VARS.length);
        return out;
    }

    /** procs, vpages, opParity, then per process its waitVpage and per vpage the PTE's type, pfn and written. */
    private static int[] rawPtes(AddressSpaces as) {
        int procs = as.nrProcs();
        int vpages = as.nrVpages();
        int[] raw = new int[3 + procs * (1 + 3 * vpages)];
        raw[0] = procs;
        raw[1] = vpages;
        raw[2] = as.opParity();
        int k = 3;
        for (int p = 0; p < procs; p++) {
            raw[k++] = as.waitVpage(p);
            for (int q = 0; q < vpages; q++) {
                raw[k++] = as.pteType(p, q);
                raw[k++] = as.ptePfn(p, q);
                raw[k++] = as.written(p, q);
            }
        }
        return raw;
    }

    private static Value[] ptes(int[] raw) {
        int procs = raw[0];
        int vpages = raw[1];
        Value[] ptes = new Value[procs];
        Value[] written = new Value[procs];
        Value[] wait = new Value[procs];
        int k = 3;
        for (int p = 0; p < procs; p++) {
            wait[p] = IntValue.gen(raw[k++]);
            Value[] row = new Value[vpages];
            Value[] w = new Value[vpages];
            for (int q = 0; q < vpages; q++) {
                int type = raw[k++];
                row[q] = new RecordValue(PTE_FIELDS.clone(), new Value[] {PTE_TYPES[type],
                    IntValue.gen(raw[k++]), bool(type == AddressSpaces.PTE_MIGRATION_EXCL)}, false).normalize();
                w[q] = IntValue.gen(raw[k++]);
            }
            ptes[p] = TlcValues.fcn(0, row);
            written[p] = TlcValues.fcn(0, w);
        }
        return new Value[] {TlcValues.fcn(0, ptes), TlcValues.fcn(0, written), TlcValues.fcn(0, wait),
            IntValue.gen(raw[2])};
    }

    /** zone start, pages, vpages, then per frame mapcount, refcount, pins, exclusive, content and its rmap slots. */
    private static int[] rawFrames(AddressSpaces as) {
        int lo = as.zone().geometry().zoneStart();
        int n = as.zone().geometry().nrPages();
        int[][] slots = new int[n][];
        int size = 3 + 6 * n;
        for (int i = 0; i < n; i++) {
            slots[i] = as.rmapSlots(lo + i);
            size += slots[i].length;
        }
        int[] raw = new int[size];
        raw[0] = lo;
        raw[1] = n;
        raw[2] = as.nrVpages();
        int k = 3;
        for (int i = 0; i < n; i++) {
            int pfn = lo + i;
            raw[k++] = as.mapcount(pfn);
            raw[k++] = as.refcount(pfn);
            raw[k++] = as.pinCount(pfn);
            raw[k++] = as.isAnonExclusive(pfn) ? 1 : 0;
            raw[k++] = as.content(pfn);
            raw[k++] = slots[i].length;
            System.arraycopy(slots[i], 0, raw, k, slots[i].length);
            k += slots[i].length;
        }
        return raw;
    }

    private static Value[] frames(int[] raw) {
        int lo = raw[0];
        int n = raw[1];
        int vpages = raw[2];
        Value[] rmap = new Value[n];
        Value[] mapcount = new Value[n];
        Value[] refcount = new Value[n];
        Value[] pins = new Value[n];
        Value[] excl = new Value[n];
        Value[] content = new Value[n];
        int k = 3;
        for (int i = 0; i < n; i++) {
            mapcount[i] = IntValue.gen(raw[k++]);
            refcount[i] = IntValue.gen(raw[k++]);
            pins[i] = IntValue.gen(raw[k++]);
            excl[i] = bool(raw[k++] == 1);
            content[i] = IntValue.gen(raw[k++]);
            Value[] elems = new Value[raw[k++]];
            for (int e = 0; e < elems.length; e++) {
                int slot = raw[k++];
                elems[e] = new TupleValue(IntValue.gen(slot / vpages), IntValue.gen(slot % vpages));
            }
            rmap[i] = new SetEnumValue(elems, false).normalize();
        }
        return new Value[] {TlcValues.fcn(lo, rmap), TlcValues.fcn(lo, mapcount), TlcValues.fcn(lo, refcount),
            TlcValues.fcn(lo, pins), TlcValues.fcn(lo, excl), TlcValues.fcn(lo, content)};
    }

    private static BoolValue bool(boolean b) {
        return b ? BoolValue.ValTrue : BoolValue.ValFalse;
    }
}
