package mmcheck.mm.migrate;

import static mmcheck.mm.migrate.MigrateMode.MIGRATE_ASYNC;
import static mmcheck.mm.migrate.MigrateMode.MIGRATE_SYNC;
import static mmcheck.mm.migrate.MigrateMode.MIGRATE_SYNC_LIGHT;
import static mmcheck.mm.migrate.MigrateReason.MR_COMPACTION;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import mmcheck.mm.StepRefusedException;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.BuddyInvariants;
import mmcheck.mm.buddy.PageAlloc;

/** migrate_pages() and its steps, one behaviour per test; every invariant is checked at every window point. */
class MigrateTest {

    private final Zone zone = Zone.init(AddressSpacesTest.SMALL);
    private final AddressSpaces as = new AddressSpaces(new PageAlloc(zone), 3, 4);
    private final Migrate migrate = new Migrate(as);
    private final List<MigrationWindow.Point> points = new ArrayList<>();
    private final List<String> windowViolations = new ArrayList<>();
    private final PageList list = new PageList();

    MigrateTest() {
        window((m, point, src, dst) -> { });
    }

    /** Records the points and checks every invariant there, then runs w. */
    private void window(MigrationWindow w) {
        migrate.setWindow((m, point, src, dst) -> {
            points.add(point);
            windowViolations.addAll(MigrateInvariants.check(m));
            w.run(m, point, src, dst);
            windowViolations.addAll(MigrateInvariants.check(m));
        });
    }

    @AfterEach
    void invariantsHold() {
        assertEquals(List.of(), windowViolations);
        assertEquals(List.of(), MigrateInvariants.check(migrate));
        assertEquals(List.of(), BuddyInvariants.check(zone));
    }

    private int migrateAll(MigrateMode mode) {
        return migrate.migratePages(list, as::allocMigrationTarget, null, mode, MR_COMPACTION);
    }

    private int mappedPage(int proc, int vpage, int val) {
        int pfn = as.doAnonymousPage(proc, vpage);
        as.userWrite(proc, vpage, val);
        return pfn;
    }

    @Test
    void migratePages_movesAnExclusivePageAndItsData() {
        int src = mappedPage(0, 0, 11);
        migrate.folioIsolateLru(src, list);

        assertEquals(0, migrateAll(MIGRATE_ASYNC));

        int dst = as.ptePfn(0, 0);
        assertNotEquals(src, dst);
        assertEquals(11, as.userRead(0, 0));
        assertTrue(as.isAnonExclusive(dst), "the exclusive migration entry restores PG_anon_exclusive");
        assertEquals(1, as.refcount(dst));
        assertFalse(as.isUserPage(src), "the source is freed");
        assertTrue(list.isEmpty());
        assertEquals(1, migrate.pgmigrateSuccess());
        assertEquals(0, migrate.pgmigrateFail());
        assertEquals(List.of(MigrationWindow.Point.LOCKED, MigrationWindow.Point.MIGRATION_ENTRIES,
                MigrationWindow.Point.MOVED, MigrationWindow.Point.REMOVED), points);
        as.userWrite(0, 0, 12);
    }

    @Test
    void migratePages_movesEveryMappingOfASharedPage() {
        int src = mappedPage(0, 1, 3);
        as.copyPresentPte(0, 1, 1, 2);
        as.copyPresentPte(1, 2, 2, 3);
        migrate.folioIsolateLru(src, list);

        assertEquals(0, migrateAll(MIGRATE_SYNC));

        int dst = as.ptePfn(0, 1);
        assertEquals(dst, as.ptePfn(1, 2));
        assertEquals(dst, as.ptePfn(2, 3));
        assertEquals(3, as.mapcount(dst));
        assertEquals(3, as.refcount(dst));
        assertFalse(as.isAnonExclusive(dst));
        assertEquals(3, as.rmapSlots(dst).length);
        assertEquals(0, as.rmapSlots(src).length);
        assertEquals(3, as.userRead(2, 3));
    }

