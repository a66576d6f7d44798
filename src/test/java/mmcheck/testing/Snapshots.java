package mmcheck.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Snapshots - the kernel snapshot directories under src/test/resources and byte-level comparison of their text. */
public final class Snapshots {

    private Snapshots() {
    }

    /** A resource directory such as "frag-oracle"; test resources are plain files under target/test-classes. */
    public static Path resourceDir(String name) {
        URL url = Snapshots.class.getResource("/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource /" + name + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every directory below {@code root} that holds a buddyinfo.txt, sorted. */
    public static List<Path> snapshotDirs(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().equals("buddyinfo.txt"))
                    .map(Path::getParent).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's bytes as chars one for one, as the CLI reads it. */
    public static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Null when equal, else where and how the texts first differ, for an assertion message. */
    public static String firstDifference(String expected, String actual) {
        if (expected.equals(actual)) {
            return null;
        }
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String el = i < e.length ? e[i] : "<end of text>";
            String al = i < a.length ? a[i] : "<end of text>";
            if (!el.equals(al)) {
                return "line " + (i + 1) + ":\n  expected [" + el + "]\n  actual   [" + al + "]";
            }
        }
        return "texts differ only in line endings";
    }
}
