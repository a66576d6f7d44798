package mmcheck.mm.buddy;

import mmcheck.event.EventSink;
import mmcheck.event.MmAction;
import mmcheck.mm.FreeArea;
import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.PageArray;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.Zone;

/**
 * PageAlloc - the buddy allocator of one zone, one method per kernel function of mm/page_alloc.c (and the
 * buddy helpers of mm/internal.h), in the C file's order.
 * Kernel: mm/page_alloc.c of Linux 6.1
 * Spec: spec/Buddy.tla
 *
 * <p>Public step methods ({@link #rmqueueSmallest}, {@link #rmqueueFallback}, {@link #freeOnePage(int, int)})
 * correspond to spec actions: each either performs the whole action and emits exactly one event, or throws
 * {@link StepRefusedException} and leaves the state unchanged. {@link #rmqueue} composes them as __rmqueue() does.
 *
 * <p>Helpers are protected and non-final so that a test can seed a bug by overriding one of them. Migratetypes
 * are ints (MigrateType ordinals) below the public API, as in the kernel.
 *
 * <p>Not thread-safe: the kernel serialises these functions with zone->lock; callers must do the same.
 */
public class PageAlloc {

    /** enum migratetype of include/linux/mmzone.h, as ints for the helpers. */
    protected static final int MIGRATE_UNMOVABLE = 0;
    protected static final int MIGRATE_MOVABLE = 1;
    protected static final int MIGRATE_RECLAIMABLE = 2;
    protected static final int MIGRATE_HIGHATOMIC = 3;
    protected static final int MIGRATE_ISOLATE = 4;
    protected static final int MIGRATE_PCPTYPES = MigrateType.MIGRATE_PCPTYPES;

    /** fpi_t flags of __free_one_page(): no special handling. */
    public static final int FPI_NONE = 0;
    /** Skip free page reporting; kept for the kernel's spelling, it changes nothing here. */
    public static final int FPI_SKIP_REPORT_NOTIFY = 1;
    /** Put the freed block at the tail of its list. */
    public static final int FPI_TO_TAIL = 1 << 1;

    /** fallbacks[] of mm/page_alloc.c for the pcp types, in the kernel's order, without its MIGRATE_TYPES terminators. */
    private static final int[][] FALLBACKS = {
        {MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE},   // MIGRATE_UNMOVABLE
        {MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE}, // MIGRATE_MOVABLE
        {MIGRATE_UNMOVABLE, MIGRATE_MOVABLE},     // MIGRATE_RECLAIMABLE
    };

    private static final MigrateType[] MIGRATE_TYPES = MigrateType.values();

    protected final Zone zone;
    protected final MmGeometry geometry;
    protected final PageArray pages;
    protected final FreeArea area;
    protected final EventSink sink;
    protected final int maxOrder;
    protected final int pageblockOrder;
    protected final int pageblockNrPages;
    protected final int zoneStart;
    protected final int zoneEnd;

    /** Out-parameters of the kernel's helpers (int *num_movable, bool *can_steal), reused to avoid allocation. */
    private final int[] numMovable = new int[1];
    private final boolean[] canSteal = new boolean[1];

    /** An allocator over a zone that reports no events. */
    public PageAlloc(Zone zone) {
        this(zone, EventSink.NONE);
    }

    /** An allocator over a zone that reports each step to sink. */
    public PageAlloc(Zone zone, EventSink sink) {
        this.zone = zone;
        this.geometry = zone.geometry();
        this.pages = zone.pageArray();
        this.area = zone.freeArea();
        this.sink = sink;
        this.maxOrder = geometry.maxOrder();
        this.pageblockOrder = geometry.pageblockOrder();
        this.pageblockNrPages = geometry.pageblockNrPages();
        this.zoneStart = geometry.zoneStart();
        this.zoneEnd = geometry.zoneEnd();
    }

    public Zone zone() {
        return zone;
    }

    public EventSink sink() {
        return sink;
    }

    // ------------------------------------------------------------------------------------------------------
    // Pageblock flags.

    /**
     * getPfnblockMigratetype() - the migratetype of the pageblock a pfn lies in.
     * Kernel: get_pfnblock_migratetype() / get_pageblock_migratetype() in mm/page_alloc.c
     */
    protected int getPfnblockMigratetype(int pfn) {
        return pages.pfnblockMigratetype(pfn);
    }