    @Test
    void migratePages_countsAnUnmappedPageFreedFromUnderUsAsMigrated() {
        int src = mappedPage(0, 0, 1);
        migrate.folioIsolateLru(src, list);
        as.zapPteRange(0, 0);
        assertEquals(1, as.refcount(src));
        long free = zone.freePages();

        assertEquals(0, migrateAll(MIGRATE_ASYNC));

        assertFalse(as.isUserPage(src));
        assertEquals(free + 1, zone.freePages(), "no destination was taken");
        assertEquals(1, migrate.pgmigrateSuccess());
        assertEquals(List.of(), points);
    }

    @Test
    void migratePages_pinnedMappedPage_staysAndFailsAfterTenPasses() {
        int src = mappedPage(0, 0, 6);
        as.pinUserPages(0, 0);
        migrate.folioIsolateLru(src, list);
        long free = zone.freePages();
        int[] destinations = new int[1];

        int rc = migrate.migratePages(list, p -> {
            destinations[0]++;
            return as.allocMigrationTarget(p);
        }, null, MIGRATE_SYNC, MigrateReason.MR_LONGTERM_PIN);

        assertEquals(1, rc);
        assertEquals(Migrate.NR_MIGRATE_PASSES, destinations[0], "one try per pass, each -EAGAIN");
        assertEquals(src, as.ptePfn(0, 0), "try_to_migrate stopped at the pinned exclusive page");
        assertArrayEquals(new int[] {src}, list.toArray());
        assertEquals(free, zone.freePages(), "every unused destination went back");
        assertEquals(1, migrate.pgmigrateFail());
        assertEquals(0, migrate.pgmigrateSuccess());
        migrate.putbackMovablePages(list);
        assertEquals(2, as.refcount(src));
    }

    @Test
    void migratePages_pinnedUnmappedPage_failsTheExpectedRefcount() {
        int src = mappedPage(0, 0, 6);
        as.pinUserPages(0, 0);
        as.zapPteRange(0, 0);
        migrate.folioIsolateLru(src, list);

        assertEquals(1, migrateAll(MIGRATE_SYNC));

        assertTrue(as.isUserPage(src));
        assertEquals(6, as.content(src));
        migrate.putbackMovablePages(list);
        as.unpinUserPage(src);
        assertFalse(as.isUserPage(src));
    }

    @Test
    void migratePages_returnsEnomemWhenNoDestinationIsFound() {
        int a = mappedPage(0, 0, 1);
        int b = mappedPage(0, 1, 2);
        migrate.folioIsolateLru(a, list);
        migrate.folioIsolateLru(b, list);

        assertEquals(Migrate.ENOMEM, migrate.migratePages(list, p -> -1, null, MIGRATE_ASYNC, MR_COMPACTION));

        assertArrayEquals(new int[] {a, b}, list.toArray(), "the pages stay listed for putback");
        assertEquals(a, as.ptePfn(0, 0));
        assertEquals(1, migrate.pgmigrateFail(), "the page that met -ENOMEM fails; the next one is not tried");
        migrate.putbackMovablePages(list);
    }

    /** 6.1: -ENOMEM counts the page and those already retrying in the pass as failed, and skips nr_failed += retry. */
    @Test
    void migratePages_enomemAfterARetry_failsThePageAndTheRetryingOnes() {
        int a = mappedPage(0, 0, 1);
        int b = mappedPage(0, 1, 2);
        migrate.lockPage(a);
        migrate.folioIsolateLru(a, list);
        migrate.folioIsolateLru(b, list);
        int[] calls = {0};

        int rc = migrate.migratePages(list, p -> calls[0]++ == 0 ? as.allocMigrationTarget(p) : -1, null,
                MIGRATE_ASYNC, MR_COMPACTION);

        assertEquals(Migrate.ENOMEM, rc, "not nr_failed + retry");
        assertEquals(2, migrate.pgmigrateFail(), "b found no destination; a was retrying (its lock is held)");
        assertEquals(0, migrate.pgmigrateSuccess());
        migrate.putbackMovablePages(list);
        migrate.unlockPage(a);
    }

