package mmcheck.tlc;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Validates one JSON object of the manifest's "models" array and turns it into a ManifestEntry.
 * Every problem is one line naming the entry, because the manifest is edited by hand and a typo in a
 * key would otherwise silently drop an expectation.
 */
final class ManifestEntryReader {
    private static final Set<String> KEYS = Set.of("path", "module", "mode", "result", "violatedInvariant",
            "distinctStates", "totalStates", "stateDepth", "runtime", "depth", "num", "description", "checkDeadlock",
            "onDemand");

    private final Path root;
    private final String where;
    private final JsonNode json;

    private ManifestEntryReader(Path root, String where, JsonNode json) {
        this.root = root;
        this.where = where;
        this.json = json;
    }

    /**
     * @param where how error messages name this entry, e.g. "models[2]"
     */
    static ManifestEntry read(Path root, String where, JsonNode json) {
        if (!json.isObject()) {
            throw new ManifestException(where + ": expected an object");
        }
        JsonNode path = json.get("path");
        String named = path != null && path.isTextual() ? where + " (" + path.textValue() + ")" : where;
        return new ManifestEntryReader(root, named, json).entry();
    }

    private ManifestEntry entry() {
        for (Iterator<String> keys = json.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!KEYS.contains(key)) {
                throw fail("unknown key \"" + key + "\" (known: " + String.join(", ", new TreeSet<>(KEYS)) + ")");
            }
        }
        String path = existingFile("path", ".cfg");
        String module = existingFile("module", ".tla");
        String modeText = string("mode", true);
        ModelMode mode = ModelMode.ofLabel(modeText).orElseThrow(() ->
                fail("unknown mode \"" + modeText + "\" (expected \"exhaustive search\" or \"simulate\")"));
        String resultText = string("result", true);
        TlcOutcome result = TlcOutcome.ofLabel(resultText).filter(TlcOutcome::isExpectable).orElseThrow(() ->
                fail("unknown result \"" + resultText + "\" (expected success, assumption failure, "
                        + "deadlock failure, safety failure, liveness failure or assertion failure)"));
        String invariant = string("violatedInvariant", false);
        if (result == TlcOutcome.SAFETY_FAILURE && invariant == null) {
            throw fail("a safety failure needs \"violatedInvariant\"");
        }
        if (invariant != null && !result.isViolation()) {
            throw fail("\"violatedInvariant\" given but the result is " + result.label());
        }
        Long distinct = count("distinctStates");
        Long total = count("totalStates");
        Long stateDepth = count("stateDepth");
        Long depth = count("depth");
        Long num = count("num");
        if (mode == ModelMode.EXHAUSTIVE) {
            if (result == TlcOutcome.SUCCESS && (distinct == null || total == null || stateDepth == null)) {
                throw fail("an exhaustive success needs \"distinctStates\", \"totalStates\" and \"stateDepth\"");
            }
            if (depth != null || num != null) {
                throw fail("\"depth\" and \"num\" are for mode \"simulate\"");
            }
        } else {
            if (depth == null || num == null || depth < 1 || num < 1) {
                throw fail("mode \"simulate\" needs positive \"depth\" and \"num\"");
            }
            if (distinct != null || total != null || stateDepth != null) {
                throw fail("state counts vary between simulations; leave them out in mode \"simulate\"");
            }
        }
        if (depth != null && depth > Integer.MAX_VALUE) {
            throw fail("\"depth\" is too large");
        }
        String runtimeText = string("runtime", true);
        Duration runtime = ManifestEntry.parseRuntime(runtimeText);
        if (runtime == null) {
            throw fail("\"runtime\" must look like 00:00:03, not \"" + runtimeText + "\"");
        }
        JsonNode deadlockNode = json.get("checkDeadlock");
        Boolean deadlock = deadlockNode == null || deadlockNode.isNull() ? null
                : deadlockNode.isBoolean() ? deadlockNode.booleanValue() : Boolean.TRUE;
        if (deadlock != null && deadlock) {
            // TLC can switch deadlock checking off (-deadlock) but not force it on against the cfg.
            throw fail("\"checkDeadlock\" can only be false (leave it out to let the cfg decide)");
        }
        JsonNode onDemandNode = json.get("onDemand");
        if (onDemandNode != null && !onDemandNode.isBoolean()) {
            // A quoted "true" or a 1 would otherwise be a silent guess either way about whether check.sh runs it.
            throw fail("\"onDemand\" must be true or false, not " + onDemandNode);
        }
        return new ManifestEntry(path, module, mode, result, invariant, distinct, total, stateDepth, runtime,
                depth == null ? null : depth.intValue(), num, string("description", false), deadlock,
                onDemandNode != null && onDemandNode.booleanValue());
    }

    private String existingFile(String key, String extension) {
        String rel = string(key, true);
        if (!rel.endsWith(extension)) {
            throw fail("\"" + key + "\" must name a " + extension + " file, not " + rel);
        }
        Path relPath;
        try {
            relPath = Path.of(rel);
        } catch (InvalidPathException e) {
            throw fail("\"" + key + "\" is not a valid path: " + e.getReason());
        }
        if (relPath.isAbsolute()) {
            throw fail("\"" + key + "\" must be relative to the repository root, not " + rel);
        }
        if (!Files.isRegularFile(root.resolve(rel))) {
            throw fail("missing file " + rel);
        }
        return rel;
    }

    private String string(String key, boolean required) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw fail("missing \"" + key + "\"");
            }
            return null;
        }
        if (!v.isTextual() || v.textValue().isBlank()) {
            throw fail("\"" + key + "\" must be a non-empty string");
        }
        return v.textValue();
    }

    private Long count(String key) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            throw fail("\"" + key + "\" must be a non-negative integer");
        }
        return v.longValue();
    }

    private ManifestException fail(String problem) {
        return new ManifestException(where + ": " + problem);
    }
}