    /**
     * setPageblockMigratetype() - set the migratetype of the pageblock a pfn lies in.
     * Kernel: set_pageblock_migratetype() in mm/page_alloc.c
     */
    protected void setPageblockMigratetype(int pfn, int migratetype) {
        pages.setPageblockMigratetype(pfn >> pageblockOrder, migratetype);
    }

    // ------------------------------------------------------------------------------------------------------
    // Buddy bookkeeping.

    /**
     * setBuddyOrder() - mark a page as the head of a free block of an order.
     * Kernel: set_buddy_order() in mm/page_alloc.c
     */
    protected void setBuddyOrder(int pfn, int order) {
        pages.setBuddyOrder(pfn, order);
    }

    /**
     * findBuddyPfn() - the pfn of a block's buddy.
     * Kernel: __find_buddy_pfn() in mm/internal.h
     * Spec: FindBuddyPfn(p, o)
     */
    protected int findBuddyPfn(int pfn, int order) {
        return pfn ^ (1 << order);
    }

    /**
     * pageIsBuddy() - whether buddy is a free block of this order that may merge with page.
     * Kernel: page_is_buddy() in mm/page_alloc.c; the zone check stands for page_zone_id() equality.
     */
    protected boolean pageIsBuddy(int pfn, int buddyPfn, int order) {
        if (!inZone(buddyPfn) || !inZone(pfn)) {
            return false;
        }
        return pages.isPageBuddy(buddyPfn) && pages.buddyOrder(buddyPfn) == order;
    }

    /**
     * findBuddyPagePfn() - the buddy of a block if it is free and may merge, else -1.
     * Kernel: find_buddy_page_pfn() in mm/internal.h
     */
    protected int findBuddyPagePfn(int pfn, int order) {
        int buddyPfn = findBuddyPfn(pfn, order);
        return pageIsBuddy(pfn, buddyPfn, order) ? buddyPfn : -1;
    }

    /**
     * addToFreeList() - put a free block at the head of its list.
     * Kernel: add_to_free_list() in mm/page_alloc.c
     */
    protected void addToFreeList(int pfn, int order, int migratetype) {
        area.addToFreeList(pfn, order, migratetype);
    }

    /**
     * addToFreeListTail() - put a free block at the tail of its list.
     * Kernel: add_to_free_list_tail() in mm/page_alloc.c
     */
    protected void addToFreeListTail(int pfn, int order, int migratetype) {
        area.addToFreeListTail(pfn, order, migratetype);
    }

    /**
     * moveToFreeList() - move a free block to the tail of another migratetype's list of the same order.
     * Kernel: move_to_free_list() in mm/page_alloc.c (list_move_tail in 6.1)
     */
    protected void moveToFreeList(int pfn, int order, int migratetype) {
        area.moveToFreeList(pfn, order, migratetype);
    }

    /**
     * delPageFromFreeList() - take a free block off its list and clear PageBuddy and its order.
     * Kernel: del_page_from_free_list() in mm/page_alloc.c
     */
    protected void delPageFromFreeList(int pfn, int order) {
        area.delPageFromFreeList(pfn, order);
    }

    /**
     * getPageFromFreeArea() - the head of a free list, or -1.
     * Kernel: get_page_from_free_area() in mm/page_alloc.c
     */
    protected int getPageFromFreeArea(int order, int migratetype) {
        return area.getPageFromFreeArea(order, migratetype);
    }

    /**
     * modZoneFreepageState() - account free pages in NR_FREE_PAGES.
     * Kernel: __mod_zone_freepage_state() in include/linux/vmstat.h (no CMA counter in the model)
     */
    protected void modZoneFreepageState(long nrPages, int migratetype) {
        zone.modFreePages(nrPages);
    }

    /**
     * isMigrateIsolate() - whether a migratetype is MIGRATE_ISOLATE.
     * Kernel: is_migrate_isolate() in include/linux/page-isolation.h
     */
    protected boolean isMigrateIsolate(int migratetype) {
        return migratetype == MIGRATE_ISOLATE;
    }

    /**
     * migratetypeIsMergeable() - whether free blocks of this type may merge with another type.
     * Kernel: migratetype_is_mergeable() in include/linux/mmzone.h
     * Spec: Mergeable(t)
     */
    protected boolean migratetypeIsMergeable(int migratetype) {
        return migratetype < MIGRATE_PCPTYPES;
    }

