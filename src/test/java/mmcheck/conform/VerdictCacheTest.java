package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The verdict cache's open-addressed table: a key is found exactly when it was added, across growth, for keys that
 * share one fingerprint, and for the key (0, 0) that marks an empty slot inside the table.
 */
class VerdictCacheTest {

    private record Pair(long a, long b) {
    }

    @Test
    void containsExactlyTheKeysAdded() {
        VerdictCache cache = new VerdictCache();
        Set<Pair> added = new HashSet<>();
        Random r = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            // Few distinct first fingerprints: many keys share a and differ only in b, or the other way round.
            Pair p = new Pair(r.nextInt(64), r.nextLong());
            Pair q = new Pair(r.nextLong(), r.nextInt(64));
            cache.add(p.a(), p.b());
            cache.add(q.a(), q.b());
            added.add(p);
            added.add(q);
        }
        assertEquals(added.size(), cache.size());
        for (Pair p : added) {
            assertTrue(cache.contains(p.a(), p.b()), p.toString());
            assertFalse(cache.contains(p.b(), p.a()) && !added.contains(new Pair(p.b(), p.a())), p.toString());
        }
        for (int i = 0; i < 50_000; i++) {
            Pair p = new Pair(r.nextLong(), r.nextLong());
            assertEquals(added.contains(p), cache.contains(p.a(), p.b()), p.toString());
        }
    }

    @Test
    void zeroKeysAreKeys() {
        VerdictCache cache = new VerdictCache();
        assertFalse(cache.contains(0));
        assertFalse(cache.contains(0, 0));
        cache.add(5, 0);
        assertFalse(cache.contains(0, 0));
        assertFalse(cache.contains(0, 5));
        assertTrue(cache.contains(5, 0));
        cache.add(0);
        assertTrue(cache.contains(0));
        assertTrue(cache.contains(0, 0));
        cache.add(0, 0);
        assertEquals(2, cache.size());
        cache.add(0, 9);
        assertTrue(cache.contains(0, 9));
        assertFalse(cache.contains(9, 0));
    }
}
