package mmcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import mmcheck.tlc.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model TLC cannot start on is bad input: one line, TLC's or SANY's own message naming the file and line, exit
 * 2. (Each of these once gave a SURPRISE row and exit 1.)
 */
class TlcBadInputTest {
    @TempDir
    Path repo;

    private Path manifest;

    @BeforeEach
    void copyOfTheFixtures() throws IOException {
        for (String dir : List.of("spec", "models")) {
            try (var paths = Files.walk(Fixtures.root().resolve(dir))) {
                for (Path p : paths.toList()) {
                    Files.copy(p, repo.resolve(dir).resolve(Fixtures.root().resolve(dir).relativize(p).toString()));
                }
            }
        }
        manifest = repo.resolve("models/manifest.json");
    }

    /** Adds model NAME (its .tla and .cfg) to a manifest that expects it to succeed. */
    private void model(String name, String tla, String cfg) throws IOException {
        Files.writeString(repo.resolve("models/" + name + ".tla"), "---- MODULE " + name + " ----\n" + tla + "====\n");
        Files.writeString(repo.resolve("models/" + name + ".cfg"), cfg);
        Files.writeString(manifest, "{\"models\": [{\"path\": \"models/" + name + ".cfg\", \"module\": \"models/"
                + name + ".tla\", \"mode\": \"exhaustive search\", \"result\": \"success\", \"distinctStates\": 3, "
                + "\"totalStates\": 3, \"stateDepth\": 3, \"runtime\": \"00:00:01\"}]}");
    }

    private static final String CFG = "CONSTANTS Limit = 2\nCONSTANTS Pfns <- MCPfns\nINIT Init\nNEXT Next\n"
            + "INVARIANTS Small TypeOK\n";

    private List<String> errorLines(String name) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"tlc", "--workers", "1", "--manifest", manifest.toString(), name},
                new PrintWriter(out), new PrintWriter(err), List.of());
        assertEquals(2, exit, out + "\n" + err);
        assertEquals("", out.toString());
        return err.toString().lines().filter(l -> !l.startsWith(name + ": ")).toList();
    }

    @Test
    void malformedCfg_isTlcsConfigErrorWithItsLine() throws IOException {
        model("MCBadCfg", "EXTENDS Counter\nMCPfns == 0..5\n", "CONSTANTS Limit =\nINIT Init\n");
        assertEquals(List.of("mmcheck tlc: " + repo.resolve("models/MCBadCfg.cfg") + ": TLC found an error in the "
                + "configuration file at line 2 It was expecting = or <-, but did not find it."), errorLines("MCBadCfg"));
    }

    @Test
    void malformedTla_isSanysParseErrorWithItsLine() throws IOException {
        model("MCBadTla", "EXTENDS Counter\nMCPfns == 0..5 /\\\n", CFG);
        assertEquals(List.of("mmcheck tlc: models/MCBadTla.cfg: parse error in module MCBadTla: Encountered \"====\" "
                + "at line 4, column 1 and token \"/\\\\\""), errorLines("MCBadTla"));
    }

    @Test
    void missingConstant_isTlcsMessage() throws IOException {
        model("MCNoLimit", "EXTENDS Counter\nMCPfns == 0..5\n", CFG.replace("CONSTANTS Limit = 2\n", ""));
        assertEquals(List.of("mmcheck tlc: models/MCNoLimit.cfg: The constant parameter Limit is not assigned a value "
                + "by the configuration file."), errorLines("MCNoLimit"));
    }

    @Test
    void brokenAssume_isTheAssumptionWithItsLine() throws IOException {
        model("MCAssume", "EXTENDS Counter\nMCPfns == 0..5\nASSUME Limit > 5\n", CFG);
        assertEquals(List.of("mmcheck tlc: models/MCAssume.cfg: Assumption line 4, col 8 to line 4, col 16 of module "
                + "MCAssume is false."), errorLines("MCAssume"));
    }

    /** ZoneEnd = 2147483647 once ran TLC past a minute at 1.6 GB; now TLC is not even started. */
    @Test
    void constantBeyondEnumeration_refusedBeforeTlcStarts() throws IOException {
        model("MCHuge", "EXTENDS Counter\nMCPfns == 0..5\n", CFG.replace("Limit = 2", "Limit = 2147483647"));
        assertEquals(List.of("mmcheck tlc: " + repo.resolve("models/MCHuge.cfg") + ": constant Limit = 2147483647 is "
                + "beyond what TLC can enumerate (sets of at most 1000000 elements); a model's constants must keep its "
                + "state space small"), errorLines("MCHuge"));
    }
}
