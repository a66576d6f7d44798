package mmcheck.mm.buddy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import mmcheck.event.EventSink;
import mmcheck.event.RecordingSink;
import mmcheck.mm.BlockVisitor;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.Zone;

/**
 * BuddyMachine - the state a jqwik action chain drives: one zone, its allocator and isolation, and the events they
 * emitted. The engine comes from a factory so that a seeded-bug PageAlloc can be driven the same way.
 */
public final class BuddyMachine {

    /** Makes the allocator under test for a zone. */
    @FunctionalInterface
    public interface Engine extends BiFunction<Zone, EventSink, PageAlloc> {
    }

    public final Zone zone;
    public final PageAlloc pageAlloc;
    public final PageIsolation isolation;
    public final RecordingSink sink = new RecordingSink();
    private int nextOwner = 1;
    private List<String> violations;

    private BuddyMachine(Zone zone, Engine engine) {
        this.zone = zone;
        this.pageAlloc = engine.apply(zone, sink);
        this.isolation = new PageIsolation(pageAlloc);
    }

    /** A machine at the spec's Init state. */
    public static BuddyMachine init(MmGeometry g, Engine engine) {
        return new BuddyMachine(Zone.init(g), engine);
    }

    public MmGeometry geometry() {
        return zone.geometry();
    }

    /** The owner the next allocation records. */
    public int nextOwner() {
        return nextOwner;
    }

    /** Called by transformers after every attempted step: the zone may have changed. */
    void stepped(boolean allocated) {
        violations = null;
        if (allocated) {
            nextOwner++;
        }
    }

    /** Allocated blocks in pfn order, as {pfn, order}. */
    public List<int[]> allocatedBlocks() {
        List<int[]> out = new ArrayList<>();
        zone.forEachBlock(new BlockVisitor() {
            @Override
            public void freeBlock(int pfn, int order, int listMigratetype) {
            }

            @Override
            public void allocatedBlock(int pfn, int order, int migratetype, int owner) {
                out.add(new int[] {pfn, order});
            }
        });
        return out;
    }

    /** BuddyInvariants.check of the current state, computed once per step. */
    public List<String> violations() {
        if (violations == null) {
            violations = BuddyInvariants.check(zone);
        }
        return violations;
    }

    /**
     * Fails with the violations of one invariant.
     *
     * @throws InvariantViolation if the invariant does not hold
     */
    public void assertInvariant(String name) {
        List<String> mine = new ArrayList<>();
        for (String v : violations()) {
            if (v.startsWith(name + ":")) {
                mine.add(v);
            }
        }
        if (!mine.isEmpty()) {
            StringBuilder trace = new StringBuilder("\nsteps run:");
            sink.events().forEach(e -> trace.append("\n  ").append(e));
            throw new InvariantViolation(name, String.join("\n", mine) + trace + "\n" + zone.dump());
        }
    }

    @Override
    public String toString() {
        return zone.toString();
    }

    /** An invariant of spec/Buddy.tla does not hold; {@link #name} is its name. */
    public static final class InvariantViolation extends AssertionError {
        private static final long serialVersionUID = 1L;
        public final String name;

        InvariantViolation(String name, String detail) {
            super(detail);
            this.name = name;
        }
    }
}
