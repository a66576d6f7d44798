package mmcheck.mm.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import mmcheck.testing.Snapshots;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The frag-oracle tuples (Linux 6.1 in QEMU, each tuple read atomically): our figures and printers must reproduce the
 * kernel's files byte for byte.
 */
class FragOracleTest {

    private static final Path ROOT = Snapshots.resourceDir("frag-oracle");
    private static final int TUPLES = 36;

    @Test
    void oracle_holdsAllTuples() {
        assertEquals(TUPLES, Snapshots.snapshotDirs(ROOT).size());
    }

    @TestFactory
    Stream<DynamicContainer> debugfsIndices_matchKernelFiles() {
        return tuples().map(dir -> DynamicContainer.dynamicContainer(name(dir), Stream.of(
                indexTest(dir, "buddyinfo.txt", "unusable_index.txt", ExtfragDebugfsPrinter::unusableShow),
                indexTest(dir, "buddyinfo.txt", "extfrag_index.txt", ExtfragDebugfsPrinter::extfragShow),
                indexTest(dir, "pagetypeinfo.txt", "unusable_index.txt", ExtfragDebugfsPrinter::unusableShow),
                indexTest(dir, "pagetypeinfo.txt", "extfrag_index.txt", ExtfragDebugfsPrinter::extfragShow))));
    }

    @TestFactory
    Stream<DynamicContainer> roundTrip_byteIdentical() {
        return tuples().map(dir -> DynamicContainer.dynamicContainer(name(dir), Stream.of(
                roundTripTest(dir.resolve("buddyinfo.txt"), ProcFormat.BUDDYINFO),
                roundTripTest(dir.resolve("pagetypeinfo.txt"), ProcFormat.PAGETYPEINFO))));
    }

    @TestFactory
    Stream<DynamicTest> buddyinfo_equalsPagetypeinfoSumOverTypes() {
        return tuples().map(dir -> DynamicTest.dynamicTest(name(dir), () -> {
            List<ZoneFreeInfo> buddy = parse(dir.resolve("buddyinfo.txt"));
            List<ZoneFreeInfo> types = parse(dir.resolve("pagetypeinfo.txt"));
            assertEquals(nrFreeOnly(buddy), nrFreeOnly(types), dir.toString());
            types.forEach(zone -> assertFalse(zone.pageTypes().capped(), dir + " " + zone));
        }));
    }

    static DynamicTest indexTest(Path dir, String input, String kernelFile, Function<List<ZoneFreeInfo>, String> show) {
        return DynamicTest.dynamicTest(input + " -> " + kernelFile, () -> {
            String actual = show.apply(parse(dir.resolve(input)));
            String expected = Snapshots.read(dir.resolve(kernelFile));
            assertNull(Snapshots.firstDifference(expected, actual), () -> dir.resolve(kernelFile) + " from " + input
                    + ", first difference at " + Snapshots.firstDifference(expected, actual));
        });
    }

    static DynamicTest roundTripTest(Path file, ProcFormat format) {
        return DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String text = Snapshots.read(file);
            assertEquals(format, ProcFormat.detect(text, file.toString()));
            String printed = format.print(format.parse(text, file.toString()));
            assertNull(Snapshots.firstDifference(text, printed),
                    () -> file + " first difference at " + Snapshots.firstDifference(text, printed));
        });
    }

    static List<ZoneFreeInfo> parse(Path file) {
        String text = Snapshots.read(file);
        return ProcFormat.detect(text, file.toString()).parse(text, file.toString());
    }

    /** The buddyinfo view of zones, so pagetypeinfo zones compare by nr_free alone. */
    static List<ZoneFreeInfo> nrFreeOnly(List<ZoneFreeInfo> zones) {
        List<ZoneFreeInfo> result = new ArrayList<>();
        for (ZoneFreeInfo zone : zones) {
            result.add(ZoneFreeInfo.ofNrFree(zone.nodeId(), zone.zoneName(), zone.nrFree()));
        }
        return result;
    }

    private static Stream<Path> tuples() {
        return Snapshots.snapshotDirs(ROOT).stream();
    }

    private static String name(Path dir) {
        return ROOT.relativize(dir).toString();
    }
}
