package mmcheck.mm.buddy;

import mmcheck.event.EventSink;
import mmcheck.event.MmAction;
import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.PageArray;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.Zone;

/**
 * PageIsolation - isolating and releasing single pageblocks, as alloc_contig_range() and memory offlining use it.
 * Kernel: mm/page_isolation.c of Linux 6.1
 * Spec: SetMigratetypeIsolate, UnsetMigratetypeIsolate in spec/Buddy.tla.
 *
 * <p>Works through a {@link PageAlloc}, so that a PageAlloc with a seeded bug affects isolation too. Events go to
 * that PageAlloc's sink.
 */
public class PageIsolation {

    protected final PageAlloc pa;
    protected final Zone zone;
    protected final MmGeometry geometry;
    protected final PageArray pages;
    protected final EventSink sink;

    public PageIsolation(PageAlloc pageAlloc) {
        this.pa = pageAlloc;
        this.zone = pageAlloc.zone();
        this.geometry = zone.geometry();
        this.pages = zone.pageArray();
        this.sink = pageAlloc.sink();
    }

    /**
     * hasUnmovablePages() - the first page in [startPfn, endPfn) that belongs to an allocation that cannot be
     * migrated, or -1. In the model that is any allocated block not requested as MIGRATE_MOVABLE.
     * Kernel: has_unmovable_pages() in mm/page_isolation.c
     * Spec: HasUnmovablePages(pb)
     */
    public int hasUnmovablePages(int startPfn, int endPfn) {
        for (int pfn = Math.max(startPfn, geometry.zoneStart()); pfn < Math.min(endPfn, geometry.zoneEnd()); ) {
            if (pages.isAllocatedHead(pfn)) {
                if (pages.migratetype(pfn) != MigrateType.MIGRATE_MOVABLE.ordinal()) {
                    return pfn;
                }
                pfn = (int) Math.min(pfn + PageAlloc.span(pages.allocatedOrder(pfn)), endPfn);
            } else if (pages.isPageBuddy(pfn)) {
                pfn = (int) Math.min(pfn + PageAlloc.span(pages.buddyOrder(pfn)), endPfn);
            } else {
                // Not a head: the page lies in a block that starts before the range, which may be unmovable.
                int head = zone.allocatedBlockCovering(pfn);
                if (head >= 0 && pages.migratetype(head) != MigrateType.MIGRATE_MOVABLE.ordinal()) {
                    return pfn;
                }
                pfn++;
            }
        }
        return -1;
    }

    /**
     * straddlingBlock() - the head of a free or allocated block larger than a pageblock that covers this
     * pageblock, or -1. 6.1's isolate_single_pageblock() would split or migrate such a block first; the model does
     * not, so isolation steps are not enabled there.
     * Kernel: the cases isolate_single_pageblock() in mm/page_isolation.c handles
     * Spec: StraddledByLargeBlock(pb)
     */
    protected int straddlingBlock(int pageblock) {
        int start = geometry.pageblockStartPfn(pageblock);
        int end = start + geometry.pageblockNrPages();
        for (int pfn = Math.max(start, geometry.zoneStart()); pfn < Math.min(end, geometry.zoneEnd()); ) {
            int head = zone.blockHead(pfn);
            if (head < 0) {
                pfn++;
                continue;
            }
            int order = pages.isPageBuddy(head) ? pages.buddyOrder(head) : pages.allocatedOrder(head);
            if (order > geometry.pageblockOrder()) {
                return head;
            }
            pfn = head + (1 << order);
        }
        return -1;
    }

    /**
     * isMigrateIsolatePage() - whether the pageblock of a pfn is isolated.
     * Kernel: is_migrate_isolate_page() in include/linux/page-isolation.h
     */
    protected boolean isMigrateIsolatePage(int pfn) {
        return pa.getPfnblockMigratetype(pfn) == MigrateType.MIGRATE_ISOLATE.ordinal();
    }