    // ------------------------------------------------------------------------------------------------------
    // Freeing.

    /**
     * buddyMergeLikely() - whether the freed block's buddy at the next order is free, so the block is likely to
     * merge soon and should go to the list tail, where it is not handed out first.
     * Kernel: buddy_merge_likely() in mm/page_alloc.c
     */
    protected boolean buddyMergeLikely(int pfn, int buddyPfn, int order) {
        if (order >= maxOrder - 2) {
            return false;
        }
        int higherPagePfn = buddyPfn & pfn;
        return findBuddyPagePfn(higherPagePfn, order + 1) >= 0;
    }

    /**
     * combinedPfn() - the head of the block a page and its buddy merge into.
     * Kernel: the expression buddy_pfn &amp; pfn in __free_one_page(), a seam of its own here for seeded bugs.
     */
    protected int combinedPfn(int pfn, int buddyPfn) {
        return buddyPfn & pfn;
    }

    /**
     * freeOnePage() - put a block back on the free lists, merging with free buddies as far as allowed.
     * Kernel: __free_one_page() in mm/page_alloc.c
     * Spec: FreeOne(F, p, o, t, pbmt)
     *
     * <p>The merge stops below MAX_ORDER-1, at a buddy that is not free with the same order inside the zone, and at
     * order &gt;= pageblock_order when the two pageblocks' types differ and either is not mergeable, which keeps
     * MIGRATE_ISOLATE free pages apart. NR_FREE_PAGES grows unless the type is MIGRATE_ISOLATE.
     *
     * @param migratetype the list to free to, normally the pageblock's type
     * @param fpiFlags FPI_NONE or FPI_TO_TAIL
     */
    protected void freeOnePage(int pfn, int order, int migratetype, int fpiFlags) {
        int buddyPfn = 0;
        if (!isMigrateIsolate(migratetype)) {
            modZoneFreepageState(1L << order, migratetype);
        }
        while (order < maxOrder - 1) {
            buddyPfn = findBuddyPfn(pfn, order);
            if (!pageIsBuddy(pfn, buddyPfn, order)) {
                break;
            }
            if (order >= pageblockOrder) {
                // Keep isolated free pages out of other types' blocks, or the isolated range would leak
                // pages and NR_FREE_PAGES would be wrong.
                int buddyMt = getPfnblockMigratetype(buddyPfn);
                if (migratetype != buddyMt
                        && (!migratetypeIsMergeable(migratetype) || !migratetypeIsMergeable(buddyMt))) {
                    break;
                }
            }
            delPageFromFreeList(buddyPfn, order);
            pfn = combinedPfn(pfn, buddyPfn);
            order++;
        }
        setBuddyOrder(pfn, order);
        boolean toTail = (fpiFlags & FPI_TO_TAIL) != 0 || buddyMergeLikely(pfn, buddyPfn, order);
        if (toTail) {
            addToFreeListTail(pfn, order, migratetype);
        } else {
            addToFreeList(pfn, order, migratetype);
        }
    }

    /**
     * freeOnePage() - free an allocated block to the list of its pageblock's migratetype, merging with buddies.
     * Kernel: __free_one_page() in mm/page_alloc.c, entered through free_one_page()
     * Spec: FreeOnePage(pfn, order)
     * Trace: free_one_page
     *
     * @throws StepRefusedException if no allocated block of this order starts at pfn
     */
    public void freeOnePage(int pfn, int order) {
        // FreeOnePage(pfn, order) ==
        //     /\ \E a \in allocated : a.pfn = pfn /\ a.order = order
        if (!inZone(pfn) || !pages.isAllocatedHead(pfn) || pages.allocatedOrder(pfn) != order) {
            throw refuseFreeOnePage(pfn, order);
        }
        pages.clearAllocated(pfn);
        freeOnePage(pfn, order, getPfnblockMigratetype(pfn), FPI_NONE);
        sink.step(MmAction.FREE_ONE_PAGE, pfn, order, 0, -1);
    }

