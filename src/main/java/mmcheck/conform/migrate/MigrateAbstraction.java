package mmcheck.conform.migrate;

import mmcheck.conform.SpecModel;
import mmcheck.conform.TlcValues;
import mmcheck.conform.buddy.ZoneAbstraction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import mmcheck.mm.MmGeometry;
import mmcheck.mm.migrate.AddressSpaces;
import mmcheck.mm.migrate.Migrate;
import tlc2.tool.TLCState;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import util.UniqueString;

/**
 * The abstraction function of the migration engine: a {@link Migrate} over its {@link AddressSpaces} and zone as a
 * state of spec/Migrate.tla (Buddy.tla's variables through {@link ZoneAbstraction}, then Rmap.tla's and Migrate.tla's).
 *
 * <p>It reads what the engine keeps, not what it should keep: rmap[f] is the frame's reverse-map list walked, fromList
 * the pages flagged isolated that are not on ret_pages, passTodo the frames flagged still to try. Processes and vpages
 * are numbered from 0 in both.
 */
public final class MigrateAbstraction {
    private static final UniqueString[] MIG_FIELDS = names("step", "src", "dst", "rc", "wasMapped");
    private static final StringValue NO_MODE = new StringValue("none");

    private final SpecModel spec;
    private final ZoneAbstraction buddy;
    private final RmapAbstraction rmap = new RmapAbstraction();

    public MigrateAbstraction(SpecModel spec) {
        this.spec = spec;
        this.buddy = new ZoneAbstraction(spec);
    }

    /** abstraction() - the spec state that the engine stands for. */
    public TLCState abstraction(Migrate m) {
        return spec.state(values(m));
    }

    /** The spec variables of the engine, by name. */
    public Map<String, Value> values(Migrate m) {
        AddressSpaces as = m.addressSpaces();
        MmGeometry g = as.zone().geometry();
        Map<String, Value> v = buddy.values(as.zone());
        int lo = g.zoneStart();
        int n = g.nrPages();
        rmap.put(v, as);
        Value[] locked = new Value[n];
        Value[] writeback = new Value[n];
        Value[] speculative = new Value[n];
        List<Value> from = new ArrayList<>();
        List<Value> ret = new ArrayList<>();
        List<Value> todo = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int pfn = lo + i;
            locked[i] = bool(as.isLocked(pfn));
            writeback[i] = bool(as.isWriteback(pfn));
            speculative[i] = IntValue.gen(m.transientRefs(pfn));
            if (as.isIsolated(pfn)) {
                (m.onRetPages(pfn) ? ret : from).add(IntValue.gen(pfn));
            }
            if (m.passTodo(pfn)) {
                todo.add(IntValue.gen(pfn));
            }
        }
        v.put("pageLocked", fcn(lo, locked));
        v.put("pageWriteback", fcn(lo, writeback));
        v.put("transientRefs", fcn(lo, speculative));
        v.put("nrSucceeded", IntValue.gen(m.nrSucceeded()));
        v.put("nrFailedPages", IntValue.gen(m.nrFailedPages()));
        v.put("nrRetryPages", IntValue.gen(m.nrRetryPages()));
        v.put("pgmigrateSuccess", IntValue.gen(Math.toIntExact(m.pgmigrateSuccess())));
        v.put("pgmigrateFail", IntValue.gen(Math.toIntExact(m.pgmigrateFail())));

        v.put("migratePhase", new StringValue(m.phase().specName()));
        v.put("migrateMode", m.migrateMode() == null ? NO_MODE : new StringValue(m.migrateMode().name()));
        v.put("migratePass", IntValue.gen(m.pass()));
        v.put("passTodo", set(todo.toArray(new Value[0])));
        v.put("retry", bool(m.retrying()));
        v.put("fromList", set(from.toArray(new Value[0])));
        v.put("retPages", set(ret.toArray(new Value[0])));
        v.put("mig", record(MIG_FIELDS, new StringValue(m.migStep().specName()),
                IntValue.gen(m.migrationSource()), IntValue.gen(m.migrationDestination()),
                new StringValue(rcName(m.migRc())), bool(m.migWasMapped())));
        return v;
    }

    /** Migrate.tla's names of unmap_and_move()'s results. */
    static String rcName(int rc) {
        return switch (rc) {
            case Migrate.MIGRATEPAGE_SUCCESS -> "MIGRATEPAGE_SUCCESS";
            case Migrate.EAGAIN -> "-EAGAIN";
            case Migrate.EBUSY -> "-EBUSY";
            default -> Integer.toString(rc);
        };
    }

    private static FcnRcdValue fcn(int lo, Value[] values) {
        return TlcValues.fcn(lo, values);
    }

    private static Value set(Value[] elems) {
        return new SetEnumValue(elems, false).normalize();
    }

    private static Value record(UniqueString[] fields, Value... values) {
        return new RecordValue(fields.clone(), values, false).normalize();
    }

    private static BoolValue bool(boolean b) {
        return b ? BoolValue.ValTrue : BoolValue.ValFalse;
    }

    private static UniqueString[] names(String... names) {
        UniqueString[] out = new UniqueString[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = UniqueString.uniqueStringOf(names[i]);
        }
        return out;
    }
}
