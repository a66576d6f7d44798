package mmcheck.conform.compaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import mmcheck.conform.SpecModel;
import mmcheck.conform.TlcValues;
import mmcheck.conform.buddy.ZoneAbstraction;
import mmcheck.conform.migrate.RmapAbstraction;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.compaction.CompactControl;
import mmcheck.mm.compaction.CompactZoneSteps;
import mmcheck.mm.compaction.Compaction;
import mmcheck.mm.compaction.CompactionNode;
import mmcheck.mm.compaction.ZoneCompactState;
import mmcheck.mm.migrate.PageList;
import mmcheck.mm.migrate.PageTableMigration;
import tlc2.tool.TLCState;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.Value;
import util.UniqueString;

/**
 * The abstraction function of the compaction engine: a {@link CompactZoneSteps} over its {@link Compaction} and zone
 * as a state of spec/Compaction.tla, over every variable.
 *
 * <p>It reads what the engine keeps: Buddy.tla's variables through {@link ZoneAbstraction}, the zone's compaction
 * fields and skip bits from {@link ZoneCompactState}, NR_ISOLATED_ANON from the migrator, and cc from the live
 * {@link CompactControl} (its lists walked, not its counters trusted), and Rmap.tla's variables from the page tables
 * of a {@link PageTableMigration}'s address spaces, kcompactd's node state from the zone's
 * {@link mmcheck.mm.compaction.CompactionNode}. The page tables under an AtomicMigration have no engine state: those
 * are the model's initial values.
 */
public final class CompactionAbstraction {
    private static final String[] CC_FIELDS = {"pc", "trigger", "order", "mode", "prio", "wholeZone",
        "ignoreSkipHint", "finishPageblock", "migratePfn", "freePfn", "migratepages", "freepages", "nrMigratepages",
        "nrFreepages", "contended", "fastSearchFail", "fastStartPfn", "status", "todo", "nrFailed", "err",
        "updateCached", "lastMigratedPfn", "capture", "releaseHigh", "stride", "fastDone", "fastLow", "prevScore"};
    /** Rmap.tla's variables: no engine state stands for them under an AtomicMigration (see the class comment). */
    private static final List<String> FROM_INIT = List.of("pte", "rmap", "mapcount", "refcount", "pinCount",
            "anonExclusive", "content", "waitPte", "written", "opParity");
    /** Compaction.tla's own variables, in the order values() gives them. */
    private static final List<String> COMPACTION_VARS = List.of("compactCachedMigratePfn", "compactCachedFreePfn",
            "compactInitMigratePfn", "compactBlockskipFlush", "pageblockSkip", "nrIsolatedAnon", "compactConsidered",
            "compactDeferShift", "compactOrderFailed", "cc", "kcompactd");
    /** The spec's kcompactd record: [awake, maxOrder, proactiveDefer]. */
    private static final UniqueString[] KCOMPACTD_NAMES = Arrays.stream(new String[] {"awake", "maxOrder",
        "proactiveDefer"}).map(UniqueString::uniqueStringOf).toArray(UniqueString[]::new);
    /** The spec's FastStartUsed: fast_start_pfn == ULONG_MAX. */
    private static final int FAST_START_USED = -2;
    private static final int NO_PFN = -1;
    /** cc.err by CompactControl.ERR_*. */
    private static final StringValue[] ERRS = {new StringValue("none"), new StringValue("failed"),
        new StringValue("enomem")};
    private static final UniqueString[] CC_NAMES = Arrays.stream(CC_FIELDS).map(UniqueString::uniqueStringOf)
            .toArray(UniqueString[]::new);
    /**
     * cc's field names in the order a normalized record keeps them, and for each the index of its value in
     * CC_FIELDS: a record built in that order is normalized as built, with no sort per state (3% of a run).
     */
    private static final UniqueString[] CC_SORTED = sortedNames(CC_NAMES);
    private static final int[] CC_ORDER = sortedOrder(CC_NAMES);
    private static final UniqueString[] KCOMPACTD_SORTED = sortedNames(KCOMPACTD_NAMES);
    private static final int[] KCOMPACTD_ORDER = sortedOrder(KCOMPACTD_NAMES);
    /** The strings cc holds (pcs, triggers, modes, results), made once: a StringValue interns its string. */
    private static final Map<String, StringValue> STRINGS = new ConcurrentHashMap<>();
    private static final StringValue CONTINUE = new StringValue("COMPACT_CONTINUE");

    private final SpecModel spec;
    private final ZoneAbstraction buddy;
    private final RmapAbstraction rmap = new RmapAbstraction();
    private final Value ccIdle;
    private final int variableCount;
    /** Where each group of variables sits in the spec's variable order. */
    private final int[] buddySlots;
    private final int[] rmapSlots;
    private final int[] compactionSlots;
    private final int[] fromInitSlots;
    /** FROM_INIT's values in the model's initial state. */
    private final Value[] fromInit;
    /**
     * The last state built, with the values it was built from. A refine run abstracts the engine two or three times
     * per request (before it, after each step, after a refusal) and finds it as it was at least once: equal values
     * give the same state object, which the monitor's "unchanged" checks and the checker's known states then tell
     * equal by identity instead of comparing every variable. Swapped in as one (a replay may read from several
     * threads).
     */
    private volatile Built last;
    /** The same for cc: its field values, in CC_FIELDS order, and the record built of them. */
    private volatile Built lastCc;