    /** Why FreeOnePage(pfn, order) is not enabled; kept out of freeOnePage() so that the JIT inlines that. */
    private StepRefusedException refuseFreeOnePage(int pfn, int order) {
        if (pfn < zoneStart || pfn >= zoneEnd) {
            return new StepRefusedException("__free_one_page", "pfn " + hex(pfn) + " is outside the zone ["
                    + hex(zoneStart) + ", " + hex(zoneEnd) + ")");
        }
        if (!pages.isAllocatedHead(pfn)) {
            return new StepRefusedException("__free_one_page", "no allocated block starts at pfn " + hex(pfn));
        }
        return new StepRefusedException("__free_one_page", "the allocated block at pfn " + hex(pfn)
                + " has order " + pages.allocatedOrder(pfn) + ", not " + order);
    }

    // ------------------------------------------------------------------------------------------------------
    // Allocation.

    /**
     * expand() - give back the upper halves of a block split down from order high to order low.
     * Kernel: expand() in mm/page_alloc.c
     * Spec: Expand(p, low, high, t)
     */
    protected void expand(int pfn, int low, int high, int migratetype) {
        int size = 1 << high;
        while (high > low) {
            high--;
            size >>= 1;
            addToFreeList(pfn + size, high, migratetype);
            setBuddyOrder(pfn + size, high);
        }
    }

    /**
     * prepNewPage() - record a block as allocated with the requested migratetype and its owner.
     * Kernel: set_pcppage_migratetype() in __rmqueue_smallest() and prep_new_page() in mm/page_alloc.c; the model
     * keeps the block in the spec's allocated set instead of handing a struct page to a caller.
     */
    protected void prepNewPage(int pfn, int order, int migratetype, int owner) {
        pages.setAllocated(pfn, order, migratetype, owner);
    }

    /**
     * rmqueueSmallest() - take the smallest free block of one migratetype.
     * Kernel: __rmqueue_smallest() in mm/page_alloc.c
     * Spec: RmqueueSmallest(order, migratetype, owner)
     * Trace: mm_page_alloc_zone_locked
     *
     * <p>Takes the head of the first non-empty list of this type at order or above, splits it with expand() and
     * records a block of the requested order at its start. NR_FREE_PAGES drops by 2^order.
     *
     * @return the pfn of the allocated block
     * @throws StepRefusedException if no list of this type at order or above has a block, or an argument is out
     *                              of the spec's domain
     */
    public int rmqueueSmallest(int order, MigrateType migratetype, int owner) {
        // RmqueueSmallest(order, migratetype, owner) ==
        //     /\ CanRmqueueSmallest(order, migratetype)
        //        \* \E co \in order..(MaxOrder - 1) : freeList[co][migratetype] # {}
        //     /\ ZoneWatermarkFast(order)   \* get_page_from_freelist() let the request through
        checkAllocArgs("__rmqueue_smallest", order, migratetype);
        checkWatermarkFast("__rmqueue_smallest", order);
        int pfn = tryRmqueueSmallest(order, migratetype.ordinal(), owner);
        if (pfn < 0) {
            throw refuseRmqueueSmallest(order, migratetype);
        }
        return pfn;
    }

    private StepRefusedException refuseRmqueueSmallest(int order, MigrateType migratetype) {
        return new StepRefusedException("__rmqueue_smallest", "no free_list[o][" + migratetype
                + "] with o in " + order + ".." + (maxOrder - 1) + " has a block");
    }

    /** __rmqueue_smallest() proper: returns -1 (NULL) instead of refusing, and emits the event on success. */
    private int tryRmqueueSmallest(int order, int migratetype, int owner) {
        for (int currentOrder = order; currentOrder < maxOrder; ++currentOrder) {
            int pfn = getPageFromFreeArea(currentOrder, migratetype);
            if (pfn < 0) {
                continue;
            }
            delPageFromFreeList(pfn, currentOrder);
            expand(pfn, order, currentOrder, migratetype);
            prepNewPage(pfn, order, migratetype, owner);
            // rmqueue_buddy() does this after __rmqueue(); the spec folds it into the step.
            modZoneFreepageState(-(1L << order), migratetype);
            sink.step(MmAction.RMQUEUE_SMALLEST, order, migratetype, owner, pfn);
            return pfn;
        }
        return -1;
    }

