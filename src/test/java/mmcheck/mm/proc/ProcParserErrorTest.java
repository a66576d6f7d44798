package mmcheck.mm.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import mmcheck.testing.Snapshots;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed snapshots: every one must fail with a one-line message naming the file, the line and the problem. */
class ProcParserErrorTest {

    static final String FILE = "snap.txt";

    static final String BUDDYINFO = ""
            + "Node 0, zone      DMA      0      0      0      0      0      1      1      1      0      1      3 \n"
            + "Node 0, zone    DMA32      3      1      5      5      5      4      4      4      6      3     89 \n";

    /**
     * Lines: 1 "Page block order", 2 "Pages per block", 3 blank, 4 order header, 5-9 DMA rows (Unmovable, Movable,
     * Reclaimable, HighAtomic, Isolate), 10-14 DMA32 rows, 15 blank, 16 "Number of blocks type", 17 DMA, 18 DMA32.
     */
    static final String PAGETYPEINFO = Snapshots.read(
            Snapshots.resourceDir("frag-oracle").resolve("m256-s2-lowwm/04/pagetypeinfo.txt"));

    static Stream<Arguments> buddyinfoErrors() {
        return Stream.of(
                Arguments.of("empty", "", 1, "empty file"),
                Arguments.of("blank only", "\n   \n", 1, "empty file"),
                Arguments.of("non-numeric", edit(BUDDYINFO, 2, l -> l.replace("   89 ", "   8x9 ")), 2,
                        "order-10 free count '8x9' is not a decimal number"),
                Arguments.of("negative", edit(BUDDYINFO, 1, l -> l.replace("      3 ", "     -3 ")), 1,
                        "'-3' is not a decimal number"),
                Arguments.of("too many orders", edit(BUDDYINFO, 1, l -> l + "     7 "), 1,
                        "12 free counts, more than MAX_ORDER 11"),
                Arguments.of("inconsistent orders", edit(BUDDYINFO, 2, l -> l.replace("     89 ", "")), 2,
                        "10 free counts, but line 1 has 11"),
                Arguments.of("no comma", edit(BUDDYINFO, 1, l -> l.replace("Node 0,", "Node 0")), 1,
                        "expected 'Node <id>, zone <name>'"),
                Arguments.of("duplicate zone", edit(BUDDYINFO, 2, l -> l.replace("DMA32", "  DMA")), 2,
                        "Node 0, zone DMA already listed on line 1"),
                Arguments.of("no counts", "Node 0, zone      DMA \n", 1, "no free counts after 'Node 0, zone DMA'"),
                Arguments.of("out of range", edit(BUDDYINFO, 1, l -> l.replace("      3 ", " 99999999999999999999 ")),
                        1, "'99999999999999999999' is out of range"),
                // 2^63 - 1 free blocks is a long, but no kernel could print it: the indices would wrap.
                Arguments.of("more free blocks than memory", edit(BUDDYINFO, 1,
                        l -> l.replace("      3 ", " 9223372036854775807 ")), 1,
                        "order-10 free count 9223372036854775807 is more pages than any zone holds"),
                Arguments.of("more free pages than memory",
                        "Node 0, zone      DMA 1099511627776 1 0 0 0 0 0 0 0 0 0 \n", 1,
                        "free counts add up to 1099511627778 pages, more than any zone holds"),
                Arguments.of("blank line", BUDDYINFO.replace("\nNode", "\n\nNode"), 2, "blank line"),
                Arguments.of("control character", edit(BUDDYINFO, 2, l -> l.replace("89", "8\u00079")), 2,
                        "order-10 free count '8\\u00079' is not a decimal number"),
                Arguments.of("not a vmstat file", "MemTotal:  123 kB\n", 1,
                        "neither /proc/buddyinfo nor /proc/pagetypeinfo: starts with 'MemTotal:  123 kB'"));
    }