    /**
     * setMigratetypeIsolate() - isolate one pageblock: mark it MIGRATE_ISOLATE and move its free pages to the
     * isolate lists, out of NR_FREE_PAGES.
     * Kernel: set_migratetype_isolate() in mm/page_isolation.c
     * Spec: SetMigratetypeIsolate(pageblock)
     * Trace: set_migratetype_isolate
     *
     * @throws StepRefusedException if the pageblock is already isolated (-EBUSY in the kernel), not wholly inside
     *                              the zone, holds an unmovable allocation, or is covered by a block larger than a
     *                              pageblock
     */
    public void setMigratetypeIsolate(int pageblock) {
        // SetMigratetypeIsolate(pageblock) ==
        //     /\ pageblockMt[pageblock] # ISOLATE
        //     /\ PageblockStart(pageblock) >= ZoneStart /\ PageblockEnd(pageblock) < ZoneEnd
        //     /\ ~HasUnmovablePages(pageblock)
        //     /\ ~StraddledByLargeBlock(pageblock)
        checkPageblock("set_migratetype_isolate", pageblock);
        int page = geometry.pageblockStartPfn(pageblock);
        if (pages.pageblockMigratetype(pageblock) == MigrateType.MIGRATE_ISOLATE.ordinal()) {
            throw new StepRefusedException("set_migratetype_isolate", "pageblock " + pageblock
                    + " is already MIGRATE_ISOLATE");
        }
        if (!geometry.pageblockInsideZone(pageblock)) {
            throw new StepRefusedException("set_migratetype_isolate", "pageblock " + pageblock + " ["
                    + PageAlloc.hex(page) + ", " + PageAlloc.hex(page + geometry.pageblockNrPages())
                    + ") is not wholly inside the zone [" + PageAlloc.hex(geometry.zoneStart()) + ", "
                    + PageAlloc.hex(geometry.zoneEnd()) + ")");
        }
        int unmovable = hasUnmovablePages(page, page + geometry.pageblockNrPages());
        if (unmovable >= 0) {
            throw new StepRefusedException("set_migratetype_isolate", "pageblock " + pageblock
                    + " has an unmovable page at " + PageAlloc.hex(unmovable));
        }
        refuseIfStraddled("set_migratetype_isolate", pageblock);
        int mt = pages.pageblockMigratetype(pageblock);
        pa.setPageblockMigratetype(page, MigrateType.MIGRATE_ISOLATE.ordinal());
        int nrPages = pa.moveFreepagesBlock(page, MigrateType.MIGRATE_ISOLATE.ordinal(), null);
        pa.modZoneFreepageState(-nrPages, mt);
        sink.step(MmAction.SET_MIGRATETYPE_ISOLATE, pageblock, 0, 0, -1);
    }

    /**
     * unsetMigratetypeIsolate() - give an isolated pageblock back to a migratetype. A free block of pageblock
     * order at its start whose buddy is free and not isolated is taken off and freed again so that it merges;
     * otherwise the pageblock's free pages are moved to the type's lists.
     * Kernel: unset_migratetype_isolate() in mm/page_isolation.c
     * Spec: UnsetMigratetypeIsolate(pageblock, migratetype)
     * Trace: unset_migratetype_isolate
     *
     * @param migratetype the type to give back, a pcp type (MIGRATE_MOVABLE in practice)
     * @throws StepRefusedException if the pageblock is not isolated or is covered by a block larger than a
     *                              pageblock, or an argument is out of the spec's domain
     */
    public void unsetMigratetypeIsolate(int pageblock, MigrateType migratetype) {
        // UnsetMigratetypeIsolate(pageblock, migratetype) ==
        //     /\ pageblockMt[pageblock] = ISOLATE
        //     /\ ~StraddledByLargeBlock(pageblock)
        checkPageblock("unset_migratetype_isolate", pageblock);
        if (!migratetype.isMergeable()) {
            throw new StepRefusedException("unset_migratetype_isolate", migratetype
                    + " is not a type to give a pageblock back to (MIGRATE_PCPTYPES)");
        }
        if (pages.pageblockMigratetype(pageblock) != MigrateType.MIGRATE_ISOLATE.ordinal()) {
            throw new StepRefusedException("unset_migratetype_isolate", "pageblock " + pageblock + " is "
                    + zone.pageblockMigratetype(pageblock) + ", not MIGRATE_ISOLATE");
        }
        refuseIfStraddled("unset_migratetype_isolate", pageblock);
        int mt = migratetype.ordinal();
        int page = geometry.pageblockStartPfn(pageblock);
        boolean isolatedPage = false;
        int order = 0;
        // move_freepages_block() does not merge, so a free pageblock whose buddy is free would stay split:
        // take it off and free it again instead.
        if (geometry.contains(page) && pages.isPageBuddy(page)) {
            order = pages.buddyOrder(page);
            if (order >= geometry.pageblockOrder() && order < geometry.maxOrder() - 1) {
                int buddy = pa.findBuddyPagePfn(page, order);
                if (buddy >= 0 && !isMigrateIsolatePage(buddy)) {
                    isolatedPage = pa.isolateFreePage(page, order) != 0;
                }
            }
        }
        if (!isolatedPage) {
            int nrPages = pa.moveFreepagesBlock(page, mt, null);
            pa.modZoneFreepageState(nrPages, mt);
        }
        pa.setPageblockMigratetype(page, mt);
        if (isolatedPage) {
            pa.putbackIsolatedPage(page, order, mt);
        }
        sink.step(MmAction.UNSET_MIGRATETYPE_ISOLATE, pageblock, mt, 0, -1);
    }

    private void checkPageblock(String function, int pageblock) {
        if (!geometry.hasPageblock(pageblock)) {
            throw new StepRefusedException(function, "pageblock " + pageblock + " is outside the zone's pageblocks "
                    + geometry.firstPageblock() + ".." + geometry.lastPageblock());
        }
    }

    private void refuseIfStraddled(String function, int pageblock) {
        int head = straddlingBlock(pageblock);
        if (head >= 0) {
            int order = pages.isPageBuddy(head) ? pages.buddyOrder(head) : pages.allocatedOrder(head);
            throw new StepRefusedException(function, (pages.isPageBuddy(head) ? "free" : "allocated") + " block "
                    + PageAlloc.hex(head) + " of order " + order + " straddles pageblock " + pageblock
                    + " (isolate_single_pageblock() would split or migrate it; not modelled)");
        }
    }
}
