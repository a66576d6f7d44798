package mmcheck.mm.proc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import mmcheck.mm.MigrateType;

/** PagetypeinfoPrinter - writes zones as /proc/pagetypeinfo. Kernel: pagetypeinfo_show() in mm/vmstat.c. */
public final class PagetypeinfoPrinter {

    /** pagetypeinfo_showfree_print() stops walking a free list here and prints ">100000" instead of the length. */
    public static final long FREE_COUNT_CAP = 100000;

    static final String FREE_HEADER = "Free pages count per migrate type at order";
    static final String BLOCKS_HEADER = "Number of blocks type ";
    static final String MIXED_HEADER = "Number of mixed blocks ";

    private PagetypeinfoPrinter() {
    }

    /**
     * print() - the whole file: one section per run of zones with the same node id.
     *
     * @throws IllegalArgumentException if a zone lacks {@link ZonePageTypes}, or the zones of a node disagree on
     *                                  pageblock order, orders, columns or the presence of mixed counts
     */
    public static String print(List<ZoneFreeInfo> zones) {
        StringBuilder m = new StringBuilder();
        int start = 0;
        while (start < zones.size()) {
            int end = start + 1;
            while (end < zones.size() && zones.get(end).nodeId() == zones.get(start).nodeId()) {
                end++;
            }
            pagetypeinfoShow(m, new ArrayList<>(zones.subList(start, end)));
            start = end;
        }
        return m.toString();
    }

    /** pagetypeinfoShow() - one node's section. Kernel: pagetypeinfo_show() in mm/vmstat.c. */
    static void pagetypeinfoShow(StringBuilder m, List<ZoneFreeInfo> node) {
        ZonePageTypes first = node.get(0).pageTypes();
        for (ZoneFreeInfo zone : node) {
            ZonePageTypes pt = zone.pageTypes();
            if (pt.pageblockOrder() != first.pageblockOrder() || pt.orders() != first.orders()
                    || !Arrays.equals(pt.types(), first.types()) || pt.hasMixedCounts() != first.hasMixedCounts()) {
                throw new IllegalArgumentException("zones of node " + zone.nodeId()
                        + " disagree on pageblock order, orders, migratetypes or mixed counts");
            }
        }
        MigrateType[] types = first.types();
        m.append(String.format(Locale.ROOT, "Page block order: %d\n", first.pageblockOrder()));
        m.append(String.format(Locale.ROOT, "Pages per block:  %s\n", Long.toUnsignedString(first.pagesPerBlock())));
        m.append('\n');
        pagetypeinfoShowfree(m, node, types, first.orders());
        countSection(m, BLOCKS_HEADER, node, types, false);
        if (first.hasMixedCounts()) {
            countSection(m, MIXED_HEADER, node, types, true);
        }
    }

    /** pagetypeinfoShowfree() - order header and free-count rows. Kernel: pagetypeinfo_showfree() in mm/vmstat.c. */
    private static void pagetypeinfoShowfree(StringBuilder m, List<ZoneFreeInfo> node, MigrateType[] types,
            int orders) {
        m.append(String.format(Locale.ROOT, "%-43s ", FREE_HEADER));
        for (int order = 0; order < orders; order++) {
            m.append(String.format(Locale.ROOT, "%6d ", order));
        }
        m.append('\n');
        for (ZoneFreeInfo zone : node) {
            pagetypeinfoShowfreePrint(m, zone, types);
        }
    }

    /** pagetypeinfoShowfreePrint() - one zone's free-count rows. Kernel: pagetypeinfo_showfree_print() in mm/vmstat.c. */
    private static void pagetypeinfoShowfreePrint(StringBuilder m, ZoneFreeInfo zone, MigrateType[] types) {
        ZonePageTypes pt = zone.pageTypes();
        for (MigrateType mt : types) {
            m.append(String.format(Locale.ROOT, "Node %4d, zone %8s, type %12s ", zone.nodeId(), zone.zoneName(),
                    mt.procName()));
            for (int order = 0; order < pt.orders(); order++) {
                long count = pt.freeCount(mt, order);
                // The kernel counts list entries up to the cap and then prints the cap behind a '>'.
                boolean overflow = Long.compareUnsigned(count, FREE_COUNT_CAP) >= 0;
                m.append(overflow ? ">" : "").append(lu(overflow ? FREE_COUNT_CAP : count, 6)).append(' ');
            }
            m.append('\n');
        }
    }

    /**
     * countSection() - a per-zone pageblock count table. Kernel: pagetypeinfo_showblockcount() and
     * pagetypeinfo_showblockcount_print() in mm/vmstat.c; pagetypeinfo_showmixedcount_print() in mm/page_owner.c.
     */
    private static void countSection(StringBuilder m, String header, List<ZoneFreeInfo> node, MigrateType[] types,
            boolean mixed) {
        m.append(String.format(Locale.ROOT, "\n%-23s", header));
        for (MigrateType mt : types) {
            m.append(String.format(Locale.ROOT, "%12s ", mt.procName()));
        }
        m.append('\n');
        for (ZoneFreeInfo zone : node) {
            ZonePageTypes pt = zone.pageTypes();
            m.append(String.format(Locale.ROOT, "Node %d, zone %8s ", zone.nodeId(), zone.zoneName()));
            for (MigrateType mt : types) {
                m.append(lu(mixed ? pt.mixedCount(mt) : pt.blockCount(mt), 12)).append(' ');
            }
            m.append('\n');
        }
    }

    /** C's "%<width>lu". */
    private static String lu(long value, int width) {
        return String.format(Locale.ROOT, "%" + width + "s", Long.toUnsignedString(value));
    }
}
