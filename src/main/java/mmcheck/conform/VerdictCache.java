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
    /** Pairs (a, b) per slot; a slot is used when used[slot]. */
    private long[] keys = new long[2 * INITIAL_SLOTS];
    private boolean[] used = new boolean[INITIAL_SLOTS];
    private int size;

    /** contains() - whether the one-fingerprint key a was added. */
    boolean contains(long a) {
        return contains(a, 0);
    }

    /** contains() - whether the two-fingerprint key (a, b) was added. */
    boolean contains(long a, long b) {
        int mask = used.length - 1;
        for (int i = slot(a, b, mask); used[i]; i = (i + 1) & mask) {
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
        if (2 * (size + 1) > used.length) {
            grow();
        }
        if (insert(keys, used, a, b)) {
            size++;
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] k = new long[2 * keys.length];
        boolean[] u = new boolean[2 * used.length];
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                insert(k, u, keys[2 * i], keys[2 * i + 1]);
            }
        }
        keys = k;
        used = u;
    }

    /** Puts (a, b) into the table unless it is there; whether it was not. */
    private static boolean insert(long[] keys, boolean[] used, long a, long b) {
        int mask = used.length - 1;
        int i = slot(a, b, mask);
        for (; used[i]; i = (i + 1) & mask) {
            if (keys[2 * i] == a && keys[2 * i + 1] == b) {
                return false;
            }
        }
        used[i] = true;
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
