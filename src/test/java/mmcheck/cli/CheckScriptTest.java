package mmcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check.sh's build step on a fresh machine: the offline build misses a dependency and the online retry succeeds.
 * Maven 3.8 prints colour resets (ESC[0m) whatever it is told; the user once saw them as "[0m[0m" junk.
 */
class CheckScriptTest {
    @TempDir
    Path dir;

    /** A stand-in for mvn: offline it lacks a dependency, online it builds; both times it prints escapes. */
    private static final String FAKE_MVN = """
            #!/usr/bin/env bash
            printf '\\033[0m\\033[0m'
            for a in "$@"; do
                if [[ $a == -o ]]; then
                    printf '\\033[1;31m[ERROR]\\033[m artifact has not been downloaded from it before.\\n'
                    exit 1
                fi
            done
            mkdir -p target/test-classes && : > target/test.classpath
            printf '\\033[0m\\033[0m\\n'
            """;

    @Test
    void freshMachineBuild_printsNoEscapeSequences() throws IOException, InterruptedException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.copy(Path.of("check.sh"), repo.resolve("check.sh"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Files.createDirectories(repo.resolve("src"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path mvn = Files.writeString(bin.resolve("mvn"), FAKE_MVN);
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("check.sh").toString(), "bench")
                .redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), output);
        assertEquals(List.of("check.sh: ~/.m2 lacks something the build needs; retrying online",
                "check.sh bench: no JMH benchmarks found (none compiled from src/jmh/java)"), output.lines().toList());
    }
}
