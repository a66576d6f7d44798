package mmcheck.conform;

/**
 * Fingerprints of abstract states and transitions already found good, so that a long random run
 * on a small model does not re-evaluate the spec on a state or step it has checked before.
 *
 * <p>This is the same trade TLC makes with its seen-set: a 64-bit fingerprint stands for the state.
 * Only good verdicts are kept; a bad step is always evaluated and reported in full. Open addressing
 * over a long[]; 0 marks an empty slot, so a zero key is remapped. It stops growing at its capacity
 * and then simply misses.
 */
final class VerdictCache {
    private static final int MAX_CAPACITY = 1 << 22;
    private long[] slots = new long[1 << 12];
    private int size;
    private long hits;
    private long misses;

    boolean contains(long key) {
        long k = key == 0 ? 1 : key;
        int mask = slots.length - 1;
        for (int i = mix(k) & mask; ; i = (i + 1) & mask) {
            long s = slots[i];
            if (s == k) {
                hits++;
                return true;
            }
            if (s == 0) {
                misses++;
                return false;
            }
        }
    }

    void add(long key) {
        long k = key == 0 ? 1 : key;
        if (size * 2 >= slots.length) {
            if (slots.length >= MAX_CAPACITY) {
                return;
            }
            grow();
        }
        int mask = slots.length - 1;
        for (int i = mix(k) & mask; ; i = (i + 1) & mask) {
            if (slots[i] == k) {
                return;
            }
            if (slots[i] == 0) {
                slots[i] = k;
                size++;
                return;
            }
        }
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long k : old) {
            if (k != 0) {
                add(k);
            }
        }
    }

    long hits() {
        return hits;
    }

    long misses() {
        return misses;
    }

    private static int mix(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