    /** Values and what was built of them (a state, or cc's record). */
    private record Built(Object values, Object built) {
    }

    public CompactionAbstraction(SpecModel spec) {
        this.spec = spec;
        this.buddy = new ZoneAbstraction(spec);
        this.ccIdle = spec.value("CcIdle");
        this.buddySlots = slots(spec, ZoneAbstraction.VARIABLES);
        this.rmapSlots = slots(spec, RmapAbstraction.VARIABLES);
        this.compactionSlots = slots(spec, COMPACTION_VARS);
        Map<String, Value> init = spec.values(spec.initStates().elementAt(0));
        this.fromInitSlots = slots(spec, FROM_INIT);
        this.fromInit = FROM_INIT.stream().map(init::get).toArray(Value[]::new);
        this.variableCount = spec.variableNames().size();
        int filled = buddySlots.length + rmapSlots.length + compactionSlots.length;
        if (filled != variableCount) {
            throw new IllegalStateException(spec.cfg().getFileName() + ": the compaction abstraction gives " + filled
                    + " variables, the spec has " + variableCount);
        }
    }

    /** Where each of these variables sits in the spec's order; every one must be a variable of the spec. */
    private static int[] slots(SpecModel spec, List<String> names) {
        int[] out = new int[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = spec.variableIndex(names.get(i));
            if (out[i] < 0) {
                throw new IllegalStateException(spec.cfg().getFileName() + " has no variable " + names.get(i));
            }
        }
        return out;
    }

    /** abstraction() - the spec state the engine stands for. */
    public TLCState abstraction(CompactZoneSteps steps) {
        Value[] v = values(steps);
        Built b = last;
        if (b != null && sameValues((Value[]) b.values(), v)) {
            return (TLCState) b.built();
        }
        TLCState s = spec.state(v);
        last = new Built(v, s);
        return s;
    }

