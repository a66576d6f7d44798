---------------------------- MODULE MCCompaction ----------------------------
(***************************************************************************)
(* Model wrapper for Compaction: the values the .cfg files substitute, the *)
(* roles that keep the models small, and the seeded bugs.                  *)
(***************************************************************************)
EXTENDS Compaction

MCAllocTypes     == {"MIGRATE_MOVABLE"}
MCAllocTypesUM   == {"MIGRATE_MOVABLE", "MIGRATE_UNMOVABLE"}
MCTriggersManual == {"manual"}
MCTriggersAll    == {"direct", "kcompactd", "manual", "proactive"}
MCTriggersDirect == {"direct"}
MCTriggersKcd    == {"kcompactd"}
MCTriggersKcdPro == {"kcompactd", "proactive"}
MCTriggersDirMan == {"direct", "manual"}
MCTriggersDirKcdMan == {"direct", "kcompactd", "manual"}
MCEmpty          == {}

(***************************************************************************)
(* Roles.  Process 0 faults and unmaps its pages; writes store 1; fork     *)
(* and pins are on only where a cfg says so (MCForkOn, MaxPins).           *)
(***************************************************************************)
MCForkOn == FALSE
\* Whether the process acts at all (the seeded-bug models keep it still).
MCUserSteps == TRUE
\* Whether the process may fault new pages (else it only unmaps, writes,
\* pins and unpins what it has).
MCFaultOn == TRUE

MCUserNext ==
    \/ MCFaultOn /\ \E p \in Procs, v \in Vpages : DoAnonymousPage(p, v)
    \/ \E p \in Procs, v \in Vpages : ZapPteRange(p, v)
    \/ \E p \in Procs, v \in Vpages, c \in Contents \ {ZeroContent} : UserWrite(p, v, c)
    \/ \E p \in Procs, v \in Vpages, c \in Contents \ {ZeroContent} : WpPageReuse(p, v, c)
    \/ MCFaultOn /\ \E p \in Procs, v \in Vpages, c \in Contents \ {ZeroContent} : WpPageCopy(p, v, c)
    \/ MCForkOn /\ \E p, q \in Procs, v \in Vpages : CopyPresentPte(p, v, q, v)
    \/ MCForkOn /\ \E p, q \in Procs, v \in Vpages : CopyPresentPage(p, v, q, v)
    \/ \E p \in Procs, v \in Vpages : PinUserPages(p, v)
    \/ \E f \in Pfns : UnpinUserPage(f)

MCProcessStep == MCUserSteps /\ MCUserNext /\ UNCHANGED compactionVars

MCNext ==
    \/ CompactRunStep
    \/ TriggerStep
    \/ MCProcessStep
    \/ AllocatorStep

MCSpec == CompactionInit /\ [][MCNext]_allVars
MCFairSpec == MCSpec /\ CompactionFairness

(***************************************************************************)
(* Quiet phases: the processes and the allocator act only while no         *)
(* compaction runs (MCQuietNext), for the model that checks what a         *)
(* whole-zone run achieves.                                                *)
(***************************************************************************)
MCQuietNext ==
    \/ CompactRunStep
    \/ TriggerStep
    \/ cc.pc = "idle" /\ MCProcessStep
    \/ cc.pc = "idle" /\ AllocatorStep

MCQuietSpec == CompactionInit /\ [][MCQuietNext]_allVars
MCQuietFairSpec == MCQuietSpec /\ CompactionFairness


