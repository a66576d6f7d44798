package mmcheck.mm.compaction;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.sim.FragmentedZone;

/**
 * CompactionDriver - runs compaction step by step on a fragmented zone, with the allocator and user pages changing
 * between rounds (as other CPUs do), and checks every compaction invariant after each step. Deterministic in its
 * seed; returns the violations of the first step that has any.
 */
final class CompactionDriver {

    /** A run that takes more rounds than this does not terminate. */
    static final String TERMINATION = "CompactionTerminates";

    /** Builds the engine under test (the production one or a seeded-bug subclass). */
    interface EngineFactory extends BiFunction<PageAlloc, AtomicMigration, Compaction> {
    }

    static final EngineFactory PRODUCTION = (pa, m) -> new Compaction(pa, m, new CompactionCounters(), 4);

    final SplittableRandom rnd;
    final Compaction c;
    final AtomicMigration migration;
    final PageAlloc pa;
    final Zone zone;
    long userPages;
    final List<String> log = new ArrayList<>();
    /** What each stepped run returned. */
    final List<CompactResult> outcomes = new ArrayList<>();
    int steps;

    CompactionDriver(long seed, EngineFactory factory) {
        rnd = new SplittableRandom(seed);
        int pageblockOrder = 2 + rnd.nextInt(2);
        int maxOrder = pageblockOrder + 2;
        int start = rnd.nextBoolean() ? 0 : 1 + rnd.nextInt(7);
        int pages = (16 + rnd.nextInt(48)) << pageblockOrder;
        MmGeometry g = MmGeometry.of(maxOrder, pageblockOrder, start, start + pages);
        zone = FragmentedZone.build(g, 20 + rnd.nextInt(70), rnd.nextLong());
        pa = new PageAlloc(zone);
        migration = new AtomicMigration(pa);
        c = factory.apply(pa, migration);
        userPages = g.nrPages() - zone.freePages();
        for (int i = rnd.nextInt(4); i > 0; i--) {
            int pfn = g.zoneStart() + rnd.nextInt(g.nrPages());
            if (migration.pageLru(pfn)) {
                migration.pin(pfn);
            }
        }
    }

    /** Runs a scenario of n operations; the violations found first, empty if none. */
    List<String> run(int n) {
        for (int i = 0; i < n; i++) {
            List<String> v = operation();
            if (!v.isEmpty()) {
                return v;
            }
        }
        return List.of();
    }

    private List<String> operation() {
        int maxOrder = zone.geometry().maxOrder();
        switch (rnd.nextInt(6)) {
            case 0:
                return steppedRun(CompactControl.compactMemory());
            case 1:
            case 2: {
                CompactPriority prio = CompactPriority.values()[rnd.nextInt(3)];
                MigrateType mt = rnd.nextInt(4) == 0 ? MigrateType.MIGRATE_UNMOVABLE : MigrateType.MIGRATE_MOVABLE;
                int order = 1 + rnd.nextInt(maxOrder - 1);
                if (prio != CompactPriority.MIN_COMPACT_PRIORITY && c.compactionDeferred(order)) {
                    return check(null);
                }
                CompactControl cc = CompactControl.direct(order, prio, mt);
                cc.allocOwner = 7;
                List<String> v = steppedRun(cc);
                if (v.isEmpty() && prio != CompactPriority.COMPACT_PRIO_ASYNC
                        && (cc.result() == CompactResult.COMPACT_COMPLETE
                                || cc.result() == CompactResult.COMPACT_PARTIAL_SKIPPED)) {
                    c.deferCompaction(order);
                } else if (cc.result() == CompactResult.COMPACT_SUCCESS) {
                    c.compactionDeferReset(order, cc.capturedPfn >= 0);
                }
                return v.isEmpty() ? check(null) : v;
            }
            case 3: {
                CompactControl cc = CompactControl.kcompactd(1 + rnd.nextInt(maxOrder - 1));
                return steppedRun(cc);
            }
            case 4:
                // Allocations failing after compaction, as try_to_compact_pages() sees them one after another.
                for (int k = rnd.nextInt(3); k >= 0; k--) {
                    c.deferCompaction(rnd.nextInt(maxOrder));
                }
                c.compactionDeferred(rnd.nextInt(maxOrder));
                return check(null);
            default:
                workload();
                return check(null);
        }
    }

    /** compact_zone() one spec step at a time, the workload running between steps. */
    List<String> steppedRun(CompactControl cc) {
        CompactResult r = c.compactionSuitable(cc.order);
        if (r == CompactResult.COMPACT_SUCCESS || r == CompactResult.COMPACT_SKIPPED) {
            return check(null);
        }
        c.compactZoneStart(cc);
        // Now and then the compacting task gets a fatal signal: the run must still return with both lists empty.
        boolean signal = rnd.nextInt(8) == 0;
        int bound = 16 * zone.geometry().nrPages() + 64;
        List<String> v;
        for (int n = 0; cc.pc() != CompactControl.Pc.END; n++) {
            if (n > bound) {
                return List.of(TERMINATION + ": compact_zone() still running after " + n + " steps");
            }
            boolean finishing = cc.pc() == CompactControl.Pc.FINISHED;
            boolean captured = cc.capturedPfn >= 0;
            c.compactZoneStep(cc);
            steps++;
            if (!captured && cc.capturedPfn >= 0) {
                userPages += 1L << cc.order;
            }
            v = check(cc);
            if (!v.isEmpty()) {
                return v;
            }
            if (finishing && cc.pc() != CompactControl.Pc.ISOLATE && cc.capturedPfn < 0) {
                v = CompactionInvariants.successImpliesSuitableBlock(c, cc, cc.result());
                if (!v.isEmpty()) {
                    return v;
                }
            }
            if (rnd.nextInt(16) == 0) {
                workload();
            }
            if (signal && rnd.nextInt(12) == 0) {
                c.setFatalSignalPending(true);
            }
        }
        c.setFatalSignalPending(false);
        outcomes.add(cc.result());
        return check(cc);
    }

    /** Other CPUs: free a few user pages nobody isolated, allocate a few. */
    void workload() {
        MmGeometry g = zone.geometry();
        for (int i = rnd.nextInt(4); i > 0; i--) {
            int pfn = g.zoneStart() + rnd.nextInt(g.nrPages());
            if (migration.pageLru(pfn) && !migration.isPinned(pfn)) {
                pa.freeOnePage(pfn, 0);
                userPages--;
            }
        }
        for (int i = rnd.nextInt(4); i > 0; i--) {
            try {
                if (pa.rmqueue(0, MigrateType.MIGRATE_MOVABLE, FragmentedZone.USER_OWNER) >= 0) {
                    userPages++;
                }
            } catch (StepRefusedException e) {
                // nothing free
            }
        }
    }

    /** Every compaction invariant, then every buddy invariant: the allocator's hold mid-compaction too. */
    List<String> check(CompactControl cc) {
        List<String> v = new ArrayList<>(CompactionInvariants.check(c, cc, userPages));
        if (v.isEmpty()) {
            v.addAll(mmcheck.mm.buddy.BuddyInvariants.check(zone));
        }
        return v;
    }
}
