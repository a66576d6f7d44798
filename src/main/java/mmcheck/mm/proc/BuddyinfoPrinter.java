package mmcheck.mm.proc;

import java.util.List;
import java.util.Locale;

/** BuddyinfoPrinter - writes zones as /proc/buddyinfo. Kernel: frag_show_print() in mm/vmstat.c. */
public final class BuddyinfoPrinter {

    private BuddyinfoPrinter() {
    }

    /** print() - the whole file, zones in list order. Kernel: frag_show() walking populated zones of each node. */
    public static String print(List<ZoneFreeInfo> zones) {
        StringBuilder m = new StringBuilder();
        for (ZoneFreeInfo zone : zones) {
            fragShowPrint(m, zone);
        }
        return m.toString();
    }

    /** fragShowPrint() - one zone's line. Kernel: frag_show_print() in mm/vmstat.c. */
    public static void fragShowPrint(StringBuilder m, ZoneFreeInfo zone) {
        m.append(String.format(Locale.ROOT, "Node %d, zone %8s ", zone.nodeId(), zone.zoneName()));
        // nr_free is unsigned long in C, printed with %6lu.
        for (long nrFree : zone.nrFree()) {
            m.append(String.format(Locale.ROOT, "%6s ", Long.toUnsignedString(nrFree)));
        }
        m.append('\n');
    }
}
