package mmcheck.mm.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;

/** The native invariants name what is wrong, and terminate on a corrupted representation. */
class MigrateInvariantsTest {

    private final AddressSpaces as = new AddressSpaces(new PageAlloc(Zone.init(AddressSpacesTest.SMALL)), 2, 2);
    private final Migrate migrate = new Migrate(as);

    @Test
    void check_isEmptyOnAFreshEngine() {
        assertEquals(List.of(), MigrateInvariants.check(migrate));
    }

    @Test
    void check_namesAMapcountThePtesDoNotAccountFor() {
        int pfn = as.doAnonymousPage(0, 0);
        as.mapcount[as.idx(pfn)]++;

        assertEquals(List.of(MigrateInvariants.MAPCOUNT_INV, MigrateInvariants.PAGE_REFS_INV,
                MigrateInvariants.REFCOUNT_INV), MigrateInvariants.violatedNames(migrate));
        assertEquals("MapcountInv: page_mapcount(0x0) is 2 but 1 present PTEs map it",
                MigrateInvariants.check(migrate).get(0));
    }

    @Test
    void check_terminatesOnAReverseMapCycle() {
        int pfn = as.doAnonymousPage(0, 0);
        as.copyPresentPte(0, 0, 1, 1);
        int head = as.rmapHead[as.idx(pfn)];
        as.rmapNext[as.rmapNext[head]] = head;

        List<String> names = MigrateInvariants.violatedNames(migrate);

        assertEquals(MigrateInvariants.RMAP_INV, names.get(0), names::toString);
    }

    @Test
    void check_namesAMigrationEntryOutsideMigratePages() {
        int pfn = as.doAnonymousPage(0, 1);
        int f = as.idx(pfn);
        as.setPte(as.slot(0, 1), f, AddressSpaces.PTE_MIGRATION);
        // As try_to_migrate_one() leaves it, with the isolation reference in place of the mapping's.
        as.mapcount[f]--;
        as.flags[f] |= AddressSpaces.PG_ISOLATED;

        List<String> names = MigrateInvariants.violatedNames(migrate);

        assertTrue(names.contains(MigrateInvariants.MIGRATION_ENTRY_INV), names::toString);
        assertTrue(names.contains(MigrateInvariants.NO_MIGRATION_ENTRY_AFTER_MIGRATE_PAGES_INV), names::toString);
        assertTrue(MigrateInvariants.check(migrate).contains(
                "NoMigrationEntryAfterMigratePagesInv: pte[0][1] is migration(0x0) outside migrate_pages()"));
    }

    @Test
    void names_areTheSpecsInvariantsInOrder() {
        assertEquals(List.of("NoPteToFreeFrameInv", "RmapInv", "MapcountInv", "PageRefsInv", "FreePageStateInv",
                "AnonExclusiveInv", "PinnedExclusiveInv", "PteContentInv", "ReadsOwnWritesInv", "RefcountInv",
                "MigrateListInv", "MigrationEntryInv", "NoMigrationEntryAfterMigratePagesInv",
                "PinnedPageNeverMigratedInv", "DstUnmappedUntilCopiedInv", "MigrateStatsInv", "MigrateModeWaitInv",
                "FolioLockInv"), MigrateInvariants.NAMES);
    }
}
