package mmcheck.mm.migrate;

import static mmcheck.mm.migrate.AddressSpaces.PTE_NONE;
import static mmcheck.mm.migrate.AddressSpaces.PTE_PRESENT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import mmcheck.mm.MmGeometry;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.BuddyInvariants;
import mmcheck.mm.buddy.PageAlloc;

/** Faults, user accesses, fork, unmap and pins of mm/memory.c and mm/gup.c, one behaviour per test. */
class AddressSpacesTest {

    /** 16 pages from pfn 0, orders 0..2, 4-page pageblocks. */
    static final MmGeometry SMALL = MmGeometry.of(3, 2, 0, 16);

    private final Zone zone = Zone.init(SMALL);
    private final AddressSpaces as = new AddressSpaces(new PageAlloc(zone), 3, 4);
    private final Migrate migrate = new Migrate(as);

    @AfterEach
    void invariantsHold() {
        assertEquals(List.of(), MigrateInvariants.check(migrate));
        assertEquals(List.of(), BuddyInvariants.check(zone));
    }

    @Test
    void doAnonymousPage_mapsAZeroedExclusivePage() {
        int pfn = as.doAnonymousPage(0, 1);

        assertEquals(PTE_PRESENT, as.pteType(0, 1));
        assertEquals(pfn, as.ptePfn(0, 1));
        assertEquals(1, as.mapcount(pfn));
        assertEquals(1, as.refcount(pfn));
        assertTrue(as.isAnonExclusive(pfn));
        assertEquals(AddressSpaces.ZERO_CONTENT, as.userRead(0, 1));
        assertTrue(as.isUserPage(pfn));
        assertEquals(15, zone.freePages());
    }

    @Test
    void doAnonymousPage_refusesBelowTheLowWatermark() {
        // get_page_from_freelist() at ALLOC_WMARK_LOW: NR_FREE_PAGES must stay above low + lowmem_reserve.
        zone.setWatermarks(0, 12, 12);
        zone.setLowmemReserve(2);
        as.doAnonymousPage(0, 0);
        assertEquals(15, zone.freePages());
        as.doAnonymousPage(0, 1);
        assertEquals(14, zone.freePages());
        StepRefusedException e = assertThrows(StepRefusedException.class, () -> as.doAnonymousPage(0, 2));
        assertTrue(e.getMessage().contains("low watermark"), e.getMessage());
        assertEquals(PTE_NONE, as.pteType(0, 2));
        assertEquals(14, zone.freePages(), "the refused fault took nothing");
        zone.setLowmemReserve(1);
        as.doAnonymousPage(0, 2);
        assertEquals(13, zone.freePages());
    }

    @Test
    void doAnonymousPage_zeroesAReusedFrame() {
        int pfn = as.doAnonymousPage(0, 0);
        as.userWrite(0, 0, 7);
        as.zapPteRange(0, 0);
        assertEquals(7, as.content(pfn), "a free frame keeps its data");

        int again = as.doAnonymousPage(1, 0);

        assertEquals(pfn, again, "the buddy allocator hands the same frame out again");
        assertEquals(AddressSpaces.ZERO_CONTENT, as.userRead(1, 0));
    }

    @Test
    void doAnonymousPage_refusedOnAMappedPte() {
        as.doAnonymousPage(0, 0);
        StepRefusedException e = assertThrows(StepRefusedException.class, () -> as.doAnonymousPage(0, 0));
        assertEquals("do_anonymous_page: process 0 vpage 0 is mapped", e.getMessage());
    }

    @Test
    void doAnonymousPage_refusedWhenTheZoneIsFull() {
        AddressSpaces big = new AddressSpaces(new PageAlloc(Zone.init(MmGeometry.of(3, 2, 0, 4))), 1, 5);
        for (int v = 0; v < 4; v++) {
            big.doAnonymousPage(0, v);
        }
        StepRefusedException e = assertThrows(StepRefusedException.class, () -> big.doAnonymousPage(0, 4));
        assertTrue(e.getMessage().contains("VM_FAULT_OOM"), e.getMessage());
        assertEquals(PTE_NONE, big.pteType(0, 4));
    }

