package mmcheck.conform.migrate;

import mmcheck.conform.TlcValues;
import mmcheck.conform.buddy.ZoneConcretization;

import java.util.function.Function;

import mmcheck.mm.MmGeometry;
import mmcheck.mm.Zone;

import mmcheck.mm.migrate.Migrate;
import mmcheck.mm.migrate.MigrateBuilder;
import mmcheck.mm.migrate.MigrateMode;
import tlc2.tool.TLCState;
import tlc2.value.impl.Value;

/**
 * The way back for spec/Migrate.tla: an engine built from a spec state. The zone comes from {@link ZoneConcretization}
 * (with its head choice, so the allocations a step makes can take any block the spec may pick); page tables and page
 * state from {@link RmapConcretization}, migration's position from {@link MigrateBuilder}. Sets become ordered where the engine keeps order: a
 * reverse map is walked, and the caller's list is kept, in ascending order.
 */
public final class MigrateConcretization {
    private final MigrateModel model;
    private final ZoneConcretization zones;
    private final Function<Zone, Migrate> engine;

    /** Builds the model's engine, {@link MigrateModel#newEngine(Zone)}. */
    public MigrateConcretization(MigrateModel model) {
        this(model, model::newEngine);
    }

    /** Builds the engine that engine makes over the zone (a seeded-bug engine in a test), with the model's bounds. */
    public MigrateConcretization(MigrateModel model, Function<Zone, Migrate> engine) {
        this.model = model;
        this.zones = new ZoneConcretization(model.geometry(), model.watermarks());
        this.engine = engine;
    }

    public ZoneConcretization zones() {
        return zones;
    }

    /** The engine in its initial state. */
    public Migrate initial() {
        return engine.apply(model.initialZone());
    }

    /** concretization() - the engine for s, free lists in ascending pfn order but for choice. */
    public Migrate concretization(TLCState s, ZoneConcretization.HeadChoice choice) {
        Migrate m = engine.apply(zones.concretization(s, choice));
        MigrateBuilder b = new MigrateBuilder(m);
        MmGeometry g = model.geometry();
        RmapConcretization.put(s, b.pages(), model.nrProcs(), model.nrVpages(), g, pfn -> boolAt(s, "pageLocked", pfn),
                pfn -> boolAt(s, "pageWriteback", pfn));
        for (int pfn = g.zoneStart(); pfn < g.zoneEnd(); pfn++) {
            b.transientRefs(pfn, intAt(s, "transientRefs", pfn));
        }
        String mode = TlcValues.str(var(s, "migrateMode"));
        b.call(phase(TlcValues.str(var(s, "migratePhase"))), mode.equals("none") ? null : MigrateMode.valueOf(mode),
                TlcValues.toInt(var(s, "migratePass")), TlcValues.bool(var(s, "retry")),
                TlcValues.ints(var(s, "fromList")), TlcValues.ints(var(s, "retPages")),
                TlcValues.ints(var(s, "passTodo")));
        b.counts(TlcValues.toInt(var(s, "nrSucceeded")), TlcValues.toInt(var(s, "nrFailedPages")),
                TlcValues.toInt(var(s, "nrRetryPages")), TlcValues.toInt(var(s, "pgmigrateSuccess")),
                TlcValues.toInt(var(s, "pgmigrateFail")));
        Value mig = var(s, "mig");
        b.mig(step(TlcValues.str(TlcValues.field(mig, "step"))), TlcValues.toInt(TlcValues.field(mig, "src")),
                TlcValues.toInt(TlcValues.field(mig, "dst")), rc(TlcValues.str(TlcValues.field(mig, "rc"))),
                TlcValues.bool(TlcValues.field(mig, "wasMapped")));
        return b.build();
    }

    private static Value var(TLCState s, String name) {
        return (Value) s.lookup(name);
    }

    private static int intAt(TLCState s, String name, int pfn) {
        return TlcValues.toInt(TlcValues.at(var(s, name), pfn));
    }

    private static boolean boolAt(TLCState s, String name, int pfn) {
        return TlcValues.bool(TlcValues.at(var(s, name), pfn));
    }

    private static Migrate.Phase phase(String name) {
        for (Migrate.Phase p : Migrate.Phase.values()) {
            if (p.specName().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no phase " + name);
    }

    private static Migrate.MigStep step(String name) {
        for (Migrate.MigStep st : Migrate.MigStep.values()) {
            if (st.specName().equals(name)) {
                return st;
            }
        }
        throw new IllegalArgumentException("no unmap_and_move() step " + name);
    }

    private static int rc(String name) {
        return switch (name) {
            case "MIGRATEPAGE_SUCCESS" -> Migrate.MIGRATEPAGE_SUCCESS;
            case "-EBUSY" -> Migrate.EBUSY;
            default -> Migrate.EAGAIN;
        };
    }
}
