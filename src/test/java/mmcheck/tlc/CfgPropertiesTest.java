package mmcheck.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CfgPropertiesTest {
    @TempDir
    Path dir;

    private TlcResult violated(String property) {
        return new TlcResult(TlcOutcome.LIVENESS_FAILURE, 13, property, 1L, 1L, 1L, 1.0, List.of(), null, "");
    }

    @Test
    void named_singleProperty_namesTheLocationOnlyViolation() throws IOException {
        Path cfg = dir.resolve("M.cfg");
        Files.writeString(cfg, "CONSTANTS\n  N = 2\nINIT Init\nNEXT Next\n\\* the refinement\nPROPERTY\n"
                + "    ProcessMemoryRefinement\nINVARIANTS\n  TypeOK\n");
        assertEquals(List.of("ProcessMemoryRefinement"), CfgProperties.properties(cfg));
        assertEquals("ProcessMemoryRefinement", CfgProperties.named(violated(
                "line 88, col 17 to line 88, col 31 of module ProcessMemory"), cfg).violatedProperty());
    }

    @Test
    void hasView_onlyForAViewLine() throws IOException {
        Path with = dir.resolve("V.cfg");
        Files.writeString(with, "INIT Init\nNEXT Next\nVIEW MCView\n");
        Path without = dir.resolve("W.cfg");
        Files.writeString(without, "INIT Init\n\\* VIEW MCView is left out\nNEXT Next\n");
        assertEquals(true, CfgProperties.hasView(with));
        assertEquals(false, CfgProperties.hasView(without));
    }

    @Test
    void named_twoPropertiesOrANamedInvariant_leftAsTlcSaidIt() throws IOException {
        Path cfg = dir.resolve("M.cfg");
        Files.writeString(cfg, "INIT Init\nNEXT Next\nPROPERTIES A B\n");
        String loc = "line 1, col 1 to line 1, col 2 of module M";
        assertEquals(loc, CfgProperties.named(violated(loc), cfg).violatedProperty());
        assertEquals("TypeOK", CfgProperties.named(violated("TypeOK"), cfg).violatedProperty());
    }

    @Test
    void read_malformedCfg_isTlcsOwnMessageWithTheLine() throws IOException {
        Path cfg = dir.resolve("Bad.cfg");
        Files.writeString(cfg, "CONSTANTS N =\nINIT Init\n");
        BadInputException e = assertThrows(BadInputException.class, () -> CfgProperties.read(cfg));
        assertEquals(cfg + ": TLC found an error in the configuration file at line 2 It was expecting = or <-, "
                + "but did not find it.", e.getMessage());
    }

    /** ZoneEnd = 2147483647 once ran TLC past a minute and 1.6 GB before anything was said. */
    @Test
    void requireEnumerableConstants_refusesAConstantBeyondTlcsSetBound() throws IOException {
        Path cfg = dir.resolve("Big.cfg");
        Files.writeString(cfg, "CONSTANTS\n  ZoneStart = 1\n  ZoneEnd = 2147483647\nINIT Init\nNEXT Next\n");
        BadInputException e = assertThrows(BadInputException.class,
                () -> CfgProperties.read(cfg).requireEnumerableConstants());
        assertEquals(cfg + ": constant ZoneEnd = 2147483647 is beyond what TLC can enumerate (sets of at most "
                + "1000000 elements); a model's constants must keep its state space small", e.getMessage());
        Path inSet = dir.resolve("Set.cfg");
        Files.writeString(inSet, "CONSTANTS Pfns = {1, -2000000}\nINIT Init\nNEXT Next\n");
        assertThrows(BadInputException.class, () -> CfgProperties.read(inSet).requireEnumerableConstants());
        Path small = dir.resolve("Small.cfg");
        Files.writeString(small, "CONSTANTS ZoneEnd = 1000000\nINIT Init\nNEXT Next\n");
        CfgProperties.read(small).requireEnumerableConstants();
    }
}
