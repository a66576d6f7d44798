package mmcheck.conform;

import java.nio.file.Path;

import mmcheck.tlc.ManifestEntry;
import mmcheck.tlc.ModelManifest;

/** Loads a model of models/manifest.json for a test class (one model per test JVM). */
final class Models {
    private Models() {
    }

    static SpecModel load(String name) {
        ModelManifest m = ModelManifest.read(Path.of("models", "manifest.json"));
        ManifestEntry e = m.find(name);
        return SpecModel.load(m.resolve(e.module()), m.resolve(e.path()), m.specDir());
    }
}
