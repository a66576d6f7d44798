package mmcheck.conform.compaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import mmcheck.conform.SpecLoadException;
import mmcheck.conform.SpecModel;
import mmcheck.conform.TlcValues;
import mmcheck.conform.buddy.ZoneConcretization;
import mmcheck.conform.migrate.RmapConcretization;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.compaction.CompactControl;
import mmcheck.mm.compaction.CompactPriority;
import mmcheck.mm.compaction.CompactResult;
import mmcheck.mm.compaction.CompactZoneSteps;
import mmcheck.mm.compaction.Compaction;
import mmcheck.mm.compaction.CompactionBuilder;
import mmcheck.mm.compaction.CompactionMigrator;
import mmcheck.mm.compaction.CompactionNode;
import mmcheck.mm.compaction.ZoneCompactState;
import mmcheck.mm.migrate.AddressSpaces;
import mmcheck.mm.migrate.AddressSpacesBuilder;
import mmcheck.mm.migrate.MigrateMode;
import mmcheck.mm.migrate.PageTableMigration;
import tlc2.tool.TLCState;
import tlc2.value.impl.Value;

/**
 * The way back for spec/Compaction.tla, the inverse of {@link CompactionAbstraction}: a {@link CompactZoneSteps}
 * built from a spec state. The zone comes from {@link ZoneConcretization}, the page tables from
 * {@link RmapConcretization}, the migrator ({@link PageTableMigration}) with the isolated pages and NR_ISOLATED_ANON,
 * the zone's compaction fields and skip bits into {@link ZoneCompactState}, the live compact_control with
 * compact_zone()'s position and kcompactd's node state (its wait, kcompactd_max_order, the proactive deferral, and
 * the run kcompactd_do_work() or proactive_compact_node() drives with its prev_score) through
 * {@link CompactionBuilder}.
 *
 * <p>Where the engine orders what the spec keeps as a set, a {@link Choice} says what heads the list: a block of a
 * free list (the allocator's and direct compaction's allocations take it), or a page of cc->freepages (the
 * destination compaction_alloc() hands migrate_pages() next). Every other list is in ascending pfn order; the pages
 * migrate_pages() already failed in this call come before those still to try.
 *
 * <p>What the spec does not keep starts as a run that has just reached the state would have it: no scanned-page
 * totals, search_order at cc->order, compact_init_free_pfn 0 (as struct zone starts); in the free scanner's turns
 * cc.fastDone says whether this isolate_freepages() call has run its fast search, in the migrate scanner's turn
 * whether fast_find_migrateblock() has, and cc.fastLow is the block it found.
 */
public final class CompactionConcretization {
    /** Which block heads a free list (null: every list ascending) and which page heads cc->freepages (-1: none). */
    public record Choice(ZoneConcretization.HeadChoice zoneHead, int freepagesHead) {
        /** " with pfn 4 at the head of cc->freepages", or the free list's, or "" for the canonical lists. */
        public String describe() {
            return freepagesHead >= 0 ? " with pfn " + freepagesHead + " at the head of cc->freepages"
                    : ZoneConcretization.describe(zoneHead);
        }
    }

    /** The spec's NoPfn and FastStartUsed (fast_start_pfn == ULONG_MAX). */
    private static final int NO_PFN = -1;
    private static final int FAST_START_USED = -2;

    private final SpecModel spec;
    private final ZoneConcretization zones;
    private final BiFunction<PageAlloc, CompactionMigrator, Compaction> engine;
    private final MmGeometry g;
    private final int procs;
    private final int vpages;
    private final int anonOwner;
    private final int maxPins;
    private final int directOwner;
    private final Function<CompactZoneSteps, CompactionNode> node;
    private final int proactiveness;

    /**
     * Builds engine's compaction over a zone with the watermarks watermarks, in the node node builds with the model's
     * compaction_proactiveness (the binding's initial engine's).
     */
    public CompactionConcretization(SpecModel spec, BiFunction<PageAlloc, CompactionMigrator, Compaction> engine,
            Function<CompactZoneSteps, CompactionNode> node, ZoneConcretization.ZoneWatermarks watermarks) {
        this.spec = spec;
        this.g = ZoneConcretization.geometryOf(spec);
        this.zones = new ZoneConcretization(g, watermarks);
        this.engine = engine;
        this.procs = TlcValues.ints(spec.value("Procs")).length;
        this.vpages = TlcValues.ints(spec.value("Vpages")).length;
        this.anonOwner = TlcValues.toInt(spec.value("AnonOwner"));
        this.maxPins = TlcValues.toInt(spec.value("MaxPins"));
        this.directOwner = TlcValues.toInt(spec.value("DirectOwner"));
        this.node = node;
        this.proactiveness = TlcValues.toInt(spec.value("CompactionProactiveness"));
    }