(***************************************************************************)
(* Fragmented starting layouts.  MCLayout maps each of process 0's vpages  *)
(* to the frame it already maps (an exclusive page holding ZeroContent);   *)
(* MCPinned frames carry one pin.  Every other frame is free, in maximal   *)
(* aligned blocks on the lists of their pageblock's migratetype            *)
(* (MIGRATE_MOVABLE but in MCUnmovableBlocks), as __free_one_page() would  *)
(* have left them.                                                         *)
(***************************************************************************)
MCLayoutFrag   == [v \in 0..4 |-> 3 + 2 * v]     \* 2..11: one used frame per 2-page block
MCLayoutFrag6  == [v \in 0..5 |-> 3 + 2 * v]     \* 2..13: one used frame per 2-page block
MCLayoutSmall  == [v \in 0..1 |-> 3 + 2 * v]     \* 2..7: frames 3 and 5 used
MCLayoutHole   == [v \in 0..3 |-> << 3, 5, 9, 11 >>[v + 1]]  \* 2..11: frame 7 unmapped
MCLayoutOne    == [v \in {0} |-> 3]              \* 2..7: frame 3 used
MCLayoutRelease == [v \in 0..2 |-> << 5, 8, 12 >>[v + 1]]  \* 4..15, 4-page pageblocks
MCLayoutTop    == [v \in 0..2 |-> << 3, 10, 11 >>[v + 1]]  \* 2..11: frames 3, 10 and 11 used
MCLayoutNone   == [v \in {} |-> 0]
\* 4..15, 4-page pageblocks: in pageblock 1 the order-1 block [4, 5] gives
\* page 4 and the scan stops at 6 to migrate it; then [6, 7] gives page 6
\* but 7 is pinned, so 6 goes back and the scan leaves the block.  Five
\* free pages (5, 9, 11, 13, 15), no free order-1 block.
MCLayoutSkipFail == [v \in 0..6 |-> << 4, 6, 7, 8, 10, 12, 14 >>[v + 1]]
MCPinnedNone   == {}
MCPinned3      == {3}
MCPinnedFrag   == { 3, 5, 7, 9, 11 }
MCPinned7      == {7}
MCLayout == MCLayoutNone
MCPinned == MCPinnedNone
\* Pageblocks the starting layout has as MIGRATE_UNMOVABLE (an unmovable
\* allocation claimed them before and has freed its pages since); their
\* free blocks are on the MIGRATE_UNMOVABLE lists.  None unless a cfg says so.
MCUnmovableBlocks == {}
MCInitMt(pb) == IF pb \in MCUnmovableBlocks THEN UNMOVABLE ELSE MOVABLE

MCUsed == { MCLayout[v] : v \in DOMAIN MCLayout }
MCFree == Pfns \ MCUsed
\* The order of the largest aligned all-free block around p.
MCBlockOrder(p) ==
    CHOOSE o \in Orders :
        /\ BlockStartPfn(p, o) >= ZoneStart /\ BlockStartPfn(p, o) + 2^o <= ZoneEnd
        /\ BlockStartPfn(p, o)..(BlockStartPfn(p, o) + 2^o - 1) \subseteq MCFree
        /\ \A o2 \in Orders : o2 > o =>
              ~(/\ BlockStartPfn(p, o2) >= ZoneStart /\ BlockStartPfn(p, o2) + 2^o2 <= ZoneEnd
                /\ BlockStartPfn(p, o2)..(BlockStartPfn(p, o2) + 2^o2 - 1) \subseteq MCFree)
MCHeads == { BlockStartPfn(p, MCBlockOrder(p)) : p \in MCFree }
MCSlotOf(f) == << 0, CHOOSE v \in DOMAIN MCLayout : MCLayout[v] = f >>

MCInitLayout ==
    /\ freeList = [o \in Orders |-> [t \in MigrateTypes |->
                      { h \in MCHeads : MCBlockOrder(h) = o /\ MCInitMt(PageblockOf(h)) = t }]]
    /\ nrFree = [o \in Orders |-> Cardinality({ h \in MCHeads : MCBlockOrder(h) = o })]
    /\ pageBuddy = [p \in Pfns |-> p \in MCHeads]
    /\ pageOrder = [p \in Pfns |-> IF p \in MCHeads THEN MCBlockOrder(p) ELSE 0]
    /\ pageblockMt = [pb \in Pageblocks |-> MCInitMt(pb)]
    /\ allocated = { [pfn |-> f, order |-> 0, mt |-> MOVABLE, owner |-> AnonOwner] : f \in MCUsed }
    /\ freePages = Cardinality(MCFree)
    /\ pte = [p \in Procs |-> [v \in Vpages |->
                 IF p = 0 /\ v \in DOMAIN MCLayout THEN Present(MCLayout[v]) ELSE PteNone]]
    /\ rmap = [f \in Pfns |-> IF f \in MCUsed THEN { MCSlotOf(f) } ELSE {}]
    /\ mapcount = [f \in Pfns |-> IF f \in MCUsed THEN 1 ELSE 0]
    /\ refcount = [f \in Pfns |-> IF f \in MCUsed THEN (IF f \in MCPinned THEN 2 ELSE 1) ELSE 0]
    /\ pinCount = [f \in Pfns |-> IF f \in MCPinned THEN 1 ELSE 0]
    /\ anonExclusive = [f \in Pfns |-> f \in MCUsed]
    /\ content = [f \in Pfns |-> ZeroContent]
    /\ waitPte = [p \in Procs |-> NoVpage]
    /\ written = [p \in Procs |-> [v \in Vpages |->
                     IF p = 0 /\ v \in DOMAIN MCLayout THEN ZeroContent ELSE NoContent]]
    /\ opParity = 0
    /\ DeferInit
    /\ cc = CcIdle
    /\ compactCachedMigratePfn = ResetCachedMigrate
    /\ compactCachedFreePfn = ResetCachedFree
    /\ compactInitMigratePfn = 0
    /\ compactBlockskipFlush = FALSE
    /\ pageblockSkip = [pb \in Pageblocks |-> FALSE]
    /\ nrIsolatedAnon = 0
    /\ kcompactd = [awake |-> FALSE, maxOrder |-> 0, proactiveDefer |-> FALSE]

\* State constraint of the exhaustive flagship: the allocator holds at most
\* one block at a time, and so do direct compaction's allocations.  Each
\* allocation may take any block of a free list (the buddy lists are sets
\* here), so without a bound the allocator's choices of which pages to hold
\* multiply every other variable's states.  One block each still lets an
\* unmovable page fragment a pageblock while direct compaction succeeds.
MCHeldBy(owners) == Cardinality({ a \in allocated : a.owner \in owners })
MCOneBlockEach == MCHeldBy(AllocatorOwners) <= 1 /\ MCHeldBy({DirectOwner}) <= 1
\* The same with the allocator's block a single page: an order-0 request
\* still steals a whole pageblock when PageblockOrder is 1.
MCOnePageEach == MCOneBlockEach /\ \A a \in allocated : a.owner \in AllocatorOwners => a.order = 0

MCLayoutSpec == MCInitLayout /\ [][MCNext]_allVars
MCLayoutFairSpec == MCLayoutSpec /\ CompactionFairness
MCLayoutQuietSpec == MCInitLayout /\ [][MCQuietNext]_allVars
MCLayoutQuietFairSpec == MCLayoutQuietSpec /\ CompactionFairness

(***************************************************************************)
(* What a whole-zone MIGRATE_SYNC run (compact_memory) achieves when no    *)
(* page is pinned and nothing else runs meanwhile: the largest free block  *)
(* is at least MCExpectedOrder.                                            *)
(***************************************************************************)
\* compact_memory's MIGRATE_SYNC run over the whole zone, with no pin and
\* nothing else running, migrates every page below where the scanners
\* met, so the frames below the final migrate_pfn are all free and the
\* largest free block is the largest the layout of that range allows --
\* unless it found no migration target: no free block below pageblock
\* order above the migrate scanner's pageblock (suitable_migration_target()
\* refuses pageblocks headed by a free block of pageblock order or more:
\* compaction does not split them), or none that __isolate_free_page()'s
\* order-0 watermark lets it take.  (Pages in and above the meeting pageblock stay:
\* 6.1 stops there.)
NoMigrationTarget ==
    \A o \in Orders : o < PageblockOrder =>
        \A p \in UNION { freeList[o][t] : t \in MigrateTypes } :
            PageblockOf(p) <= PageblockOf(cc.migratePfn) \/ freePages <= WmarkMin + 2^o
WholeZoneCompactionInv ==
    (cc.pc = "end" /\ cc.trigger = "manual" /\ cc.status = "COMPACT_COMPLETE"
     /\ \A f \in Pfns : pinCount[f] = 0)
        => \/ \A f \in Pfns : f < cc.migratePfn => ~UserPage(f)
           \/ NoMigrationTarget

\* Witness (a model expects it to fail): compact_zone()'s
\* compaction_suitable() turned a run away for the request's
\* lowmem_reserve, where reserve 0 (the zone's own index, as
\* kcompactd_do_work()'s own test passes) would have let it run.
MCReserveSkipsWitness ==
    ~(/\ cc.pc = "end" /\ cc.status = "COMPACT_SKIPPED" /\ cc.order >= 0
      /\ CompactionSuitableResult(cc.order, 0) = "COMPACT_CONTINUE")

\* Witness (a model expects it to fail): a wakeup_kcompactd() for a higher
\* order came while kcompactd_do_work() was compacting (no sleeper): the
\* order is raised above cc.order, for kcompactd's next turn.
MCKcompactdRaisedDuringRunWitness ==
    ~(cc.trigger = "kcompactd" /\ kcompactd.maxOrder > cc.order)

\* Witness (a model expects it to fail): kcompactd_do_work() ends while a
\* proactive deferral (the long timeout) is pending, which kcompactd()
\* then drops.
MCKcompactdDeferAtWorkEndWitness ==
    ~(cc.trigger = "kcompactd" /\ cc.pc = "end" /\ kcompactd.proactiveDefer)

\* Witness (a model expects it to fail): kcompactd sleeps with
\* kcompactd_max_order set by a wakeup that found compaction unsuitable,
\* so its timeout leads to kcompactd_do_work() (KcompactdDoWork enabled
\* without a wake_up).
MCKcompactdTimedOutWithWorkWitness ==
    ~(cc.pc = "idle" /\ KcompactdTimedOutWithWork)

(***************************************************************************)
(* Seeded bugs.  Each replaces one definition in a cfg (Def <- MCBugDef).  *)
(***************************************************************************)

\* (a) compact_scanners_met() as a raw pfn comparison.  The run goes on
\* when the free scanner sits inside the migrate scanner's pageblock:
\* ScannersNonCrossingInv fails, and the loop spins (ISOLATE_NONE forever).
MCBugCompactScannersMetOf(c) == c.freePfn <= c.migratePfn

\* (b) set_pageblock_skip() does nothing: fast_find_migrateblock() keeps
\* choosing the same pageblock, and the run never ends.
MCBugSetPageblockSkip(skip, pb) == skip

\* (c) __compact_finished() reports COMPACT_SUCCESS when a free block of
\* cc->order - 1 exists (an off-by-one in the order loop).
MCBugSuitablePageFrom(o) == \E o2 \in (o - 1)..(MaxOrder - 1) :
                               o2 \in Orders /\ freeList[o2][MOVABLE] # {}

\* (d) isolate_migratepages() hands isolate_migratepages_block() the zone's
\* end instead of block_end_pfn: the block walk no longer stops at the
\* pageblock's end, so it runs on past the free scanner's pageblock and
\* isolates pages there.  ScannersIsolateApartInv fails.
MCBugIsolateMigrateBlockEnd(low) == ZoneEnd

\* (e) isolate_migratepages_block() without skip_on_failure for async direct
\* compaction: a failed page no longer sends back what its order-aligned
\* block gave, nor does the scan stop at the block's end, so one batch
\* spans blocks.  MigrateBatchOneOrderBlockInv fails.
MCBugSkipOnFailure == FALSE

\* covdefer: direct compaction that succeeds on a free block of another
\* migratetype, and deferral resets below compact_order_failed.
\* Pageblock 1 (pfns 2, 3 with 2-page pageblocks) is MIGRATE_UNMOVABLE: a
\* movable page (3) that an earlier movable allocation took by fallback,
\* beside a free page (2) on the MIGRATE_UNMOVABLE list.
MCUnmovable1 == {1}
MCPinnedFrag6 == { 3, 5, 7, 9, 11, 13 }
MCTriggersDirKcd == {"direct", "kcompactd"}

(***************************************************************************)
(* covskip: the skip_on_failure paths of async direct compaction that the  *)
(* other layouts leave untaken.                                            *)
(***************************************************************************)
\* covskip: a zone from pfn 5, 4-page pageblocks [5, 8), [8, 12), [12, 16):
\* a zone need not start on a pageblock (x86's ZONE_DMA starts at pfn 1;
\* 6.1 tests and sets the skip bit only at aligned pfns, so it never marks
\* that first partial block).  Frame 5 is free and its buddy 4 lies
\* outside the zone, so it stays an order-0 block: the migrate scanner,
\* starting at zone_start_pfn, passes it and reaches next_skip_pfn 6 with
\* nothing isolated, so isolate_migratepages_block() moves the boundary to
\* the end of the current order-1 block instead of stopping.  Free frames
\* 5, 9, 11, 13 and 15, no free order-1 block: order-1 allocations fail
\* while compact_gap() lets compaction run.
MCLayoutCovskip == [v \in 0..5 |-> << 6, 7, 8, 10, 12, 14 >>[v + 1]]
\* covskip: the process does nothing but pin (pin_user_pages(), one pin
\* at most) a page compaction has isolated, while migrate_pages() runs:
\* the isolation took the page with no extra reference, and the pin's
\* reference makes migrate_pages() fail it (-EAGAIN after its passes),
\* so async direct compaction skips the rest of the order-aligned block.
MCPinWhileMigratingNext ==
    \/ MCQuietNext
    \/ /\ cc.pc = "migrate"
       /\ \E p \in Procs, v \in Vpages :
             /\ pte[p][v].type = "present" /\ pte[p][v].pfn \in cc.migratepages
             /\ PinUserPages(p, v)
       /\ UNCHANGED compactionVars
MCPinWhileMigratingSpec == MCInitLayout /\ [][MCPinWhileMigratingNext]_allVars

\* covfast: an allocation burst during a compaction run.  Order-0
\* MIGRATE_MOVABLE allocations (get_page_from_freelist()'s
\* __rmqueue_smallest(), while the low watermark lets it) take free pages
\* while a compact_zone() is on (between compaction_suitable() and the
\* run's end, as on another CPU), never while none runs (that would only
\* make compaction_suitable() skip the zone).  What fast_isolate_freepages()
\* then finds on the free lists is what the burst left.
MCBurstStep ==
    /\ cc.pc # "idle"
    /\ \E w \in AllocatorOwners : RmqueueSmallest(0, MOVABLE, w)
    /\ UNCHANGED << rmapVars, compactionVars >>
MCBurstNext ==
    \/ CompactRunStep
    \/ TriggerStep
    \/ MCBurstStep
MCBurstSpec == MCInitLayout /\ [][MCBurstNext]_allVars

\* Witnesses (models expect them to fail) for two rules of the fast free
\* search that TLC's -coverage, as the rule catalog reads it, can never
\* show held (see the manifest's unreachedRules).
\* fast_isolate_freepages() took nothing at the scan's start and calls
\* fast_isolate_around() on `highest` (at or above min_pfn) or, for direct
\* compaction, on min_pfn, with fewer free pages than migrate pages and
\* not as async direct compaction: FastIsolateFreepages' miss
\* (b = << NoPfn, 0, MOVABLE >>) evaluates FastIsolateAround(page, {}),
\* whose `after` finds taken = {}.
MCFastAroundMissWitness ==
    ~(/\ cc.pc = "isolate_free" /\ ~cc.fastDone /\ FastIsolateGate
      /\ FastSearchMayFail
      /\ ~(cc.trigger = "direct" /\ cc.mode = MIGRATE_ASYNC)
      /\ cc.nrFreepages < cc.nrMigratepages
      /\ \E h \in FastFailHighestChoices :
            h >= FastFreeMinPfn \/ (cc.trigger = "direct" /\ FastFreeMinPfn \in Pfns))
\* Every MOVABLE list below cc->order may leave the search empty-handed
\* (empty, or holding a block below min_pfn or one __isolate_free_page()'s
\* watermark refuses), when isolate_freepages() starts: IsolateFreepagesBlock's
\* guard finds FastSearchMayFail's first disjunct TRUE.
MCFastSearchMayFailWitness ==
    ~(/\ cc.pc = "isolate_free" /\ ~cc.fastDone /\ FastIsolateGate
      /\ \A o \in 0..(cc.order - 1) : FastListMayMiss(o))
\* fast_isolate_freepages() isolated and moved compact_cached_free_pfn
\* (a pageblock below `highest`): FastIsolateFreepages' compactCachedFreePfn'
\* = IF h # 0 /\ h >= compactCachedFreePfn ... takes THEN, both conjuncts
\* TRUE (ELSE leaves it).
MCFastCachedMoveWitness ==
    ~(\E p \in Pfns : ENABLED (FastIsolateFreepages(p) /\ compactCachedFreePfn' # compactCachedFreePfn))
=============================================================================
