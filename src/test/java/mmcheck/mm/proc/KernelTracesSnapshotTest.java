package mmcheck.mm.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import mmcheck.testing.Snapshots;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The /proc snapshots of the kernel-traces runs (Linux 6.1, before/fragmented/after). Their files were read one after
 * the other while the system ran, so computed indices may differ from the kernel's debugfs files slightly.
 *
 * <p>One snapshot visibly changed while it was read: in m512-compact-memory-65pct/before, buddyinfo shows 92 order-10
 * blocks in DMA32 where pagetypeinfo shows 91, and unusable_index matches neither exactly; its buddyinfo figures are
 * 0.010 off at order 10. That snapshot gets {@link #DRIFT_TOLERANCE} for buddyinfo, and
 * {@link #buddyinfo_equalsPagetypeinfoSumUnlessDrifted()} keeps the exception honest.
 */
class KernelTracesSnapshotTest {

    private static final Path ROOT = Snapshots.resourceDir("kernel-traces");
    private static final int SNAPSHOTS = 6;
    /** 0.005 in the thousandths the kernel prints. */
    private static final int TOLERANCE = 5;
    /** One order-10 block of 1024 pages in 95214 free moved unusable_index by 0.010. */
    private static final int DRIFT_TOLERANCE = 10;
    private static final Set<String> DRIFTED = Set.of("m512-compact-memory-65pct/before");

    @Test
    void kernelTraces_holdAllSnapshots() {
        assertEquals(SNAPSHOTS, Snapshots.snapshotDirs(ROOT).size());
    }

    @TestFactory
    Stream<DynamicTest> buddyinfo_equalsPagetypeinfoSumUnlessDrifted() {
        return snapshots().map(dir -> DynamicTest.dynamicTest(name(dir), () -> {
            boolean same = FragOracleTest.nrFreeOnly(FragOracleTest.parse(dir.resolve("buddyinfo.txt")))
                    .equals(FragOracleTest.nrFreeOnly(FragOracleTest.parse(dir.resolve("pagetypeinfo.txt"))));
            assertEquals(!DRIFTED.contains(name(dir)), same, dir + ": buddyinfo equals pagetypeinfo summed over types");
        }));
    }

    @TestFactory
    Stream<DynamicContainer> roundTrip_byteIdentical() {
        return snapshots().map(dir -> DynamicContainer.dynamicContainer(name(dir), Stream.of(
                FragOracleTest.roundTripTest(dir.resolve("buddyinfo.txt"), ProcFormat.BUDDYINFO),
                FragOracleTest.roundTripTest(dir.resolve("pagetypeinfo.txt"), ProcFormat.PAGETYPEINFO))));
    }

    @TestFactory
    Stream<DynamicContainer> debugfsIndices_closeToKernelFiles() {
        return snapshots().map(dir -> DynamicContainer.dynamicContainer(name(dir), Stream.of(
                closeTest(dir, "buddyinfo.txt", "unusable_index.txt", ExtfragDebugfsPrinter::unusableShow),
                closeTest(dir, "buddyinfo.txt", "extfrag_index.txt", ExtfragDebugfsPrinter::extfragShow),
                closeTest(dir, "pagetypeinfo.txt", "unusable_index.txt", ExtfragDebugfsPrinter::unusableShow),
                closeTest(dir, "pagetypeinfo.txt", "extfrag_index.txt", ExtfragDebugfsPrinter::extfragShow))));
    }

    private static DynamicTest closeTest(Path dir, String input, String kernelFile,
            Function<List<ZoneFreeInfo>, String> show) {
        return DynamicTest.dynamicTest(input + " ~ " + kernelFile, () -> {
            int tolerance = DRIFTED.contains(name(dir)) && input.equals("buddyinfo.txt") ? DRIFT_TOLERANCE : TOLERANCE;
            int[][] expected = DebugfsIndexFile.parse(Snapshots.read(dir.resolve(kernelFile)));
            int[][] actual = DebugfsIndexFile.parse(show.apply(FragOracleTest.parse(dir.resolve(input))));
            assertEquals(expected.length, actual.length, "zones in " + dir.resolve(kernelFile));
            for (int zone = 0; zone < expected.length; zone++) {
                assertEquals(expected[zone].length, actual[zone].length, "orders in " + dir.resolve(kernelFile));
                for (int order = 0; order < expected[zone].length; order++) {
                    int diff = Math.abs(expected[zone][order] - actual[zone][order]);
                    String where = dir.resolve(kernelFile) + " zone line " + (zone + 1) + " order " + order
                            + ": kernel " + expected[zone][order] + ", computed " + actual[zone][order];
                    assertTrue(diff <= tolerance, where);
                }
            }
        });
    }

    private static Stream<Path> snapshots() {
        return Snapshots.snapshotDirs(ROOT).stream();
    }

    private static String name(Path dir) {
        return ROOT.relativize(dir).toString();
    }
}