    static Stream<Arguments> pagetypeinfoErrors() {
        return Stream.of(
                Arguments.of("CMA row", edit(PAGETYPEINFO, 9, l -> l.replace("Isolate", "    CMA")), 9,
                        "unknown migratetype 'CMA' (CONFIG_CMA kernels are not modelled)"),
                Arguments.of("unknown header column", edit(PAGETYPEINFO, 16, l -> l.replace("HighAtomic", "   Special")),
                        16, "unknown migratetype 'Special'"),
                Arguments.of("too many orders", edit(PAGETYPEINFO, 4, l -> l + "    11 "), 4,
                        "12 orders, more than MAX_ORDER 11"),
                Arguments.of("order header gap", edit(PAGETYPEINFO, 4, l -> l.replace("     2 ", "     3 ")), 4,
                        "order column '3' where order 2 belongs"),
                Arguments.of("short row", edit(PAGETYPEINFO, 6, l -> l.substring(0, l.length() - 7)), 6,
                        "10 free counts, but the header lists 11 orders"),
                Arguments.of("pages per block", edit(PAGETYPEINFO, 2, l -> l.replace("512", "500")), 2,
                        "pages per block 500 is not 2^9 = 512"),
                Arguments.of("bad page block order", edit(PAGETYPEINFO, 1, l -> l.replace("9", "x")), 1,
                        "expected 'Page block order: <n>', found 'Page block order: x'"),
                Arguments.of("missing blank line", drop(PAGETYPEINFO, 3), 3,
                        "expected blank line after 'Pages per block'"),
                Arguments.of("truncated", keep(PAGETYPEINFO, 16), 17,
                        "unexpected end of file, expected block counts of Node 0, zone DMA"),
                Arguments.of("types out of order", swap(PAGETYPEINFO, 5, 6), 6,
                        "Node 0, zone DMA lists type Unmovable after Movable"),
                Arguments.of("count above cap without '>'", edit(PAGETYPEINFO, 11, l -> l.replace(" 10330 ", "100000 ")),
                        11, "order-0 free count 100000 without '>'"),
                Arguments.of("bad overflow mark", edit(PAGETYPEINFO, 11, l -> l.replace(" 10330 ", "   >99 ")), 11,
                        "order-0 free count '>99' is not a decimal number"),
                Arguments.of("block row of another zone", edit(PAGETYPEINFO, 17, l -> l.replace("   DMA", "Normal")), 17,
                        "expected block counts of Node 0, zone DMA, found Node 0, zone Normal"),
                Arguments.of("zone lacks a type row", drop(PAGETYPEINFO, 9), 5,
                        "Node 0, zone DMA has free counts for [Unmovable Movable Reclaimable HighAtomic] but line 15"),
                Arguments.of("trailing garbage", PAGETYPEINFO + "hello\n", 19,
                        "expected 'Page block order: <n>' of the next node or end of file, found 'hello'"),
                Arguments.of("node changes inside a section", edit(PAGETYPEINFO, 10, l -> l.replace("Node    0", "Node    1")),
                        10, "Node 1, zone DMA32 in the section of node 0"),
                Arguments.of("block row too short", edit(PAGETYPEINFO, 18, l -> l.substring(0, l.length() - 13)), 18,
                        "4 block counts, but the header lists 5 migratetypes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buddyinfoErrors")
    void parseBuddyinfo_malformedInput(String name, String text, int line, String problem) {
        assertOneLineError(text, line, problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pagetypeinfoErrors")
    void parsePagetypeinfo_malformedInput(String name, String text, int line, String problem) {
        assertOneLineError(text, line, problem);
    }

    private static void assertOneLineError(String text, int line, String problem) {
        ProcFormatException e = assertThrows(ProcFormatException.class,
                () -> ProcFormat.detect(text, FILE).parse(text, FILE));
        String message = e.getMessage();
        assertFalse(message.contains("\n") || message.contains("\r"), "one line: " + message);
        assertTrue(message.startsWith(FILE + " line " + line + ": "), message);
        assertTrue(message.contains(problem), message);
        assertEquals(line, e.lineNumber());
    }

    static String edit(String text, int lineNumber, UnaryOperator<String> change) {
        List<String> lines = lines(text);
        lines.set(lineNumber - 1, change.apply(lines.get(lineNumber - 1)));
        return join(lines);
    }

    static String drop(String text, int lineNumber) {
        List<String> lines = lines(text);
        lines.remove(lineNumber - 1);
        return join(lines);
    }

    static String keep(String text, int count) {
        return join(lines(text).subList(0, count));
    }

    static String swap(String text, int a, int b) {
        List<String> lines = lines(text);
        String first = lines.get(a - 1);
        lines.set(a - 1, lines.get(b - 1));
        lines.set(b - 1, first);
        return join(lines);
    }

    private static List<String> lines(String text) {
        return new ArrayList<>(Arrays.asList(text.split("\n")));
    }

    private static String join(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }
}
