package mmcheck.conform.migrate;

import mmcheck.conform.SpecModel;
import mmcheck.conform.TlcValues;
import mmcheck.conform.SpecLoadException;
import mmcheck.conform.buddy.ZoneConcretization;

import java.util.Arrays;

import mmcheck.mm.MmGeometry;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.migrate.AddressSpaces;
import mmcheck.mm.migrate.Migrate;

/**
 * The engine a loaded Migrate.tla model describes: its zone, its processes and vpages (numbered from 0, as the
 * engine numbers them), and the model bounds the engine must keep (MaxPins, MigratePasses, MigrateForcePass,
 * MaxMigratePages, ContendedPfns, MaxTransientRefs, MaxVmEvents).
 */
public record MigrateModel(MmGeometry geometry, int nrProcs, int nrVpages, int anonOwner, int maxPins, int passes,
        int forcePass, int maxMigratePages, int[] contendedPfns, int maxTransientRefs, int maxVmEvents,
        ZoneConcretization.ZoneWatermarks watermarks) {

    /** The model's constants, or a one-line SpecLoadException naming the one the engine cannot take. */
    public static MigrateModel of(SpecModel spec) {
        if (!spec.defines("MigrateNext")) {
            throw new SpecLoadException(spec.cfg().getFileName() + " is not a model of spec/Migrate.tla");
        }
        int nrProcs = count(spec, "Procs");
        int nrVpages = count(spec, "Vpages");
        int[] contended = TlcValues.ints(spec.value("ContendedPfns"));
        Arrays.sort(contended);
        return new MigrateModel(ZoneConcretization.geometryOf(spec), nrProcs, nrVpages,
                TlcValues.toInt(spec.value("AnonOwner")), TlcValues.toInt(spec.value("MaxPins")),
                TlcValues.toInt(spec.value("MigratePasses")), TlcValues.toInt(spec.value("MigrateForcePass")),
                TlcValues.toInt(spec.value("MaxMigratePages")), contended,
                TlcValues.toInt(spec.value("MaxTransientRefs")), TlcValues.toInt(spec.value("MaxVmEvents")),
                ZoneConcretization.watermarksOf(spec));
    }

    /** A set constant that must be 0..n-1, as the engine numbers processes and vpages; its n. */
    private static int count(SpecModel spec, String name) {
        int[] xs = TlcValues.ints(spec.value(name));
        Arrays.sort(xs);
        for (int i = 0; i < xs.length; i++) {
            if (xs[i] != i) {
                throw new SpecLoadException(spec.cfg().getFileName() + ": " + name + " must be 0.." + (xs.length - 1)
                        + ", as the engine numbers them, not " + Arrays.toString(xs));
            }
        }
        return xs.length;
    }

    /** A new engine in the model's initial state, with the model's bounds and watermarks (Buddy's WmarkLow). */
    public Migrate newEngine() {
        return newEngine(initialZone());
    }

    /** The Init zone, with the watermarks the fault path's get_page_from_freelist() tests. */
    public Zone initialZone() {
        return watermarks.applyTo(Zone.init(geometry));
    }

    /** An engine over a zone built elsewhere (a concretization), with the model's bounds. */
    public Migrate newEngine(Zone zone) {
        AddressSpaces as = newAddressSpaces(new PageAlloc(zone));
        return bound(new Migrate(as));
    }

    /** Address spaces over the allocator, with the model's MaxPins. */
    public AddressSpaces newAddressSpaces(PageAlloc alloc) {
        AddressSpaces as = new AddressSpaces(alloc, nrProcs, nrVpages, anonOwner);
        as.setMaxPins(maxPins);
        return as;
    }

    /** The model's migration bounds on m. */
    public Migrate bound(Migrate m) {
        m.setBounds(passes, forcePass, maxMigratePages, contendedPfns);
        m.setCounterBounds(maxTransientRefs, maxVmEvents);
        return m;
    }
}