    @Test
    void migratePages_givesAnUnusedDestinationToPutNewPage() {
        int src = mappedPage(0, 0, 1);
        migrate.lockPage(src);
        migrate.folioIsolateLru(src, list);
        List<Integer> returned = new ArrayList<>();

        int rc = migrate.migratePages(list, as::allocMigrationTarget, pfn -> {
            returned.add(pfn);
            as.putPage(pfn);
        }, MIGRATE_ASYNC, MR_COMPACTION);

        assertEquals(1, rc);
        assertEquals(Migrate.NR_MIGRATE_PASSES, returned.size());
        migrate.putbackMovablePages(list);
        migrate.unlockPage(src);
    }

    @Test
    void migratePages_asyncNeverSleepsOnALockedPage() {
        int src = mappedPage(0, 0, 1);
        migrate.lockPage(src);
        migrate.folioIsolateLru(src, list);

        assertEquals(1, migrateAll(MIGRATE_ASYNC));

        assertEquals(List.of(), points, "no sleep, no unmapping");
        assertTrue(as.isLocked(src));
        migrate.putbackMovablePages(list);
        migrate.unlockPage(src);
    }

    @Test
    void migratePages_syncLightSleepsOnTheLockFromTheFourthPass() {
        int src = mappedPage(0, 0, 4);
        migrate.lockPage(src);
        migrate.folioIsolateLru(src, list);
        window((m, point, s, d) -> {
            if (point == MigrationWindow.Point.FOLIO_LOCK) {
                assertTrue(as.isLocked(s), "the other holder still has it");
                m.unlockPage(s);
            }
        });

        int[] tries = {0};
        assertEquals(0, migrate.migratePages(list, p -> {
            tries[0]++;
            return as.allocMigrationTarget(p);
        }, null, MIGRATE_SYNC_LIGHT, MR_COMPACTION));

        assertEquals(Migrate.MIGRATE_FORCE_PASS + 1, tries[0], "passes 0..2 give up with -EAGAIN, pass 3 sleeps");

        assertEquals(4, as.userRead(0, 0));
        assertEquals(List.of(MigrationWindow.Point.FOLIO_LOCK, MigrationWindow.Point.LOCKED,
                MigrationWindow.Point.MIGRATION_ENTRIES,
                MigrationWindow.Point.MOVED, MigrationWindow.Point.REMOVED), points);
    }

    @Test
    void migratePages_writebackIsBusyInAsyncAndSyncLight() {
        for (MigrateMode mode : new MigrateMode[] {MIGRATE_ASYNC, MIGRATE_SYNC_LIGHT}) {
            int src = mappedPage(0, mode.ordinal(), 1);
            migrate.lockPage(src);
            migrate.setPageWriteback(src);
            migrate.unlockPage(src);
            migrate.folioIsolateLru(src, list);
            long fails = migrate.pgmigrateFail();

            assertEquals(1, migrateAll(mode), mode::toString);

            assertEquals(fails + 1, migrate.pgmigrateFail());
            assertArrayEquals(new int[] {src}, list.toArray(), "-EBUSY puts it on ret_pages, spliced back");
            migrate.putbackMovablePages(list);
            migrate.endPageWriteback(src);
        }
    }

    @Test
    void migratePages_syncWaitsForWritebackWithForce() {
        int src = mappedPage(0, 0, 5);
        migrate.lockPage(src);
        migrate.setPageWriteback(src);
        migrate.unlockPage(src);
        migrate.folioIsolateLru(src, list);

        assertEquals(0, migrateAll(MIGRATE_SYNC));

        assertEquals(List.of(MigrationWindow.Point.FOLIO_WAIT_WRITEBACK, MigrationWindow.Point.LOCKED,
                MigrationWindow.Point.MIGRATION_ENTRIES,
                MigrationWindow.Point.MOVED, MigrationWindow.Point.REMOVED), points);
        assertEquals(5, as.userRead(0, 0));
    }

