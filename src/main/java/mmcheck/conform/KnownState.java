package mmcheck.conform;

import java.util.Arrays;

import tlc2.tool.TLCState;
import tlc2.util.FP64;
import tlc2.value.IValue;
import tlc2.value.impl.RecordValue;
import util.UniqueString;

/**
 * A spec state with the fingerprint of each of its variables and its {@link StateId}, so that the step checker's
 * caches can key a verdict on the part of a state it depends on (the variables an invariant reads, those an action
 * reads outside its UNCHANGED frame) as well as on the whole state.
 *
 * <p>A state known as the successor of another hashes only the variables whose values changed; the others keep their
 * fingerprints. Changed means not equal as TLC values, so an engine that rebuilds equal values every step costs no
 * hashing for them.
 */
final class KnownState {
    private static long serials;

    private final TLCState state;
    private final IValue[] values;
    /** Per variable, its fingerprint; computed when first asked for (a run without caches never asks). */
    private long[] fingerprints;
    private StateId id;
    /** The serial of the state this one was derived from (-1: computed alone), and which variables differ from it. */
    private final long serial;
    private final long from;
    private final boolean[] changed;
    /** The parts computed so far: the variable arrays asked about (by identity) and their fingerprints. */
    private int[][] partVars = new int[8][];
    private long[] partFps = new long[8];
    private int parts;
    /** The same for field-level reads ({@link Reads}), by identity. */
    private Reads[] partReads = new Reads[8];
    private long[] readsFps = new long[8];
    private int readParts;
    /** The record fields fingerprinted so far (variable, field, fingerprint): several verdicts read cc.migratepages. */
    private int[] fpFieldVar = new int[4];
    private UniqueString[] fpField = new UniqueString[4];
    private long[] fieldFps = new long[4];
    private int fpFields;

    private KnownState(TLCState state, IValue[] values, long[] fingerprints, long from, boolean[] changed) {
        this.state = state;
        this.values = values;
        this.fingerprints = fingerprints;
        this.serial = nextSerial();
        this.from = from;
        this.changed = changed;
    }

    private static synchronized long nextSerial() {
        return serials++;
    }

    /** of() - a state's variables (in the spec's order: vars). */
    static KnownState of(TLCState s, UniqueString[] vars) {
        IValue[] values = new IValue[vars.length];
        for (int i = 0; i < vars.length; i++) {
            values[i] = s.lookup(vars[i]);
        }
        return new KnownState(s, values, null, -1, null);
    }

    /**
     * successor() - t, with the variables whose values differ from this state's; when this state's fingerprints are
     * known, only those variables are hashed again.
     */
    KnownState successor(TLCState t, UniqueString[] vars) {
        IValue[] tv = new IValue[vars.length];
        boolean[] diff = new boolean[vars.length];
        long[] fps = fingerprints == null ? null : new long[vars.length];
        for (int i = 0; i < vars.length; i++) {
            tv[i] = t.lookup(vars[i]);
            diff[i] = !sameValue(values[i], tv[i]);
            if (fps != null) {
                fps[i] = diff[i] ? fingerprint(tv[i]) : fingerprints[i];
            }
        }
        return new KnownState(t, tv, fps, serial, diff);
    }

    /**
     * A variable's fingerprint for the caches' keys: TLC's own ({@link StateId#fingerprint}), except that a record's
     * field names enter as their interned UniqueStrings' tokens (distinct names, distinct tokens) where TLC's
     * RecordValue.fingerPrint hashes every name character by character: cc has 29 fields, changes on most compaction
     * steps, and its names were a third of the time spent hashing states. Equal values still get equal keys (the
     * record is normalized first, as TLC does), and the keys stay 64-bit fingerprints of the whole value; they are
     * compared only with keys of this class, never with a {@link StateId#of(TLCState)}.
     */
    static long fingerprint(IValue value) {
        if (!(value instanceof RecordValue r)) {
            return StateId.fingerprint(value);
        }
        r.normalize();
        long fp = FP64.Extend(FP64.New(), RECORD_BY_TOKENS);
        fp = FP64.Extend(fp, r.names.length);
        for (int i = 0; i < r.names.length; i++) {
            fp = FP64.Extend(fp, r.names[i].getTok());
            fp = r.values[i].fingerPrint(fp);
        }
        return fp;
    }

    /** The tag a record hashed by field tokens starts with: no TLC value kind (ValueConstants: 0-26) starts its fingerprint so. */
    private static final byte RECORD_BY_TOKENS = 101;

    /** Whether two values of a variable are equal (TLC's equality; values it cannot compare are not). */
    static boolean sameValue(IValue a, IValue b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        try {
            return a.equals(b);
        } catch (RuntimeException e) {
            return false;
        }
    }

