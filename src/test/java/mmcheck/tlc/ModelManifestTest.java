package mmcheck.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelManifestTest {
    @TempDir
    Path root;

    @BeforeEach
    void files() throws IOException {
        Files.createDirectories(root.resolve("models"));
        Files.writeString(root.resolve("models/MCBuddy.cfg"), "");
        Files.writeString(root.resolve("models/MCBuddy.tla"), "");
    }

    private static final String OK_ENTRY = "\"path\": \"models/MCBuddy.cfg\", \"module\": \"models/MCBuddy.tla\", "
            + "\"mode\": \"exhaustive search\", \"result\": \"success\", \"distinctStates\": 10, "
            + "\"totalStates\": 20, \"stateDepth\": 4, \"runtime\": \"00:01:03\"";

    private ModelManifest parse(String entryFields) {
        return ModelManifest.parse("{\"models\": [{" + entryFields + "}]}", root);
    }

    @Test
    void readsAValidEntry() {
        ManifestEntry e = parse(OK_ENTRY + ", \"description\": \"d\"").models().get(0);
        assertEquals("MCBuddy", e.name());
        assertEquals(ModelMode.EXHAUSTIVE, e.mode());
        assertEquals(TlcOutcome.SUCCESS, e.result());
        assertEquals(10L, e.distinctStates());
        assertEquals(20L, e.totalStates());
        assertEquals(4L, e.stateDepth());
        assertEquals(Duration.ofSeconds(63), e.runtime());
        assertEquals("d", e.description());
        assertNull(e.violatedInvariant());
    }

    @Test
    void readsASimulationAndAFailure() {
        ManifestEntry sim = parse("\"path\": \"models/MCBuddy.cfg\", \"module\": \"models/MCBuddy.tla\", "
                + "\"mode\": \"simulate\", \"depth\": 50, \"num\": 100, \"result\": \"safety failure\", "
                + "\"violatedInvariant\": \"MaximalCoalescingInv\", \"runtime\": \"00:00:03\", "
                + "\"checkDeadlock\": false").models().get(0);
        assertEquals(ModelMode.SIMULATE, sim.mode());
        assertEquals(50, sim.depth());
        assertEquals(100L, sim.num());
        assertEquals("MaximalCoalescingInv", sim.violatedInvariant());
        assertEquals(Boolean.FALSE, sim.checkDeadlock());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"module\": \"models/Nope.tla\"          | models[0] (models/MCBuddy.cfg): missing file models/Nope.tla",
        "\"mode\": \"bfs\"                        | models[0] (models/MCBuddy.cfg): unknown mode \"bfs\" "
            + "(expected \"exhaustive search\" or \"simulate\")",
        "\"result\": \"fine\"                     | models[0] (models/MCBuddy.cfg): unknown result \"fine\" "
            + "(expected success, assumption failure, deadlock failure, safety failure, liveness failure or "
            + "assertion failure)",
        "\"runtime\": \"3s\"                      | models[0] (models/MCBuddy.cfg): \"runtime\" must look like "
            + "00:00:03, not \"3s\"",
        "\"distinctStates\": -1                   | models[0] (models/MCBuddy.cfg): \"distinctStates\" must be a "
            + "non-negative integer",
        "\"stateDepth\": null                     | models[0] (models/MCBuddy.cfg): an exhaustive success needs "
            + "\"distinctStates\", \"totalStates\" and \"stateDepth\"",
        "\"violatedInvariant\": \"Inv\"           | models[0] (models/MCBuddy.cfg): \"violatedInvariant\" given but "
            + "the result is success",
        "\"checkDeadlock\": true                  | models[0] (models/MCBuddy.cfg): \"checkDeadlock\" can only be "
            + "false (leave it out to let the cfg decide)",
        "\"num\": 3                               | models[0] (models/MCBuddy.cfg): \"depth\" and \"num\" are for "
            + "mode \"simulate\"",
        "\"onDemand\": \"yes\"                   | models[0] (models/MCBuddy.cfg): \"onDemand\" must be true or "
            + "false, not \"yes\"",
        "\"onDemand\": 1                        | models[0] (models/MCBuddy.cfg): \"onDemand\" must be true or "
            + "false, not 1",
        "\"path\": \"models/MCBuddy.tla\"         | models[0] (models/MCBuddy.tla): \"path\" must name a .cfg file, "
            + "not models/MCBuddy.tla",
    })
    void rejectsABadFieldWithOneLine(String override, String message) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : OK_ENTRY.split(", ")) {
            fields.put(field.substring(0, field.indexOf(':')), field);
        }
        fields.put(override.substring(0, override.indexOf(':')), override);
        ManifestException e = assertThrows(ManifestException.class, () -> parse(String.join(", ", fields.values())));
        assertEquals(message, e.getMessage());
    }

    @Test
    void onDemandIsReadWrittenAndDefaultsToFalse() {
        ManifestEntry e = parse(OK_ENTRY + ", \"onDemand\": true").models().get(0);
        assertTrue(e.onDemand());
        assertEquals(Boolean.TRUE, e.toJson().get("onDemand"));
        assertEquals("./check.sh tlc MCBuddy --workers 2", e.onDemandCommand());
        assertFalse(parse(OK_ENTRY + ", \"onDemand\": false").models().get(0).onDemand());
        ManifestEntry plain = parse(OK_ENTRY).models().get(0);
        assertFalse(plain.onDemand());
        // false is the default, so it is not written back: the manifest's other entries stay as they are.
        assertFalse(plain.toJson().containsKey("onDemand"));
    }

    @Test
    void rejectsUnknownKeysSoTyposAreNotLostExpectations() {
        ManifestException e = assertThrows(ManifestException.class, () -> parse(OK_ENTRY + ", \"distinctstates\": 3"));
        assertTrue(e.getMessage().startsWith("models[0] (models/MCBuddy.cfg): unknown key \"distinctstates\""),
                e.getMessage());
    }

    @Test
    void safetyFailureNeedsTheInvariant() {
        String fields = "\"path\": \"models/MCBuddy.cfg\", \"module\": \"models/MCBuddy.tla\", "
                + "\"mode\": \"exhaustive search\", \"result\": \"safety failure\", \"runtime\": \"00:00:01\"";
        ManifestException e = assertThrows(ManifestException.class, () -> parse(fields));
        assertEquals("models[0] (models/MCBuddy.cfg): a safety failure needs \"violatedInvariant\"", e.getMessage());
    }

    @Test
    void rejectsDuplicatesAndBadShapes() {
        assertEquals("models[1] (models/MCBuddy.cfg): listed twice", assertThrows(ManifestException.class,
                () -> ModelManifest.parse("{\"models\": [{" + OK_ENTRY + "}, {" + OK_ENTRY + "}]}", root))
                .getMessage());
        assertEquals("expected an object with a \"models\" array", assertThrows(ManifestException.class,
                () -> ModelManifest.parse("[]", root)).getMessage());
        assertEquals("models[0]: expected an object", assertThrows(ManifestException.class,
                () -> ModelManifest.parse("{\"models\": [3]}", root)).getMessage());
        assertEquals("models[0]: missing \"path\"", assertThrows(ManifestException.class,
                () -> ModelManifest.parse("{\"models\": [{}]}", root)).getMessage());
    }

    @Test
    void readNamesTheFileInEveryError() throws IOException {
        Path file = root.resolve("models/manifest.json");
        Files.writeString(file, "{\"models\": [\n  {\"path\": 3}\n]}");
        ManifestException e = assertThrows(ManifestException.class, () -> ModelManifest.read(file));
        assertEquals(file + ": models[0]: \"path\" must be a non-empty string", e.getMessage());
        Files.writeString(file, "{\"models\": [\n  {\"path\" 3}\n]}");
        e = assertThrows(ManifestException.class, () -> ModelManifest.read(file));
        assertEquals(file + ": line 2, column 11: Unexpected character ('3'): was expecting a colon to separate "
                + "field name and value", e.getMessage());
        Path missing = root.resolve("nowhere/manifest.json");
        assertEquals(missing + ": no such file",
                assertThrows(ManifestException.class, () -> ModelManifest.read(missing)).getMessage());
    }

    @Test
    void duplicateKeysAndTrailingTextAreErrors() {
        assertEquals("line 1, column 42: Duplicate field 'models'", assertThrows(JsonException.class,
                () -> ModelManifest.parse("{\"models\": [], \"models\": []}", root)).getMessage().replaceAll(
                        "column \\d+", "column 42"));
        assertTrue(assertThrows(JsonException.class, () -> ModelManifest.parse("{\"models\": []} x", root))
                .getMessage().startsWith("line 1, column "));
    }

    /** A deep nesting once cost a StackOverflowError in the hand-written reader's recursion. */
    @Test
    void deepNestingIsRefusedWithoutRecursingIntoIt() {
        String deep = "[".repeat(12_000) + "]".repeat(12_000);
        JsonException e = assertThrows(JsonException.class, () -> ModelManifest.parse(deep, root));
        assertEquals("line 1, column 10: nested deeper than 8 levels", e.getMessage());
    }

    /** /dev/zero as a manifest once ran the JVM out of memory. */
    @Test
    void endlessOrHugeFileIsRefusedAfterALimit() {
        ManifestException e = assertThrows(ManifestException.class, () -> ModelManifest.read(Path.of("/dev/zero")));
        assertEquals("/dev/zero: larger than 1 MiB; this is not the file it should be", e.getMessage());
    }

    /** --manifest / once gave a NullPointerException. */
    @Test
    void aDirectoryOrTheRootIsNotAManifest() {
        assertEquals("/: is a directory, not a file",
                assertThrows(ManifestException.class, () -> ModelManifest.read(Path.of("/"))).getMessage());
    }

    @Test
    void findsModelsByPathOrName() {
        ModelManifest m = ModelManifest.read(Fixtures.manifestFile());
        assertEquals("models/MCCounterFail.cfg", m.find("MCCounterFail").path());
        assertEquals("MCCounterSim", m.find("models/MCCounterSim.cfg").name());
        assertEquals("MCCounterSim", m.find("./models/../models/MCCounterSim.cfg").name());
        BadInputException e = assertThrows(BadInputException.class, () -> m.find("MCNope"));
        assertEquals("unknown model MCNope (known: MCCounterOk, MCCounterFail, MCCounterDeadlock, MCCounterSim)",
                e.getMessage());
    }

    @Test
    void rootIsTheDirectoryAboveTheManifest() {
        ModelManifest m = ModelManifest.read(Fixtures.manifestFile());
        assertEquals(Fixtures.root().toAbsolutePath().normalize(), m.root());
        assertEquals(Fixtures.root().resolve("spec"), m.specDir());
    }

    @Test
    void writesWhatItReads() throws IOException {
        ModelManifest m = ModelManifest.read(Fixtures.manifestFile());
        Path copy = Fixtures.root().resolve("models/roundtrip-" + ProcessHandle.current().pid() + ".json");
        try {
            m.write(copy);
            ModelManifest again = ModelManifest.read(copy);
            assertEquals(m.models(), again.models());
            assertEquals(Files.readString(Fixtures.manifestFile()), again.toJson());
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    @Test
    void entryFieldsRoundTripThroughJson() {
        ModelManifest m = parse(OK_ENTRY);
        assertEquals(List.of("path", "module", "mode", "result", "distinctStates", "totalStates", "stateDepth",
                "runtime"), List.copyOf(m.models().get(0).toJson().keySet()));
    }
}
