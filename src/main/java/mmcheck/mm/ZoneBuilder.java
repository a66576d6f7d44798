package mmcheck.mm;

/**
 * ZoneBuilder - builds an arbitrary zone state directly, e.g. the engine state that corresponds to a TLC state.
 *
 * <p>It checks only that a state is representable (pfns inside the zone, orders and migratetypes that fit the
 * arrays, one block per head); it accepts states that break the spec's invariants, so that counterexamples can be
 * replayed. By default nr_free and NR_FREE_PAGES are derived from the lists (NR_FREE_PAGES counts every list but
 * MIGRATE_ISOLATE); {@link #nrFree} and {@link #freePages} override them.
 *
 * <p>List order is chosen by the caller: {@link #freeBlock} appends at the tail, so blocks placed in order run from
 * head to tail; {@link #freeBlockAtHead} pushes at the head.
 */
public final class ZoneBuilder {

    private Zone zone;
    private final MmGeometry g;
    private Long freePages;
    private final int[] nrFreeOverride;
    private final boolean[] nrFreeSet;

    ZoneBuilder(MmGeometry geometry, String name, int nodeId) {
        this.g = geometry;
        this.zone = new Zone(geometry, name, nodeId);
        for (int pb = g.firstPageblock(); pb <= g.lastPageblock(); pb++) {
            zone.pageArray().setPageblockMigratetype(pb, MigrateType.MIGRATE_MOVABLE.ordinal());
        }
        nrFreeOverride = new int[geometry.maxOrder()];
        nrFreeSet = new boolean[geometry.maxOrder()];
    }

    /** Sets a pageblock's migratetype. */
    public ZoneBuilder pageblockMigratetype(int pageblock, MigrateType mt) {
        live();
        if (!g.hasPageblock(pageblock)) {
            throw new MmConfigException("pageblock " + pageblock + " is outside the zone's pageblocks "
                    + g.firstPageblock() + ".." + g.lastPageblock());
        }
        zone.pageArray().setPageblockMigratetype(pageblock, mt.ordinal());
        return this;
    }

    /** Places a free block at the tail of free_list[order][listMt] and marks it PageBuddy with its order. */
    public ZoneBuilder freeBlock(int pfn, int order, MigrateType listMt) {
        checkHead(pfn, order, "free block");
        zone.freeArea().addToFreeListTail(pfn, order, listMt.ordinal());
        zone.pageArray().setBuddyOrder(pfn, order);
        return this;
    }

    /** Places a free block at the head of free_list[order][listMt] and marks it PageBuddy with its order. */
    public ZoneBuilder freeBlockAtHead(int pfn, int order, MigrateType listMt) {
        checkHead(pfn, order, "free block");
        zone.freeArea().addToFreeList(pfn, order, listMt.ordinal());
        zone.pageArray().setBuddyOrder(pfn, order);
        return this;
    }

    /** Records an allocated block. */
    public ZoneBuilder allocatedBlock(int pfn, int order, MigrateType mt, int owner) {
        checkHead(pfn, order, "allocated block");
        zone.pageArray().setAllocated(pfn, order, mt.ordinal(), owner);
        return this;
    }

    /** Overrides free_area[order].nr_free. */
    public ZoneBuilder nrFree(int order, int n) {
        live();
        if (!g.isValidOrder(order)) {
            throw new MmConfigException(g.orderProblem(order));
        }
        nrFreeOverride[order] = n;
        nrFreeSet[order] = true;
        return this;
    }

    /** Overrides NR_FREE_PAGES. */
    public ZoneBuilder freePages(long n) {
        live();
        freePages = n;
        return this;
    }

    /** Sets the min, low and high watermarks. */
    public ZoneBuilder watermarks(long min, long low, long high) {
        live();
        zone.setWatermarks(min, low, high);
        return this;
    }

    /** The zone; the builder cannot be used afterwards. */
    public Zone build() {
        live();
        Zone z = zone;
        FreeArea area = z.freeArea();
        for (int o = 0; o < g.maxOrder(); o++) {
            if (nrFreeSet[o]) {
                area.setNrFree(o, nrFreeOverride[o]);
            }
        }
        long counted = 0;
        for (int o = 0; o < g.maxOrder(); o++) {
            for (int mt = 0; mt < FreeArea.NR_MIGRATETYPES; mt++) {
                if (mt != MigrateType.MIGRATE_ISOLATE.ordinal()) {
                    counted += (long) area.count(o, mt) << o;
                }
            }
        }
        z.setFreePages(freePages != null ? freePages : counted);
        zone = null;
        return z;
    }

    private void checkHead(int pfn, int order, String what) {
        live();
        if (!g.contains(pfn)) {
            throw new MmConfigException(what + " pfn 0x" + Integer.toHexString(pfn) + " is outside the zone [0x"
                    + Integer.toHexString(g.zoneStart()) + ", 0x" + Integer.toHexString(g.zoneEnd()) + ")");
        }
        if (!g.isValidOrder(order)) {
            throw new MmConfigException(what + " at 0x" + Integer.toHexString(pfn) + ": " + g.orderProblem(order));
        }
        PageArray pages = zone.pageArray();
        if (pages.isPageBuddy(pfn) || pages.isAllocatedHead(pfn)) {
            throw new MmConfigException(what + " at 0x" + Integer.toHexString(pfn) + ": pfn already heads a block");
        }
    }

    private void live() {
        if (zone == null) {
            throw new IllegalStateException("build() was already called");
        }
    }
}