    @Test
    void migrationEntry_makesAccessesWait() {
        int src = mappedPage(0, 0, 8);
        migrate.folioIsolateLru(src, list);
        List<String> seen = new ArrayList<>();
        window((m, point, s, d) -> {
            if (point == MigrationWindow.Point.MIGRATION_ENTRIES) {
                assertEquals(AddressSpaces.PTE_MIGRATION_EXCL, as.pteType(0, 0));
                MigrationEntryWaitException e = assertThrows(MigrationEntryWaitException.class, () -> as.userRead(0, 0));
                assertEquals(s, e.pfn());
                assertEquals(0, as.waitVpage(0), "the reader sleeps on its entry");
                StepRefusedException asleep = assertThrows(StepRefusedException.class, () -> as.userWrite(0, 0, 9));
                assertTrue(asleep.getMessage().contains("sleeps in migration_entry_wait()"), asleep.getMessage());
                assertThrows(StepRefusedException.class, () -> as.pinUserPages(0, 0));
                assertThrows(StepRefusedException.class, () -> m.lockPage(s), "migration holds the lock");
                seen.add("waited");
            }
        });

        assertEquals(0, migrateAll(MIGRATE_ASYNC));

        assertEquals(List.of("waited"), seen);
        assertEquals(AddressSpaces.NO_VPAGE, as.waitVpage(0), "the unlock woke the reader");
        assertEquals(8, as.userRead(0, 0));
    }

    @Test
    void copyNonpresentPte_forkDuringMigrationSharesTheDestination() {
        int src = mappedPage(0, 0, 2);
        migrate.folioIsolateLru(src, list);
        window((m, point, s, d) -> {
            if (point == MigrationWindow.Point.MIGRATION_ENTRIES) {
                as.copyNonpresentPte(0, 0, 1, 3);
                assertEquals(AddressSpaces.PTE_MIGRATION, as.pteType(0, 0), "no longer exclusive");
                assertEquals(AddressSpaces.PTE_MIGRATION, as.pteType(1, 3));
            }
        });

        assertEquals(0, migrateAll(MIGRATE_ASYNC));

        int dst = as.ptePfn(0, 0);
        assertEquals(dst, as.ptePfn(1, 3));
        assertEquals(2, as.mapcount(dst));
        assertFalse(as.isAnonExclusive(dst));
        assertEquals(2, as.userRead(1, 3));
    }

    @Test
    void zapPteRange_duringMigrationDropsTheEntry() {
        int src = mappedPage(0, 0, 2);
        migrate.folioIsolateLru(src, list);
        window((m, point, s, d) -> {
            if (point == MigrationWindow.Point.MIGRATION_ENTRIES) {
                as.zapPteRange(0, 0);
            }
        });
        long free = zone.freePages();

        assertEquals(0, migrateAll(MIGRATE_ASYNC));

        assertEquals(AddressSpaces.PTE_NONE, as.pteType(0, 0));
        assertEquals(free + 1, zone.freePages(), "source and the unmapped destination are both freed");
    }

    @Test
    void migrationSteps_refusedOutsideUnmapAndMove() {
        int src = mappedPage(0, 0, 2);
        assertThrows(StepRefusedException.class, () -> migrate.tryToMigrateOne(0, 0));
        assertThrows(StepRefusedException.class, () -> migrate.moveToNewFolio());
        assertThrows(StepRefusedException.class, () -> migrate.removeMigrationPte(0, 0));
        assertThrows(StepRefusedException.class, () -> migrate.unmapAndMove(src));
        assertThrows(StepRefusedException.class, () -> migrate.migratePagesReturn());
    }

    @Test
    void migrationSteps_refusedOutOfOrder() {
        int src = mappedPage(0, 0, 2);
        migrate.folioIsolateLru(src, list);
        List<String> refused = new ArrayList<>();
        window((m, point, s, d) -> {
            if (point == MigrationWindow.Point.MIGRATION_ENTRIES) {
                for (Runnable step : List.<Runnable>of(() -> m.removeMigrationPte(0, 0), m::unmapAndMoveUnlock,
                        m::unmapAndMoveOut, m::folioTrylock, () -> m.tryToMigrateOne(0, 0), m::migratePagesPass)) {
                    try {
                        step.run();
                    } catch (StepRefusedException e) {
                        refused.add(e.getMessage());
                    }
                }
            }
        });

        assertEquals(0, migrateAll(MIGRATE_ASYNC));

        assertEquals(6, refused.size(), refused.toString());
        assertEquals(AddressSpaces.PTE_PRESENT, as.pteType(0, 0));
    }

