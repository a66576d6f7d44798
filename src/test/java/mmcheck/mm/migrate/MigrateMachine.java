package mmcheck.mm.migrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import mmcheck.event.MigrateEventSink;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;

/**
 * MigrateMachine - one engine (zone, address spaces, migration) under test by jqwik action chains, with the
 * caller's list of isolated pages and a log of the steps run. Invariants are checked between steps and, through the
 * {@link MigrationWindow}, at every point inside migrate_pages() where other CPUs run.
 */
final class MigrateMachine {

    /** Builds the engine under test over a zone. */
    @FunctionalInterface
    interface Engine {
        Migrate build(Zone zone, int nrProcs, int nrVpages);
    }

    static final Engine CORRECT = (z, p, v) -> new Migrate(new AddressSpaces(new PageAlloc(z), p, v));

    /** An invariant failed; name is the invariant, for the seeded-bug tests. */
    static final class InvariantViolation extends AssertionError {
        private static final long serialVersionUID = 1L;
        final String name;

        InvariantViolation(String name, String message) {
            super(message);
            this.name = name;
        }
    }

    final Zone zone;
    final Migrate migrate;
    final AddressSpaces as;
    final PageList isolated = new PageList();
    final List<String> log = new ArrayList<>();
    final List<String> windowViolations = new ArrayList<>();
    final MigrateEventSink.Recording events = new MigrateEventSink.Recording();
    /** What other CPUs do once the next migration has installed its migration entries. */
    List<Runnable> windowOps = List.of();
    private int nextValue = 1;

    MigrateMachine(Engine engine, MmGeometry g, int nrProcs, int nrVpages) {
        zone = Zone.init(g);
        migrate = engine.build(zone, nrProcs, nrVpages);
        as = migrate.addressSpaces();
        as.setSink(events);
        migrate.setWindow((m, point, src, dst) -> {
            windowViolations.addAll(tagged(point, MigrateInvariants.check(m)));
            if (point == MigrationWindow.Point.MIGRATION_ENTRIES) {
                for (Runnable op : windowOps) {
                    op.run();
                    windowViolations.addAll(tagged(point, MigrateInvariants.check(m)));
                }
            }
        });
    }

    private static List<String> tagged(MigrationWindow.Point point, List<String> lines) {
        return lines.stream().map(l -> l + " (inside migrate_pages, at " + point + ")").toList();
    }

    /** A fresh value for a user store, so that a lost or stale store shows. */
    int nextValue() {
        return nextValue++;
    }

    /**
     * Runs a step; a refusal must leave the state unchanged. Returns whether it ran.
     */
    boolean attempt(String description, Runnable step) {
        int before = fingerprint();
        Zone zoneBefore = zone.copy();
        int eventsBefore = events.lines().size();
        try {
            step.run();
            log.add(description);
            return true;
        } catch (StepRefusedException e) {
            if (fingerprint() != before || !zone.sameState(zoneBefore)) {
                throw new AssertionError(description + ": a refused step changed the state: " + e.getMessage()
                        + trace());
            }
            List<String> reported = events.lines().subList(eventsBefore, events.lines().size());
            if (e instanceof MigrationEntryWaitException
                    ? !(reported.size() == 1 && reported.get(0).startsWith("migration_entry_wait:"))
                    : !reported.isEmpty()) {
                throw new AssertionError(description + ": refused (" + e.getMessage() + ") but reported " + reported
                        + trace());
            }
            log.add(description + "  [refused: " + e.getMessage() + "]");
            return false;
        } catch (IllegalStateException e) {
            // The engine met a state it cannot work on (a seeded bug corrupted it); the invariants name the damage.
            log.add(description + "  [engine stopped: " + e.getMessage() + "]");
            if (MigrateInvariants.check(migrate).isEmpty()) {
                throw e;
            }
            return false;
        }
    }

    int fingerprint() {
        int h = Arrays.hashCode(as.pte);
        h = 31 * h + Arrays.hashCode(as.rmapNext);
        h = 31 * h + Arrays.hashCode(as.rmapHead);
        h = 31 * h + Arrays.hashCode(as.mapcount);
        h = 31 * h + Arrays.hashCode(as.refcount);
        h = 31 * h + Arrays.hashCode(as.pinCount);
        h = 31 * h + Arrays.hashCode(as.content);
        h = 31 * h + Arrays.hashCode(as.flags);
        h = 31 * h + Arrays.hashCode(as.written);
        return 31 * h + Arrays.hashCode(isolated.toArray());
    }

    void assertInvariant(String name) {
        List<String> mine = new ArrayList<>();
        for (String v : windowViolations) {
            if (v.startsWith(name + ":")) {
                mine.add(v);
            }
        }
        for (String v : MigrateInvariants.check(migrate)) {
            if (v.startsWith(name + ":")) {
                mine.add(v);
            }
        }
        if (!mine.isEmpty()) {
            throw new InvariantViolation(name, String.join("\n", mine) + trace());
        }
    }

    String trace() {
        StringBuilder sb = new StringBuilder("\nsteps run:");
        log.forEach(l -> sb.append("\n  ").append(l));
        List<String> e = events.lines();
        sb.append("\nlast engine events:");
        e.subList(Math.max(0, e.size() - 30), e.size()).forEach(l -> sb.append("\n  ").append(l));
        return sb.toString();
    }

    @Override
    public String toString() {
        return "MigrateMachine[" + log.size() + " steps, isolated " + isolated + "]";
    }
}
