package mmcheck.mm.proc;

import java.util.Arrays;
import java.util.Objects;

import mmcheck.mm.vmstat.Vmstat;

/**
 * ZoneFreeInfo - the free-list summary of one zone as /proc shows it. Kernel: the struct zone fields read by
 * frag_show_print() and pagetypeinfo_show() in mm/vmstat.c.
 *
 * <p>Snapshots parsed from /proc/buddyinfo carry only nr_free; those from /proc/pagetypeinfo also carry
 * {@link ZonePageTypes}, and their nr_free is the sum over migratetypes. The nr_free array is shared, not copied:
 * treat it as read-only.
 */
public final class ZoneFreeInfo {

    private final int nodeId;
    private final String zoneName;
    private final long[] nrFree;
    private final ZonePageTypes pageTypes;

    private ZoneFreeInfo(int nodeId, String zoneName, long[] nrFree, ZonePageTypes pageTypes) {
        if (nodeId < 0) {
            throw new IllegalArgumentException("node id " + nodeId + " is negative");
        }
        if (zoneName.isEmpty() || !zoneName.chars().allMatch(c -> c > ' ' && c < 127 && c != ',')) {
            throw new IllegalArgumentException("zone name '" + zoneName + "' is not a printable word");
        }
        if (nrFree.length == 0 || nrFree.length > Vmstat.MAX_ORDER) {
            throw new IllegalArgumentException(nrFree.length + " orders, expected 1.." + Vmstat.MAX_ORDER);
        }
        this.nodeId = nodeId;
        this.zoneName = zoneName;
        this.nrFree = nrFree;
        this.pageTypes = pageTypes;
    }

    /** A zone known only by its free_area[order].nr_free, as /proc/buddyinfo prints it. */
    public static ZoneFreeInfo ofNrFree(int nodeId, String zoneName, long[] nrFree) {
        return new ZoneFreeInfo(nodeId, zoneName, nrFree, null);
    }

    /** A zone with per-migratetype counts, as /proc/pagetypeinfo prints it. */
    public static ZoneFreeInfo ofPageTypes(int nodeId, String zoneName, ZonePageTypes pageTypes) {
        return new ZoneFreeInfo(nodeId, zoneName, pageTypes.nrFree(), pageTypes);
    }

    public int nodeId() {
        return nodeId;
    }

    public String zoneName() {
        return zoneName;
    }

    /** free_area[order].nr_free for orders 0..orders()-1. */
    public long[] nrFree() {
        return nrFree;
    }

    public int orders() {
        return nrFree.length;
    }

    public boolean hasPageTypes() {
        return pageTypes != null;
    }

    /** @throws IllegalStateException for a zone parsed from /proc/buddyinfo */
    public ZonePageTypes pageTypes() {
        if (pageTypes == null) {
            throw new IllegalStateException("zone " + zoneName
                    + " has no per-migratetype counts (read from buddyinfo)");
        }
        return pageTypes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZoneFreeInfo other
                && nodeId == other.nodeId
                && zoneName.equals(other.zoneName)
                && Arrays.equals(nrFree, other.nrFree)
                && Objects.equals(pageTypes, other.pageTypes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * nodeId + zoneName.hashCode()) + Arrays.hashCode(nrFree);
    }

    @Override
    public String toString() {
        return "Node " + nodeId + ", zone " + zoneName + " nr_free " + Arrays.toString(nrFree);
    }
}
