package mmcheck.conform.migrate;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

import mmcheck.conform.TlcValues;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.migrate.AddressSpaces;
import mmcheck.mm.migrate.AddressSpacesBuilder;
import tlc2.tool.TLCState;
import tlc2.value.impl.Value;

/**
 * The way back for spec/Rmap.tla's variables, the inverse of {@link RmapAbstraction}: page tables, reverse maps and
 * per-page state written into {@link AddressSpaces} that have taken no step. The part of the concretization every
 * binding over page tables shares. A reverse map is a set in the spec and a list in the engine: it is walked in
 * ascending slot order.
 */
public final class RmapConcretization {
    private RmapConcretization() {
    }

    /**
     * put() - Rmap.tla's variables of s into b, over procs processes of vpages vpages and the zone g; locked and
     * writeback say which frames another kernel path holds locked or under writeback (Migrate.tla's pageLocked and
     * pageWriteback; none where the spec has no such variables).
     */
    public static void put(TLCState s, AddressSpacesBuilder b, int procs, int vpages, MmGeometry g,
            IntPredicate locked, IntPredicate writeback) {
        Value pte = var(s, "pte");
        Value written = var(s, "written");
        Value wait = var(s, "waitPte");
        for (int p = 0; p < procs; p++) {
            for (int v = 0; v < vpages; v++) {
                Value e = TlcValues.at(TlcValues.at(pte, p), v);
                int t = switch (TlcValues.str(TlcValues.field(e, "type"))) {
                    case "present" -> AddressSpaces.PTE_PRESENT;
                    case "migration" -> TlcValues.bool(TlcValues.field(e, "excl"))
                            ? AddressSpaces.PTE_MIGRATION_EXCL : AddressSpaces.PTE_MIGRATION;
                    default -> AddressSpaces.PTE_NONE;
                };
                b.pte(p, v, t, TlcValues.toInt(TlcValues.field(e, "pfn")));
                b.written(p, v, TlcValues.toInt(TlcValues.at(TlcValues.at(written, p), v)));
            }
            b.waitVpage(p, TlcValues.toInt(TlcValues.at(wait, p)));
        }
        b.opParity(TlcValues.toInt(var(s, "opParity")));
        Value rmap = var(s, "rmap");
        for (int pfn = g.zoneStart(); pfn < g.zoneEnd(); pfn++) {
            List<Value> slots = TlcValues.elements(TlcValues.at(rmap, pfn));
            int[] order = new int[slots.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = TlcValues.toInt(TlcValues.component(slots.get(i), 1)) * vpages
                        + TlcValues.toInt(TlcValues.component(slots.get(i), 2));
            }
            Arrays.sort(order);
            b.rmap(pfn, order);
            b.frame(pfn, intAt(s, "mapcount", pfn), intAt(s, "refcount", pfn), intAt(s, "pinCount", pfn),
                    TlcValues.bool(TlcValues.at(var(s, "anonExclusive"), pfn)), intAt(s, "content", pfn),
                    locked.test(pfn), writeback.test(pfn));
        }
    }

    private static Value var(TLCState s, String name) {
        return (Value) s.lookup(name);
    }

    private static int intAt(TLCState s, String name, int pfn) {
        return TlcValues.toInt(TlcValues.at(var(s, name), pfn));
    }
}
