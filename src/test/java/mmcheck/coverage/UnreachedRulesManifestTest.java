package mmcheck.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import mmcheck.tlc.ManifestException;
import mmcheck.tlc.ModelManifest;

/** The manifest's unreachedRules: each rule id with the reason no model reaches it. */
class UnreachedRulesManifestTest {
    private static final Path ROOT = Path.of(".");

    @Test
    void parse_unreachedRules_keepsEachReason() {
        ModelManifest m = ModelManifest.parse("{\"models\": [], \"unreachedRules\": {\"Op: THEN x = 2\": \"why\"}}",
                ROOT);
        assertEquals(Map.of("Op: THEN x = 2", "why"), m.unreachedRules());
    }

    @Test
    void parse_unreachedRuleWithoutAReason_isRefused() {
        ManifestException e = assertThrows(ManifestException.class, () -> ModelManifest.parse(
                "{\"models\": [], \"unreachedRules\": {\"Op: THEN x = 2\": \"\"}}", ROOT));
        assertTrue(e.getMessage().contains("Op: THEN x = 2"), e.getMessage());
    }

    @Test
    void parse_unknownTopLevelKey_isStillRefused() {
        ManifestException e = assertThrows(ManifestException.class,
                () -> ModelManifest.parse("{\"models\": [], \"rules\": {}}", ROOT));
        assertTrue(e.getMessage().contains("rules"), e.getMessage());
    }
}