    @Test
    void userWrite_storesInAnExclusivePage() {
        int pfn = as.doAnonymousPage(2, 3);
        as.userWrite(2, 3, 42);
        assertEquals(42, as.content(pfn));
        assertEquals(42, as.written(2, 3));
        assertEquals(42, as.userRead(2, 3));
    }

    @Test
    void userRead_refusedOnPteNone() {
        StepRefusedException e = assertThrows(StepRefusedException.class, () -> as.userRead(0, 0));
        assertEquals("user_read: process 0 vpage 0 is not mapped", e.getMessage());
    }

    @Test
    void slot_refusedOutsideTheProcessesAndVpages() {
        assertThrows(StepRefusedException.class, () -> as.userRead(3, 0));
        assertThrows(StepRefusedException.class, () -> as.doAnonymousPage(0, 4));
        assertThrows(StepRefusedException.class, () -> as.zapPteRange(-1, 0));
    }

    @Test
    void copyPresentPte_sharesThePageWriteProtected() {
        int pfn = as.doAnonymousPage(0, 0);
        as.userWrite(0, 0, 5);

        assertEquals(pfn, as.copyPresentPte(0, 0, 1, 2));

        assertEquals(2, as.mapcount(pfn));
        assertEquals(2, as.refcount(pfn));
        assertFalse(as.isAnonExclusive(pfn));
        assertEquals(5, as.userRead(1, 2));
        assertEquals(5, as.written(1, 2));
        assertArrayEquals(new int[] {as.slot(1, 2), as.slot(0, 0)}, as.rmapSlots(pfn));
        StepRefusedException e = assertThrows(StepRefusedException.class, () -> as.userWrite(1, 2, 6));
        assertTrue(e.getMessage().contains("write-protected"), e.getMessage());
    }

    @Test
    void copyPresentPte_refusedIntoTheSameProcessOrAMappedPte() {
        as.doAnonymousPage(0, 0);
        as.doAnonymousPage(1, 0);
        assertThrows(StepRefusedException.class, () -> as.copyPresentPte(0, 0, 0, 1));
        assertThrows(StepRefusedException.class, () -> as.copyPresentPte(0, 0, 1, 0));
        assertThrows(StepRefusedException.class, () -> as.copyPresentPte(0, 3, 1, 1));
    }

    @Test
    void copyPresentPte_copiesAPinnedExclusivePage() {
        int pfn = as.doAnonymousPage(0, 0);
        as.userWrite(0, 0, 9);
        as.pinUserPages(0, 0);

        int child = as.copyPresentPte(0, 0, 1, 0);

        assertNotEquals(pfn, child);
        assertEquals(9, as.userRead(1, 0));
        assertTrue(as.isAnonExclusive(pfn), "the pinned page stays exclusive to the parent");
        assertTrue(as.isAnonExclusive(child));
        assertEquals(1, as.mapcount(pfn));
        as.unpinUserPage(pfn);
    }

    @Test
    void copyPresentPage_refusedOnAnUnpinnedPage() {
        as.doAnonymousPage(0, 0);
        assertThrows(StepRefusedException.class, () -> as.copyPresentPage(0, 0, 1, 0));
    }

    @Test
    void doWpPage_reusesAPageWhoseOtherMappingIsGone() {
        int pfn = as.doAnonymousPage(0, 0);
        as.copyPresentPte(0, 0, 1, 0);
        as.zapPteRange(0, 0);

        assertEquals(pfn, as.doWpPage(1, 0, 3));

        assertTrue(as.isAnonExclusive(pfn));
        assertEquals(3, as.userRead(1, 0));
    }

