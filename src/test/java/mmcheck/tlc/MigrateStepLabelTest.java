package mmcheck.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * A step TLC names after a role-narrowed Next (MCUserNext at line 37) is named after the action whose change it is,
 * as every other step is named.
 */
class MigrateStepLabelTest {

    private static final String NONE = "[type |-> \"none\", pfn |-> -1, excl |-> FALSE]";
    private static final String PRESENT = "[type |-> \"present\", pfn |-> 2, excl |-> FALSE]";

    /** Two processes with one vpage each; frame 2 mapped by the PTEs given. */
    private static Map<String, String> state(String pte0, String pte1, String rmap2) {
        Map<String, String> s = new HashMap<>();
        s.put("pte", "(0 :> (0 :> " + pte0 + ") @@ 1 :> (0 :> " + pte1 + "))");
        s.put("rmap", "(2 :> " + rmap2 + " @@ 3 :> {})");
        s.put("written", "(0 :> (0 :> 0) @@ 1 :> (0 :> 0))");
        s.put("waitPte", "(0 :> -1 @@ 1 :> -1)");
        s.put("pinCount", "(2 :> 0 @@ 3 :> 0)");
        s.put("transientRefs", "(2 :> 0 @@ 3 :> 0)");
        s.put("pageLocked", "(2 :> FALSE @@ 3 :> FALSE)");
        s.put("pageWriteback", "(2 :> FALSE @@ 3 :> FALSE)");
        s.put("anonExclusive", "(2 :> FALSE @@ 3 :> FALSE)");
        s.put("opParity", "0");
        return s;
    }

    @Test
    void label_roleNarrowedUserNext_namesTheActionOfTheChange() {
        Map<String, String> before = state(PRESENT, NONE, "{<<0, 0>>}");
        Map<String, String> after = state(PRESENT, PRESENT, "{<<0, 0>>, <<1, 0>>}");
        after.put("opParity", "1");
        Optional<String> fork = MigrateStepLabel.label("MCUserNext", before, after);
        assertTrue(fork.isPresent() && fork.get().startsWith("CopyPresentPte  [copy_present_pte]"), fork.toString());

        Map<String, String> zapped = state(PRESENT, NONE, "{<<0, 0>>}");
        zapped.put("opParity", "1");
        assertEquals(Optional.of("ZapPteRange(proc=1, vpage=0)  [zap_pte_range: proc=1 vpage=0]"
                + "  AddressSpaces.zapPteRange, zap_pte_range()"),
                MigrateStepLabel.label("MigrateUserNext", after, zapped));
    }

    @Test
    void label_contentionNext_namesTheSpeculativeReference() {
        Map<String, String> before = state(PRESENT, NONE, "{<<0, 0>>}");
        Map<String, String> after = state(PRESENT, NONE, "{<<0, 0>>}");
        after.put("transientRefs", "(2 :> 1 @@ 3 :> 0)");
        assertEquals(Optional.of("FolioTryGet(pfn=0x2)  [folio_try_get: pfn=0x2]  Migrate.folioTryGet, folio_try_get()"),
                MigrateStepLabel.label("MCContentionNext", before, after));
        assertEquals(Optional.of("FolioPut(pfn=0x2)  [folio_put: pfn=0x2]  Migrate.folioPut, folio_put()"),
                MigrateStepLabel.label("MCContentionNext", after, before));
    }

    @Test
    void label_unknownName_keepsTlcsName() {
        Map<String, String> s = state(PRESENT, NONE, "{<<0, 0>>}");
        assertEquals(Optional.empty(), MigrateStepLabel.label("SomethingElse", s, s));
    }
}
