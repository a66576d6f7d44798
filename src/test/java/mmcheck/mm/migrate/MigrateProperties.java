package mmcheck.mm.migrate;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;

import mmcheck.mm.MmGeometry;

/**
 * Random chains of processes faulting, writing, reading, forking, unmapping, pinning, and of the caller isolating,
 * migrating (every mode, with other CPUs touching the migration entries) and putting back, while other kernel paths
 * lock pages and write them back. After every step, and at every window inside migrate_pages(), every invariant of
 * spec/Rmap.tla and spec/Migrate.tla holds; a read returns what the process last wrote.
 */
class MigrateProperties {

    /** 20 pages from pfn 3: the zone runs full, so faults and destinations sometimes find no page. */
    static final MmGeometry SMALL_ZONE = MmGeometry.of(3, 2, 3, 23);
    /** 64 pages: room for every process to map every vpage and migrate it. */
    static final MmGeometry ROOMY_ZONE = MmGeometry.of(4, 2, 0, 64);

    private static final int STEPS = 60;

    @Provide
    Arbitrary<ActionChain<MigrateMachine>> smallZone() {
        return MigrateActions.chains(MigrateMachine.CORRECT, SMALL_ZONE, 3, 5, STEPS);
    }

    @Provide
    Arbitrary<ActionChain<MigrateMachine>> roomyZone() {
        return MigrateActions.chains(MigrateMachine.CORRECT, ROOMY_ZONE, 3, 4, STEPS);
    }

    @Property(tries = 200)
    void invariantsHold_smallZone(@ForAll("smallZone") ActionChain<MigrateMachine> chain) {
        MigrateActions.withInvariants(chain).run();
    }

    @Property(tries = 200)
    void invariantsHold_roomyZone(@ForAll("roomyZone") ActionChain<MigrateMachine> chain) {
        MigrateActions.withInvariants(chain).run();
    }
}
