package mmcheck.cli;

import mmcheck.conform.SpecModel;
import mmcheck.tlc.ManifestEntry;
import mmcheck.tlc.ModelManifest;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** --model: a model of the manifest, loaded in-process for the conformance checks. */
final class SpecModelOption {
    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "MCBuddy",
            description = "Manifest path or name of the model whose constants and invariants to use (default: ${DEFAULT-VALUE}).")
    String model;

    @Mixin
    ManifestOption manifest = new ManifestOption();

    /** Loads the model into this JVM (one per JVM). */
    SpecModel load() {
        ModelManifest models = manifest.read();
        ManifestEntry entry = models.find(model);
        return SpecModel.load(models.resolve(entry.module()), models.resolve(entry.path()), models.specDir());
    }
}
