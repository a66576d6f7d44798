package mmcheck.cli;

import java.nio.file.Path;

import mmcheck.tlc.ModelManifest;
import picocli.CommandLine.Option;

/** The --manifest option shared by the commands that read models/manifest.json. */
final class ManifestOption {
    @Option(names = "--manifest", paramLabel = "FILE", defaultValue = "models/manifest.json",
            description = "Model manifest; entry paths are relative to the directory above it (default: ${DEFAULT-VALUE}).")
    Path file;

    ModelManifest read() {
        return ModelManifest.read(file);
    }
}