    /**
     * moveFreepages() - move every free block whose head lies in [startPfn, endPfn] to a migratetype's lists,
     * and count the movable pages met on the way.
     * Kernel: move_freepages() in mm/page_alloc.c
     * Spec: MoveFreepagesBlock(F, p, t), MovablePagesIn(lo, hi)
     *
     * @param numMovable if not null, numMovable[0] is increased by the pages of movable allocations in the range
     * @return pages moved
     */
    protected int moveFreepages(int startPfn, int endPfn, int migratetype, int[] numMovable) {
        int pagesMoved = 0;
        // Only an isolated pageblock that sticks out of the zone (never made by these steps, but buildable)
        // starts before zoneStart; its outside pages head no free block.
        for (int pfn = Math.max(startPfn, zoneStart); pfn <= endPfn; ) {
            if (!pages.isPageBuddy(pfn)) {
                // Every page of an allocated block is !PageBuddy, so counting the whole block at its head
                // gives what the kernel's page-by-page walk gives.
                if (pages.isAllocatedHead(pfn)) {
                    int n = (int) Math.min(span(pages.allocatedOrder(pfn)), (long) endPfn - pfn + 1);
                    if (numMovable != null && pages.migratetype(pfn) == MIGRATE_MOVABLE) {
                        numMovable[0] += n;
                    }
                    pfn += n;
                    continue;
                }
                if (numMovable != null && pageLruOrMovable(pfn)) {
                    numMovable[0]++;
                }
                pfn++;
                continue;
            }
            int order = pages.buddyOrder(pfn);
            moveToFreeList(pfn, order, migratetype);
            if (span(order) > endPfn - pfn + 1L) {
                // Only a corrupted order reaches past the pageblock; stop rather than wrap around.
                return pagesMoved + (1 << Math.min(order, 30));
            }
            pfn += 1 << order;
            pagesMoved += 1 << order;
        }
        return pagesMoved;
    }

    /**
     * pageLruOrMovable() - whether a page could be migrated: in the model, it belongs to an allocated block
     * requested as MIGRATE_MOVABLE.
     * Kernel: PageLRU(page) || __PageMovable(page) in move_freepages()
     */
    protected boolean pageLruOrMovable(int pfn) {
        int head = zone.allocatedBlockCovering(pfn);
        return head >= 0 && pages.migratetype(head) == MIGRATE_MOVABLE;
    }

    /**
     * moveFreepagesBlock() - move the free blocks of a page's pageblock to a migratetype's lists.
     * Kernel: move_freepages_block() in mm/page_alloc.c
     * Spec: MoveFreepagesRange(p), MoveFreepagesBlock(F, p, t)
     *
     * <p>The range starts at the page itself if the pageblock starts before the zone, and nothing is moved if the
     * pageblock ends after the zone.
     *
     * @param numMovable if not null, numMovable[0] is set to the movable pages in the range
     * @return pages moved
     */
    protected int moveFreepagesBlock(int pfn, int migratetype, int[] numMovable) {
        if (numMovable != null) {
            numMovable[0] = 0;
        }
        int startPfn = pfn & -pageblockNrPages;
        int endPfn = startPfn + pageblockNrPages - 1;
        if (startPfn < zoneStart || startPfn >= zoneEnd) {
            startPfn = pfn;
        }
        if (endPfn < zoneStart || endPfn >= zoneEnd) {
            return 0;
        }
        return moveFreepages(startPfn, endPfn, migratetype, numMovable);
    }

    /**
     * changePageblockRange() - set the migratetype of every pageblock a block of start_order covers.
     * Kernel: change_pageblock_range() in mm/page_alloc.c
     * Spec: ChangePageblockRange(p, o, t)
     */
    protected void changePageblockRange(int pfn, int startOrder, int migratetype) {
        int nrPageblocks = 1 << (startOrder - pageblockOrder);
        while (nrPageblocks-- > 0) {
            setPageblockMigratetype(pfn, migratetype);
            pfn += pageblockNrPages;
        }
    }

    /**
     * canStealFallback() - whether a fallback at this order may take the whole pageblock.
     * Kernel: can_steal_fallback() in mm/page_alloc.c
     * Spec: CanStealFallback(o, startMt)
     */
    protected boolean canStealFallback(int order, int startMt) {
        if (order >= pageblockOrder) {
            return true;
        }
        return order >= pageblockOrder / 2 || startMt == MIGRATE_RECLAIMABLE || startMt == MIGRATE_UNMOVABLE;
    }

