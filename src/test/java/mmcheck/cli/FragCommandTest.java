package mmcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import mmcheck.testing.Snapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code mmcheck frag}: kernel-identical output, and one-line errors with exit code 2. */
class FragCommandTest {

    private static final Path TUPLE = Snapshots.resourceDir("frag-oracle").resolve("m512-s4-lowwm/05");

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new FragCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void frag_defaultPrintsBothFiles() {
        assertEquals(0, run(TUPLE.resolve("buddyinfo.txt").toString()));
        String expected = "# /sys/kernel/debug/extfrag/unusable_index\n"
                + Snapshots.read(TUPLE.resolve("unusable_index.txt"))
                + "# /sys/kernel/debug/extfrag/extfrag_index\n"
                + Snapshots.read(TUPLE.resolve("extfrag_index.txt"));
        assertEquals(expected, out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void frag_unusableMatchesKernelFile() {
        assertEquals(0, run("--unusable", TUPLE.resolve("pagetypeinfo.txt").toString()));
        assertEquals(Snapshots.read(TUPLE.resolve("unusable_index.txt")), out.toString());
    }

    @Test
    void frag_extfragMatchesKernelFile() {
        assertEquals(0, run("--extfrag", TUPLE.resolve("buddyinfo.txt").toString()));
        assertEquals(Snapshots.read(TUPLE.resolve("extfrag_index.txt")), out.toString());
    }

    @Test
    void frag_missingFile() {
        Path missing = tmp.resolve("nope.txt");
        assertEquals(2, run(missing.toString()));
        assertEquals("mmcheck frag: " + missing + ": no such file\n", err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void frag_directoryUnreadable() {
        assertEquals(2, run(tmp.toString()));
        assertOneErrorLine(tmp + ": is a directory, not a file");
    }

    /** /dev/zero once ran the JVM out of heap (OutOfMemoryError, exit 1): the read now stops at a bound. */
    @Test
    void frag_endlessInputRefusedAtTheBound() {
        assertEquals(2, run("/dev/zero"));
        assertOneErrorLine("/dev/zero: larger than 16 MiB; this is not the file it should be");
        assertEquals("", out.toString());
    }

    @Test
    void frag_malformedInput() throws IOException {
        Path bad = write("bad.txt", "Node 0, zone      DMA      1      x \n");
        assertEquals(2, run(bad.toString()));
        assertOneErrorLine(bad + " line 1: order-1 free count 'x' is not a decimal number");
        assertEquals("", out.toString());
    }

    @Test
    void frag_emptyFile() throws IOException {
        Path empty = write("empty.txt", "");
        assertEquals(2, run("--extfrag", empty.toString()));
        assertOneErrorLine(empty + " line 1: empty file");
    }

    @Test
    void frag_cappedPagetypeinfoRefused() throws IOException {
        String text = Snapshots.read(TUPLE.resolve("pagetypeinfo.txt"));
        Path capped = write("capped.txt", text.replaceFirst("(type +Movable +)[0-9]+ ", "$1>100000 "));
        assertEquals(2, run(capped.toString()));
        assertOneErrorLine("'>100000'); use /proc/buddyinfo");
    }

    @Test
    void frag_bothOnlyOptionsRejected() {
        assertEquals(2, run("--unusable", "--extfrag", TUPLE.resolve("buddyinfo.txt").toString()));
        assertEquals("", out.toString());
    }

    private Path write(String name, String text) throws IOException {
        return Files.write(tmp.resolve(name), text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private void assertOneErrorLine(String fragment) {
        String text = err.toString();
        assertTrue(text.startsWith("mmcheck frag: "), text);
        assertTrue(text.endsWith("\n") && text.indexOf('\n') == text.length() - 1, "one line: " + text);
        assertTrue(text.contains(fragment), text);
        assertTrue(!text.contains("Exception") && !text.contains("\tat "), "no stack trace: " + text);
    }
}
