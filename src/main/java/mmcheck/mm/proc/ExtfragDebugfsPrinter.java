package mmcheck.mm.proc;

import java.util.List;
import java.util.Locale;

import mmcheck.mm.vmstat.Vmstat;

/**
 * ExtfragDebugfsPrinter - writes /sys/kernel/debug/extfrag/unusable_index and extfrag_index for zones.
 * Kernel: unusable_show() and extfrag_show() in mm/vmstat.c.
 */
public final class ExtfragDebugfsPrinter {

    private ExtfragDebugfsPrinter() {
    }

    /** unusableShow() - the whole unusable_index file. Kernel: unusable_show() in mm/vmstat.c. */
    public static String unusableShow(List<ZoneFreeInfo> zones) {
        StringBuilder m = new StringBuilder();
        for (ZoneFreeInfo zone : zones) {
            unusableShowPrint(m, zone);
        }
        return m.toString();
    }

    /** extfragShow() - the whole extfrag_index file. Kernel: extfrag_show() in mm/vmstat.c. */
    public static String extfragShow(List<ZoneFreeInfo> zones) {
        StringBuilder m = new StringBuilder();
        for (ZoneFreeInfo zone : zones) {
            extfragShowPrint(m, zone);
        }
        return m.toString();
    }

    /** unusableShowPrint() - one zone's line, "%d.%03d " per order. Kernel: unusable_show_print() in mm/vmstat.c. */
    public static void unusableShowPrint(StringBuilder m, ZoneFreeInfo zone) {
        label(m, zone);
        for (int order = 0; order < zone.orders(); order++) {
            int index = Vmstat.unusableFreeIndex(order, Vmstat.fillContigPageInfo(zone.nrFree(), order));
            m.append(String.format(Locale.ROOT, "%d.%03d ", index / 1000, index % 1000));
        }
        m.append('\n');
    }

    /**
     * extfragShowPrint() - one zone's line, "%2d.%03d " per order. Kernel: extfrag_show_print() in mm/vmstat.c.
     *
     * <p>C's / and % truncate toward zero like Java's, so -1000 prints "-1.000" and a negative index above -1000
     * prints its sign after the point: -500 is " 0.-500", -5 is " 0.-05".
     */
    public static void extfragShowPrint(StringBuilder m, ZoneFreeInfo zone) {
        label(m, zone);
        for (int order = 0; order < zone.orders(); order++) {
            int index = Vmstat.fragmentationIndex(order, Vmstat.fillContigPageInfo(zone.nrFree(), order));
            m.append(String.format(Locale.ROOT, "%2d.%03d ", index / 1000, index % 1000));
        }
        m.append('\n');
    }

    private static void label(StringBuilder m, ZoneFreeInfo zone) {
        m.append(String.format(Locale.ROOT, "Node %d, zone %8s ", zone.nodeId(), zone.zoneName()));
    }
}
