package mmcheck.conform;

/**
 * Keys already found good (a state that satisfies every invariant, a step that is its action, an invariant on the
 * values of the variables it reads), so that a long random run on a small model does not re-evaluate the spec on a
 * state, step or part it has checked before. A key is one or two fingerprints ({@link StateId}s, or
 * {@link KnownState#part} of the variables a verdict reads), never a sum of hash codes; what the fingerprints are of
 * (which invariant, which instance of Next) is the cache itself: the checker keeps one per invariant, per step
 * property and per instance.
 *
 * <p>Only good verdicts are kept; a bad step is always evaluated and reported in full. It stops growing at its
 * capacity and then simply misses.
 *
 * <p>The keys sit in one open-addressed array of longs: a random run asks a few hundred thousand times per second and
 * mostly misses, and a hash set of key records cost a cache miss for its table, one for the entry and one for the
 * record on every probe (12% of a compaction run's time).
 */
final class VerdictCache {
    private static final int MAX_SIZE = 1 << 21;
    private static final int INITIAL_SLOTS = 64;
    /**
     * Pairs (a, b) per slot, (0, 0) in an empty slot: a probe reads one line of memory, not a flag array and then the
     * keys. The key (0, 0) itself is kept apart, in hasZero.
     */
    private long[] keys = new long[2 * INITIAL_SLOTS];
    private boolean hasZero;
    private int size;

    /** contains() - whether the one-fingerprint key a was added. */
    boolean contains(long a) {
        return contains(a, 0);
    }

    /** contains() - whether the two-fingerprint key (a, b) was added. */
    boolean contains(long a, long b) {
        if (a == 0 && b == 0) {
            return hasZero;
        }
        int mask = keys.length / 2 - 1;
        for (int i = slot(a, b, mask); !empty(keys, i); i = (i + 1) & mask) {
            if (keys[2 * i] == a && keys[2 * i + 1] == b) {
                return true;
            }
        }
        return false;
    }

    void add(long a) {
        add(a, 0);
    }

    void add(long a, long b) {
        if (size >= MAX_SIZE) {
            return;
        }
        if (a == 0 && b == 0) {
            size += hasZero ? 0 : 1;
            hasZero = true;
            return;
        }
        if (2 * (size + 1) > keys.length / 2) {
            grow();
        }
        if (insert(keys, a, b)) {
            size++;
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] k = new long[2 * keys.length];
        for (int i = 0; i < keys.length / 2; i++) {
            if (!empty(keys, i)) {
                insert(k, keys[2 * i], keys[2 * i + 1]);
            }
        }
        keys = k;
    }

    private static boolean empty(long[] keys, int i) {
        return keys[2 * i] == 0 && keys[2 * i + 1] == 0;
    }

    /** Puts (a, b), not (0, 0), into the table unless it is there; whether it was not. */
    private static boolean insert(long[] keys, long a, long b) {
        int mask = keys.length / 2 - 1;
        int i = slot(a, b, mask);
        for (; !empty(keys, i); i = (i + 1) & mask) {
            if (keys[2 * i] == a && keys[2 * i + 1] == b) {
                return false;
            }
        }
        keys[2 * i] = a;
        keys[2 * i + 1] = b;
        return true;
    }

    /** The first slot to probe: the fingerprints mixed, so that keys that differ in either spread over the table. */
    private static int slot(long a, long b, int mask) {
        long h = a * 0x9E3779B97F4A7C15L + b;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int) h & mask;
    }
}
