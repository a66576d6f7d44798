package mmcheck.mm.buddy;

import java.util.ArrayList;
import java.util.List;

import mmcheck.mm.BlockVisitor;
import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.Zone;

/**
 * SpecOracle - the enabling conditions of spec/Buddy.tla's actions, evaluated on a zone's abstract state (lists,
 * blocks, pageblock types) independently of the engine's own guards, so the two can be compared.
 */
final class SpecOracle {

    private static final int[][] FALLBACKS = {{2, 1}, {2, 0}, {0, 1}};

    private final Zone zone;
    private final MmGeometry g;
    /** Every block: {pfn, order, free ? 1 : 0, migratetype}. */
    private final List<int[]> blocks = new ArrayList<>();

    SpecOracle(Zone zone) {
        this.zone = zone;
        this.g = zone.geometry();
        zone.forEachBlock(new BlockVisitor() {
            @Override
            public void freeBlock(int pfn, int order, int listMigratetype) {
                blocks.add(new int[] {pfn, order, 1, listMigratetype});
            }

            @Override
            public void allocatedBlock(int pfn, int order, int migratetype, int owner) {
                blocks.add(new int[] {pfn, order, 0, migratetype});
            }
        });
    }

    private boolean nonEmpty(int o, int mt) {
        return zone.freeCount(o, MigrateType.values()[mt]) > 0;
    }

    /** CanRmqueueSmallest(o, t), with the action's parameter domain. */
    boolean rmqueueSmallest(int order, int mt) {
        if (!g.isValidOrder(order) || mt < 0 || mt >= MigrateType.MIGRATE_PCPTYPES) {
            return false;
        }
        for (int co = order; co < g.maxOrder(); co++) {
            if (nonEmpty(co, mt)) {
                return true;
            }
        }
        return false;
    }

    /** HasFallback(o, startMt). */
    boolean hasFallback(int o, int mt) {
        if (zone.nrFree(o) == 0) {
            return false;
        }
        return nonEmpty(o, FALLBACKS[mt][0]) || nonEmpty(o, FALLBACKS[mt][1]);
    }

    /** The enabling condition of RmqueueFallback(order, migratetype). */
    boolean rmqueueFallback(int order, int mt) {
        if (!g.isValidOrder(order) || mt < 0 || mt >= MigrateType.MIGRATE_PCPTYPES || rmqueueSmallest(order, mt)) {
            return false;
        }
        for (int co = order; co < g.maxOrder(); co++) {
            if (hasFallback(co, mt)) {
                return true;
            }
        }
        return false;
    }

    /** \E a \in allocated : a.pfn = pfn /\ a.order = order. */
    boolean freeOnePage(int pfn, int order) {
        for (int[] b : blocks) {
            if (b[2] == 0 && b[0] == pfn && b[1] == order) {
                return true;
            }
        }
        return false;
    }

    private boolean covers(int[] b, int pb) {
        long last = (long) b[0] + (1L << b[1]) - 1;
        return g.pageblockOf(b[0]) <= pb && pb <= (last >> g.pageblockOrder());
    }

    /** StraddledByLargeBlock(pb). */
    boolean straddled(int pb) {
        for (int[] b : blocks) {
            if (b[1] > g.pageblockOrder() && covers(b, pb)) {
                return true;
            }
        }
        return false;
    }

    /** HasUnmovablePages(pb). */
    boolean hasUnmovablePages(int pb) {
        for (int[] b : blocks) {
            if (b[2] == 0 && b[3] != MigrateType.MIGRATE_MOVABLE.ordinal() && covers(b, pb)) {
                return true;
            }
        }
        return false;
    }

    /** The enabling condition of SetMigratetypeIsolate(pageblock). */
    boolean setMigratetypeIsolate(int pb) {
        if (!g.hasPageblock(pb) || zone.pageblockMigratetype(pb) == MigrateType.MIGRATE_ISOLATE) {
            return false;
        }
        long start = (long) pb << g.pageblockOrder();
        long end = start + g.pageblockNrPages() - 1;
        return start >= g.zoneStart() && end < g.zoneEnd() && !hasUnmovablePages(pb) && !straddled(pb);
    }

    /** The enabling condition of UnsetMigratetypeIsolate(pageblock, migratetype). */
    boolean unsetMigratetypeIsolate(int pb, int mt) {
        return g.hasPageblock(pb) && mt >= 0 && mt < MigrateType.MIGRATE_PCPTYPES
                && zone.pageblockMigratetype(pb) == MigrateType.MIGRATE_ISOLATE && !straddled(pb);
    }
}
