package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import mmcheck.mm.migrate.DriverMutant;

/**
 * The reverse replay on MCMigrateSyncLight, where migrate_pages(MIGRATE_SYNC_LIGHT) meets a page under writeback and
 * pgmigrate_success and pgmigrate_fail are compared (MaxVmEvents = 1): the correct engine conforms on every state and
 * driver run, and a sync-light call that waits on writeback is caught by its driver run where it takes the page lock.
 */
class DriverReplaySyncLightTest {
    private static final SpecModel SPEC = Models.load("MCMigrateSyncLight");

    /**
     * 6.1 gives up with -EBUSY (the spec's AfterFolioLock); the mutant waits. The replay meets it first where the
     * lock was contended: the second pass (force) sleeps in folio_lock(), and with the lock comes the writeback test.
     */
    @Test
    void syncLightWaitingOnWriteback_isCaughtWhereTheLockIsTaken() {
        String failure = MutantReplay.firstFailure(SPEC, DriverMutant.SYNC_LIGHT_WAITS_ON_WRITEBACK);
        assertTrue(failure.matches("state \\d+, migrate_pages\\(MIGRATE_SYNC_LIGHT\\)(| with a store before the walk):"
                + " step \\d+ \\((folio_trylock|folio_lock):\\) is not a spec step \\(spec -> engine\\):"
                + " mig.rc: \"-EBUSY\" -> \"-EAGAIN\"; mig.step: \"unlock\" -> \"folio_wait_writeback\"; .*"), failure);
    }

    /**
     * The correct engine conforms, counters compared, on the first 500 of the replay's 9,248 states, those where
     * the mutants above are caught (the whole replay, ./check.sh replay --model MCMigrateSyncLight, takes about 20 s
     * of CPU: too long for a unit test).
     */
    @Test
    void correctEngine_conformsWithTheCountersCompared() {
        ReverseReplay.Report r = ReverseReplay.of(SPEC).run(500);
        assertTrue(r.ok(), String.join("\n", r.failures()));
        assertTrue(r.states() == 500 && r.driverRuns() > 0, r.toString());
    }
}