    /**
     * stealSuitableFallback() - move a fallback block to the requested type's list, with its pageblock's other
     * free pages if allowed, and claim the pageblock if enough of it is free or alike.
     * Kernel: steal_suitable_fallback() in mm/page_alloc.c
     * Spec: StealSuitableFallback(b, startMt, wholeBlock)
     */
    protected void stealSuitableFallback(int pfn, int startType, boolean wholeBlock) {
        int currentOrder = pages.buddyOrder(pfn);
        int oldBlockType = getPfnblockMigratetype(pfn);
        if (currentOrder >= pageblockOrder) {
            // The block covers whole pageblocks, so no other type's pages share them: retype them outright.
            changePageblockRange(pfn, currentOrder, startType);
        } else if (wholeBlock) {
            int freePages = moveFreepagesBlock(pfn, startType, numMovable);
            // Moving the whole block fails at zone boundaries: then only the page itself moves.
            if (freePages != 0) {
                int movablePages = numMovable[0];
                int alikePages;
                if (startType == MIGRATE_MOVABLE) {
                    alikePages = movablePages;
                } else if (oldBlockType == MIGRATE_MOVABLE) {
                    // Unmovable and reclaimable requests count a movable block's unmovable pages as alike;
                    // between each other they cannot tell, so they count none.
                    alikePages = pageblockNrPages - (freePages + movablePages);
                } else {
                    alikePages = 0;
                }
                if (freePages + alikePages >= (1 << (pageblockOrder - 1))) {
                    setPageblockMigratetype(pfn, startType);
                }
                return;
            }
        }
        moveToFreeList(pfn, currentOrder, startType);
    }

    /**
     * findSuitableFallback() - the first fallback migratetype with a free block at this order.
     * Kernel: find_suitable_fallback() in mm/page_alloc.c
     * Spec: FindSuitableFallback(o, startMt)
     *
     * @param onlyStealable return only a fallback whose pageblock may be stolen
     * @param canStealOut if not null, canStealOut[0] tells whether the pageblock may be stolen
     * @return the fallback migratetype, or -1; like the kernel, -1 at once when nr_free of the order is 0
     */
    protected int findSuitableFallback(int order, int migratetype, boolean onlyStealable, boolean[] canStealOut) {
        if (area.nrFree(order) == 0) {
            return -1;
        }
        boolean steal = false;
        if (canStealOut != null) {
            canStealOut[0] = false;
        }
        for (int fallbackMt : FALLBACKS[migratetype]) {
            if (area.isEmpty(order, fallbackMt)) {
                continue;
            }
            if (canStealFallback(order, migratetype)) {
                steal = true;
                if (canStealOut != null) {
                    canStealOut[0] = true;
                }
            }
            if (!onlyStealable || steal) {
                return fallbackMt;
            }
        }
        return -1;
    }

    /**
     * findSuitableFallback() - as above, for the allocator's callers: __compact_finished() asks with
     * only_stealable. A type outside MIGRATE_PCPTYPES has no fallbacks.
     * Kernel: find_suitable_fallback() in mm/page_alloc.c
     *
     * @return the fallback migratetype, or -1
     */
    public int findSuitableFallback(int order, int migratetype, boolean onlyStealable) {
        if (migratetype < 0 || migratetype >= MIGRATE_PCPTYPES) {
            return -1;
        }
        return findSuitableFallback(order, migratetype, onlyStealable, null);
    }

    /**
     * rmqueueFallback() - steal a free block of another migratetype for a request that found none of its own.
     * Kernel: __rmqueue_fallback() in mm/page_alloc.c
     * Spec: RmqueueFallback(order, migratetype)
     * Trace: mm_page_alloc_extfrag
     *
     * <p>Searches from the largest order down for a fallback; a movable request that may not steal the pageblock
     * takes the smallest order with a fallback instead. Allocates nothing: __rmqueue() then retries
     * __rmqueue_smallest(), which now succeeds.
     *
     * @return the pfn of the stolen block, now on a list of the requested type
     * @throws StepRefusedException if __rmqueue_smallest() would succeed, no fallback list has a block at order
     *                              or above, or an argument is out of the spec's domain
     */
    public int rmqueueFallback(int order, MigrateType migratetype) {
        // RmqueueFallback(order, migratetype) ==
        //     /\ ZoneWatermarkFast(order)
        //     /\ ~CanRmqueueSmallest(order, migratetype)
        //     /\ \E co \in order..(MaxOrder - 1) : HasFallback(co, migratetype)
        checkAllocArgs("__rmqueue_fallback", order, migratetype);
        checkWatermarkFast("__rmqueue_fallback", order);
        int mt = migratetype.ordinal();
        for (int o = order; o < maxOrder; o++) {
            if (!area.isEmpty(o, mt)) {
                throw new StepRefusedException("__rmqueue_fallback", "free_list[" + o + "][" + migratetype
                        + "] has a block, so __rmqueue_smallest() succeeds");
            }
        }
        int pfn = tryRmqueueFallback(order, mt);
        if (pfn < 0) {
            throw new StepRefusedException("__rmqueue_fallback", "no fallback list of " + migratetype
                    + " has a block at order " + order + " or above");
        }
        return pfn;
    }