    TLCState state() {
        return state;
    }

    StateId id() {
        if (id == null) {
            id = StateId.of(fingerprints());
        }
        return id;
    }

    private long[] fingerprints() {
        if (fingerprints == null) {
            long[] fps = new long[values.length];
            for (int i = 0; i < fps.length; i++) {
                fps[i] = fingerprint(values[i]);
            }
            fingerprints = fps;
        }
        return fingerprints;
    }

    /** Per variable, whether its value differs between before and this state. */
    boolean[] changedFrom(KnownState before) {
        if (before.serial == from) {
            return changed;
        }
        boolean[] diff = new boolean[values.length];
        for (int i = 0; i < diff.length; i++) {
            diff[i] = !sameValue(values[i], before.values[i]);
        }
        return diff;
    }

    /**
     * The fingerprint of what reads reads: its whole variables' fingerprints, then its fields', in its order. A
     * field is fingerprinted alone when the variable holds a record with that field; otherwise (a value the
     * abstraction did not build as a record, a field it lacks) the whole variable stands for it, which determines
     * the field as well. Remembered per Reads by identity, as {@link #part(int[])}.
     */
    long part(Reads reads) {
        for (int i = 0; i < readParts; i++) {
            if (partReads[i] == reads) {
                return readsFps[i];
            }
        }
        long[] fps = fingerprints();
        long fp = FP64.New();
        for (int v : reads.whole) {
            fp = FP64.Extend(fp, fps[v]);
        }
        for (int i = 0; i < reads.field.length; i++) {
            fp = FP64.Extend(fp, fieldFingerprint(reads.fieldVar[i], reads.field[i]));
        }
        if (readParts == partReads.length) {
            partReads = Arrays.copyOf(partReads, 2 * readParts);
            readsFps = Arrays.copyOf(readsFps, 2 * readParts);
        }
        partReads[readParts] = reads;
        readsFps[readParts++] = fp;
        return fp;
    }

    private long fieldFingerprint(int v, UniqueString f) {
        for (int i = 0; i < fpFields; i++) {
            if (fpFieldVar[i] == v && fpField[i] == f) {
                return fieldFps[i];
            }
        }
        IValue value = field(values[v], f);
        long fp = value == null ? fingerprints()[v] : fingerprint(value);
        if (fpFields == fpField.length) {
            fpFieldVar = Arrays.copyOf(fpFieldVar, 2 * fpFields);
            fpField = Arrays.copyOf(fpField, 2 * fpFields);
            fieldFps = Arrays.copyOf(fieldFps, 2 * fpFields);
        }
        fpFieldVar[fpFields] = v;
        fpField[fpFields] = f;
        fieldFps[fpFields++] = fp;
        return fp;
    }

    /** The value of field f of a record value, or null when value is not a record with that field. */
    private static IValue field(IValue value, UniqueString f) {
        if (value instanceof RecordValue r) {
            for (int i = 0; i < r.names.length; i++) {
                if (r.names[i] == f) {
                    return r.values[i];
                }
            }
        }
        return null;
    }

    /**
     * Whether anything reads reads differs between before and this state: a variable read whole that changed, or a
     * field read of a changed variable whose value differs (or cannot be told apart as a field). diff is
     * {@link #changedFrom}(before).
     */
    boolean changed(KnownState before, boolean[] diff, Reads reads) {
        for (int v : reads.whole) {
            if (diff[v]) {
                return true;
            }
        }
        for (int i = 0; i < reads.field.length; i++) {
            int v = reads.fieldVar[i];
            if (diff[v]) {
                IValue a = field(before.values[v], reads.field[i]);
                IValue b = field(values[v], reads.field[i]);
                if (a == null || b == null || !sameValue(a, b)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The fingerprint of these variables' values (indexes in the spec's order), in that order. The checker asks with
     * its own arrays (an invariant's reads, an action's body), and about each state twice: after a step, then before
     * the next; the parts asked for are remembered by the array's identity.
     */
    long part(int[] vars) {
        for (int i = 0; i < parts; i++) {
            if (partVars[i] == vars) {
                return partFps[i];
            }
        }
        long[] fps = fingerprints();
        long fp = FP64.New();
        for (int v : vars) {
            fp = FP64.Extend(fp, fps[v]);
        }
        if (parts == partVars.length) {
            partVars = Arrays.copyOf(partVars, 2 * parts);
            partFps = Arrays.copyOf(partFps, 2 * parts);
        }
        partVars[parts] = vars;
        partFps[parts++] = fp;
        return fp;
    }
}
