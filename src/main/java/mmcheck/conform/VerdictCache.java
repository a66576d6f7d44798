package mmcheck.conform;

import java.util.HashSet;
import java.util.Set;

/**
 * Keys already found good (a state that satisfies every invariant, a step that is its action), so that a long random
 * run on a small model does not re-evaluate the spec on a state or step it has checked before. A key is a record of
 * {@link StateId}s and the step's identity, never a sum of hash codes.
 *
 * <p>Only good verdicts are kept; a bad step is always evaluated and reported in full. It stops growing at its
 * capacity and then simply misses.
 *
 * @param <K> the key: a record with value equality
 */
final class VerdictCache<K> {
    private static final int MAX_SIZE = 1 << 21;
    private final Set<K> good = new HashSet<>();
    private long hits;
    private long misses;

    boolean contains(K key) {
        if (good.contains(key)) {
            hits++;
            return true;
        }
        misses++;
        return false;
    }

    void add(K key) {
        if (good.size() < MAX_SIZE) {
            good.add(key);
        }
    }

    long hits() {
        return hits;
    }

    long misses() {
        return misses;
    }
}
