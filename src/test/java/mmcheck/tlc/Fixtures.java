package mmcheck.tlc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The toy repository under src/test/resources/tlc-fixtures: spec/, models/ with a manifest, captured output/. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path root() {
        try {
            return Path.of(Fixtures.class.getResource("/tlc-fixtures").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path manifestFile() {
        return root().resolve("models/manifest.json");
    }

    /** A captured TLC -tool output; the name ends in "-exitN". */
    public static String output(String name) {
        try {
            return Files.readString(root().resolve("output").resolve(name + ".out"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int exitCode(String name) {
        return Integer.parseInt(name.substring(name.lastIndexOf("exit") + 4));
    }

    public static TlcResult parsed(String name) {
        return TlcOutputParser.parse(output(name), exitCode(name), -1);
    }
}