    /** Every way to build s: canonical lists first, then each other free block, then each other page of cc->freepages. */
    public List<Choice> choices(TLCState s) {
        List<Choice> out = new ArrayList<>();
        for (ZoneConcretization.HeadChoice h : zones.headChoices(s)) {
            out.add(new Choice(h, NO_PFN));
        }
        int[] free = TlcValues.ints(TlcValues.field(var(s, "cc"), "freepages"));
        Arrays.sort(free);
        // The canonical list has its highest pfn at the head (ascending, head last): the others are the choices.
        for (int i = 0; i + 1 < free.length; i++) {
            out.add(new Choice(null, free[i]));
        }
        return out;
    }

    /** concretization() - the engine for s, lists ordered by choice. */
    public CompactZoneSteps concretization(TLCState s, Choice choice) {
        Zone zone = zones.concretization(s, choice.zoneHead());
        PageAlloc pa = new PageAlloc(zone);
        AddressSpaces as = new AddressSpaces(pa, procs, vpages, anonOwner);
        as.setMaxPins(maxPins);
        AddressSpacesBuilder pages = new AddressSpacesBuilder(as);
        RmapConcretization.put(s, pages, procs, vpages, g, pfn -> false, pfn -> false);
        Value cc = var(s, "cc");
        for (int pfn : TlcValues.ints(TlcValues.field(cc, "migratepages"))) {
            pages.isolated(pfn);
        }
        PageTableMigration migrator = new PageTableMigration(as, intVar(s, "nrIsolatedAnon"));
        Compaction c = engine.apply(pa, migrator);
        zoneState(s, c.state());
        CompactZoneSteps steps = new CompactZoneSteps(c, directOwner, node);
        steps.node().setCompactionProactiveness(proactiveness);
        Value kcompactd = var(s, "kcompactd");
        CompactionBuilder.kcompactd(steps, bool(kcompactd, "awake"), intField(kcompactd, "maxOrder"),
                bool(kcompactd, "proactiveDefer"));
        String pc = TlcValues.str(TlcValues.field(cc, "pc"));
        if (!pc.equals(CompactControl.Pc.IDLE.specName())) {
            run(steps, cc, pc, choice.freepagesHead());
        }
        return steps;
    }

    /** The zone's compaction fields, deferral counters and skip bits. */
    private void zoneState(TLCState s, ZoneCompactState z) {
        Value cached = var(s, "compactCachedMigratePfn");
        z.compactCachedMigratePfn[0] = TlcValues.toInt(TlcValues.at(cached, 0));
        z.compactCachedMigratePfn[1] = TlcValues.toInt(TlcValues.at(cached, 1));
        z.compactCachedFreePfn = intVar(s, "compactCachedFreePfn");
        z.compactInitMigratePfn = intVar(s, "compactInitMigratePfn");
        z.compactInitFreePfn = 0;
        z.compactBlockskipFlush = TlcValues.bool(var(s, "compactBlockskipFlush"));
        z.compactConsidered = intVar(s, "compactConsidered");
        z.compactDeferShift = intVar(s, "compactDeferShift");
        z.compactOrderFailed = intVar(s, "compactOrderFailed");
        Value skip = var(s, "pageblockSkip");
        for (int pb = g.firstPageblock(); pb <= g.lastPageblock(); pb++) {
            int pfn = pb << g.pageblockOrder();
            if (TlcValues.bool(TlcValues.at(skip, pb))) {
                z.setPageblockSkip(pfn);
            } else {
                z.clearPageblockSkip(pfn);
            }
        }
    }