    /** __rmqueue_fallback() proper: returns -1 (false) instead of refusing, and emits the event on success. */
    private int tryRmqueueFallback(int order, int startMt) {
        int minOrder = order;
        int currentOrder;
        int fallbackMt = -1;
        boolean found = false;
        for (currentOrder = maxOrder - 1; currentOrder >= minOrder; --currentOrder) {
            fallbackMt = findSuitableFallback(currentOrder, startMt, false, canSteal);
            if (fallbackMt == -1) {
                continue;
            }
            found = true;
            break;
        }
        if (!found) {
            return -1;
        }
        // A movable request that may not steal the whole block would only fragment a large block:
        // take the smallest fallback instead (find_smallest).
        if (!canSteal[0] && startMt == MIGRATE_MOVABLE && currentOrder > order) {
            for (currentOrder = order; currentOrder < maxOrder; currentOrder++) {
                fallbackMt = findSuitableFallback(currentOrder, startMt, false, canSteal);
                if (fallbackMt != -1) {
                    break;
                }
            }
        }
        int pfn = getPageFromFreeArea(currentOrder, fallbackMt);
        stealSuitableFallback(pfn, startMt, canSteal[0]);
        sink.step(MmAction.RMQUEUE_FALLBACK, order, startMt, 0, pfn);
        return pfn;
    }

    /**
     * rmqueue() - allocate a block of a migratetype, falling back to other types if it has none.
     * Kernel: __rmqueue() in mm/page_alloc.c (without CMA)
     * Spec: RmqueueFallback(order, migratetype) then RmqueueSmallest(order, migratetype, owner)
     * Trace: mm_page_alloc_extfrag, mm_page_alloc_zone_locked
     *
     * <p>Emits one event (RMQUEUE_SMALLEST), or two (RMQUEUE_FALLBACK then RMQUEUE_SMALLEST), or none.
     *
     * @return the pfn of the allocated block, or -1 if no list could serve the request
     * @throws StepRefusedException if an argument is out of the spec's domain
     */
    public int rmqueue(int order, MigrateType migratetype, int owner) {
        checkAllocArgs("__rmqueue", order, migratetype);
        int mt = migratetype.ordinal();
        int pfn = tryRmqueueSmallest(order, mt, owner);
        if (pfn < 0 && tryRmqueueFallback(order, mt) >= 0) {
            pfn = tryRmqueueSmallest(order, mt, owner);
        }
        return pfn;
    }

    /**
     * zoneWatermarkFast() - whether the zone may serve an allocation of this order at this mark.
     * Kernel: zone_watermark_fast() in mm/page_alloc.c, a seam of its own here for seeded bugs.
     * Spec: ZoneWatermarkOk(order, mark, LowmemReserve, {})
     */
    protected boolean zoneWatermarkFast(int order, long mark, int allocFlags) {
        return Watermarks.zoneWatermarkFast(zone, order, mark, allocFlags);
    }

    /**
     * getPageFromFreelist() - allocate from this zone if it passes the watermark alloc_flags select.
     * Kernel: get_page_from_freelist() for one zone: zone_watermark_fast(), then rmqueue() (which runs __rmqueue())
     * Spec: RmqueueSmallest and RmqueueFallback, guarded by ZoneWatermarkFast (ALLOC_WMARK_LOW, the fast path);
     * the retry of TryToCompactPagesEnd (ALLOC_WMARK_MIN, the slow path)
     *
     * @param allocFlags ALLOC_WMARK_MIN, _LOW or _HIGH of {@link Watermarks}, with ALLOC_HIGH/_HARDER/_OOM
     * @return the pfn of the allocated block, or -1 if the zone is below the watermark or no list could serve it
     * @throws StepRefusedException if an argument is out of the spec's domain
     */
    public int getPageFromFreelist(int order, MigrateType migratetype, int owner, int allocFlags) {
        checkAllocArgs("get_page_from_freelist", order, migratetype);
        if (!zoneWatermarkFast(order, Watermarks.wmarkPages(zone, allocFlags), allocFlags)) {
            return -1;
        }
        return rmqueue(order, migratetype, owner);
    }

