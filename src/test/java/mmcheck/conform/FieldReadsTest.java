package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import mmcheck.conform.compaction.CompactionBinding;
import tla2sany.semantic.SemanticNode;
import tlc2.tool.TLCState;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.Value;
import util.UniqueString;

/**
 * Field-level reads (model MCCompactionBind): a conjunct that reads cc only as cc.migratepages is keyed on that field,
 * so a step that moves another field of cc leaves its verdict cached, and one that moves cc.migratepages has it
 * evaluated again (and a broken refcount caught); any whole use of cc keys on all of it.
 */
class FieldReadsTest {
    private static final SpecModel SPEC = Models.load("MCCompactionBind");
    private static final CompactionBinding BINDING = (CompactionBinding) Binding.of(SPEC);
    private static final int CC = SPEC.variableNames().indexOf("cc");

    @Test
    void fieldReads_compactRefcountInv_readsCcOnlyAsMigratepages() {
        Reads r = SPEC.fieldReads(List.of(invariant("CompactRefcountInv")));
        assertTrue(r.readsField(CC, "migratepages"), r.toString());
        assertFalse(r.readsWhole(CC), r.toString());
        assertEquals(1, Arrays.stream(r.fieldVar).filter(v -> v == CC).count(), "no other field of cc: " + r);
        assertTrue(r.readsWhole(SPEC.variableNames().indexOf("refcount")), r.toString());
    }

    @Test
    void fieldReads_wholeUsesOfCc_fallBackToTheWholeVariable() {
        // cc \in CcType; cc passed to CompactScannersMetOf; cc.pc beside [cc EXCEPT ...].
        for (SemanticNode e : List.of(invariant("CompactionTypeOK"), SPEC.operator("CompactScannersMet").getBody(),
                SPEC.operator("CompactionSuitable").getBody())) {
            Reads r = SPEC.fieldReads(List.of(e));
            assertTrue(r.readsWhole(CC), r.toString());
            assertFalse(Arrays.stream(r.fieldVar).anyMatch(v -> v == CC), "a whole read has no field reads: " + r);
        }
        // Reads of several expressions together: one whole use makes cc whole for all of them.
        Reads both = SPEC.fieldReads(List.of(invariant("CompactRefcountInv"), invariant("CompactionTypeOK")));
        assertTrue(both.readsWhole(CC), both.toString());
        assertFalse(both.readsField(CC, "migratepages"), both.toString());
    }

    @Test
    void violatedInvariants_conjunctOnCcMigratepages_reevaluatedOnlyWhenThatFieldChanges() {
        PartVerdicts parts = new PartVerdicts(SPEC, Catalog.of(SPEC, BINDING), true);
        TLCState faulted = withUserPage();
        int page = userPage(faulted);
        KnownState k0 = KnownState.of(faulted, SPEC.variables());
        assertEquals(List.of(), parts.violatedInvariants(k0, null));
        long refcount = parts.evaluations("CompactRefcountInv");
        long typeOk = parts.evaluations("CompactionTypeOK");
        assertEquals(1, refcount);

        // Another field of cc moves: the refcount conjunct is answered from the cache (no good state is given, so
        // only its key can tell), while CompactionTypeOK, which reads cc whole, is evaluated again.
        TLCState moved = withCcField(faulted, "migratePfn", IntValue.gen(ccInt(faulted, "migratePfn") + 1));
        KnownState k1 = k0.successor(moved, SPEC.variables());
        assertNotEquals(k0.id(), k1.id());
        parts.violatedInvariants(k1, null);
        assertEquals(refcount, parts.evaluations("CompactRefcountInv"), "cc.migratepages did not change");
        assertEquals(typeOk + 1, parts.evaluations("CompactionTypeOK"), "cc changed as a whole");
        // From k0 as the good state: that field of cc is unchanged, so the conjunct is not even looked up.
        parts.violatedInvariants(k1, k0);
        assertEquals(refcount, parts.evaluations("CompactRefcountInv"));

        // cc.migratepages takes the user page without its isolation reference: evaluated again, and caught.
        TLCState isolated = withCcField(moved, "migratepages",
                new SetEnumValue(new Value[] {IntValue.gen(page)}, true));
        KnownState k2 = k1.successor(isolated, SPEC.variables());
        List<String> violated = parts.violatedInvariants(k2, k1);
        assertEquals(refcount + 1, parts.evaluations("CompactRefcountInv"));
        assertTrue(violated.contains("CompactRefcountInv"), violated.toString());
    }

    @Test
    void part_fieldKeyFollowsTheFieldNotTheRecord() {
        Reads onlyMigratepages = SPEC.fieldReads(List.of(invariant("CompactRefcountInv")));
        TLCState s = withUserPage();
        KnownState k0 = KnownState.of(s, SPEC.variables());
        KnownState k1 = k0.successor(withCcField(s, "freePfn", IntValue.gen(ccInt(s, "freePfn") + 2)),
                SPEC.variables());
        assertEquals(k0.part(onlyMigratepages), k1.part(onlyMigratepages));
        assertFalse(k1.changed(k0, k1.changedFrom(k0), onlyMigratepages));
        KnownState k2 = k1.successor(withCcField(s, "migratepages",
                new SetEnumValue(new Value[] {IntValue.gen(userPage(s))}, true)), SPEC.variables());
        assertNotEquals(k1.part(onlyMigratepages), k2.part(onlyMigratepages));
        assertTrue(k2.changed(k1, k2.changedFrom(k1), onlyMigratepages));
    }

    private static SemanticNode invariant(String name) {
        return SPEC.invariant(Arrays.asList(SPEC.invariantNames()).indexOf(name)).pred;
    }

    /** The spec's successor of the initial state by a DoAnonymousPage: one user page, mapped once. */
    private static TLCState withUserPage() {
        Catalog catalog = Catalog.of(SPEC, BINDING);
        TLCState init = BINDING.abstraction(BINDING.initialEngine());
        for (Catalog.Entry e : catalog.entries()) {
            if (e.step().specName().equals("DoAnonymousPage")) {
                List<TLCState> next = catalog.successors(e, init);
                if (!next.isEmpty()) {
                    return next.get(0);
                }
            }
        }
        throw new AssertionError("no DoAnonymousPage is enabled in the initial state");
    }

    /** The pfn whose mapcount is 1 (the page the fault mapped). */
    private static int userPage(TLCState s) {
        FcnRcdValue mapcount = (FcnRcdValue) SPEC.values(s).get("mapcount").toFcnRcd();
        for (int i = 0; i < mapcount.values.length; i++) {
            if (((IntValue) mapcount.values[i]).val == 1) {
                return ((IntValue) mapcount.getDomainAsValues()[i]).val;
            }
        }
        throw new AssertionError("no mapped page");
    }

    private static int ccInt(TLCState s, String field) {
        RecordValue cc = (RecordValue) SPEC.values(s).get("cc");
        return ((IntValue) cc.select(new tlc2.value.impl.StringValue(field))).val;
    }

    /** s with one field of cc replaced. */
    private static TLCState withCcField(TLCState s, String field, Value value) {
        Map<String, Value> v = SPEC.values(s);
        RecordValue cc = (RecordValue) v.get("cc");
        Value[] values = cc.values.clone();
        UniqueString name = UniqueString.uniqueStringOf(field);
        int at = Arrays.asList(cc.names).indexOf(name);
        assertTrue(at >= 0, "cc has no field " + field);
        values[at] = value;
        v.put("cc", new RecordValue(cc.names, values, cc.isNormalized()));
        return SPEC.state(v);
    }
}
