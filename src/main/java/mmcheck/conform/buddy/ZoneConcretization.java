package mmcheck.conform.buddy;

import mmcheck.conform.SpecModel;
import mmcheck.conform.TlcValues;

import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.Zone;
import mmcheck.mm.ZoneBuilder;
import tlc2.tool.TLCState;
import tlc2.value.impl.Value;

/**
 * The way back: an engine zone built from a spec state, for replaying spec behaviours on the engine.
 *
 * <p>The spec keeps free lists as sets; the engine keeps ordered lists and takes the head. A
 * {@link HeadChoice} says which block goes to the head of one list; every other list holds its blocks
 * in ascending pfn order. Running a step once per choice runs every resolution of the spec's
 * nondeterministic pick.
 */
public final class ZoneConcretization {
    /** Put pfn at the head of free_list[order][migratetype]. */
    public record HeadChoice(int order, MigrateType migratetype, int pfn) {
    }

    /**
     * The zone's watermarks as a model sets them: Buddy.tla's WmarkLow and LowmemReserve, and
     * CompactionSuitable.tla's WmarkMin where the model has it (else the low mark, which no Buddy step reads).
     */
    public record ZoneWatermarks(long min, long low, long lowmemReserve) {
        /** No watermark: every allocation that finds a block is let through. */
        public static final ZoneWatermarks NONE = new ZoneWatermarks(0, 0, 0);

        /** Sets them on a zone (the high mark is the low one: no spec step reads it). */
        public Zone applyTo(Zone z) {
            z.setWatermarks(min, low, low);
            z.setLowmemReserve(lowmemReserve);
            return z;
        }
    }

    private final MmGeometry geometry;
    private final ZoneWatermarks watermarks;

    public ZoneConcretization(MmGeometry geometry) {
        this(geometry, ZoneWatermarks.NONE);
    }

    public ZoneConcretization(MmGeometry geometry, ZoneWatermarks watermarks) {
        this.geometry = geometry;
        this.watermarks = watermarks;
    }

    /** The watermarks a loaded model's constants and definitions set. */
    public static ZoneWatermarks watermarksOf(SpecModel spec) {
        long low = TlcValues.toInt(spec.value("WmarkLow"));
        long min = spec.hasValue("WmarkMin") ? TlcValues.toInt(spec.value("WmarkMin")) : low;
        return new ZoneWatermarks(min, low, TlcValues.toInt(spec.value("LowmemReserve")));
    }

    /** The Init zone of a loaded model, with its watermarks. */
    public static Zone initialZone(SpecModel spec) {
        return watermarksOf(spec).applyTo(Zone.init(geometryOf(spec)));
    }

    /** " with pfn 4 at the head of free_list[1][MIGRATE_MOVABLE]", or "" for the canonical lists (null). */
    public static String describe(HeadChoice c) {
        return c == null ? "" : " with pfn " + c.pfn() + " at the head of free_list[" + c.order() + "]["
                + c.migratetype() + "]";
    }

    /** The geometry a loaded model's constants describe. */
    public static MmGeometry geometryOf(SpecModel spec) {
        return MmGeometry.of(TlcValues.toInt(spec.value("MaxOrder")),
                TlcValues.toInt(spec.value("PageblockOrder")),
                TlcValues.toInt(spec.value("ZoneStart")), TlcValues.toInt(spec.value("ZoneEnd")));
    }

    public MmGeometry geometry() {
        return geometry;
    }

    /** The engine's head choices for s: canonical lists (null), then each other block at the head of its list. */
    public java.util.List<HeadChoice> headChoices(TLCState s) {
        java.util.List<HeadChoice> out = new java.util.ArrayList<>();
        out.add(null);
        Zone z = concretization(s, null);
        for (int o = 0; o < geometry.maxOrder(); o++) {
            for (MigrateType t : ZoneAbstraction.SPEC_TYPES) {
                int[] pfns = z.freeListPfns(o, t);
                for (int i = 1; i < pfns.length; i++) {
                    out.add(new HeadChoice(o, t, pfns[i]));
                }
            }
        }
        return out;
    }

    /** concretization() - the engine zone for s, lists in ascending pfn order but for choice. */
    public Zone concretization(TLCState s, HeadChoice choice) {
        ZoneBuilder b = Zone.builder(geometry);
        Value pbmt = (Value) s.lookup("pageblockMt");
        for (int pb = geometry.firstPageblock(); pb <= geometry.lastPageblock(); pb++) {
            b.pageblockMigratetype(pb, MigrateType.valueOf(TlcValues.str(TlcValues.at(pbmt, pb))));
        }
        Value freeList = (Value) s.lookup("freeList");
        for (int o = 0; o < geometry.maxOrder(); o++) {
            Value lists = TlcValues.at(freeList, o);
            for (MigrateType t : ZoneAbstraction.SPEC_TYPES) {
                int[] pfns = TlcValues.ints(TlcValues.field(lists, t.name()));
                java.util.Arrays.sort(pfns);
                for (int p : pfns) {
                    boolean chosen = choice != null && choice.order() == o && choice.migratetype() == t
                            && choice.pfn() == p;
                    if (!chosen) {
                        b.freeBlock(p, o, t);
                    }
                }
                if (choice != null && choice.order() == o && choice.migratetype() == t) {
                    b.freeBlockAtHead(choice.pfn(), o, t);
                }
            }
        }
        for (Value a : TlcValues.elements((Value) s.lookup("allocated"))) {
            b.allocatedBlock(TlcValues.toInt(TlcValues.field(a, "pfn")),
                    TlcValues.toInt(TlcValues.field(a, "order")),
                    MigrateType.valueOf(TlcValues.str(TlcValues.field(a, "mt"))),
                    TlcValues.toInt(TlcValues.field(a, "owner")));
        }
        Value nrFree = (Value) s.lookup("nrFree");
        for (int o = 0; o < geometry.maxOrder(); o++) {
            b.nrFree(o, TlcValues.toInt(TlcValues.at(nrFree, o)));
        }
        b.freePages(TlcValues.toInt((Value) s.lookup("freePages")));
        return watermarks.applyTo(b.build());
    }
}