    /** The live run: compact_control as the trigger built it, then where compact_zone() is. */
    private void run(CompactZoneSteps steps, Value cc, String pcName, int freepagesHead) {
        String trigger = TlcValues.str(TlcValues.field(cc, "trigger"));
        boolean direct = trigger.equals("direct");
        int prio = TlcValues.toInt(TlcValues.field(cc, "prio"));
        CompactControl c = CompactControl.builder(TlcValues.toInt(TlcValues.field(cc, "order")),
                MigrateMode.valueOf(TlcValues.str(TlcValues.field(cc, "mode"))))
                .directCompaction(direct)
                .proactiveCompaction(trigger.equals("proactive"))
                .ignoreSkipHint(bool(cc, "ignoreSkipHint"))
                .ignoreBlockSuitable(direct && prio == CompactPriority.MIN_COMPACT_PRIORITY.ordinal())
                .wholeZone(bool(cc, "wholeZone"))
                .capture(direct)
                .build();
        if (direct) {
            c.allocOwner = directOwner;
        }
        c.migratePfn = intField(cc, "migratePfn");
        c.freePfn = intField(cc, "freePfn");
        c.nrMigratepages = intField(cc, "nrMigratepages");
        c.nrFreepages = intField(cc, "nrFreepages");
        int fastStart = intField(cc, "fastStartPfn");
        c.fastStartPfn = fastStart == FAST_START_USED ? Integer.MAX_VALUE : fastStart;
        // The engine counts failed fast searches; at COMPACT_CLUSTER_MAX 1 every count from 1 up scans alike.
        c.fastSearchFail = bool(cc, "fastSearchFail") ? 1 : 0;
        c.contended = bool(cc, "contended");
        c.finishPageblock = bool(cc, "finishPageblock");
        int capture = intField(cc, "capture");
        c.capturedPfn = capture == NO_PFN ? -1 : capture;
        int[] isolated = sorted(TlcValues.ints(TlcValues.field(cc, "migratepages")));
        int[] todo = sorted(TlcValues.ints(TlcValues.field(cc, "todo")));
        int[] failed = Arrays.stream(isolated).filter(p -> Arrays.binarySearch(todo, p) < 0).toArray();
        String status = TlcValues.str(TlcValues.field(cc, "status"));
        CompactionBuilder b = new CompactionBuilder(steps, c, CompactPriority.values()[prio], pc(pcName));
        if (trigger.equals("kcompactd") || trigger.equals("proactive")) {
            b.nodeRun(intField(cc, "prevScore"));
        }
        b
                .migratepages(failed, todo, intField(cc, "nrFailed"), err(TlcValues.str(TlcValues.field(cc, "err"))))
                .freepages(headLast(TlcValues.ints(TlcValues.field(cc, "freepages")), freepagesHead))
                .result(status.equals(CompactResult.COMPACT_CONTINUE.name()) ? null : CompactResult.valueOf(status))
                .locals(intField(cc, "lastMigratedPfn"), bool(cc, "updateCached"))
                .fastLow(intField(cc, "fastLow") == NO_PFN ? -1 : intField(cc, "fastLow"))
                .scannerLocals(intField(cc, "stride"), bool(cc, "fastDone"), intField(cc, "releaseHigh"));
    }

    /** The list in ascending order with head moved to its end (the engine takes the last page), if on it. */
    private static int[] headLast(int[] pfns, int head) {
        int[] out = sorted(pfns);
        int i = Arrays.binarySearch(out, head);
        if (head >= 0 && i >= 0) {
            System.arraycopy(out, i + 1, out, i, out.length - i - 1);
            out[out.length - 1] = head;
        }
        return out;
    }

    private static int err(String name) {
        return switch (name) {
            case "none" -> CompactControl.ERR_NONE;
            case "failed" -> CompactControl.ERR_FAILED;
            case "enomem" -> CompactControl.ERR_ENOMEM;
            default -> throw new SpecLoadException("the compaction engine has no migrate_pages() result " + name);
        };
    }

    private static CompactControl.Pc pc(String name) {
        for (CompactControl.Pc p : CompactControl.Pc.values()) {
            if (p.specName().equals(name)) {
                return p;
            }
        }
        throw new SpecLoadException("compact_zone() has no position " + name);
    }

    private static int[] sorted(int[] a) {
        int[] out = a.clone();
        Arrays.sort(out);
        return out;
    }

    private static Value var(TLCState s, String name) {
        return (Value) s.lookup(name);
    }

    private static int intVar(TLCState s, String name) {
        return TlcValues.toInt(var(s, name));
    }

    private static int intField(Value record, String name) {
        return TlcValues.toInt(TlcValues.field(record, name));
    }

    private static boolean bool(Value record, String name) {
        return TlcValues.bool(TlcValues.field(record, name));
    }
}
