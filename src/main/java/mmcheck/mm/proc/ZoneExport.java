package mmcheck.mm.proc;

import mmcheck.mm.MigrateType;
import mmcheck.mm.Zone;

/**
 * An engine zone as the kernel's /proc files see it, so the engine's state can be printed as
 * /proc/buddyinfo or /proc/pagetypeinfo and fed to the same tools as a real snapshot.
 * Kernel: frag_show_print() and pagetypeinfo_showfree_print() read free_area[] the same way.
 */
public final class ZoneExport {
    /** The columns a Linux 6.1 kernel without CONFIG_CMA prints, in enum order. */
    private static final MigrateType[] COLUMNS = MigrateType.values();

    private ZoneExport() {
    }

    /** The zone's free-area counts and pageblock counts, labelled with its node and name. */
    public static ZoneFreeInfo of(Zone zone) {
        int orders = zone.geometry().maxOrder();
        long[][] free = new long[COLUMNS.length][orders];
        long[] blocks = new long[COLUMNS.length];
        for (MigrateType t : COLUMNS) {
            for (int o = 0; o < orders; o++) {
                free[t.ordinal()][o] = zone.freeCount(o, t);
            }
            blocks[t.ordinal()] = zone.pageblockCount(t);
        }
        ZonePageTypes types = new ZonePageTypes(zone.geometry().pageblockOrder(), COLUMNS, free, blocks, null);
        return ZoneFreeInfo.ofPageTypes(zone.nodeId(), zone.name(), types);
    }
}