    @Test
    void doWpPage_copiesASharedPage() {
        int pfn = as.doAnonymousPage(0, 0);
        as.userWrite(0, 0, 4);
        as.copyPresentPte(0, 0, 1, 0);

        int copy = as.doWpPage(1, 0, 8);

        assertNotEquals(pfn, copy);
        assertEquals(8, as.userRead(1, 0));
        assertEquals(4, as.userRead(0, 0));
        assertEquals(1, as.mapcount(pfn));
        assertEquals(1, as.refcount(pfn));
        assertFalse(as.isAnonExclusive(pfn), "the parent's next write reuses it through do_wp_page");
    }

    @Test
    void wpPageReuse_refusedOnASharedPage() {
        as.doAnonymousPage(0, 0);
        as.copyPresentPte(0, 0, 1, 0);
        assertThrows(StepRefusedException.class, () -> as.wpPageReuse(1, 0, 1));
        assertThrows(StepRefusedException.class, () -> as.doWpPage(2, 0, 1));
    }

    @Test
    void zapPteRange_freesThePageWithItsLastReference() {
        int pfn = as.doAnonymousPage(0, 0);
        as.zapPteRange(0, 0);

        assertFalse(as.isUserPage(pfn));
        assertEquals(0, as.refcount(pfn));
        assertEquals(AddressSpaces.NO_CONTENT, as.written(0, 0));
        assertEquals(16, zone.freePages());
        assertThrows(StepRefusedException.class, () -> as.zapPteRange(0, 0));
    }

    @Test
    void zapPteRange_keepsASharedPage() {
        int pfn = as.doAnonymousPage(0, 0);
        as.copyPresentPte(0, 0, 1, 0);
        as.zapPteRange(0, 0);
        assertTrue(as.isUserPage(pfn));
        assertEquals(1, as.mapcount(pfn));
        assertArrayEquals(new int[] {as.slot(1, 0)}, as.rmapSlots(pfn));
    }

    @Test
    void pinUserPages_holdsAReferenceBeyondTheMappings() {
        int pfn = as.doAnonymousPage(0, 0);
        assertEquals(pfn, as.pinUserPages(0, 0));
        assertEquals(2, as.refcount(pfn));
        assertEquals(1, as.mapcount(pfn));
        assertTrue(as.pageMaybeDmaPinned(pfn));
    }

    @Test
    void pinUserPages_refusedOnASharedPage() {
        as.doAnonymousPage(0, 0);
        as.copyPresentPte(0, 0, 1, 0);
        StepRefusedException e = assertThrows(StepRefusedException.class, () -> as.pinUserPages(1, 0));
        assertTrue(e.getMessage().contains("unshare"), e.getMessage());
    }

    @Test
    void unpinUserPage_freesAPageUnmappedWhilePinned() {
        int pfn = as.doAnonymousPage(0, 0);
        as.pinUserPages(0, 0);
        as.zapPteRange(0, 0);
        assertTrue(as.isUserPage(pfn), "the pin keeps it");

        as.unpinUserPage(pfn);

        assertFalse(as.isUserPage(pfn));
        assertThrows(StepRefusedException.class, () -> as.unpinUserPage(pfn));
    }

    @Test
    void bytesPerPage_isTheSizeOfTheArraysSizedToTheZoneAndToThePtes() throws IllegalAccessException {
        int perFrame = 0;
        int perSlot = 0;
        for (java.lang.reflect.Field f : PageFrames.class.getDeclaredFields()) {
            Object v = f.get(as);
            int elem = v instanceof int[] ? 4 : v instanceof byte[] ? 1 : 0;
            int length = v instanceof int[] a ? a.length : v instanceof byte[] b ? b.length : -1;
            if (length == SMALL.nrPages()) {
                perFrame += elem;
            } else if (length == 3 * 4) {
                perSlot += elem;
            }
        }
        assertEquals(AddressSpaces.BYTES_PER_PAGE, perFrame);
        assertEquals(AddressSpaces.BYTES_PER_SLOT, perSlot);
    }
}
