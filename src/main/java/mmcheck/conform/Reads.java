package mmcheck.conform;

import java.util.Arrays;

import util.UniqueString;

/**
 * What a verdict depends on ({@link VariableReads#fields}): variables read whole, and fields of record variables that
 * an expression reads only as {@code v.f} with a constant field name. CompactRefcountInv reads cc only as
 * cc.migratepages, so the compaction steps that move the scanners or the run's pc, and change cc on nearly every
 * step, leave its verdict as it was: keyed on cc.migratepages, it is answered from the cache.
 *
 * <p>The field reads are sorted by variable; {@link #vars} is every variable touched either way, for the tests that
 * only need to know whether a step changed something read at all.
 */
final class Reads {
    /** Indexes (in the spec's variable order) of the variables read whole, ascending. */
    final int[] whole;
    /** Per field read: its variable's index and the field's name (interned, compared by identity). */
    final int[] fieldVar;
    final UniqueString[] field;
    /** Every variable read, whole or through a field, ascending. */
    final int[] vars;

    Reads(int[] whole, int[] fieldVar, UniqueString[] field) {
        if (fieldVar.length != field.length) {
            throw new IllegalArgumentException("one variable per field read");
        }
        this.whole = whole;
        this.fieldVar = fieldVar;
        this.field = field;
        this.vars = java.util.stream.IntStream.concat(Arrays.stream(whole), Arrays.stream(fieldVar)).distinct()
                .sorted().toArray();
    }

    /** Reads of these whole variables only. */
    static Reads whole(int[] vars) {
        return new Reads(vars.clone(), new int[0], new UniqueString[0]);
    }

    /** Whether variable v is read whole. */
    boolean readsWhole(int v) {
        for (int w : whole) {
            if (w == v) {
                return true;
            }
        }
        return false;
    }

    /** Whether variable v's field f is read (alone: a variable read whole has no field reads). */
    boolean readsField(int v, String f) {
        for (int i = 0; i < fieldVar.length; i++) {
            if (fieldVar[i] == v && field[i].toString().equals(f)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("whole ").append(Arrays.toString(whole)).append(", fields [");
        for (int i = 0; i < field.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(fieldVar[i]).append('.').append(field[i]);
        }
        return sb.append(']').toString();
    }
}