    /** Whether every variable has the same value in both (values in the spec's order). */
    private static boolean sameValues(Value[] was, Value[] now) {
        for (int i = 0; i < now.length; i++) {
            if (was[i] != now[i] && !TlcValues.same(was[i], now[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The spec variables of the engine, in the spec's order: filled by index, as a map by name cost a third of the
     * abstraction's time (it is built two or three times per request).
     */
    public Value[] values(CompactZoneSteps steps) {
        Compaction c = steps.compaction();
        MmGeometry g = c.zone().geometry();
        Value[] v = new Value[variableCount];
        put(v, buddySlots, buddy.orderedValues(c.zone()));
        if (c.migrator() instanceof PageTableMigration m) {
            put(v, rmapSlots, rmap.orderedValues(m.addressSpaces()));
        } else {
            put(v, fromInitSlots, fromInit);
        }
        ZoneCompactState z = c.state();
        int firstPb = g.firstPageblock();
        Value[] skip = new Value[g.lastPageblock() - firstPb + 1];
        for (int i = 0; i < skip.length; i++) {
            skip[i] = bool(z.getPageblockSkip((firstPb + i) << g.pageblockOrder()));
        }
        CompactionNode node = steps.node();
        // In the order of COMPACTION_VARS.
        put(v, compactionSlots, new Value[] {
            TlcValues.fcn(0, new Value[] {IntValue.gen(z.compactCachedMigratePfn[0]),
                IntValue.gen(z.compactCachedMigratePfn[1])}),
            IntValue.gen(z.compactCachedFreePfn),
            IntValue.gen(z.compactInitMigratePfn),
            bool(z.compactBlockskipFlush),
            TlcValues.fcn(firstPb, skip),
            IntValue.gen((int) c.migrator().nrIsolatedAnon()),
            IntValue.gen(z.compactConsidered),
            IntValue.gen(z.compactDeferShift),
            IntValue.gen(z.compactOrderFailed),
            steps.cc() == null ? ccIdle : cc(steps),
            record(KCOMPACTD_SORTED, KCOMPACTD_ORDER, new Value[] {bool(node.kcompactdAwake()),
                IntValue.gen(node.kcompactdMaxOrder()), bool(node.proactiveDefer())})});
        return v;
    }

    private static void put(Value[] state, int[] slots, Value[] values) {
        for (int i = 0; i < slots.length; i++) {
            state[slots[i]] = values[i];
        }
    }

    private Value cc(CompactZoneSteps steps) {
        CompactControl cc = steps.cc();
        boolean migrating = steps.pc() == CompactControl.Pc.MIGRATE || steps.pc() == CompactControl.Pc.ISOLATE_FREE;
        Value migratepages = pfns(cc.migratepages);
        Value[] f = {
            string(steps.pc().specName()),
            string(trigger(cc)),
            IntValue.gen(cc.order),
            string(cc.mode.name()),
            IntValue.gen(steps.prio().ordinal()),
            bool(cc.wholeZone),
            bool(cc.ignoreSkipHint),
            bool(cc.finishPageblock),
            IntValue.gen(cc.migratePfn),
            IntValue.gen(cc.freePfn),
            migratepages,
            freepages(cc),
            IntValue.gen(cc.nrMigratepages),
            IntValue.gen(cc.nrFreepages),
            bool(cc.contended),
            bool(cc.fastSearchFail != 0),
            IntValue.gen(cc.fastStartPfn == Integer.MAX_VALUE ? FAST_START_USED : cc.fastStartPfn),
            cc.result() == null ? CONTINUE : string(cc.result().name()),
            migrating ? ints(cc.migrateTodo()) : set(new Value[0]),
            IntValue.gen(cc.nrFailed()),
            ERRS[cc.migrateErr()],
            bool(cc.updateCached()),
            IntValue.gen(cc.lastMigratedPfn()),
            IntValue.gen(cc.capturedPfn < 0 ? NO_PFN : cc.capturedPfn),
            IntValue.gen(cc.releaseHigh()),
            IntValue.gen(cc.stride()),
            bool(cc.fastDone()),
            IntValue.gen(cc.fastLow() < 0 ? NO_PFN : cc.fastLow()),
            IntValue.gen(cc.proactiveCompaction ? steps.node().prevScore() : 0)};
        // Equal fields give the last record: a step of the allocator or the process leaves cc as it was.
        Built b = lastCc;
        if (b != null && sameFields((Value[]) b.values(), f)) {
            return (Value) b.built();
        }
        Value r = record(CC_SORTED, CC_ORDER, f);
        lastCc = new Built(f, r);
        return r;
    }

    private static boolean sameFields(Value[] was, Value[] now) {
        for (int i = 0; i < now.length; i++) {
            if (!TlcValues.same(was[i], now[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The record of these values (in the order of the names given to sortedOrder) with its names in TLC's order.
     * The records share the names array: TLC never writes a normalized record's names (EXCEPT shares them too).
     */
    private static RecordValue record(UniqueString[] sorted, int[] order, Value[] values) {
        Value[] v = new Value[order.length];
        for (int j = 0; j < v.length; j++) {
            v[j] = values[order[j]];
        }
        return new RecordValue(sorted, v, true);
    }

    /** The names as RecordValue.normalize() orders them (its own sort, so the order cannot disagree with TLC's). */
    private static UniqueString[] sortedNames(UniqueString[] names) {
        return byTlc(names).names;
    }

    /** Per position of sortedNames(names), the index in names of that name. */
    private static int[] sortedOrder(UniqueString[] names) {
        RecordValue r = byTlc(names);
        int[] order = new int[names.length];
        for (int j = 0; j < order.length; j++) {
            order[j] = ((IntValue) r.values[j]).val;
        }
        return order;
    }

    private static RecordValue byTlc(UniqueString[] names) {
        Value[] index = new Value[names.length];
        for (int i = 0; i < index.length; i++) {
            index[i] = IntValue.gen(i);
        }
        RecordValue r = new RecordValue(names.clone(), index, false);
        r.normalize();
        return r;
    }

    /** Who started the run, as the spec's cc.trigger. */
    static String trigger(CompactControl cc) {
        if (cc.directCompaction) {
            return "direct";
        }
        if (cc.proactiveCompaction) {
            return "proactive";
        }
        return cc.isViaCompactMemory() ? "manual" : "kcompactd";
    }

    /** cc->freepages and the blocks not yet split, as the spec's set of order-0 pfns. */
    private static Value freepages(CompactControl cc) {
        List<Value> out = new ArrayList<>();
        for (int k = 0; k < cc.freepages.size(); k++) {
            out.add(IntValue.gen(cc.freepages.get(k)));
        }
        for (int k = 0; k < cc.isolatedFree.size(); k++) {
            int head = cc.isolatedFree.get(k);
            for (int p = head; p < head + (1 << cc.isolatedFreeOrder.get(k)); p++) {
                out.add(IntValue.gen(p));
            }
        }
        return set(out.toArray(new Value[0]));
    }

    private static Value pfns(PageList list) {
        return ints(list.toArray());
    }

    private static Value ints(int[] pfns) {
        Value[] e = new Value[pfns.length];
        for (int k = 0; k < e.length; k++) {
            e[k] = IntValue.gen(pfns[k]);
        }
        return set(e);
    }

    private static StringValue string(String s) {
        return STRINGS.computeIfAbsent(s, StringValue::new);
    }

    private static Value set(Value[] elems) {
        return new SetEnumValue(elems, false).normalize();
    }

    private static BoolValue bool(boolean b) {
        return b ? BoolValue.ValTrue : BoolValue.ValFalse;
    }
}