    @Test
    void folioIsolateLru_refusedOnAFreeOrIsolatedPage() {
        int src = mappedPage(0, 0, 2);
        migrate.folioIsolateLru(src, list);
        assertThrows(StepRefusedException.class, () -> migrate.folioIsolateLru(src, list));
        assertThrows(StepRefusedException.class, () -> migrate.folioIsolateLru(15, list));
        assertEquals(1, list.size());
        assertEquals(2, as.refcount(src));
        migrate.putbackMovablePages(list);
        assertEquals(1, as.refcount(src));
        assertTrue(list.isEmpty());
    }

    @Test
    void migratePages_refusesAPageThatIsNotIsolated() {
        int src = mappedPage(0, 0, 2);
        StepRefusedException e = assertThrows(StepRefusedException.class,
                () -> migrate.migratePages(PageList.of(src), as::allocMigrationTarget, null, MIGRATE_SYNC, MR_COMPACTION));
        assertTrue(e.getMessage().startsWith("migrate_pages: "), e.getMessage());
    }

    @Test
    void putbackMovablePages_freesAPageNobodyMaps() {
        int src = mappedPage(0, 0, 2);
        migrate.folioIsolateLru(src, list);
        as.zapPteRange(0, 0);
        migrate.putbackMovablePages(list);
        assertFalse(as.isUserPage(src));
    }

    @Test
    void lockPage_refusedOnALockedOrFreePage() {
        int src = mappedPage(0, 0, 1);
        migrate.lockPage(src);
        assertThrows(StepRefusedException.class, () -> migrate.lockPage(src));
        assertThrows(StepRefusedException.class, () -> migrate.lockPage(14));
        assertEquals(2, as.refcount(src));
        migrate.unlockPage(src);
        assertThrows(StepRefusedException.class, () -> migrate.unlockPage(src));
        assertEquals(1, as.refcount(src));
    }

    @Test
    void setPageWriteback_refusedWithoutTheLockAndEndRefusedWithoutWriteback() {
        int src = mappedPage(0, 0, 1);
        assertThrows(StepRefusedException.class, () -> migrate.setPageWriteback(src));
        assertThrows(StepRefusedException.class, () -> migrate.endPageWriteback(src));
        migrate.lockPage(src);
        migrate.setPageWriteback(src);
        assertThrows(StepRefusedException.class, () -> migrate.setPageWriteback(src));
        migrate.unlockPage(src);
        as.zapPteRange(0, 0);
        assertTrue(as.isUserPage(src), "writeback holds a reference");
        migrate.endPageWriteback(src);
        assertFalse(as.isUserPage(src));
    }

    @Test
    void copyNonpresentPte_refusedOnAPresentPte() {
        mappedPage(0, 0, 1);
        StepRefusedException e = assertThrows(StepRefusedException.class, () -> as.copyNonpresentPte(0, 0, 1, 0));
        assertEquals("copy_nonpresent_pte: process 0 vpage 0 is not a migration entry", e.getMessage());
    }

    @Test
    void migratePages_refusedWhileACallRuns() {
        int src = mappedPage(0, 0, 1);
        migrate.folioIsolateLru(src, list);
        List<String> refusals = new ArrayList<>();
        window((m, point, s, d) -> {
            if (point == MigrationWindow.Point.MIGRATION_ENTRIES) {
                refusals.add(assertThrows(StepRefusedException.class, () -> m.migratePages(new PageList(),
                        as::allocMigrationTarget, null, MIGRATE_SYNC, MR_COMPACTION)).getMessage());
                refusals.add(assertThrows(StepRefusedException.class, () -> m.putbackMovablePages(list)).getMessage());
            }
        });

        assertEquals(0, migrateAll(MIGRATE_SYNC));

        assertEquals(List.of("migrate_pages: a migrate_pages() call is already running",
                "putback_movable_pages: migrate_pages() is running"), refusals);
    }

    @Test
    void migrateReason_keepsTheKernelOrder() {
        assertEquals(List.of("MR_COMPACTION", "MR_MEMORY_FAILURE", "MR_MEMORY_HOTPLUG", "MR_SYSCALL",
                "MR_MEMPOLICY_MBIND", "MR_NUMA_MISPLACED", "MR_CONTIG_RANGE", "MR_LONGTERM_PIN", "MR_DEMOTION"),
                java.util.Arrays.stream(MigrateReason.values()).map(Enum::name).toList());
    }
}
