package mmcheck.mm.compaction;

import java.util.ArrayList;
import java.util.List;

import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.BuddyInvariants;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.sim.FragmentedZone;

/**
 * CompactionMachine - the state a jqwik action chain drives: a fragmented zone, its allocator, user pages (some
 * pinned) and a compaction engine (the production one or a seeded bug), with at most one compact_zone() run live,
 * advanced one spec step at a time ({@link Compaction#compactZoneStep}) between the workload's steps.
 *
 * <p>Besides {@link CompactionInvariants}' state invariants it records the two that are about steps: a
 * compact_finished() that reports COMPACT_SUCCESS has a suitable free block (checked at that step), and a run ends
 * within a bound of steps (CompactionTerminates).
 */
final class CompactionMachine {

    /** A run that takes more steps than this does not terminate. */
    static final String TERMINATION = CompactionDriver.TERMINATION;
    /** The buddy allocator's invariants, one named check for them all. */
    static final String BUDDY = "BuddyInvariants";
    /** Every check after each step, in the order the chain asserts them. */
    static final List<String> CHECKS = names();
    /** The owner of the blocks the allocator (other CPUs) allocates and frees. */
    static final int ALLOCATOR_OWNER = 9;

    final Zone zone;
    final PageAlloc pa;
    final AtomicMigration migration;
    final Compaction c;
    final int stepBound;
    CompactControl cc;
    CompactPriority prio;
    long userPages;
    int runSteps;
    private final List<String> stepViolations = new ArrayList<>();
    final List<String> log = new ArrayList<>();

    CompactionMachine(MmGeometry g, int fragmentPct, long layoutSeed, CompactionDriver.EngineFactory engine) {
        zone = FragmentedZone.build(g, fragmentPct, layoutSeed);
        pa = new PageAlloc(zone);
        migration = new AtomicMigration(pa);
        c = engine.apply(pa, migration);
        userPages = g.nrPages() - zone.freePages();
        stepBound = 16 * g.nrPages() + 64;
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>(CompactionInvariants.NAMES);
        n.add(TERMINATION);
        n.add(BUDDY);
        return List.copyOf(n);
    }

    /** A chain's starting zone: its geometry, how full, and the seed of its layout. */
    record Start(MmGeometry geometry, int fragmentPct, long layoutSeed) {
    }

    /** Starts a run (compaction_suitable() and the set-up of compact_zone()); false when none started. */
    boolean start(CompactControl control, CompactPriority priority) {
        if (cc != null) {
            return false;
        }
        if (control.directCompaction && priority != CompactPriority.MIN_COMPACT_PRIORITY
                && c.compactionDeferred(control.order)) {
            return false;
        }
        CompactResult r = c.compactionSuitable(control.order);
        if (r != CompactResult.COMPACT_CONTINUE) {
            return false;
        }
        c.compactZoneStart(control);
        cc = control;
        prio = priority;
        runSteps = 0;
        return true;
    }

    /** The run's next step, or its end (try_to_compact_pages()'s deferral bookkeeping for a direct run). */
    String step() {
        if (cc == null) {
            return "no run";
        }
        if (cc.pc() == CompactControl.Pc.END) {
            end();
            return "compact_zone returned";
        }
        if (++runSteps > stepBound) {
            stepViolations.add(TERMINATION + ": compact_zone() still running after " + runSteps + " steps");
            return "still running";
        }
        CompactControl.Pc at = cc.pc();
        boolean captured = cc.capturedPfn >= 0;
        c.compactZoneStep(cc);
        if (!captured && cc.capturedPfn >= 0) {
            userPages += 1L << cc.order;
        }
        if (at == CompactControl.Pc.FINISHED && cc.pc() != CompactControl.Pc.ISOLATE && cc.capturedPfn < 0) {
            stepViolations.addAll(CompactionInvariants.successImpliesSuitableBlock(c, cc, cc.result()));
        }
        return at.specName() + " -> " + cc.pc().specName();
    }

    private void end() {
        if (cc.directCompaction) {
            CompactResult r = cc.capturedPfn >= 0 ? CompactResult.COMPACT_SUCCESS : cc.result();
            if (r == CompactResult.COMPACT_SUCCESS) {
                c.compactionDeferReset(cc.order, cc.capturedPfn >= 0);
            } else if (prio != CompactPriority.COMPACT_PRIO_ASYNC
                    && (r == CompactResult.COMPACT_COMPLETE || r == CompactResult.COMPACT_PARTIAL_SKIPPED)) {
                c.deferCompaction(cc.order);
            }
        }
        cc = null;
    }

    /** do_anonymous_page(): a new user page, if the allocator has one. */
    String fault() {
        try {
            if (pa.rmqueue(0, MigrateType.MIGRATE_MOVABLE, FragmentedZone.USER_OWNER) < 0) {
                return "no free page";
            }
            userPages++;
            return "faulted";
        } catch (StepRefusedException e) {
            return "no free page";
        }
    }

    /** The k-th (modulo their number) page that satisfies the test, or -1. */
    int kth(int k, java.util.function.IntPredicate test) {
        List<Integer> found = new ArrayList<>();
        for (int p = zone.geometry().zoneStart(); p < zone.geometry().zoneEnd(); p++) {
            if (test.test(p)) {
                found.add(p);
            }
        }
        return found.isEmpty() ? -1 : found.get(k % found.size());
    }

    /** Every violation of the named check now. */
    List<String> violations(String name) {
        List<String> all = new ArrayList<>(stepViolations);
        if (name.equals(BUDDY)) {
            return BuddyInvariants.check(zone);
        }
        all.addAll(CompactionInvariants.check(c, cc, userPages));
        return all.stream().filter(v -> v.startsWith(name + ":")).toList();
    }

    /** Throws {@link InvariantViolation} if the named check fails. */
    void assertInvariant(String name) {
        List<String> v = violations(name);
        if (!v.isEmpty()) {
            throw new InvariantViolation(name, String.join("\n", v) + "\nsteps:\n  " + String.join("\n  ", log));
        }
    }

    /** One named check failed. */
    static final class InvariantViolation extends AssertionError {
        final String name;

        InvariantViolation(String name, String detail) {
            super(name + " violated:\n" + detail);
            this.name = name;
        }
    }
}