    /** The fast path's check (ALLOC_WMARK_LOW) that RmqueueSmallest and RmqueueFallback are steps after. */
    private void checkWatermarkFast(String function, int order) {
        if (!zoneWatermarkFast(order, zone.lowWmark(), Watermarks.ALLOC_WMARK_LOW)) {
            throw new StepRefusedException(function, "zone_watermark_fast() fails for order " + order
                    + ": NR_FREE_PAGES " + zone.freePages() + ", low watermark " + zone.lowWmark()
                    + ", lowmem_reserve " + zone.lowmemReserve() + ", so get_page_from_freelist() does not rmqueue()");
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Isolated pages.

    /**
     * isolateFreePage() - take a free block off its list for the caller to own.
     * Kernel: __isolate_free_page() in mm/page_alloc.c
     *
     * @return pages taken, or 0 if the watermark check refused (only for blocks not in an isolated pageblock)
     */
    public long isolateFreePage(int pfn, int order) {
        int mt = getPfnblockMigratetype(pfn);
        if (!isMigrateIsolate(mt)) {
            // Taking a free page that is not isolated is an allocation: 6.1 emulates the order's watermark check
            // with an order-0 check against the MIN watermark raised by the block (_watermark[WMARK_MIN] + 2^order).
            long watermark = zone.minWmark() + (1L << order);
            if (!Watermarks.zoneWatermarkOk(zone, 0, watermark, 0, zone.freePages())) {
                return 0;
            }
            modZoneFreepageState(-(1L << order), mt);
        }
        delPageFromFreeList(pfn, order);
        // Whoever takes half a pageblock or more (compaction's free scanner) fills it with movable pages.
        if (order >= pageblockOrder - 1) {
            long endPfn = (long) pfn + (1L << order) - 1;
            for (long p = pfn; p < endPfn; p += pageblockNrPages) {
                int pmt = getPfnblockMigratetype((int) p);
                if (migratetypeIsMergeable(pmt)) {
                    setPageblockMigratetype((int) p, MIGRATE_MOVABLE);
                }
            }
        }
        return 1L << order;
    }

    /**
     * putbackIsolatedPage() - return a block taken by isolateFreePage() to the tail of a free list.
     * Kernel: __putback_isolated_page() in mm/page_alloc.c
     */
    protected void putbackIsolatedPage(int pfn, int order, int migratetype) {
        freeOnePage(pfn, order, migratetype, FPI_SKIP_REPORT_NOTIFY | FPI_TO_TAIL);
    }

    // ------------------------------------------------------------------------------------------------------

    private void checkAllocArgs(String function, int order, MigrateType migratetype) {
        if (order < 0 || order >= maxOrder || migratetype.ordinal() >= MIGRATE_PCPTYPES) {
            throw refuseAllocArgs(function, order, migratetype);
        }
    }

    private StepRefusedException refuseAllocArgs(String function, int order, MigrateType migratetype) {
        String problem = geometry.orderProblem(order);
        return new StepRefusedException(function, problem != null ? problem
                : migratetype + " is not an allocation type (MIGRATE_PCPTYPES)");
    }

    /** zoneStart &lt;= pfn &lt; zoneEnd, as one unsigned comparison. */
    private boolean inZone(int pfn) {
        return Integer.compareUnsigned(pfn - zoneStart, zoneEnd - zoneStart) < 0;
    }

    /** Pages in a block of this order, without the int shift wrapping for corrupted orders. */
    static long span(int order) {
        return 1L << Math.min(Math.max(order, 0), 40);
    }

    static String hex(long pfn) {
        return pfn < 0 ? Long.toString(pfn) : "0x" + Long.toHexString(pfn);
    }

    static String mtName(int mt) {
        return mt >= 0 && mt < MIGRATE_TYPES.length ? MIGRATE_TYPES[mt].name() : "migratetype " + mt;
    }
}
