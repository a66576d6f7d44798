package mmcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** refine and replay refuse a model whose constants break the spec's ASSUMEs, in one line. */
class RefineCommandBadInputTest {
    @TempDir
    Path dir;

    private Path manifestWith(String cfgText) throws IOException {
        Path models = Files.createDirectories(dir.resolve("models"));
        Path spec = Files.createDirectories(dir.resolve("spec"));
        Files.copy(Path.of("spec", "Buddy.tla"), spec.resolve("Buddy.tla"));
        Files.copy(Path.of("models", "MCBuddy.tla"), models.resolve("MCBuddy.tla"));
        Files.writeString(models.resolve("MCBad.cfg"), cfgText);
        Files.writeString(models.resolve("manifest.json"), "{\"models\": [{\"path\": \"models/MCBad.cfg\", "
                + "\"module\": \"models/MCBuddy.tla\", \"mode\": \"exhaustive search\", \"result\": \"success\", "
                + "\"distinctStates\": 1, \"totalStates\": 1, \"stateDepth\": 1, \"runtime\": \"00:00:01\"}]}");
        return models.resolve("manifest.json");
    }

    private static String cfg(String pageblockOrder) throws IOException {
        return Files.readString(Path.of("models", "MCBuddySmall.cfg"))
                .replace("PageblockOrder = 1", "PageblockOrder = " + pageblockOrder);
    }

    private static List<String> run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return List.of(Integer.toString(status), out.toString(), err.toString());
    }

    @Test
    void refine_pageblockOrderBeyondMaxOrder_oneLineExit2() throws IOException {
        Path manifest = manifestWith(cfg("7"));
        List<String> r = run("refine", "--manifest", manifest.toString(), "--model", "MCBad", "--steps", "10");
        assertEquals("2", r.get(0));
        String err = r.get(2).strip();
        assertFalse(err.contains("\n"), err);
        assertTrue(err.startsWith("mmcheck refine: MCBad.cfg: the constants break the assumption at line"), err);
        assertTrue(err.contains("PageblockOrder \\in 1..(MaxOrder - 1)"), err);
    }

    @Test
    void replay_unknownModel_oneLineExit2() throws IOException {
        Path manifest = manifestWith(cfg("1"));
        List<String> r = run("replay", "--manifest", manifest.toString(), "--model", "MCNope");
        assertEquals("2", r.get(0));
        assertTrue(r.get(2).strip().startsWith("mmcheck replay: unknown model MCNope"), r.get(2));
    }
}
