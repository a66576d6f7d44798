------------------------------ MODULE Compaction ------------------------------
(***************************************************************************)
(* Memory compaction of one zone, as Linux 6.1 implements it in            *)
(* mm/compaction.c, over the buddy allocator (Buddy.tla), the page tables  *)
(* (Rmap.tla) and the atomic migration of one page (MigrateAtomic.tla).    *)
(* Processes fault, write, fork, pin and unmap, and the allocator          *)
(* allocates and frees, between any two compaction steps.                  *)
(*                                                                         *)
(* HEADER FOR THE ENGINE (mmcheck.mm.compaction mirrors these names).      *)
(*                                                                         *)
(* Variables (kernel field -> spec name; engine fields use the same):      *)
(*   struct compact_control, one run at a time: the record cc, fields      *)
(*     pc                program counter of compact_zone(), see RunPcs     *)
(*     trigger           "direct" | "kcompactd" | "manual" | "proactive"   *)
(*     order, mode, prio cc->order (-1 = compact_memory), cc->mode         *)
(*                       (MIGRATE_ASYNC/SYNC_LIGHT/SYNC), COMPACT_PRIO_*    *)
(*     wholeZone, ignoreSkipHint, finishPageblock (6.1 calls it cc->rescan) *)
(*     migratePfn, freePfn          cc->migrate_pfn, cc->free_pfn          *)
(*     migratepages, freepages      the two cc lists (sets of pfns)        *)
(*     nrMigratepages, nrFreepages  cc->nr_migratepages, cc->nr_freepages  *)
(*     contended, fastSearchFail, fastStartPfn, searchOrder-free           *)
(*     status            the compact_result compact_zone() will return     *)
(*     todo, nrFailed, err   migrate_pages()'s from list, failures, -ENOMEM *)
(*     updateCached, lastMigratedPfn   compact_zone()'s locals             *)
(*     capture           capture_control->page (a pfn, or NoPfn)           *)
(*     releaseHigh       release_freepages()'s high_pfn                    *)
(*     stride            isolate_freepages()'s stride                      *)
(*     fastDone          fast_find_migrateblock()/fast_isolate_freepages() *)
(*                       already ran in this isolate_*() call              *)
(*     fastLow           the pfn fast_find_migrateblock() returned         *)
(*     prevScore         kcompactd's prev_score (proactive runs)           *)
(*   per zone: compactCachedMigratePfn[0..1] (async, sync),                *)
(*     compactCachedFreePfn, compactInitMigratePfn, compactBlockskipFlush, *)
(*     pageblockSkip[pb] (PB_migrate_skip), nrIsolatedAnon (NR_ISOLATED_ANON)*)
(*     and, in CompactionDefer.tla, compactConsidered, compactDeferShift,  *)
(*     compactOrderFailed                                                  *)
(*   per node: kcompactd = [awake (in or headed for kcompactd_do_work(),   *)
(*     not back in its wait), maxOrder (kcompactd_max_order),              *)
(*     proactiveDefer (the long timeout after a proactive run that did     *)
(*     not lower the score; kcompactd_do_work() resets it)]                *)
(*                                                                         *)
(* Actions (kernel function -> action):                                    *)
(*   try_to_compact_pages()        TryToCompactPages(order, prio)          *)
(*   __alloc_pages_direct_compact() return  TryToCompactPagesEnd           *)
(*     (compaction_capture() page, or get_page_from_freelist() retry)      *)
(*   wakeup_kcompactd()            WakeupKcompactd(order)                  *)
(*   kcompactd_do_work()           KcompactdDoWork / KcompactdDoWorkEnd    *)
(*     (KcompactdDoWork: woken, or the timeout with kcompactd_max_order    *)
(*     set by a wakeup that found compaction unsuitable)                   *)
(*     (KcompactdDoWorkEnd: back to sleep, or on to the next work if a     *)
(*     wakeup during the run raised kcompactd_max_order)                   *)
(*   proactive_compact_node()      ProactiveCompactNode /                  *)
(*                                 ProactiveCompactNodeEnd                 *)
(*   the long timeout elapsing     KcompactdTimeout                        *)
(*   compact_node() (compact_memory)  CompactMemory / CompactNodeEnd       *)
(*   compaction_suitable()         CompactionSuitable                      *)
(*   compact_zone() set-up         CompactZoneStart                        *)
(*   compact_finished()            CompactFinished                         *)
(*   fast_find_migrateblock()      FastFindMigrateblock(pfn)               *)
(*   isolate_migratepages() with isolate_migratepages_block()              *)
(*                                 IsolateMigratepagesBlock                *)
(*   migrate_pages(), one page of it (unmap_and_move with compaction_alloc *)
(*     as get_new_page and compaction_free as put_new_page)                *)
(*                                 MigratePages(pfn)                       *)
(*   compaction_alloc() on an empty list  CompactionAlloc                  *)
(*   fast_isolate_freepages()      FastIsolateFreepages(pfn)               *)
(*   isolate_freepages() with isolate_freepages_block(), split_map_pages() *)
(*                                 IsolateFreepagesBlock                   *)
(*   migrate_pages() return        MigratePagesReturn                      *)
(*   putback_movable_pages()       PutbackMovablePages(pfn)                *)
(*   release_freepages()           ReleaseFreepages(pfn)                   *)
(*   __reset_isolation_suitable()  ResetIsolationSuitable (kswapd)         *)
(* Sub-steps with kernel names (operators used inside the actions):        *)
(*   CompactScannersMet, UpdateCachedMigrate, UpdatePageblockSkip          *)
(*   (update_cached_free), ResetCachedPositions, SuitableMigrationTarget,  *)
(*   SuitableMigrationSource, IsolationSuitable, TestAndSetSkip,           *)
(*   SkipOnFailure (skip_on_failure), IsolateFail (isolate_fail),          *)
(*   SplitMapPages, CompactionCapture, DeferCompaction,                    *)
(*   CompactionDeferred, CompactionDeferReset, CompactionRestarting.       *)
(* compact_result values are the kernel's strings ("COMPACT_SUCCESS" ...). *)
(* Invariants: CompactionTypeOK, ScannersNonCrossingInv,                   *)
(*   ScannersIsolateApartInv, IsolatedPagesInv, CompactRefcountInv,        *)
(*   PagesConservationInv, CcListsEmptyAtReturnInv, CompactResultInv,      *)
(*   ScannerBoundsInv, MigrateBatchOneOrderBlockInv, DeferBoundsInv        *)
(*   (CompactionDefer.tla); action                                         *)
(*   property CompactSuccessImpliesSuitablePageProp; liveness              *)
(*   CompactZoneTerminatesProp under CompactionFairness.                   *)
(*                                                                         *)
(* Where this spec is deliberately more abstract than the kernel:          *)
(*  - One compaction run at a time (one cc); kcompactd, direct compaction  *)
(*    and compact_memory take turns.  One zone, which is the node.         *)
(*  - Migration is MigrateAtomic's single step; migrate_pages()'s passes   *)
(*    collapse into one try per page per call (a pinned page fails).       *)
(*  - isolate_migratepages() (walk to the first suitable block, then scan  *)
(*    it) is one step; isolate_freepages() is one step per pageblock.      *)
(*  - Isolated free blocks are split at once (split_map_pages() runs       *)
(*    before anyone could see the difference) and are recorded in Buddy's *)
(*    allocated set as order-0 blocks of CompactOwner.  Their refcount is  *)
(*    left at 0 (the kernel's post_alloc_hook sets 1), as Rmap.tla counts  *)
(*    references of user pages only.                                       *)
(*  - Fatal signals and async lock contention are nondeterministic         *)
(*    (FatalSignals); too_many_isolated() never holds (one isolator, and   *)
(*    cc->migratepages is empty whenever it isolates).  No pcp lists, so  *)
(*    lru_add_drain / drain_all_pages are no-ops.                          *)
(*  - fast_isolate_freepages() takes one free block of order below         *)
(*    cc->order from the MIGRATE_MOVABLE lists, in the kernel's search     *)
(*    window but above the migrate scanner's pageblock, and does not       *)
(*    isolate around it; compaction_capture() only sees the migrated       *)
(*    source pages being freed.                                            *)
(***************************************************************************)
EXTENDS MigrateAtomic, CompactionDefer, CompactionSuitable

CONSTANTS
    CompactClusterMax,   \* COMPACT_CLUSTER_MAX (SWAP_CLUSTER_MAX, 32)
    CompactOwner,        \* owner in Buddy's allocated set of cc->freepages pages
    DirectOwner,         \* owner of pages direct compaction's allocation gets
    AllocatorOwners,     \* owners whose blocks the allocator may free
    Triggers,            \* which of "direct", "kcompactd", "manual", "proactive" run
    DirectOrders,        \* orders of allocations that enter direct compaction
    DirectPrios,         \* COMPACT_PRIO_* those allocations try
    KcompactdOrders,     \* orders kswapd wakes kcompactd for
    FatalSignals         \* whether fatal signals and async lock contention happen

ASSUME CompactClusterMax \in Nat \ {0}
ASSUME {CompactOwner, DirectOwner} \subseteq Owners /\ CompactOwner # AnonOwner
ASSUME Triggers \subseteq {"direct", "kcompactd", "manual", "proactive"}
ASSUME ZoneStart >= 2^PageblockOrder   \* pfn arithmetic below stays >= 0

\* enum compact_priority
COMPACT_PRIO_SYNC_FULL  == 0
MIN_COMPACT_PRIORITY    == 0
COMPACT_PRIO_SYNC_LIGHT == 1
COMPACT_PRIO_ASYNC      == 2

MIGRATE_ASYNC      == "MIGRATE_ASYNC"
MIGRATE_SYNC_LIGHT == "MIGRATE_SYNC_LIGHT"
MIGRATE_SYNC       == "MIGRATE_SYNC"

\* enum compact_result, as the kernel spells them.
CompactResults == { "COMPACT_NOT_SUITABLE_ZONE", "COMPACT_SKIPPED", "COMPACT_DEFERRED",
                    "COMPACT_NO_SUITABLE_PAGE", "COMPACT_CONTINUE", "COMPACT_COMPLETE",
                    "COMPACT_PARTIAL_SKIPPED", "COMPACT_CONTENDED", "COMPACT_SUCCESS" }

\* fast_start_pfn == ULONG_MAX: the fast search's restart point was used.
FastStartUsed == -2

RunPcs == { "suitable", "start", "finished", "isolate", "migrate", "isolate_free",
            "putback", "release", "end" }

VARIABLES
    cc,                        \* struct compact_control of the running compact_zone()
    compactCachedMigratePfn,   \* zone->compact_cached_migrate_pfn[2]
    compactCachedFreePfn,      \* zone->compact_cached_free_pfn
    compactInitMigratePfn,     \* zone->compact_init_migrate_pfn
    compactBlockskipFlush,     \* zone->compact_blockskip_flush
    pageblockSkip,             \* PB_migrate_skip of each pageblock
    nrIsolatedAnon,            \* node_page_state(NR_ISOLATED_ANON)
    kcompactd                  \* pgdat's kcompactd state

zoneCompactVars == << compactCachedMigratePfn, compactCachedFreePfn, compactInitMigratePfn,
                      compactBlockskipFlush, pageblockSkip, nrIsolatedAnon >>
compactionVars == << cc, zoneCompactVars, deferVars, kcompactd >>
allVars == << vars, rmapVars, compactionVars >>

-----------------------------------------------------------------------------
(* Pfn arithmetic of include/linux/pageblock-flags.h and compaction.c.     *)

PageblockStartPfn(p) == (p \div PageblockNrPages) * PageblockNrPages
PageblockEndPfn(p)   == PageblockStartPfn(p) + PageblockNrPages        \* ALIGN(p + 1, pb)
PageblockAligned(p)  == p % PageblockNrPages = 0
BlockStartPfn(p, o)  == (p \div 2^o) * 2^o
BlockEndPfn(p, o)    == BlockStartPfn(p, o) + 2^o
MaxP(a, b) == IF a > b THEN a ELSE b
MinP(a, b) == IF a < b THEN a ELSE b

\* The heads of allocated blocks, and the order of the block at a head.
AllocHeads == { a.pfn : a \in allocated }
AllocOrder(q) == (CHOOSE a \in allocated : a.pfn = q).order

\* PageCompound(): the spec's allocations of order > 0 are compound pages.
IsCompoundHead(q) == q \in AllocHeads /\ AllocOrder(q) > 0

\* PageLRU(): a user page that is not isolated.
PageLRU(q) == UserPage(q) /\ q \notin cc.migratepages

\* pageblock_skip_persistent(): a compound page of at least pageblock order
\* covers the pfn.
PageblockSkipPersistent(q) ==
    \E a \in allocated : a.order >= PageblockOrder /\ a.pfn <= q /\ q < a.pfn + 2^a.order

-----------------------------------------------------------------------------
(* compact_control at rest, and at the start of a run.  The scanners'    *)
(* pfns are 0 until compact_zone() places them: the callers' designated   *)
(* initializers leave migrate_pfn and free_pfn zeroed.                     *)

CcIdle ==
    [pc |-> "idle", trigger |-> "none", order |-> -1, mode |-> MIGRATE_ASYNC,
     prio |-> COMPACT_PRIO_ASYNC, wholeZone |-> FALSE, ignoreSkipHint |-> FALSE,
     finishPageblock |-> FALSE, migratePfn |-> 0, freePfn |-> 0,
     migratepages |-> {}, freepages |-> {}, nrMigratepages |-> 0, nrFreepages |-> 0,
     contended |-> FALSE, fastSearchFail |-> FALSE, fastStartPfn |-> 0,
     status |-> "COMPACT_CONTINUE", todo |-> {}, nrFailed |-> 0, err |-> "none",
     updateCached |-> FALSE, lastMigratedPfn |-> 0, capture |-> NoPfn,
     releaseHigh |-> 0, stride |-> 1, fastDone |-> FALSE, fastLow |-> NoPfn,
     prevScore |-> 0]

\* compact_zone_order() / kcompactd_do_work() / compact_node() /
\* proactive_compact_node() fill cc in; compact_zone() starts with the
\* suitability check, except for order -1.
NewRun(trigger, order, mode, prio, whole, ignore) ==
    [CcIdle EXCEPT !.pc = IF order = -1 THEN "start" ELSE "suitable",
                   !.trigger = trigger, !.order = order, !.mode = mode, !.prio = prio,
                   !.wholeZone = whole, !.ignoreSkipHint = ignore]

\* is_via_compact_memory()
IsViaCompactMemory == cc.order = -1

-----------------------------------------------------------------------------
(* Skip bits and cached pfns.                                              *)

\* isolation_suitable()
IsolationSuitable(pb) == cc.ignoreSkipHint \/ ~pageblockSkip[pb]

\* set_pageblock_skip(): a model may replace this to seed a bug.
SetPageblockSkip(skip, pb) == [skip EXCEPT ![pb] = TRUE]

\* compact_scanners_met(): judged at pageblock granularity, so a raw
\* migrate_pfn above free_pfn is normal at the end of a run.
CompactScannersMetOf(c) ==
    (c.freePfn \div PageblockNrPages) <= (c.migratePfn \div PageblockNrPages)
CompactScannersMet == CompactScannersMetOf(cc)

\* reset_cached_positions(), as the values it writes.
ResetCachedMigrate == [i \in 0..1 |-> ZoneStart]
ResetCachedFree    == PageblockStartPfn(ZoneEnd - 1)

\* update_cached_migrate(cc, pfn): the new cached pair.
UpdateCachedMigrate(cached, pfn, mode) ==
    LET e == PageblockEndPfn(pfn) IN
    [i \in 0..1 |-> IF i = 0 THEN MaxP(cached[0], e)
                    ELSE IF mode # MIGRATE_ASYNC THEN MaxP(cached[1], e) ELSE cached[1]]

\* suitable_migration_source(): async direct compaction only scans
\* pageblocks of the requested migratetype (movable: any movable block).
SuitableMigrationSource(pb) ==
    /\ ~PageblockSkipPersistent(PageblockStart(pb))
    /\ \/ cc.mode # MIGRATE_ASYNC
       \/ cc.trigger # "direct"
       \/ pageblockMt[pb] = MOVABLE

\* suitable_migration_target(): no free page of pageblock order or more at
\* the block's start, and a movable pageblock.
SuitableMigrationTarget(pb) ==
    LET s == PageblockStart(pb) IN
    /\ ~(pageBuddy[s] /\ pageOrder[s] >= PageblockOrder)
    /\ pageblockMt[pb] = MOVABLE

-----------------------------------------------------------------------------
(* compact_zone(): suitability and the scanners' starting points.          *)

CompactionSuitable ==
    /\ cc.pc = "suitable"
    \* compact_zone() passes cc->highest_zoneidx: the request's reserve
    /\ LET r == CompactionSuitableResult(cc.order, LowmemReserve) IN
       cc' = IF r = "COMPACT_CONTINUE" THEN [cc EXCEPT !.pc = "start"]
             ELSE [cc EXCEPT !.pc = "end", !.status = r]
    /\ UNCHANGED << vars, rmapVars, zoneCompactVars, deferVars, kcompactd >>

(* __reset_isolation_suitable(): walk the zone from both ends, clearing    *)
(* the skip bit of blocks whose first page (the kernel samples every       *)
(* 1 << PAGE_ALLOC_COSTLY_ORDER pages, so only the first of a block of     *)
(* fewer) is on the LRU (source) or free (target), and restart the cached  *)
(* scanners at the outermost such blocks.                                  *)

\* __reset_isolation_pfn(): [ok, skip'].
ResetIsolationPfn(skip, pfn, checkSource, checkTarget) ==
    LET s  == MaxP(PageblockStartPfn(pfn), ZoneStart)
        pb == PageblockOf(s)
    IN  IF PageblockSkipPersistent(pfn) THEN [ok |-> FALSE, skip |-> skip]
        ELSE IF checkSource /\ checkTarget /\ ~skip[pb] THEN [ok |-> TRUE, skip |-> skip]
        ELSE IF ~checkSource /\ checkTarget /\ pageblockMt[pb] # MOVABLE
        THEN [ok |-> FALSE, skip |-> skip]
        ELSE IF (checkSource /\ PageLRU(s)) \/ (checkTarget /\ pageBuddy[s])
        THEN [ok |-> TRUE, skip |-> [skip EXCEPT ![pb] = FALSE]]
        ELSE [ok |-> FALSE, skip |-> skip]

RECURSIVE ResetWalk(_, _, _)
ResetWalk(m, f, st) ==
    IF m >= f THEN [st EXCEPT !.m = m, !.f = f]
    ELSE LET rm == ResetIsolationPfn(st.skip, m, TRUE, st.sourceSet)
             s1 == IF rm.ok /\ m < st.resetMigrate
                   THEN [st EXCEPT !.skip = rm.skip, !.sourceSet = TRUE, !.resetMigrate = m]
                   ELSE [st EXCEPT !.skip = rm.skip]
             rf == ResetIsolationPfn(s1.skip, f, s1.freeSet, TRUE)
             s2 == IF rf.ok /\ f > s1.resetFree
                   THEN [s1 EXCEPT !.skip = rf.skip, !.freeSet = TRUE, !.resetFree = f]
                   ELSE [s1 EXCEPT !.skip = rf.skip]
         IN  ResetWalk(m + PageblockNrPages, f - PageblockNrPages, s2)

\* The zone variables __reset_isolation_suitable() leaves (it returns at
\* once unless compact_blockskip_flush is set).  The walk's result reaches
\* ResetIsolationResultOf as a parameter, not a LET, and so do the results
\* below: TLC's -coverage copies a LET definition's whole expression tree
\* into every place that names it, which grew Next's cost model to millions
\* of nodes (the compaction models never got past "Starting..." with it).
ResetIsolationResultOf(w) ==
    LET none == w.resetMigrate >= w.resetFree
    IN  [skip |-> w.skip,
         cachedMigrate |-> IF none THEN [i \in 0..1 |-> w.m]
                           ELSE IF w.sourceSet THEN [i \in 0..1 |-> w.resetMigrate]
                           ELSE compactCachedMigratePfn,
         cachedFree |-> IF none THEN w.f ELSE IF w.freeSet THEN w.resetFree ELSE compactCachedFreePfn,
         initMigrate |-> IF w.sourceSet THEN w.resetMigrate ELSE compactInitMigratePfn]

ResetIsolationSuitableResult ==
    ResetIsolationResultOf(ResetWalk(ZoneStart, ZoneEnd - 1,
                       [skip |-> pageblockSkip, sourceSet |-> FALSE, freeSet |-> FALSE,
                        resetMigrate |-> ZoneEnd - 1, resetFree |-> ZoneStart, m |-> 0, f |-> 0]))

ApplyResetIsolation(r) ==
    /\ pageblockSkip' = r.skip
    /\ compactCachedMigratePfn' = r.cachedMigrate
    /\ compactCachedFreePfn' = r.cachedFree
    /\ compactInitMigratePfn' = r.initMigrate
    /\ compactBlockskipFlush' = FALSE

ApplyResetIsolationSuitable == ApplyResetIsolation(ResetIsolationSuitableResult)

\* kswapd about to sleep (reset_isolation_suitable()), after a direct
\* compaction's scanners met.
ResetIsolationSuitable ==
    /\ compactBlockskipFlush
    /\ ApplyResetIsolationSuitable
    /\ UNCHANGED << vars, rmapVars, cc, nrIsolatedAnon, deferVars, kcompactd >>

\* CompactZoneStart's effect from the zone variables r the restart left (a
\* parameter for TLC's -coverage, see ResetIsolationSuitableResult).
CompactZoneStartFrom(restart, r) ==
    LET sync == IF cc.mode # MIGRATE_ASYNC THEN 1 ELSE 0
        endBlock == PageblockStartPfn(ZoneEnd - 1)
        m0 == r.cachedMigrate[sync]
        f0 == r.cachedFree
        fOk == f0 >= ZoneStart /\ f0 < ZoneEnd
        mOk == m0 >= ZoneStart /\ m0 < ZoneEnd
        mpfn == IF cc.wholeZone THEN ZoneStart ELSE IF mOk THEN m0 ELSE ZoneStart
        fpfn == IF cc.wholeZone THEN endBlock ELSE IF fOk THEN f0 ELSE endBlock
        cachedM == IF cc.wholeZone \/ mOk THEN r.cachedMigrate ELSE [i \in 0..1 |-> ZoneStart]
    IN  /\ pageblockSkip' = r.skip
        /\ compactCachedMigratePfn' = cachedM
        /\ compactCachedFreePfn' = IF cc.wholeZone \/ fOk THEN r.cachedFree ELSE endBlock
        /\ compactInitMigratePfn' = r.initMigrate
        /\ compactBlockskipFlush' = IF restart THEN FALSE ELSE compactBlockskipFlush
        /\ cc' = [cc EXCEPT !.pc = "finished", !.migratePfn = mpfn, !.freePfn = fpfn,
                            !.fastStartPfn = 0, !.lastMigratedPfn = 0,
                            !.wholeZone = cc.wholeZone \/ mpfn <= r.initMigrate,
                            !.updateCached = sync = 0 /\ cachedM[0] = cachedM[1]]

\* compact_zone() after the suitability check: clear the skip bits when
\* restarting after the longest deferral, then take the scanners from the
\* zone ends (whole_zone) or the cached pfns, which must lie in the zone.
CompactZoneStart ==
    /\ cc.pc = "start"
    /\ LET restart == cc.order >= 0 /\ CompactionRestarting(cc.order) /\ compactBlockskipFlush
       IN  CompactZoneStartFrom(restart,
               IF restart THEN ResetIsolationSuitableResult
               ELSE [skip |-> pageblockSkip, cachedMigrate |-> compactCachedMigratePfn,
                     cachedFree |-> compactCachedFreePfn, initMigrate |-> compactInitMigratePfn])
    /\ UNCHANGED << vars, rmapVars, nrIsolatedAnon, deferVars, kcompactd >>

-----------------------------------------------------------------------------
(* compact_finished()                                                      *)

\* A free block of order >= o that an allocation of movable pages may take,
\* as __compact_finished() looks for it: a block on the MIGRATE_MOVABLE
\* list, or one on a fallback list that find_suitable_fallback(...,
\* only_stealable = true) accepts (can_steal_fallback()).
RECURSIVE SuitablePageFrom(_)
SuitablePageFrom(o) ==
    IF o >= MaxOrder THEN FALSE
    ELSE IF freeList[o][MOVABLE] # {} THEN TRUE
    ELSE IF /\ CanStealFallback(o, MOVABLE)
            /\ FindSuitableFallback(o, MOVABLE) # "none" THEN TRUE
    ELSE SuitablePageFrom(o + 1)

\* __compact_finished()
CompactFinishedResult ==
    IF CompactScannersMet
    THEN IF cc.wholeZone THEN "COMPACT_COMPLETE" ELSE "COMPACT_PARTIAL_SKIPPED"
    ELSE IF cc.trigger = "proactive"
    THEN IF cc.contended THEN "COMPACT_CONTENDED"
         ELSE IF FragmentationScoreZone > FragmentationScoreWmark(TRUE) THEN "COMPACT_CONTINUE"
         ELSE "COMPACT_SUCCESS"
    ELSE IF IsViaCompactMemory THEN "COMPACT_CONTINUE"
    ELSE IF ~PageblockAligned(cc.migratePfn) THEN "COMPACT_CONTINUE"
    ELSE IF SuitablePageFrom(cc.order) THEN "COMPACT_SUCCESS"
    ELSE IF cc.contended THEN "COMPACT_CONTENDED"
    ELSE "COMPACT_NO_SUITABLE_PAGE"

\* The out: label of compact_zone(): release the free pages if any.
Out == IF cc.freepages = {} THEN "end" ELSE "release"

\* compact_finished(): COMPACT_NO_SUITABLE_PAGE means go on.  When the
\* scanners met, reset_cached_positions() lets the next run start anew and
\* a direct compaction asks kswapd to clear the skip bits.  On
\* COMPACT_CONTINUE the loop body starts: finish_pageblock (cc->rescan)
\* is set when the migrate scanner is still in the block it last migrated
\* from.
CompactFinished ==
    /\ cc.pc = "finished"
    /\ LET r0 == CompactFinishedResult
           r == IF r0 = "COMPACT_NO_SUITABLE_PAGE" THEN "COMPACT_CONTINUE" ELSE r0
           met == CompactScannersMet
       IN  /\ cc' = IF r = "COMPACT_CONTINUE"
                    THEN [cc EXCEPT !.pc = "isolate", !.fastDone = FALSE, !.fastLow = NoPfn,
                                    !.finishPageblock = PageblockStartPfn(cc.lastMigratedPfn)
                                                        = PageblockStartPfn(cc.migratePfn)]
                    ELSE [cc EXCEPT !.pc = Out, !.status = r]
           /\ compactCachedMigratePfn' = IF met THEN ResetCachedMigrate ELSE compactCachedMigratePfn
           /\ compactCachedFreePfn' = IF met THEN ResetCachedFree ELSE compactCachedFreePfn
           /\ compactBlockskipFlush' = IF met /\ cc.trigger = "direct" THEN TRUE ELSE compactBlockskipFlush
    /\ UNCHANGED << vars, rmapVars, compactInitMigratePfn, pageblockSkip, nrIsolatedAnon,
                    deferVars, kcompactd >>

-----------------------------------------------------------------------------
(* The migrate scanner.                                                    *)

\* fast_find_migrateblock() runs only at the start of a pageblock (or the
\* zone), for costly orders, honouring skip hints, and not for a direct
\* compaction of unmovable pages (all requests here are movable).
FastFindMigrateGate ==
    /\ ~cc.ignoreSkipHint
    /\ cc.migratePfn = ZoneStart \/ PageblockAligned(cc.migratePfn)
    /\ cc.order > CostlyOrder

\* Its candidates: free blocks on a MIGRATE_MOVABLE list of an order in
\* [PAGE_ALLOC_COSTLY_ORDER, cc->order - 1], below high_pfn (in the first
\* half of the search space, the first eighth once the scanner has moved),
\* in a pageblock whose skip bit is clear.
FastFindMigrateCandidates ==
    LET d0 == (cc.freePfn - cc.migratePfn) \div 2
        distance == IF cc.migratePfn # ZoneStart THEN d0 \div 4 ELSE d0
        highPfn == PageblockStartPfn(cc.migratePfn + distance)
    IN  { p \in Pfns : /\ \E o \in CostlyOrder..(cc.order - 1) :
                             o \in Orders /\ p \in freeList[o][MOVABLE]
                       /\ p < highPfn
                       /\ ~pageblockSkip[PageblockOf(p)] }

\* The search looks at freelist_scan_limit() entries at most, from the
\* highest order down, in a list order the spec does not keep: it may miss
\* every candidate only when the first list it walks (the highest order
\* with a free MIGRATE_MOVABLE block) holds a block that is none, which
\* may come first; a candidate first in line is always taken.
FastFindMigrateMayMiss ==
    \E o \in CostlyOrder..(cc.order - 1) :
        /\ \A o2 \in (o + 1)..(cc.order - 1) : freeList[o2][MOVABLE] = {}
        /\ \E p \in freeList[o][MOVABLE] : p \notin FastFindMigrateCandidates

FastFindMigrateblock(p) ==
    /\ cc.pc = "isolate"
    /\ ~cc.fastDone
    /\ FastFindMigrateGate
    /\ p \in FastFindMigrateCandidates
    /\ cc' = [cc EXCEPT !.fastDone = TRUE,
                        !.fastLow = MaxP(PageblockStartPfn(p), ZoneStart),
                        !.fastStartPfn = IF cc.fastStartPfn = FastStartUsed THEN FastStartUsed
                                         ELSE IF cc.fastStartPfn = 0 THEN p
                                         ELSE MinP(cc.fastStartPfn, p),
                        !.fastSearchFail = FALSE]
    \* 6.1 marks the found block skip at once (set_pageblock_skip(freepage)),
    \* so isolate_migratepages_block()'s check at its first pfn aborts the
    \* scan of the very block the search chose (changed after 6.1 by
    \* 7efc3b726103 and, past its revert, 90ed667c03fe: the scan sets it).
    /\ pageblockSkip' = SetPageblockSkip(pageblockSkip, PageblockOf(p))
    /\ UNCHANGED << vars, rmapVars, compactCachedMigratePfn, compactCachedFreePfn, compactInitMigratePfn,
                    compactBlockskipFlush, nrIsolatedAnon, deferVars, kcompactd >>

\* test_and_set_skip() of 6.1 when the scan first takes the LRU lock at
\* pfn q: only at a pageblock's first pfn, and not when ignoring hints.
\* Result: [was, skip'].
TestAndSetSkip(skip, q) ==
    IF cc.ignoreSkipHint \/ ~PageblockAligned(q) THEN [was |-> FALSE, skip |-> skip]
    ELSE [was |-> skip[PageblockOf(q)],
          skip |-> IF skip[PageblockOf(q)] THEN skip ELSE SetPageblockSkip(skip, PageblockOf(q))]

\* skip_on_failure of isolate_migratepages_block(): async direct compaction
\* (cc->direct_compaction) gives up a cc->order-aligned block at its first
\* page that cannot be isolated, since that block cannot become free.  A
\* model may replace this to seed a bug.
SkipOnFailure == cc.trigger = "direct" /\ cc.mode = MIGRATE_ASYNC

\* isolate_fail at low_pfn f: without skip_on_failure the scan goes on at
\* f + 1; with it, what this call isolated goes back to the LRU
\* (putback_movable_pages(), nr_isolated = 0) and the scan jumps to the
\* last pfn of the order-aligned block (the loop's ++ leaves it).  Result:
\* st with low the low_pfn the loop's increment starts from.
IsolateFail(f, st) ==
    IF ~SkipOnFailure THEN [st EXCEPT !.low = f]
    ELSE IF f < st.nextSkip
    THEN [st EXCEPT !.iso = {}, !.low = st.nextSkip - 1, !.nextSkip = st.nextSkip + 2^cc.order]
    ELSE [st EXCEPT !.iso = {}, !.low = f]

(* isolate_migratepages_block() over [q, endPfn): skip free pages by their *)
(* order and compound pages by theirs; take LRU pages that no one holds an *)
(* extra reference to (page_count() > page_mapcount() means pinned), up to *)
(* COMPACT_CLUSTER_MAX pages unless rescanning.  st: iso (isolated pfns),  *)
(* skipUpdated, skip (the skip map), stop, low (low_pfn at the end),       *)
(* nextSkip (next_skip_pfn, with skip_on_failure).                          *)
RECURSIVE ScanMigrate(_, _, _)
ScanMigrate(q, endPfn, st) ==
    \* A free or compound page can carry q past endPfn; 6.1 clamps low_pfn
    \* back to end_pfn ("The PageBuddy() check could have potentially
    \* brought us outside the range to be scanned").
    IF q >= endPfn \/ st.stop THEN [st EXCEPT !.low = IF st.stop THEN st.low ELSE MinP(q, endPfn)]
    \* skip_on_failure at the loop head: the previous order-aligned block
    \* gave pages and failed none, so they are migrated now.
    ELSE IF SkipOnFailure /\ q >= st.nextSkip /\ st.iso # {}
    THEN [st EXCEPT !.stop = TRUE, !.low = q]
    ELSE LET \* a free block carried q past the block: aim at the end of q's
             s == IF SkipOnFailure /\ q >= st.nextSkip
                  THEN [st EXCEPT !.nextSkip = BlockEndPfn(q, cc.order)]
                  ELSE st
         IN  IF pageBuddy[q] THEN ScanMigrate(q + 2^pageOrder[q], endPfn, s)
             ELSE IF IsCompoundHead(q)
             THEN LET fs == IsolateFail(q + 2^AllocOrder(q) - 1, s) IN ScanMigrate(fs.low + 1, endPfn, fs)
             ELSE IF ~PageLRU(q) \/ refcount[q] > mapcount[q]
             THEN LET fs == IsolateFail(q, s) IN ScanMigrate(fs.low + 1, endPfn, fs)
             ELSE LET t == TestAndSetSkip(s.skip, q)
                      first == ~s.skipUpdated
                  IN  \* 6.1's isolate_abort leaves cc->migrate_pfn at this low_pfn
                      IF first /\ t.was /\ ~cc.finishPageblock
                      THEN [s EXCEPT !.skipUpdated = TRUE, !.stop = TRUE, !.low = q]
                      ELSE LET st2 == [s EXCEPT !.iso = @ \cup {q}, !.skipUpdated = TRUE,
                                                !.skip = IF first THEN t.skip ELSE s.skip]
                           IN  IF /\ cc.nrMigratepages + Cardinality(st2.iso) >= CompactClusterMax
                                  /\ ~cc.finishPageblock
                               THEN [st2 EXCEPT !.stop = TRUE, !.low = q + 1]
                               ELSE ScanMigrate(q + 1, endPfn, st2)

\* The end_pfn isolate_migratepages() hands isolate_migratepages_block():
\* the end of low_pfn's pageblock, which its loop keeps at or below
\* cc->free_pfn.  A model may replace this to seed a bug.
IsolateMigrateBlockEnd(low) == PageblockEndPfn(low)

(* isolate_migratepages(): from low_pfn, walk whole pageblocks while the   *)
(* block ends at or below free_pfn; skip blocks whose skip bit is set      *)
(* (checked at a block's first pfn, except for the block the fast search   *)
(* found) and blocks that are no suitable source (raising the cached       *)
(* migrate pfn); scan the first other one.  Result: found, low (the pfn    *)
(* migrate_pfn reaches), cached.                                           *)
RECURSIVE FindMigrateBlock(_, _, _)
FindMigrateBlock(low, fastBlock, cached) ==
    LET be == PageblockEndPfn(low)
        pb == PageblockOf(MaxP(PageblockStartPfn(low), ZoneStart))
    IN  IF be > cc.freePfn THEN [found |-> FALSE, low |-> low, cached |-> cached]
        ELSE IF PageblockAligned(low) /\ ~fastBlock /\ ~IsolationSuitable(pb)
        THEN FindMigrateBlock(be, FALSE, cached)
        ELSE IF ~SuitableMigrationSource(pb)
        THEN FindMigrateBlock(be, FALSE, UpdateCachedMigrate(cached, be, cc.mode))
        ELSE [found |-> TRUE, low |-> low, cached |-> cached]

\* Whether the fast search failed on this call (it ran and found nothing).
FastSearchFailedNow == ~cc.fastDone /\ FastFindMigrateGate

\* The low_pfn isolate_migratepages() starts from: what the fast search
\* found, or, when it ran and found nothing, reinit_migrate_pfn().
MigrateStartPfn ==
    IF cc.fastLow # NoPfn THEN cc.fastLow
    ELSE IF FastSearchFailedNow /\ cc.fastStartPfn # 0 /\ cc.fastStartPfn # FastStartUsed
    THEN cc.fastStartPfn
    ELSE cc.migratePfn

IsolateMigratepagesBlock ==
    /\ cc.pc = "isolate"
    /\ \/ cc.fastDone
       \/ ~FastFindMigrateGate
       \/ FastFindMigrateCandidates = {}
       \/ FastFindMigrateMayMiss
    /\ LET low0 == MigrateStartPfn
           reinit == FastSearchFailedNow /\ cc.fastStartPfn # 0 /\ cc.fastStartPfn # FastStartUsed
           fastBlock == cc.fastLow # NoPfn /\ cc.fastLow # cc.migratePfn /\ ~cc.fastSearchFail
           fb == FindMigrateBlock(low0, fastBlock, compactCachedMigratePfn)
           be == IsolateMigrateBlockEnd(fb.low)
           pb == PageblockOf(MaxP(PageblockStartPfn(fb.low), ZoneStart))
           \* the 6.1 re-check of the skip bit at a block's first pfn
           skippedInside == PageblockAligned(fb.low) /\ ~cc.ignoreSkipHint /\ pageblockSkip[pb]
           nextSkip0 == IF SkipOnFailure THEN BlockEndPfn(fb.low, cc.order) ELSE 0
           sc == IF skippedInside
                 THEN [iso |-> {}, skipUpdated |-> FALSE, skip |-> pageblockSkip, stop |-> TRUE, low |-> be,
                       nextSkip |-> nextSkip0]
                 ELSE ScanMigrate(fb.low, be, [iso |-> {}, skipUpdated |-> FALSE, skip |-> pageblockSkip,
                                               stop |-> FALSE, low |-> fb.low, nextSkip |-> nextSkip0])
           validPage == PageblockAligned(fb.low) /\ ~skippedInside
           finished == sc.low = be /\ (sc.iso = {} \/ cc.finishPageblock)
           skip2 == IF finished /\ validPage /\ ~sc.skipUpdated THEN SetPageblockSkip(sc.skip, pb) ELSE sc.skip
           cached2 == IF finished THEN UpdateCachedMigrate(fb.cached, sc.low, cc.mode) ELSE fb.cached
           n == Cardinality(sc.iso)
           iterStart == cc.migratePfn
           ccBase == [cc EXCEPT !.fastDone = TRUE,
                                !.fastSearchFail = IF FastSearchFailedNow THEN TRUE ELSE cc.fastSearchFail,
                                !.fastStartPfn = IF reinit THEN FastStartUsed ELSE cc.fastStartPfn]
       IN  \/ \* fatal_signal_pending(): -EINTR, ISOLATE_ABORT
              /\ FatalSignals /\ fb.found /\ cc.trigger \in {"direct", "manual"}
              /\ cc' = [ccBase EXCEPT !.migratePfn = fb.low, !.contended = TRUE,
                                      !.status = "COMPACT_CONTENDED", !.pc = Out]
              /\ UNCHANGED << refcount, pageblockSkip, compactCachedMigratePfn, nrIsolatedAnon >>
           \/ /\ fb.found
              /\ n > 0
              \* ISOLATE_SUCCESS: migrate what was isolated
              /\ \E contended \in (IF FatalSignals /\ cc.mode = MIGRATE_ASYNC THEN BOOLEAN ELSE {FALSE}) :
                    cc' = [ccBase EXCEPT !.migratePfn = sc.low, !.migratepages = sc.iso,
                                         !.nrMigratepages = n, !.todo = sc.iso, !.nrFailed = 0,
                                         !.err = "none", !.pc = "migrate", !.updateCached = FALSE,
                                         !.lastMigratedPfn = iterStart,
                                         !.contended = cc.contended \/ contended]
              /\ refcount' = [f \in Pfns |-> IF f \in sc.iso THEN refcount[f] + 1 ELSE refcount[f]]
              /\ nrIsolatedAnon' = nrIsolatedAnon + n
              /\ pageblockSkip' = skip2
              /\ compactCachedMigratePfn' = cached2
           \/ \* ISOLATE_NONE (no block, or nothing isolated): check_drain
              /\ ~fb.found \/ n = 0
              /\ LET mpfn == IF fb.found THEN sc.low ELSE fb.low
                     cachedN == IF fb.found THEN cached2 ELSE fb.cached
                     lmp == IF /\ cc.order > 0 /\ cc.lastMigratedPfn # 0
                               /\ cc.lastMigratedPfn < BlockStartPfn(mpfn, cc.order)
                            THEN 0 ELSE cc.lastMigratedPfn
                 IN  /\ cc' = [ccBase EXCEPT !.migratePfn = mpfn, !.lastMigratedPfn = lmp,
                                             !.pc = "finished"]
                     /\ compactCachedMigratePfn' =
                            IF cc.updateCached THEN [cachedN EXCEPT ![1] = cachedN[0]] ELSE cachedN
                     /\ pageblockSkip' = IF fb.found THEN skip2 ELSE pageblockSkip
              /\ UNCHANGED << refcount, nrIsolatedAnon >>
    /\ UNCHANGED << vars, pte, rmap, mapcount, pinCount, anonExclusive, content, waitPte,
                    written, opParity, compactCachedFreePfn, compactInitMigratePfn,
                    compactBlockskipFlush, deferVars, kcompactd >>

-----------------------------------------------------------------------------
(* The free scanner.                                                       *)

\* split_map_pages(): the isolated free blocks become order-0 pages on
\* cc->freepages, recorded as CompactOwner's in Buddy's allocated set.
SplitMapPages(blocks) ==
    { [pfn |-> q, order |-> 0, mt |-> MOVABLE, owner |-> CompactOwner] :
        q \in UNION { b[1]..(b[1] + 2^b[2] - 1) : b \in blocks } }

PfnsOf(blocks) == UNION { b[1]..(b[1] + 2^b[2] - 1) : b \in blocks }

\* __isolate_free_page() sets the pageblocks of a free block of at least
\* half a pageblock to MIGRATE_MOVABLE, when their type may merge.
IsolatedPageblockMt(blocks) ==
    [pb \in Pageblocks |->
        IF /\ \E b \in blocks : b[2] >= PageblockOrder - 1 /\ pb \in PageblocksOf(b[1], b[2])
           /\ Mergeable(pageblockMt[pb])
        THEN MOVABLE ELSE pageblockMt[pb]]

\* Take free blocks off the free lists onto cc->freepages.
IsolateFreeBlocks(blocks) ==
    /\ UpdateFree(blocks, {})
    /\ freePages' = freePages - PagesOf({ b \in blocks : b[3] # ISOLATE })
    /\ allocated' = allocated \cup SplitMapPages(blocks)
    /\ pageblockMt' = IsolatedPageblockMt(blocks)

(* isolate_freepages_block(cc, &start, end, freelist, stride, false): take *)
(* the free pages met every stride pfns, skipping compound pages; stop     *)
(* when there are enough for the isolated migrate pages, or when           *)
(* __isolate_free_page()'s order-0 watermark check (free pages above min   *)
(* + the block) fails.  st: blocks, nr, stop, low.                         *)
RECURSIVE ScanFree(_, _, _, _)
ScanFree(q, endPfn, stride, st) ==
    IF st.stop THEN st
    ELSE IF q >= endPfn THEN [st EXCEPT !.low = endPfn]
    ELSE IF IsCompoundHead(q) THEN ScanFree(q + 2^AllocOrder(q) - 1 + stride, endPfn, stride, st)
    ELSE IF ~pageBuddy[q] THEN ScanFree(q + stride, endPfn, stride, st)
    ELSE LET o == pageOrder[q]
             b == << q, o, ListOf(q, o) >>
         IN  IF ~(freePages - st.nr > WmarkMin + 2^o)
             THEN [st EXCEPT !.stop = TRUE, !.low = q]
             ELSE LET st2 == [st EXCEPT !.blocks = @ \cup {b}, !.nr = @ + 2^o] IN
                  IF cc.nrMigratepages <= cc.nrFreepages + st2.nr
                  THEN [st2 EXCEPT !.stop = TRUE, !.low = MinP(q + 2^o, endPfn)]
                  ELSE ScanFree(q + 2^o - 1 + stride, endPfn, stride, st2)

\* compaction_alloc() on an empty cc->freepages: isolate_freepages().
CompactionAlloc ==
    /\ cc.pc = "migrate"
    /\ cc.err = "none"
    /\ cc.freepages = {}
    /\ \E f \in cc.todo : ~FreedUnderUs(f)
    /\ cc' = [cc EXCEPT !.pc = "isolate_free", !.fastDone = FALSE,
                        !.stride = IF cc.mode = MIGRATE_ASYNC THEN CompactClusterMax ELSE 1]
    /\ UNCHANGED << vars, rmapVars, zoneCompactVars, deferVars, kcompactd >>

\* fast_isolate_freepages()'s search space: min_pfn (the top half of the
\* space between the scanners) and low_pfn (its top quarter), both kept
\* above the migrate scanner's pageblock (as the engine: 6.1's window alone
\* reaches into that block when the scanners are a pageblock apart).
FastFreeMinPfn ==
    MaxP(PageblockStartPfn(cc.freePfn - (cc.freePfn - cc.migratePfn) \div 2),
         PageblockEndPfn(cc.migratePfn))
FastFreeLowPfn ==
    MaxP(PageblockStartPfn(cc.freePfn - (cc.freePfn - cc.migratePfn) \div 4), FastFreeMinPfn)

\* The free blocks the search looks at: the MIGRATE_MOVABLE lists of the
\* orders below cc->order.
FastScannable ==
    { b \in { << p, o, MOVABLE >> : o \in 0..(cc.order - 1), p \in Pfns } :
        b[2] \in Orders /\ b[1] \in freeList[b[2]][MOVABLE] }

\* A block the search may take (preferred at or above low_pfn, or the
\* highest candidate at or above min_pfn), if __isolate_free_page()'s
\* order-0 check against the min watermark raised by the block passes.
FastIsolateCandidates ==
    { b \in FastScannable : b[1] >= FastFreeMinPfn /\ freePages > WmarkMin + 2^b[2] }

\* `highest`: the pageblock of the highest free block the (limited) scan
\* met, or 0 when it met none.
FastHighestChoices ==
    {0} \cup { MaxP(PageblockStartPfn(b[1]), ZoneStart) : b \in FastScannable }

FastIsolateGate == cc.order > 0 /\ cc.freePfn > cc.migratePfn

\* fast_isolate_freepages() may take nothing although FastIsolateCandidates
\* has blocks: it looks at a few entries of each list (freelist_scan_limit(),
\* in an order the spec does not keep), and gives the whole search up when
\* __isolate_free_page() refuses the block it found.  It surely takes one
\* only when some list it scans holds candidates alone and no block it may
\* find fails the watermark.
FastListMayMiss(o) ==
    freeList[o][MOVABLE] = {} \/ \E p \in freeList[o][MOVABLE] : << p, o, MOVABLE >> \notin FastIsolateCandidates
FastSearchMayFail ==
    \/ \A o \in 0..(cc.order - 1) : FastListMayMiss(o)
    \/ \E b \in FastScannable : b[1] >= FastFreeMinPfn /\ ~(freePages > WmarkMin + 2^b[2])

\* `highest` of a search that took nothing: the pageblock of the highest
\* block it looked at, all of them no candidates (0 when the lists are
\* empty).  With the scanners' order reversed (no FastIsolateGate), any.
FastFailHighestChoices ==
    IF ~FastIsolateGate THEN FastHighestChoices
    ELSE IF FastScannable = {} THEN {0}
    ELSE { MaxP(PageblockStartPfn(b[1]), ZoneStart) : b \in FastScannable \ FastIsolateCandidates }

\* fast_isolate_around(cc, pfn) after `taken` (the block the search took,
\* or none): when more free pages are needed and this is not async direct
\* compaction, isolate_freepages_block() with stride 1 over the whole
\* pageblock of pfn, its pages already taken being no longer PageBuddy.
\* st: blocks, nr, stop, low (as ScanFree); low = end means scanned fully.
FastIsolateAround(pfn, taken) ==
    LET start == MaxP(PageblockStartPfn(pfn), ZoneStart)
        end == MinP(PageblockEndPfn(pfn), ZoneEnd)
        takenNr == IF taken = {} THEN 0 ELSE 2^(CHOOSE b \in taken : TRUE)[2]
        st0 == [blocks |-> taken, nr |-> takenNr, stop |-> FALSE, low |-> start]
        \* the taken block starts at pfn: scan before it, then after it
        before == ScanFree(start, IF taken = {} THEN end ELSE pfn, 1, st0)
        after == IF taken = {} \/ before.stop THEN before
                 ELSE ScanFree(pfn + takenNr, end, 1, before)
    IN  IF \/ cc.nrFreepages + takenNr >= cc.nrMigratepages
           \/ (cc.trigger = "direct" /\ cc.mode = MIGRATE_ASYNC)
        THEN [st0 EXCEPT !.low = NoPfn]
        ELSE after

(* fast_isolate_freepages() for order > 0, then straight to               *)
(* split_map_pages() when it isolated anything (else the linear walk of   *)
(* IsolateFreepagesBlock runs).  Either the search takes a block at or    *)
(* above min_pfn (p, reset fast_search_fail when at or above low_pfn;     *)
(* `highest` is then p's pageblock: every block met before p lies below   *)
(* min_pfn, a pageblock boundary), or it takes none -- only where         *)
(* FastSearchMayFail, `highest` then from FastFailHighestChoices -- and,  *)
(* when the scan starts at compact_init_free_pfn (not                     *)
(* kept here: either way), falls back to the highest pageblock met at or  *)
(* above min_pfn, else for direct compaction to min_pfn's, moving         *)
(* cc->free_pfn there.  fast_isolate_around() then isolates around that   *)
(* page (pageblock skipped when fully scanned); compact_cached_free_pfn   *)
(* drops below `highest` when that is at or above it.                     *)
FastIsolateFreepages(p) ==
    /\ cc.pc = "isolate_free"
    /\ ~cc.fastDone
    /\ FastIsolateGate
    /\ \E h \in FastHighestChoices, b \in FastIsolateCandidates \cup {<< NoPfn, 0, MOVABLE >>} :
          LET hit == b[1] # NoPfn
              page == IF hit THEN b[1] ELSE IF h >= FastFreeMinPfn THEN h ELSE FastFreeMinPfn
              taken == IF hit THEN {b} ELSE {}
              st == FastIsolateAround(page, taken)
              newFreePfn == IF hit THEN cc.freePfn ELSE page
          IN  /\ hit => h = MaxP(PageblockStartPfn(b[1]), ZoneStart)
              /\ ~hit => /\ FastSearchMayFail
                         /\ h \in FastFailHighestChoices
                         /\ (h >= FastFreeMinPfn \/ (cc.trigger = "direct" /\ FastFreeMinPfn \in Pfns))
              /\ st.blocks # {}
              /\ p = IF hit THEN b[1] ELSE CHOOSE q \in { x[1] : x \in st.blocks } :
                                                \A x \in st.blocks : q <= x[1]
              /\ IsolateFreeBlocks(st.blocks)
              /\ pageblockSkip' = IF st.low = MinP(PageblockEndPfn(page), ZoneEnd)
                                  THEN SetPageblockSkip(pageblockSkip, PageblockOf(page))
                                  ELSE pageblockSkip
              /\ compactCachedFreePfn' = IF h # 0 /\ h >= compactCachedFreePfn
                                         THEN h - PageblockNrPages ELSE compactCachedFreePfn
              /\ cc' = [cc EXCEPT !.pc = "migrate", !.fastDone = TRUE, !.freePfn = newFreePfn,
                                  !.fastSearchFail = IF hit THEN (IF b[1] >= FastFreeLowPfn THEN FALSE
                                                                  ELSE cc.fastSearchFail)
                                                     ELSE TRUE,
                                  !.freepages = @ \cup PfnsOf(st.blocks),
                                  !.nrFreepages = @ + st.nr]
    /\ UNCHANGED << rmapVars, compactCachedMigratePfn, compactInitMigratePfn,
                    compactBlockskipFlush, nrIsolatedAnon, deferVars, kcompactd >>

\* cc->fast_search_fail after a step of the linear walk: on the call's first
\* step (cc.fastDone still FALSE) fast_isolate_freepages() ran for any
\* order > 0 (the scanners' positions aside) and, having taken nothing,
\* counted a failure; later steps leave it.
FastSearchFailChoices ==
    IF ~cc.fastDone /\ cc.order > 0 THEN {TRUE} ELSE {cc.fastSearchFail}

\* What a fast_isolate_freepages() that took nothing leaves for the linear
\* walk on the call's first step (cc.fastDone FALSE), as 6.1 has it:
\* compact_cached_free_pfn drops a pageblock below `highest` (h) when h is
\* at or above it; at compact_init_free_pfn (not kept: either way)
\* cc->free_pfn moves to h when h is at or above min_pfn, else for direct
\* compaction to min_pfn, and fast_isolate_around() runs on that page:
\* having isolated nothing there (else the call goes to split_map_pages(),
\* FastIsolateFreepages), it marks the pageblock skip when it scanned it
\* to its end, so the linear walk passes over that block.
\* [freePfn, cached, skip].
FastFailFreePfns(h) ==
    IF h >= FastFreeMinPfn THEN {h}
    ELSE IF cc.trigger = "direct" /\ FastFreeMinPfn \in Pfns THEN {FastFreeMinPfn} ELSE {}
FastFailCached(h) ==
    IF h # 0 /\ h >= compactCachedFreePfn THEN h - PageblockNrPages ELSE compactCachedFreePfn
FastFailResults ==
    IF cc.fastDone \/ cc.order <= 0
    THEN {[freePfn |-> cc.freePfn, cached |-> compactCachedFreePfn, skip |-> pageblockSkip]}
    ELSE UNION { {[freePfn |-> cc.freePfn, cached |-> FastFailCached(h), skip |-> pageblockSkip]}
                 \cup { LET a == FastIsolateAround(f, {}) IN
                         [freePfn |-> f, cached |-> FastFailCached(h),
                          skip |-> IF a.low = MinP(PageblockEndPfn(f), ZoneEnd)
                                   THEN SetPageblockSkip(pageblockSkip, PageblockOf(f))
                                   ELSE pageblockSkip] :
                         f \in { f2 \in FastFailFreePfns(h) : FastIsolateAround(f2, {}).blocks = {} } } :
                 h \in FastFailHighestChoices }

(* isolate_freepages(), one pageblock per step, from isolate_start_pfn     *)
(* (kept in cc.freePfn, which the kernel writes back at the end) down to   *)
(* the pageblock after the migrate scanner's.  When the loop ends, the     *)
(* isolated blocks are split (split_map_pages) and compaction_alloc()      *)
(* returns a page, or NULL (-ENOMEM) when the list is still empty.         *)
IsolateFreepagesBlock ==
    /\ cc.pc = "isolate_free"
    /\ cc.fastDone \/ ~FastIsolateGate \/ FastSearchMayFail
    /\ \E fr \in FastFailResults :
          LET isoStart == fr.freePfn
              bs == PageblockStartPfn(isoStart)
              be == MinP(bs + PageblockNrPages, ZoneEnd)
              lowPfn == PageblockEndPfn(cc.migratePfn)
              pb == PageblockOf(bs)
              valid == bs >= ZoneStart
              usable == valid /\ SuitableMigrationTarget(pb) /\ (cc.ignoreSkipHint \/ ~fr.skip[pb])
              sc == ScanFree(isoStart, be, cc.stride, [blocks |-> {}, nr |-> 0, stop |-> FALSE, low |-> isoStart])
              nrFree2 == cc.nrFreepages + sc.nr
              fullScan == sc.low = be
              enough == nrFree2 >= cc.nrMigratepages
              next == IF ~usable THEN bs - PageblockNrPages
                      ELSE IF enough /\ sc.low >= be THEN bs - PageblockNrPages
                      ELSE IF enough \/ sc.low < be THEN sc.low
                      ELSE bs - PageblockNrPages
              stop == bs < lowPfn \/ (usable /\ (enough \/ sc.low < be))
              done(newFree) == IF newFree = {}
                               THEN [pc |-> "migrate", err |-> "enomem"]
                               ELSE [pc |-> "migrate", err |-> "none"]
          IN  IF bs < lowPfn
              THEN \* the scanners met: compaction_alloc() gets what is there
                   /\ \E fsf \in FastSearchFailChoices :
                         cc' = [cc EXCEPT !.pc = "migrate", !.fastDone = TRUE, !.fastSearchFail = fsf,
                                          !.freePfn = fr.freePfn,
                                          !.err = done(cc.freepages).err]
                   /\ compactCachedFreePfn' = fr.cached
                   /\ pageblockSkip' = fr.skip
                   /\ UNCHANGED vars
              ELSE /\ IF usable THEN IsolateFreeBlocks(sc.blocks) ELSE UNCHANGED vars
                   /\ pageblockSkip' = IF usable /\ fullScan THEN SetPageblockSkip(fr.skip, pb)
                                       ELSE fr.skip
                   /\ compactCachedFreePfn' = IF usable /\ fullScan /\ bs < fr.cached
                                              THEN bs ELSE fr.cached
                   /\ \E fsf \in FastSearchFailChoices :
                      LET newFree == cc.freepages \cup (IF usable THEN PfnsOf(sc.blocks) ELSE {}) IN
                      cc' = [cc EXCEPT !.freePfn = next, !.fastSearchFail = fsf,
                                       !.freepages = newFree,
                                       !.nrFreepages = IF usable THEN nrFree2 ELSE cc.nrFreepages,
                                       !.stride = IF ~usable THEN cc.stride
                                                  ELSE IF sc.nr > 0 THEN 1
                                                  ELSE MinP(CompactClusterMax, 2 * cc.stride),
                                       !.pc = IF stop THEN "migrate" ELSE "isolate_free",
                                       !.err = IF stop THEN done(newFree).err ELSE cc.err,
                                       !.fastDone = TRUE]
    /\ UNCHANGED << rmapVars, compactCachedMigratePfn, compactInitMigratePfn,
                    compactBlockskipFlush, nrIsolatedAnon, deferVars, kcompactd >>

-----------------------------------------------------------------------------
(* migrate_pages(), one page at a time, with MigrateAtomic's step.         *)

\* compaction_capture(): a block of exactly cc->order being freed (or
\* merged) while a direct compaction runs is taken for the allocation,
\* unless it is a movable pageblock's page below pageblock order.
CaptureOk(o, t) ==
    /\ cc.trigger = "direct" /\ cc.capture = NoPfn
    /\ o = cc.order
    /\ t # ISOLATE
    /\ ~(o < PageblockOrder /\ t = MOVABLE)

\* __free_one_page() with a capture_control: merge as FreeOne does, but
\* stop and capture at the first order the capture accepts.
RECURSIVE FreeOneCapture(_, _, _, _)
FreeOneCapture(p, o, t, consumed) ==
    IF CaptureOk(o, t) THEN [block |-> << p, o, t >>, consumed |-> consumed, captured |-> TRUE]
    ELSE LET bp == FindBuddyPfn(p, o) IN
         IF /\ o < MergeCeiling
            /\ PageIsBuddy(bp, o)
            /\ MayMergeAcross(o, t, bp, pageblockMt)
         THEN FreeOneCapture(Min(p, bp), o + 1, t, consumed \cup { << bp, o, ListOf(bp, o) >> })
         ELSE [block |-> << p, o, t >>, consumed |-> consumed, captured |-> FALSE]

\* The source of a successful migration is freed (its last reference goes)
\* and dst, a CompactOwner page, becomes the user's page.
FreeMigratedSource(src, dst) ==
    LET t == pageblockMt[PageblockOf(src)]
        m == FreeOneCapture(src, 0, t, {})
        srcRec == [pfn |-> src, order |-> 0, mt |-> MOVABLE, owner |-> AnonOwner]
        dstOld == [pfn |-> dst, order |-> 0, mt |-> MOVABLE, owner |-> CompactOwner]
        dstNew == [pfn |-> dst, order |-> 0, mt |-> MOVABLE, owner |-> AnonOwner]
        capRec == [pfn |-> m.block[1], order |-> m.block[2], mt |-> MOVABLE, owner |-> DirectOwner]
        base == (allocated \ {srcRec, dstOld}) \cup {dstNew}
    IN  /\ UpdateFree(m.consumed, IF m.captured THEN {} ELSE { m.block })
        /\ allocated' = IF m.captured THEN base \cup {capRec} ELSE base
        /\ freePages' = IF t = ISOLATE THEN freePages
                        ELSE IF m.captured THEN freePages + 1 - 2^m.block[2]
                        ELSE freePages + 1
        /\ UNCHANGED pageblockMt

\* The pfn compaction_capture() takes when src is freed, or NoPfn.
CapturedBy(src) ==
    LET m == FreeOneCapture(src, 0, pageblockMt[PageblockOf(src)], {}) IN
    IF m.captured THEN m.block[1] ELSE NoPfn

\* One page of migrate_pages(compaction_alloc, compaction_free, MIGRATE_*):
\* unmap_and_move().  A page its owner freed meanwhile (only the isolation
\* reference left) is just released; otherwise compaction_alloc() gives
\* the destination (CompactionAlloc runs first when the list is empty) and
\* the page migrates at once, or fails (-EAGAIN for a pinned page after
\* the passes) and compaction_free() gives the destination back.
MigratePages(src) ==
    /\ cc.pc = "migrate"
    /\ cc.err = "none"
    /\ src \in cc.todo
    /\ IF FreedUnderUs(src)
       THEN /\ PutPage(src)
            /\ cc' = [cc EXCEPT !.todo = @ \ {src}, !.migratepages = @ \ {src}]
            /\ nrIsolatedAnon' = nrIsolatedAnon - 1
            /\ UNCHANGED << pte, rmap, mapcount, pinCount, content, waitPte, written, opParity >>
       ELSE /\ cc.freepages # {}
            /\ IF MigratableNow(src)
               THEN \E dst \in cc.freepages :
                      /\ MovePageAtomic(src, dst)
                      /\ FreeMigratedSource(src, dst)
                      /\ cc' = [cc EXCEPT !.todo = @ \ {src}, !.migratepages = @ \ {src},
                                          !.freepages = @ \ {dst}, !.nrFreepages = @ - 1,
                                          !.capture = IF CapturedBy(src) # NoPfn THEN CapturedBy(src)
                                                      ELSE cc.capture]
                      /\ nrIsolatedAnon' = nrIsolatedAnon - 1
               ELSE /\ cc' = [cc EXCEPT !.todo = @ \ {src}, !.nrFailed = @ + 1]
                    /\ UNCHANGED << vars, rmapVars, nrIsolatedAnon >>
    /\ UNCHANGED << compactCachedMigratePfn, compactCachedFreePfn, compactInitMigratePfn,
                    compactBlockskipFlush, pageblockSkip, deferVars, kcompactd >>

\* After migrate_pages() and the putback: -ENOMEM before the scanners met
\* ends the run as contended; async direct compaction skips the rest of the
\* cc->order block after a failure; then check_drain and the capture test.
AfterMigrate(c) ==
    IF c.err = "enomem" /\ ~CompactScannersMetOf(c)
    THEN [c EXCEPT !.status = "COMPACT_CONTENDED", !.pc = IF c.freepages = {} THEN "end" ELSE "release"]
    ELSE LET skipRest == c.err # "none" /\ c.trigger = "direct" /\ c.mode = MIGRATE_ASYNC
             mpfn == IF skipRest THEN BlockEndPfn(c.migratePfn - 1, c.order) ELSE c.migratePfn
             lmp0 == IF skipRest THEN 0 ELSE c.lastMigratedPfn
             lmp == IF c.order > 0 /\ lmp0 # 0 /\ lmp0 < BlockStartPfn(mpfn, c.order) THEN 0 ELSE lmp0
         IN  IF c.capture # NoPfn
             THEN [c EXCEPT !.migratePfn = mpfn, !.lastMigratedPfn = lmp, !.status = "COMPACT_SUCCESS",
                            !.pc = IF c.freepages = {} THEN "end" ELSE "release"]
             ELSE [c EXCEPT !.migratePfn = mpfn, !.lastMigratedPfn = lmp, !.pc = "finished"]

\* migrate_pages() returns: every page tried, or -ENOMEM.  cc->nr_migratepages
\* is zeroed; what is left on cc->migratepages is put back.
MigratePagesReturn ==
    /\ cc.pc = "migrate"
    /\ cc.todo = {} \/ cc.err = "enomem"
    /\ LET err == IF cc.err = "enomem" THEN "enomem" ELSE IF cc.migratepages # {} THEN "failed" ELSE "none"
           c1 == [cc EXCEPT !.nrMigratepages = 0, !.todo = {}, !.err = err]
       IN  cc' = IF cc.migratepages = {} THEN AfterMigrate(c1) ELSE [c1 EXCEPT !.pc = "putback"]
    /\ UNCHANGED << vars, rmapVars, zoneCompactVars, deferVars, kcompactd >>

\* putback_movable_pages(), one page at a time: back on the LRU, dropping
\* the isolation reference (the last one, if the owner unmapped it).
PutbackMovablePages(f) ==
    /\ cc.pc = "putback"
    /\ f \in cc.migratepages
    /\ PutPage(f)
    /\ nrIsolatedAnon' = nrIsolatedAnon - 1
    /\ LET c1 == [cc EXCEPT !.migratepages = @ \ {f}] IN
       cc' = IF c1.migratepages # {} THEN c1
             ELSE IF cc.err = "abort" THEN [c1 EXCEPT !.pc = Out]
             ELSE AfterMigrate(c1)
    /\ UNCHANGED << pte, rmap, mapcount, pinCount, content, waitPte, written, opParity,
                    compactCachedMigratePfn, compactCachedFreePfn, compactInitMigratePfn,
                    compactBlockskipFlush, pageblockSkip, deferVars, kcompactd >>

\* release_freepages() at the out: label, one page at a time; after the
\* last, the cached free pfn moves up to the highest released pageblock.
ReleaseFreepages(f) ==
    /\ cc.pc = "release"
    /\ f \in cc.freepages
    /\ FreeOnePage(f, 0)
    /\ LET high == MaxP(cc.releaseHigh, f)
           last == cc.freepages = {f}
       IN  /\ cc' = [cc EXCEPT !.freepages = @ \ {f}, !.nrFreepages = @ - 1, !.releaseHigh = high,
                               !.pc = IF last THEN "end" ELSE "release"]
           /\ compactCachedFreePfn' =
                  IF last /\ PageblockStartPfn(high) > compactCachedFreePfn
                  THEN PageblockStartPfn(high) ELSE compactCachedFreePfn
    /\ UNCHANGED << rmapVars, compactCachedMigratePfn, compactInitMigratePfn,
                    compactBlockskipFlush, pageblockSkip, nrIsolatedAnon, deferVars, kcompactd >>

-----------------------------------------------------------------------------
(* Triggers.                                                               *)

\* try_to_compact_pages() for an allocation of order `order` (movable, min
\* watermark: the slowpath's get_page_from_freelist() failed its
\* zone_watermark_fast() check): unless at the highest priority, a deferred
\* zone is skipped (COMPACT_DEFERRED); otherwise compact_zone_order()
\* runs compact_zone() in MIGRATE_ASYNC at COMPACT_PRIO_ASYNC and
\* MIGRATE_SYNC_LIGHT above, over the whole zone and ignoring skip hints
\* at MIN_COMPACT_PRIORITY, with a capture_control.
TryToCompactPages(order, prio) ==
    /\ cc.pc = "idle"
    /\ "direct" \in Triggers
    /\ ~ZoneWatermarkOk(order, WmarkMin, LowmemReserve, {})
    /\ LET d == CompactionDeferred(order)
           evaluated == prio > MIN_COMPACT_PRIORITY
       IN  /\ compactConsidered' = IF evaluated THEN d.considered ELSE compactConsidered
           /\ cc' = IF evaluated /\ d.deferred THEN cc
                    ELSE NewRun("direct", order,
                                IF prio = COMPACT_PRIO_ASYNC THEN MIGRATE_ASYNC ELSE MIGRATE_SYNC_LIGHT,
                                prio, prio = MIN_COMPACT_PRIORITY, prio = MIN_COMPACT_PRIORITY)
    /\ UNCHANGED << vars, rmapVars, zoneCompactVars, compactDeferShift, compactOrderFailed, kcompactd >>

\* The rest of try_to_compact_pages() and __alloc_pages_direct_compact():
\* success resets the deferral expecting an allocation; a failed sync run
\* over the zone defers; then the captured page, or a retry of the
\* allocation, which on success clears compact_blockskip_flush and resets
\* the deferral for good (COMPACTSUCCESS; otherwise COMPACTFAIL).
\* COMPACT_SKIPPED returns before the retry.  The retry is
\* get_page_from_freelist() with the slowpath's alloc_flags: the
\* watermark check at the min mark, then rmqueue() (__rmqueue(), which
\* falls back to other migratetypes).
RetryAllocOk(o) == ZoneWatermarkOk(o, WmarkMin, LowmemReserve, {}) /\ CanRmqueue(o, MOVABLE)

TryToCompactPagesEnd ==
    /\ cc.pc = "end" /\ cc.trigger = "direct"
    /\ LET o == cc.order
           s == cc.status
           failed == cc.prio # COMPACT_PRIO_ASYNC /\ s \in {"COMPACT_COMPLETE", "COMPACT_PARTIAL_SKIPPED"}
           shift1 == IF failed THEN Min2(compactDeferShift + 1, CompactMaxDeferShift) ELSE compactDeferShift
           failed1 == IF failed THEN Min2(compactOrderFailed, o)
                      ELSE IF s = "COMPACT_SUCCESS" /\ o >= compactOrderFailed THEN o + 1
                      ELSE compactOrderFailed
           considered1 == IF failed THEN 0 ELSE compactConsidered
           gotPage == cc.capture # NoPfn
       IN  \/ /\ s # "COMPACT_SKIPPED"
              /\ gotPage \/ RetryAllocOk(o)
              /\ IF gotPage THEN UNCHANGED vars ELSE Rmqueue(o, MOVABLE, DirectOwner)
              /\ compactBlockskipFlush' = FALSE
              /\ compactConsidered' = 0
              /\ compactDeferShift' = 0
              /\ compactOrderFailed' = IF o >= failed1 THEN o + 1 ELSE failed1
           \/ /\ s = "COMPACT_SKIPPED" \/ (~gotPage /\ ~RetryAllocOk(o))
              /\ UNCHANGED << vars, compactBlockskipFlush >>
              /\ compactConsidered' = considered1
              /\ compactDeferShift' = shift1
              /\ compactOrderFailed' = failed1
    /\ cc' = CcIdle
    /\ UNCHANGED << rmapVars, compactCachedMigratePfn, compactCachedFreePfn, compactInitMigratePfn,
                    pageblockSkip, nrIsolatedAnon, kcompactd >>

\* Whether kcompactd sleeps on kcompactd_wait (wq_has_sleeper()): it is
\* neither woken for work nor inside proactive_compact_node().
KcompactdSleeping == ~kcompactd.awake /\ cc.trigger # "proactive"

\* wakeup_kcompactd(): kswapd raises kcompactd_max_order even while
\* kcompactd is awake (a run in progress must not lose the request), but
\* wakes only a sleeping kcompactd, and only if compaction is suitable for
\* it (kcompactd_node_suitable(), which passes kcompactd_highest_zoneidx:
\* the request's reserve).  Order 0 returns at once: a stutter.
WakeupKcompactd(order) ==
    /\ "kcompactd" \in Triggers
    /\ order > 0
    /\ LET mo == MaxP(kcompactd.maxOrder, order) IN
       kcompactd' = [kcompactd EXCEPT !.maxOrder = mo,
                                      !.awake = @ \/ (KcompactdSleeping /\
                                                     CompactionSuitableResult(mo, LowmemReserve) = "COMPACT_CONTINUE")]
    /\ UNCHANGED << vars, rmapVars, cc, zoneCompactVars, deferVars >>

\* kcompactd's wait ends with kcompactd_work_requested() true without a
\* wake_up: its timeout (MAX_SCHEDULE_TIMEOUT, never, when
\* compaction_proactiveness is 0) elapses after a wakeup_kcompactd() that
\* raised kcompactd_max_order but found compaction unsuitable.
KcompactdTimedOutWithWork ==
    ~kcompactd.awake /\ kcompactd.maxOrder > 0 /\ CompactionProactiveness > 0

\* kcompactd_do_work(): skip a deferred or unsuitable zone, else
\* compact_zone() in MIGRATE_SYNC_LIGHT, honouring skip hints.  With no
\* zone to compact it returns at once: kcompactd_max_order is cleared and
\* kcompactd() resets its timeout, losing a proactive deferral.
KcompactdDoWork ==
    /\ kcompactd.awake \/ KcompactdTimedOutWithWork
    /\ cc.pc = "idle"
    /\ LET o == kcompactd.maxOrder
           d == CompactionDeferred(o)
           \* compaction_suitable(zone, cc.order, 0, zoneid): the zone's own index, reserve 0
           run == ~d.deferred /\ CompactionSuitableResult(o, 0) = "COMPACT_CONTINUE"
       IN  /\ compactConsidered' = d.considered
           /\ IF run
              THEN /\ cc' = NewRun("kcompactd", o, MIGRATE_SYNC_LIGHT, COMPACT_PRIO_SYNC_LIGHT, FALSE, FALSE)
                   /\ kcompactd' = [kcompactd EXCEPT !.awake = TRUE]
              ELSE /\ UNCHANGED cc
                   /\ kcompactd' = [awake |-> FALSE, maxOrder |-> 0, proactiveDefer |-> FALSE]
    /\ UNCHANGED << vars, rmapVars, zoneCompactVars, compactDeferShift, compactOrderFailed >>

\* The end of kcompactd_do_work(): success resets the deferral (expected
\* allocation), a run whose scanners met defers.  kcompactd_max_order is
\* cleared unless a wakeup during the run raised it above cc.order; then
\* kcompactd()'s next wait sees kcompactd_work_requested() and does not
\* sleep.  kcompactd() resets its timeout to default_timeout: a proactive
\* deferral is lost.
KcompactdDoWorkEnd ==
    /\ cc.pc = "end" /\ cc.trigger = "kcompactd"
    /\ IF cc.status = "COMPACT_SUCCESS"
       THEN CompactionDeferReset(cc.order, FALSE)
       ELSE IF cc.status \in {"COMPACT_PARTIAL_SKIPPED", "COMPACT_COMPLETE"}
       THEN DeferCompaction(cc.order)
       ELSE UNCHANGED deferVars
    /\ LET mo == IF kcompactd.maxOrder <= cc.order THEN 0 ELSE kcompactd.maxOrder IN
       kcompactd' = [awake |-> mo > 0, maxOrder |-> mo, proactiveDefer |-> FALSE]
    /\ cc' = CcIdle
    /\ UNCHANGED << vars, rmapVars, zoneCompactVars >>

\* /proc/sys/vm/compact_memory: compact_node() runs a MIGRATE_SYNC
\* compaction of the whole zone, ignoring skip hints, with order -1.
CompactMemory ==
    /\ "manual" \in Triggers
    /\ cc.pc = "idle"
    /\ cc' = NewRun("manual", -1, MIGRATE_SYNC, COMPACT_PRIO_SYNC_FULL, TRUE, TRUE)
    /\ UNCHANGED << vars, rmapVars, zoneCompactVars, deferVars, kcompactd >>

CompactNodeEnd ==
    /\ cc.pc = "end" /\ cc.trigger = "manual"
    /\ cc' = CcIdle
    /\ UNCHANGED << vars, rmapVars, zoneCompactVars, deferVars, kcompactd >>

\* kcompactd's timeout with no wakeup: proactive_compact_node() when
\* compaction_proactiveness is set and the fragmentation score is above
\* the high watermark; MIGRATE_SYNC_LIGHT, whole zone, ignoring hints.
ProactiveCompactNode ==
    /\ "proactive" \in Triggers
    /\ cc.pc = "idle"
    /\ ~kcompactd.awake
    \* kcompactd_work_requested() false: with it the timeout leads to kcompactd_do_work()
    /\ kcompactd.maxOrder = 0
    /\ ~kcompactd.proactiveDefer
    /\ CompactionProactiveness > 0
    /\ FragmentationScore > FragmentationScoreWmark(FALSE)
    /\ cc' = [NewRun("proactive", -1, MIGRATE_SYNC_LIGHT, COMPACT_PRIO_SYNC_LIGHT, TRUE, TRUE)
                EXCEPT !.prevScore = FragmentationScore]
    /\ UNCHANGED << vars, rmapVars, zoneCompactVars, deferVars, kcompactd >>

\* After it: a score that did not go down makes kcompactd wait
\* 1 << COMPACT_MAX_DEFER_SHIFT timeouts before the next proactive try.
\* If a wakeup raised kcompactd_max_order meanwhile, kcompactd()'s next
\* wait sees kcompactd_work_requested() and does not sleep.
ProactiveCompactNodeEnd ==
    /\ cc.pc = "end" /\ cc.trigger = "proactive"
    /\ kcompactd' = [kcompactd EXCEPT !.proactiveDefer = FragmentationScore >= cc.prevScore,
                                      !.awake = kcompactd.maxOrder > 0]
    /\ cc' = CcIdle
    /\ UNCHANGED << vars, rmapVars, zoneCompactVars, deferVars >>

\* The long timeout passes, on a sleeping kcompactd with no work requested
\* (with kcompactd_max_order set, its end is KcompactdDoWork).
KcompactdTimeout ==
    /\ kcompactd.proactiveDefer
    /\ ~kcompactd.awake
    /\ kcompactd.maxOrder = 0
    /\ kcompactd' = [kcompactd EXCEPT !.proactiveDefer = FALSE]
    /\ UNCHANGED << vars, rmapVars, cc, zoneCompactVars, deferVars >>

-----------------------------------------------------------------------------
(* The rest of the system, between compaction steps.                       *)

\* Processes: Rmap's user steps (fault, read, write and COW, fork, unmap,
\* pin, unpin).
ProcessStep == RmapUserNext /\ UNCHANGED compactionVars

\* The allocator: other owners allocate and free blocks of any order and
\* type (the free of an allocator-owned block only).
AllocatorStep ==
    \/ \E o \in Orders, t \in AllocTypes, w \in AllocatorOwners :
          RmqueueSmallest(o, t, w) /\ UNCHANGED << rmapVars, compactionVars >>
    \/ \E o \in Orders, t \in AllocTypes :
          RmqueueFallback(o, t) /\ UNCHANGED << rmapVars, compactionVars >>
    \/ \E p \in Pfns, o \in Orders :
          /\ \E a \in allocated : a.pfn = p /\ a.order = o /\ a.owner \in AllocatorOwners \cup {DirectOwner}
          /\ FreeOnePage(p, o)
          /\ UNCHANGED << rmapVars, compactionVars >>

\* The steps of a running compact_zone(): the kernel thread makes progress.
CompactRunStep ==
    \/ CompactionSuitable
    \/ CompactZoneStart
    \/ CompactFinished
    \/ \E p \in Pfns : FastFindMigrateblock(p)
    \/ IsolateMigratepagesBlock
    \/ \E p \in Pfns : MigratePages(p)
    \/ CompactionAlloc
    \/ \E p \in Pfns : FastIsolateFreepages(p)
    \/ IsolateFreepagesBlock
    \/ MigratePagesReturn
    \/ \E p \in Pfns : PutbackMovablePages(p)
    \/ \E p \in Pfns : ReleaseFreepages(p)
    \/ TryToCompactPagesEnd
    \/ KcompactdDoWorkEnd
    \/ CompactNodeEnd
    \/ ProactiveCompactNodeEnd

TriggerStep ==
    \/ \E o \in DirectOrders, p \in DirectPrios : TryToCompactPages(o, p)
    \/ \E o \in KcompactdOrders : WakeupKcompactd(o)
    \/ KcompactdDoWork
    \/ CompactMemory
    \/ ProactiveCompactNode
    \/ KcompactdTimeout
    \/ ResetIsolationSuitable

CompactionInit ==
    /\ RmapInit
    /\ DeferInit
    /\ cc = CcIdle
    /\ compactCachedMigratePfn = ResetCachedMigrate
    /\ compactCachedFreePfn = ResetCachedFree
    \* struct zone starts zeroed: compact_init_migrate_pfn is 0 until
    \* __reset_isolation_suitable() first sets it.
    /\ compactInitMigratePfn = 0
    /\ compactBlockskipFlush = FALSE
    /\ pageblockSkip = [pb \in Pageblocks |-> FALSE]
    /\ nrIsolatedAnon = 0
    /\ kcompactd = [awake |-> FALSE, maxOrder |-> 0, proactiveDefer |-> FALSE]

CompactionNext ==
    \/ CompactRunStep
    \/ TriggerStep
    \/ ProcessStep
    \/ AllocatorStep

CompactionSpec == CompactionInit /\ [][CompactionNext]_allVars

\* The running compact_zone() always gets to its next step.
CompactionFairness == WF_allVars(CompactRunStep)

CompactionFairSpec == CompactionSpec /\ CompactionFairness

-----------------------------------------------------------------------------
(* Invariants.  Buddy's and Rmap's hold as well.                           *)

CcType ==
    [pc : {"idle"} \cup RunPcs, trigger : {"none", "direct", "kcompactd", "manual", "proactive"},
     order : -1..(MaxOrder - 1), mode : {MIGRATE_ASYNC, MIGRATE_SYNC_LIGHT, MIGRATE_SYNC},
     prio : 0..2, wholeZone : BOOLEAN, ignoreSkipHint : BOOLEAN, finishPageblock : BOOLEAN,
     migratePfn : Nat, freePfn : Nat, migratepages : SUBSET Pfns, freepages : SUBSET Pfns,
     nrMigratepages : Nat, nrFreepages : Nat, contended : BOOLEAN, fastSearchFail : BOOLEAN,
     fastStartPfn : Nat \cup {FastStartUsed}, status : CompactResults, todo : SUBSET Pfns,
     nrFailed : Nat, err : {"none", "failed", "enomem", "abort"}, updateCached : BOOLEAN,
     lastMigratedPfn : Nat, capture : Pfns \cup {NoPfn}, releaseHigh : Nat,
     stride : 1..CompactClusterMax, fastDone : BOOLEAN, fastLow : Nat \cup {NoPfn},
     prevScore : Nat]

CompactionTypeOK ==
    /\ cc \in CcType
    /\ compactCachedMigratePfn \in [0..1 -> Nat]
    /\ compactCachedFreePfn \in Nat
    /\ compactInitMigratePfn \in Nat
    /\ compactBlockskipFlush \in BOOLEAN
    /\ pageblockSkip \in [Pageblocks -> BOOLEAN]
    /\ nrIsolatedAnon \in Nat
    /\ DeferTypeOK
    /\ kcompactd \in [awake : BOOLEAN, maxOrder : Nat, proactiveDefer : BOOLEAN]

\* The loop body of compact_zone() runs only while compact_scanners_met()
\* is false: the migrate scanner's pageblock is below the free scanner's.
\* (A raw migrate_pfn > free_pfn is fine: the test is per pageblock.)
ScannersNonCrossingInv ==
    cc.pc \in {"isolate"} =>
        (cc.migratePfn \div PageblockNrPages) < (cc.freePfn \div PageblockNrPages)

\* The migrate scanner isolates only below the free scanner's pageblock
\* (isolate_migratepages(): block_end_pfn <= cc->free_pfn), and the free
\* scanner never goes below the migrate scanner's pageblock: every isolated
\* migrate page lies at or below the free scanner's pageblock.  (Not
\* "below every isolated free page": 6.1's fast_isolate_freepages() takes
\* blocks above min_pfn without moving cc->free_pfn, and pages it leaves
\* on cc->freepages stay there for the next batches while the migrate
\* scanner walks on into their pageblock; TLC finds that state.)
ScannersIsolateApartInv ==
    \A m \in cc.migratepages : PageblockOf(m) <= PageblockOf(cc.freePfn)

\* isolate_migratepages_block()'s skip_on_failure: async direct compaction
\* migrates the pages of one cc->order-aligned block at a time.
MigrateBatchOneOrderBlockInv ==
    (cc.trigger = "direct" /\ cc.mode = MIGRATE_ASYNC)
        => \A a, b \in cc.migratepages : BlockStartPfn(a, cc.order) = BlockStartPfn(b, cc.order)

CompactBlockRecs == { a \in allocated : a.owner = CompactOwner }

\* Every isolated page is on exactly one cc list; an isolated migrate page
\* is still the user's allocated page and holds the isolation reference;
\* an isolated free page is off the free lists (not PageBuddy, not counted
\* in NR_FREE_PAGES: it is an allocated block of CompactOwner, and
\* FreePagesInv counts only free lists) and on cc->freepages exactly;
\* NR_ISOLATED_ANON counts exactly the isolated migrate pages.
IsolatedPagesInv ==
    /\ cc.migratepages \cap cc.freepages = {}
    /\ cc.todo \subseteq cc.migratepages
    /\ \A m \in cc.migratepages : UserPage(m) /\ ~pageBuddy[m]
    /\ { a.pfn : a \in CompactBlockRecs } = cc.freepages
    /\ \A a \in CompactBlockRecs : a.order = 0
    /\ \A f \in cc.freepages : ~pageBuddy[f]
    /\ nrIsolatedAnon = Cardinality(cc.migratepages)
    /\ cc.nrFreepages = Cardinality(cc.freepages)
    /\ cc.pc \in {"finished", "isolate"} => cc.migratepages = {} /\ cc.nrMigratepages = 0
    /\ cc.pc \in {"migrate", "isolate_free"} => cc.nrMigratepages >= Cardinality(cc.migratepages)

\* page_count() of a user page is its mappings, its pins and the
\* isolation reference while it is on cc->migratepages: migration's
\* expected-count test relies on it.
CompactRefcountInv ==
    \A f \in Pfns : UserPage(f) =>
        refcount[f] = mapcount[f] + pinCount[f] + (IF f \in cc.migratepages THEN 1 ELSE 0)

\* Conservation of pages: free pages (all lists), allocated pages (user,
\* allocator, and cc->freepages) add up to the zone.
PagesConservationInv ==
    LET RECURSIVE AllocPages(_)
        AllocPages(S) == IF S = {} THEN 0
                         ELSE LET a == CHOOSE a \in S : TRUE IN 2^a.order + AllocPages(S \ {a})
    IN  FreePagesTotal + AllocPages(allocated) = ZoneEnd - ZoneStart

\* VM_BUG_ON(!list_empty(&cc->freepages)) and (&cc->migratepages) when
\* compact_zone() returns.
CcListsEmptyAtReturnInv ==
    cc.pc = "end" => cc.migratepages = {} /\ cc.freepages = {} /\ cc.nrFreepages = 0

\* A run ends with one of compact_zone()'s results, never
\* COMPACT_CONTINUE or the internal COMPACT_NO_SUITABLE_PAGE /
\* COMPACT_NOT_SUITABLE_ZONE.
CompactResultInv ==
    cc.pc = "end" => cc.status \in { "COMPACT_SKIPPED", "COMPACT_COMPLETE", "COMPACT_PARTIAL_SKIPPED",
                                     "COMPACT_CONTENDED", "COMPACT_SUCCESS" }

\* The scanners stay where compact_zone() put them: the migrate scanner
\* within the zone (it may pass free_pfn by less than a pageblock), the
\* free scanner at most one pageblock below the zone.
\* A run compaction_suitable() turned away ends with both pfns still 0, as
\* the zeroed compact_control has them: compact_zone() never placed them.
ScannerBoundsInv ==
    (cc.pc \in RunPcs \ {"suitable", "start"} /\ ~(cc.pc = "end" /\ cc.migratePfn = 0 /\ cc.freePfn = 0)) =>
        /\ cc.migratePfn >= ZoneStart /\ cc.migratePfn <= ZoneEnd
        /\ cc.freePfn >= ZoneStart - PageblockNrPages /\ cc.freePfn < ZoneEnd

(* COMPACT_SUCCESS from compact_finished() is only reported when an        *)
(* allocation of cc->order could now succeed: a free block of order >=     *)
(* cc->order is on the MIGRATE_MOVABLE list, or on a fallback list that    *)
(* __rmqueue_fallback() may steal from (or a page was captured).  Stated   *)
(* over the free lists directly, independently of CompactFinishedResult.   *)
SuitableFreeBlockExists(order) ==
    \E o \in order..(MaxOrder - 1) :
        \/ freeList[o][MOVABLE] # {}
        \/ CanStealFallback(o, MOVABLE) /\ (freeList[o][RECLAIMABLE] \cup freeList[o][UNMOVABLE]) # {}

CompactSuccessImpliesSuitablePageProp ==
    [][ (cc.pc = "finished" /\ cc'.status = "COMPACT_SUCCESS" /\ cc.status # "COMPACT_SUCCESS"
         /\ cc.order >= 0 /\ cc.trigger # "proactive")
        => SuitableFreeBlockExists(cc.order) ]_allVars

\* A run of compact_zone() terminates (its scanners only move towards each
\* other, and a pageblock is scanned once thanks to the skip bits).
CompactZoneTerminatesProp == cc.pc \in {"suitable", "start"} ~> cc.pc = "end"
=============================================================================
