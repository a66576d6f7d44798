package mmcheck.mm;

import static mmcheck.mm.MigrateType.MIGRATE_MOVABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import mmcheck.mm.buddy.BuddyInvariants;

/**
 * The invariant checker must read any representation, however broken, and finish. These tests break the intrusive
 * lists directly through the package-private arrays.
 */
class ListCorruptionTest {

    static final MmGeometry G = MmGeometry.of(4, 2, 0, 16);

    /** free_list[0][MIGRATE_MOVABLE] = 0, 2, 4 with 1, 3, 5 allocated and 6..15 free. */
    private static Zone threeOrderZeroBlocks() {
        return Zone.builder(G)
                .freeBlock(0, 0, MIGRATE_MOVABLE).freeBlock(2, 0, MIGRATE_MOVABLE).freeBlock(4, 0, MIGRATE_MOVABLE)
                .allocatedBlock(1, 0, MIGRATE_MOVABLE, 1).allocatedBlock(3, 0, MIGRATE_MOVABLE, 1)
                .allocatedBlock(5, 0, MIGRATE_MOVABLE, 1).freeBlock(6, 1, MIGRATE_MOVABLE)
                .freeBlock(8, 3, MIGRATE_MOVABLE).build();
    }

    /** Overwrites slot field (PageArray.NEXT, PREV, META) of zone index i. */
    private static void poke(Zone z, int i, int field, int value) {
        z.pageArray().slots[(i << PageArray.SHIFT) + field] = value;
    }

    private static List<String> check(Zone z) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> BuddyInvariants.check(z));
    }

    private static void assertReported(List<String> violations, String expected) {
        assertTrue(violations.contains(expected), () -> "expected " + expected + " in " + violations);
    }

    @Test
    void check_acceptsTheUncorruptedZone() {
        assertEquals(List.of(), check(threeOrderZeroBlocks()));
    }

    @Test
    void check_detectsCycleWithoutLoopingForever() {
        Zone z = threeOrderZeroBlocks();
        poke(z, 4, PageArray.NEXT, 0);

        assertReported(check(z), "TypeOK: free_list[0][MIGRATE_MOVABLE] has a cycle at 0x0");
    }

    @Test
    void check_detectsSelfLoop() {
        Zone z = threeOrderZeroBlocks();
        poke(z, 2, PageArray.NEXT, 2);

        assertReported(check(z), "TypeOK: free_list[0][MIGRATE_MOVABLE] has a cycle at 0x2");
    }

    @Test
    void check_detectsPrevNextMismatch() {
        Zone z = threeOrderZeroBlocks();
        poke(z, 4, PageArray.PREV, 0);

        assertReported(check(z), "TypeOK: free_list[0][MIGRATE_MOVABLE]: prev of 0x4 is 0x0 but the entry before it is 0x2");
    }

    @Test
    void check_detectsWrongCountAndTail() {
        Zone z = threeOrderZeroBlocks();
        z.freeArea().count[1] = 2;
        z.freeArea().tail[1] = 2;

        List<String> v = check(z);

        assertReported(v, "TypeOK: free_list[0][MIGRATE_MOVABLE] counts 2 blocks but 3 are linked");
        assertReported(v, "TypeOK: free_list[0][MIGRATE_MOVABLE]: tail is 0x2 but the last entry is 0x4");
    }

    @Test
    void check_detectsLinkOutOfTheZone() {
        Zone z = threeOrderZeroBlocks();
        poke(z, 2, PageArray.NEXT, 1000);

        assertReported(check(z), "TypeOK: free_list[0][MIGRATE_MOVABLE] links to pfn 0x3e8 outside the zone");
    }

    @Test
    void check_detectsPageOnTwoLists() {
        Zone z = threeOrderZeroBlocks();
        // free_list[1][MIGRATE_MOVABLE] = 6 -> 4, which is also on the order-0 list.
        poke(z, 6, PageArray.NEXT, 4);
        z.freeArea().count[FreeArea.NR_MIGRATETYPES + 1] = 2;

        assertReported(check(z), "TypeOK: 0x4 is on free_list[0][MIGRATE_MOVABLE] and free_list[1][MIGRATE_MOVABLE]");
    }

    @Test
    void check_capsReportsPerInvariant() {
        Zone z = Zone.init(MmGeometry.of(4, 2, 0, 1024));
        for (int i = 0; i < 1024; i++) {
            z.pageArray().setBuddyOrder(i, 9);
        }

        List<String> v = check(z);

        List<String> typeOk = v.stream().filter(s -> s.startsWith("TypeOK:")).toList();
        assertEquals(BuddyInvariants.MAX_REPORTS + 1, typeOk.size());
        assertEquals("TypeOK: " + (1024 - BuddyInvariants.MAX_REPORTS) + " more violations not shown",
                typeOk.get(BuddyInvariants.MAX_REPORTS));
    }
}
