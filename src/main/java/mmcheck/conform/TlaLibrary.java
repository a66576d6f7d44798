package mmcheck.conform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The TLA+ standard modules, copied once per JVM into a private directory.
 *
 * <p>By default the tools jar writes them into java.io.tmpdir and deletes them on exit, so two
 * JVMs (parallel test forks, a TLC subprocess) truncate each other's files mid-parse.
 */
public final class TlaLibrary {
    private static final List<String> MODULES = List.of("Naturals", "Integers", "Sequences",
            "FiniteSets", "TLC", "Bags", "Reals", "RealTime", "Randomization", "Toolbox",
            "TLCExt", "Json", "IOUtils", "CSV", "Functions", "SequencesExt", "FiniteSetsExt");
    private static Path dir;

    private TlaLibrary() {
    }

    /** The directory holding the standard modules, created on first use. */
    public static synchronized Path directory() {
        if (dir == null) {
            try {
                Path d = Files.createTempDirectory("mmcheck-tla-stdlib");
                for (String m : MODULES) {
                    try (InputStream in = TlaLibrary.class.getClassLoader()
                            .getResourceAsStream("tla2sany/StandardModules/" + m + ".tla")) {
                        if (in != null) {
                            Files.copy(in, d.resolve(m + ".tla"), StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
                d.toFile().deleteOnExit();
                try (var files = Files.list(d)) {
                    files.forEach(f -> f.toFile().deleteOnExit());
                }
                dir = d;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot extract the TLA+ standard modules: " + e.getMessage(), e);
            }
        }
        return dir;
    }
}
