package mmcheck.mm.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import mmcheck.event.MigrateAction;
import mmcheck.event.MigrateEventSink;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;

/** The steps the engine reports, in the spec's vocabulary and order. */
class MigrateEventsTest {

    private final AddressSpaces as = new AddressSpaces(new PageAlloc(Zone.init(AddressSpacesTest.SMALL)), 3, 4);
    private final Migrate migrate = new Migrate(as);
    private final MigrateEventSink.Recording sink = new MigrateEventSink.Recording();
    private final PageList list = new PageList();

    MigrateEventsTest() {
        as.setSink(sink);
    }

    private int migrateAll(MigrateMode mode) {
        return migrate.migratePages(list, as::allocMigrationTarget, null, mode, MigrateReason.MR_COMPACTION);
    }

    @Test
    void migratePages_reportsTheSpecStepsOfOneMigration() {
        int src = as.doAnonymousPage(0, 1);
        as.copyPresentPte(0, 1, 2, 0);
        migrate.folioIsolateLru(src, list);
        sink.clear();

        assertEquals(0, migrateAll(MigrateMode.MIGRATE_ASYNC));

        assertEquals(List.of(
                "mm_migrate_pages_start: mode=MIGRATE_ASYNC",
                "unmap_and_move: pfn=0x" + Integer.toHexString(src),
                "folio_trylock:",
                "try_to_migrate_one: proc=2 vpage=0",
                "try_to_migrate_one: proc=0 vpage=1",
                "move_to_new_folio:",
                "remove_migration_pte: proc=2 vpage=0",
                "remove_migration_pte: proc=0 vpage=1",
                "unmap_and_move_unlock:",
                "unmap_and_move_out:",
                "mm_migrate_pages:"), sink.lines());
    }

    @Test
    void migratePages_reportsEveryPassOfAPinnedPage() {
        int src = as.doAnonymousPage(0, 0);
        as.pinUserPages(0, 0);
        migrate.folioIsolateLru(src, list);
        sink.clear();

        assertEquals(1, migrateAll(MigrateMode.MIGRATE_SYNC));

        assertEquals(Migrate.NR_MIGRATE_PASSES - 1, Collections.frequency(sink.lines(), "migrate_pages_pass:"));
        assertEquals(Migrate.NR_MIGRATE_PASSES, Collections.frequency(sink.lines(), "try_to_migrate_one: proc=0 vpage=0"),
                "each pass visits the PTE and stops there");
        assertEquals(0, Collections.frequency(sink.lines(), "remove_migration_pte: proc=0 vpage=0"));
    }

    @Test
    void migratePages_reportsTheLockHolderLettingGoBeforeFolioLock() {
        int src = as.doAnonymousPage(0, 0);
        migrate.lockPage(src);
        migrate.folioIsolateLru(src, list);
        sink.clear();

        assertEquals(0, migrateAll(MigrateMode.MIGRATE_SYNC_LIGHT));

        List<String> l = sink.lines();
        int unlock = l.indexOf("unlock_page: pfn=0x" + Integer.toHexString(src));
        assertTrue(unlock > 0, l::toString);
        assertEquals("folio_trylock:", l.get(unlock - 1));
        assertEquals("folio_lock:", l.get(unlock + 1));
        assertEquals(3, Collections.frequency(l, "unmap_and_move_out:") - 1, "three passes gave up before force");
    }

    @Test
    void migratePages_ofAnEmptyListReportsNothing() {
        assertEquals(0, migrateAll(MigrateMode.MIGRATE_SYNC));
        assertEquals(List.of(), sink.lines());
    }

    @Test
    void userSteps_reportTheirSpecActions() {
        int pfn = as.doAnonymousPage(0, 0);
        as.userWrite(0, 0, 5);
        as.copyPresentPte(0, 0, 1, 0);
        as.doWpPage(1, 0, 6);
        as.userRead(1, 0);
        as.pinUserPages(1, 0);
        as.copyPresentPte(1, 0, 2, 0);
        as.unpinUserPage(as.ptePfn(1, 0));
        as.zapPteRange(0, 0);

        assertEquals(List.of(
                "do_anonymous_page: proc=0 vpage=0",
                "user_write: proc=0 vpage=0 val=5",
                "copy_present_pte: proc=0 vpage=0 child=1 cvpage=0",
                "wp_page_copy: proc=1 vpage=0 val=6",
                "user_read: proc=1 vpage=0",
                "pin_user_pages: proc=1 vpage=0",
                "copy_present_page: proc=1 vpage=0 child=2 cvpage=0",
                "unpin_user_page: pfn=0x" + Integer.toHexString(as.ptePfn(1, 0)),
                "zap_pte_range: proc=0 vpage=0"), sink.lines());
        assertEquals(0, as.refcount(pfn));
    }

    @Test
    void migrationEntry_reportsMigrationEntryWaitAndNothingElse() {
        int src = as.doAnonymousPage(0, 0);
        migrate.folioIsolateLru(src, list);
        migrate.setWindow((m, point, s, d) -> {
            if (point == MigrationWindow.Point.MIGRATION_ENTRIES) {
                sink.clear();
                assertThrows(MigrationEntryWaitException.class, () -> as.userRead(0, 0));
                assertEquals(List.of("migration_entry_wait: proc=0 vpage=0"), sink.lines());
            }
        });
        assertEquals(0, migrateAll(MigrateMode.MIGRATE_ASYNC));
    }

    @Test
    void migrateAction_namesAnEngineMethodAndUniqueSpellings() throws Exception {
        Set<String> spec = new HashSet<>();
        Set<String> trace = new HashSet<>();
        for (MigrateAction a : MigrateAction.values()) {
            // A public method of the class callers use (Migrate's steps are declared in the classes it extends).
            Class<?> c = Class.forName(a.javaClass());
            assertTrue(Arrays.stream(c.getMethods()).map(Method::getName).anyMatch(a.javaName()::equals),
                    a + ": no method " + a.javaName() + " in " + c.getName());
            assertTrue(spec.add(a.specName()), a.specName());
            assertTrue(trace.add(a.traceName()), a.traceName());
        }
        assertEquals("mm_migrate_pages_start", MigrateAction.MIGRATE_PAGES.traceName());
        assertEquals("mm_migrate_pages", MigrateAction.MIGRATE_PAGES_RETURN.traceName());
        assertEquals(List.of("proc", "vpage", "child", "cvpage"), MigrateAction.COPY_PRESENT_PTE.params());
    }
}
