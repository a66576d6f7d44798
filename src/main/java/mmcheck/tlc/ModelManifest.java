package mmcheck.tlc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * models/manifest.json: the TLC models of the repository and what each is expected to report, in the shape of the
 * tlaplus/Examples manifests ({"models": [...]}). Entry paths are relative to the repository root, which is the
 * directory that holds models/.
 */
public final class ModelManifest {
    /** Where the manifest lives, relative to the repository root. */
    public static final Path DEFAULT_LOCATION = Path.of("models", "manifest.json");
    /** A manifest of a thousand models is some 300 KB; anything far larger is the wrong file. */
    static final int MAX_BYTES = 1 << 20;
    private static final String UNREACHED_RULES = "unreachedRules";

    private final Path root;
    private final List<ManifestEntry> models;
    /** Rules of a spec that no model reaches, by rule id (see mmcheck.coverage.Rule), each with why. */
    private final Map<String, String> unreachedRules;

    public ModelManifest(Path root, List<ManifestEntry> models) {
        this(root, models, Map.of());
    }

    public ModelManifest(Path root, List<ManifestEntry> models, Map<String, String> unreachedRules) {
        this.root = root.toAbsolutePath().normalize();
        this.models = List.copyOf(models);
        this.unreachedRules = Map.copyOf(unreachedRules);
    }

    /** Reads and validates a manifest; the repository root is the parent of the manifest's directory. */
    public static ModelManifest read(Path file) {
        String text;
        try {
            text = BoundedFile.read(file, MAX_BYTES, StandardCharsets.UTF_8);
        } catch (BadInputException e) {
            throw new ManifestException(e.getMessage());
        }
        Path dir = file.toAbsolutePath().normalize().getParent();
        if (dir == null) {
            throw new ManifestException(file + ": a manifest lives in a directory (models/) of the repository");
        }
        Path root = dir.getParent() == null ? dir : dir.getParent();
        try {
            return parse(text, root);
        } catch (BadInputException e) {
            throw new ManifestException(file + ": " + e.getMessage());
        }
    }

    /** Validates manifest text whose paths are relative to root. */
    public static ModelManifest parse(String text, Path root) {
        JsonNode top = ManifestJson.parse(text);
        JsonNode list = top.get("models");
        if (!top.isObject() || list == null || !list.isArray()) {
            throw new ManifestException("expected an object with a \"models\" array");
        }
        List<String> others = new ArrayList<>();
        top.fieldNames().forEachRemaining(k -> {
            if (!"models".equals(k) && !UNREACHED_RULES.equals(k)) {
                others.add(k);
            }
        });
        if (!others.isEmpty()) {
            throw new ManifestException("unexpected top-level keys besides \"models\" and \"" + UNREACHED_RULES
                    + "\": " + String.join(", ", others));
        }
        Map<String, String> unreached = new LinkedHashMap<>();
        JsonNode rules = top.get(UNREACHED_RULES);
        if (rules != null) {
            if (!rules.isObject()) {
                throw new ManifestException("\"" + UNREACHED_RULES + "\" must be an object of rule -> reason");
            }
            for (var it = rules.fields(); it.hasNext(); ) {
                var r = it.next();
                if (!r.getValue().isTextual() || r.getValue().asText().isBlank()) {
                    throw new ManifestException(UNREACHED_RULES + " \"" + r.getKey() + "\": the reason must be a "
                            + "non-empty string");
                }
                unreached.put(r.getKey(), r.getValue().asText());
            }
        }
        List<ManifestEntry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            ManifestEntry e = ManifestEntryReader.read(root, "models[" + i + "]", list.get(i));
            if (!seen.add(Path.of(e.path()).normalize().toString())) {
                throw new ManifestException("models[" + i + "] (" + e.path() + "): listed twice");
            }
            entries.add(e);
        }
        return new ModelManifest(root, entries, unreached);
    }

    /** The rules no model reaches, each with the reason the manifest records. */
    public Map<String, String> unreachedRules() {
        return unreachedRules;
    }

    public Path root() {
        return root;
    }

    public List<ManifestEntry> models() {
        return models;
    }

    /** Absolute path of a manifest-relative path. */
    public Path resolve(String relative) {
        return root.resolve(relative).normalize();
    }

    /** The directory of the specs that models EXTEND; TLC gets it as its library path. */
    public Path specDir() {
        return root.resolve("spec");
    }

    /** Finds a model by its manifest path (models/MCBuddy.cfg) or its name (MCBuddy). */
    public ManifestEntry find(String pathOrName) {
        Path asPath = root.resolve(pathOrName).normalize();
        for (ManifestEntry e : models) {
            if (resolve(e.path()).equals(asPath)) {
                return e;
            }
        }
        List<ManifestEntry> named = models.stream().filter(e -> e.name().equals(pathOrName)).toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        if (named.size() > 1) {
            throw new BadInputException("model name " + pathOrName + " is ambiguous: "
                    + named.stream().map(ManifestEntry::path).collect(Collectors.joining(", ")));
        }
        throw new BadInputException("unknown model " + pathOrName + " (known: "
                + models.stream().map(ManifestEntry::name).collect(Collectors.joining(", ")) + ")");
    }

    public String toJson() {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("models", models.stream().map(ManifestEntry::toJson).collect(Collectors.toList()));
        if (!unreachedRules.isEmpty()) {
            top.put(UNREACHED_RULES, new LinkedHashMap<>(unreachedRules));
        }
        return ManifestJson.write(top);
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toJson());
    }
}
