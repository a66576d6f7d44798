----------------------- MODULE MCCompactionRefinesObs -----------------------
(***************************************************************************)
(* Compaction.tla refines CompactionObs.tla: every behaviour of the page-  *)
(* level spec, seen through the tracepoints Linux 6.1 prints on its path   *)
(* (include/trace/events/compaction.h, migrate.h), is a behaviour of the   *)
(* observation spec.                                                       *)
(*                                                                         *)
(* The refinement mapping is a set of history variables o* (one per        *)
(* CompactionObs variable) and a queue pend of the events a Compaction     *)
(* step prints.  One Compaction step may print several events (one         *)
(* MigratePagesReturn prints mm_migrate_pages, mm_compaction_migratepages  *)
(* and, when the run ends there, mm_compaction_end), so the step only      *)
(* queues them; ObsEmit then takes them one at a time, each an action of  *)
(* CompactionObs applied to o* with the event's printed fields as its     *)
(* arguments, and no Compaction step runs until the queue is empty         *)
(* (stuttering steps of Compaction, one Obs step each).  The o* variables  *)
(* move only by CompactionObs's own actions, so Compaction refines it iff  *)
(*   ObsEventAcceptedInv: the queued event is always a step CompactionObs  *)
(*     allows from o* (else the behaviour has no Obs counterpart), and     *)
(*   ObsAgreesInv: between steps, o* is the refinement mapping of          *)
(*     Compaction's state (deferral counters equal, run phase, order,      *)
(*     zone, mode, batch size, the migrate scanner at or below cc's).      *)
(* Which events a step prints follows 6.1 mm/compaction.c.                 *)
(***************************************************************************)
EXTENDS MCCompaction, Sequences

CONSTANTS
    MCObsZone,   \* the zone's name as the tracepoints print it
    MCNoBatch    \* CompactionObs's NoBatch (a model value)

VARIABLES oRun, oZone, oOrder, oZoneStart, oZoneEnd, oMode, oMigrateMode, oStage,
          oLastFinished, oMigratePfn, oMigrateHi, oFreeLo, oNrMigratepages,
          oInFlight, oNrMigrated, oNrFreeTaken, oConsidered, oDeferShift, oOrderFailed,
          pend

obsVars == << oRun, oZone, oOrder, oZoneStart, oZoneEnd, oMode, oMigrateMode, oStage,
              oLastFinished, oMigratePfn, oMigrateHi, oFreeLo, oNrMigratepages,
              oInFlight, oNrMigrated, oNrFreeTaken, oConsidered, oDeferShift, oOrderFailed >>
refineVars == << allVars, obsVars, pend >>

Obs == INSTANCE CompactionObs
         WITH PageblockNrPages <- PageblockNrPages, MaxOrder <- MaxOrder,
              MaxDeferShift <- CompactMaxDeferShift, Zones <- {MCObsZone}, NoBatch <- MCNoBatch,
              run <- oRun, zone <- oZone, order <- oOrder, zoneStart <- oZoneStart,
              zoneEnd <- oZoneEnd, mode <- oMode, migrateMode <- oMigrateMode, stage <- oStage,
              lastFinished <- oLastFinished, migratePfn <- oMigratePfn, migrateHi <- oMigrateHi,
              freeLo <- oFreeLo, nrMigratepages <- oNrMigratepages, inFlight <- oInFlight,
              nrMigrated <- oNrMigrated, nrFreeTaken <- oNrFreeTaken, considered <- oConsidered,
              deferShift <- oDeferShift, orderFailed <- oOrderFailed

-----------------------------------------------------------------------------
(* Printing, as TP_printk does.                                            *)

\* compact_result through the compaction_status_string table: a table, as
\* the kernel's array is (a CASE here would be a branch per value that
\* TLC's -coverage cannot count where pend' = << ... Printed(...) ... >>).
CompactionStatusString ==
    [COMPACT_NOT_SUITABLE_ZONE |-> "not_suitable_zone", COMPACT_SKIPPED |-> "skipped",
     COMPACT_DEFERRED |-> "deferred", COMPACT_NO_SUITABLE_PAGE |-> "no_suitable_page",
     COMPACT_CONTINUE |-> "continue", COMPACT_COMPLETE |-> "complete",
     COMPACT_PARTIAL_SKIPPED |-> "partial_skipped", COMPACT_CONTENDED |-> "contended",
     COMPACT_SUCCESS |-> "success"]
Printed(r) == CompactionStatusString[r]

\* mm_compaction_suitable prints ret before compaction_suitable() maps
\* COMPACT_NOT_SUITABLE_ZONE to COMPACT_SKIPPED; reserve is the caller's
\* lowmem_reserve[highest_zoneidx].
SuitablePrinted(o, reserve) ==
    LET r == CompactionSuitableInner(o, reserve) IN
    IF /\ r = "COMPACT_CONTINUE" /\ o > CostlyOrder
       /\ FragmentationIndex(o) >= 0 /\ FragmentationIndex(o) <= ExtfragThreshold
    THEN "not_suitable_zone" ELSE Printed(r)

Ev(a, p) == [a |-> a, p |-> p]

SuitableEv(o, reserve) == Ev("CompactionSuitable", << MCObsZone, o, SuitablePrinted(o, reserve) >>)
\* mm_compaction_defer_compaction / _deferred / _defer_reset print the
\* counters after the update: order_failed, considered, 1 << defer_shift.
DeferEv(a, o, of, c, shift) == Ev(a, << MCObsZone, o, of, c, 2^shift >>)

\* compaction_deferred(order): traced when it defers; when it does not
\* defer at an order at or above compact_order_failed it still caps
\* compact_considered, untraced.
DeferredEvs(o) ==
    LET d == CompactionDeferred(o) IN
    IF d.deferred
    THEN << DeferEv("CompactionDeferred", o, compactOrderFailed, d.considered, compactDeferShift) >>
    ELSE IF o >= compactOrderFailed THEN << Ev("CompactionDeferredNotTraced", << o >>) >>
    ELSE << >>

\* trace_mm_compaction_end at the end of compact_zone(), once cc is at rest
EndTail ==
    IF cc'.pc = "end"
    THEN << Ev("CompactionEnd", << ZoneStart, cc'.migratePfn, cc'.freePfn, ZoneEnd,
                                   Obs!PrintedMode(cc.mode), Printed(cc'.status) >>) >>
    ELSE << >>

-----------------------------------------------------------------------------
(* What each Compaction step prints.                                       *)

\* isolate_migratepages(): the pageblock it hands isolate_migratepages_block()
MCFoundBlock ==
    LET fastBlock == cc.fastLow # NoPfn /\ cc.fastLow # cc.migratePfn /\ ~cc.fastSearchFail
    IN  FindMigrateBlock(MigrateStartPfn, fastBlock, compactCachedMigratePfn)

\* mm_compaction_isolate_migratepages(start_pfn, low_pfn, nr_scanned,
\* nr_isolated); the spec does not count nr_scanned, which is at most the
\* range's length.
IsoMigEv(lo, hi, n) == Ev("IsolateMigratepagesBlock", << lo, hi, hi - lo, n >>)

\* ISOLATE_SUCCESS: the block's trace, then migrate_pages() starts;
\* ISOLATE_NONE after scanning a block: its trace; ISOLATE_NONE with no
\* block below the free scanner: nothing; fatal signal: isolate_migratepages_block()
\* jumps past its tracepoint (fatal_pending) and compact_zone() ends.
IsoMigEvents ==
    LET fb == MCFoundBlock IN
    IF cc'.pc = "migrate"
    THEN << IsoMigEv(fb.low, cc'.migratePfn, Cardinality(cc'.migratepages)),
            Ev("MigratePagesStart", << cc.mode, "compaction" >>) >>
    ELSE IF cc'.pc = "finished" /\ fb.found THEN << IsoMigEv(fb.low, cc'.migratePfn, 0) >>
    ELSE EndTail

\* fast_isolate_freepages() prints min_pfn (the top half of the space
\* between the scanners), cc->free_pfn (it does not move it on success:
\* isolate_freepages() jumps to splitmap), nr_scanned and total_isolated.
FastMinPfn == PageblockStartPfn(cc.freePfn - (cc.freePfn - cc.migratePfn) \div 2)
FastIsoEv(taken) ==
    Ev("FastIsolateFreepages", << FastMinPfn, cc.freePfn, taken, taken >>)

\* isolate_freepages(): fast_isolate_freepages() first (found nothing),
\* then isolate_freepages_block() on this pageblock if it is a suitable
\* target, printing [isolate_start_pfn, blockpfn) and the pages taken.
IsoFreeEvents ==
    LET isoStart == cc.freePfn
        bs == PageblockStartPfn(isoStart)
        be == MinP(bs + PageblockNrPages, ZoneEnd)
        usable == bs >= ZoneStart /\ SuitableMigrationTarget(PageblockOf(bs))
                  /\ IsolationSuitable(PageblockOf(bs))
        sc == ScanFree(isoStart, be, cc.stride, [blocks |-> {}, nr |-> 0, stop |-> FALSE, low |-> isoStart])
        fast == IF ~cc.fastDone /\ FastIsolateGate THEN << FastIsoEv(0) >> ELSE << >>
    IN  fast \o (IF bs >= PageblockEndPfn(cc.migratePfn) /\ usable
                 THEN << Ev("IsolateFreepagesBlock", << isoStart, sc.low, sc.low - isoStart, sc.nr >>) >>
                 ELSE << >>)

\* migrate_pages() returns: mm_migrate_pages (a page freed under us counts
\* as succeeded; the page that met -ENOMEM as failed), then compact_zone()'s
\* mm_compaction_migratepages (nr_failed = cc->nr_migratepages - succeeded).
ReturnEvents ==
    LET s == cc.nrMigratepages - Cardinality(cc.migratepages)
        f == cc.nrFailed + (IF cc.err = "enomem" THEN 1 ELSE 0)
    IN  << Ev("MigratePages", << s, f, 0, 0, 0, cc.mode, "compaction" >>),
           Ev("CompactionMigratepages", << s, cc.nrMigratepages - s >>) >>

\* try_to_compact_pages() after compact_zone(): compaction_defer_reset(...,
\* false) on success, defer_compaction() after a failed sync run; then
\* __alloc_pages_direct_compact() resets for good when it got a page: the
\* captured one, or its get_page_from_freelist() retry's, which rmqueue()
\* may take from another migratetype's list (__rmqueue_fallback()).
TryEndEvents ==
    LET o == cc.order
        s == cc.status
        failed == cc.prio # COMPACT_PRIO_ASYNC /\ s \in {"COMPACT_COMPLETE", "COMPACT_PARTIAL_SKIPPED"}
        got == s # "COMPACT_SKIPPED" /\ (cc.capture # NoPfn \/ RetryAllocOk(o))
        of1 == IF s = "COMPACT_SUCCESS" THEN (IF o >= compactOrderFailed THEN o + 1 ELSE compactOrderFailed)
               ELSE IF failed THEN Min2(compactOrderFailed, o) ELSE compactOrderFailed
        first == IF s = "COMPACT_SUCCESS"
                 THEN << DeferEv("CompactionDeferReset", o, of1, compactConsidered, compactDeferShift) >>
                 ELSE IF failed
                 THEN << DeferEv("DeferCompaction", o, of1, 0, Min2(compactDeferShift + 1, CompactMaxDeferShift)) >>
                 ELSE << >>
    IN  first \o (IF got THEN << DeferEv("CompactionDeferReset", o, compactOrderFailed', 0, 0) >> ELSE << >>)

KcompactdEndEvents ==
    IF cc.status = "COMPACT_SUCCESS"
    THEN << DeferEv("CompactionDeferReset", cc.order, compactOrderFailed', compactConsidered', compactDeferShift') >>
    ELSE IF cc.status \in {"COMPACT_PARTIAL_SKIPPED", "COMPACT_COMPLETE"}
    THEN << DeferEv("DeferCompaction", cc.order, compactOrderFailed', compactConsidered', compactDeferShift') >>
    ELSE << >>

\* compact_zone() calls compaction_suitable() for order -1 as well (it
\* returns COMPACT_CONTINUE at once); the spec's trigger steps for
\* compact_memory and proactive compaction go straight to the start.
MinusOneSuitable == << Ev("CompactionSuitable", << MCObsZone, -1, "continue" >>) >>

Prints(evs) == pend' = evs

RunStepPrinting ==
    \/ CompactionSuitable /\ Prints(<< SuitableEv(cc.order, LowmemReserve) >>)
    \/ CompactZoneStart /\ Prints(<< Ev("CompactionBegin", << ZoneStart, cc'.migratePfn, cc'.freePfn, ZoneEnd,
                                                             Obs!PrintedMode(cc.mode) >>) >>)
    \/ CompactFinished /\ Prints(<< Ev("CompactFinished", << MCObsZone, cc.order, Printed(CompactFinishedResult) >>) >>
                                 \o EndTail)
    \/ \E p \in Pfns : FastFindMigrateblock(p) /\ Prints(<< >>)
    \/ IsolateMigratepagesBlock /\ Prints(IsoMigEvents)
    \/ \E p \in Pfns : MigratePages(p) /\ Prints(<< >>)
    \/ CompactionAlloc /\ Prints(<< >>)
    \/ \E p \in Pfns : FastIsolateFreepages(p) /\ Prints(<< FastIsoEv(cc'.nrFreepages - cc.nrFreepages) >>)
    \/ IsolateFreepagesBlock /\ Prints(IsoFreeEvents)
    \/ MigratePagesReturn /\ Prints(ReturnEvents \o EndTail)
    \/ \E p \in Pfns : PutbackMovablePages(p) /\ Prints(EndTail)
    \/ \E p \in Pfns : ReleaseFreepages(p) /\ Prints(EndTail)
    \/ TryToCompactPagesEnd /\ Prints(TryEndEvents)
    \/ KcompactdDoWorkEnd /\ Prints(KcompactdEndEvents)
    \/ CompactNodeEnd /\ Prints(<< >>)
    \/ ProactiveCompactNodeEnd /\ Prints(<< >>)

TriggerStepPrinting ==
    \/ \E o \in DirectOrders, p \in DirectPrios :
          TryToCompactPages(o, p) /\ Prints(IF p > MIN_COMPACT_PRIORITY THEN DeferredEvs(o) ELSE << >>)
    \* wakeup_kcompactd() runs in kswapd, another task: its compaction_suitable() belongs to that task's trace
    \/ \E o \in KcompactdOrders : WakeupKcompactd(o) /\ Prints(<< >>)
    \/ KcompactdDoWork /\ Prints(DeferredEvs(kcompactd.maxOrder)
                                 \o (IF CompactionDeferred(kcompactd.maxOrder).deferred THEN << >>
                                     ELSE << SuitableEv(kcompactd.maxOrder, 0) >>))
    \/ CompactMemory /\ Prints(MinusOneSuitable)
    \/ ProactiveCompactNode /\ Prints(MinusOneSuitable)
    \/ KcompactdTimeout /\ Prints(<< >>)
    \/ ResetIsolationSuitable /\ Prints(<< >>)

OthersPrinting ==
    \/ MCProcessStep /\ Prints(<< >>)
    \/ AllocatorStep /\ Prints(<< >>)

-----------------------------------------------------------------------------
(* The queued events, one CompactionObs step each.                         *)

ObsStep(e) ==
    CASE e.a = "CompactionSuitable" -> Obs!CompactionSuitable(e.p[1], e.p[2], e.p[3])
      [] e.a = "CompactionBegin" -> Obs!CompactionBegin(e.p[1], e.p[2], e.p[3], e.p[4], e.p[5])
      [] e.a = "CompactFinished" -> Obs!CompactFinished(e.p[1], e.p[2], e.p[3])
      [] e.a = "IsolateMigratepagesBlock" -> Obs!IsolateMigratepagesBlock(e.p[1], e.p[2], e.p[3], e.p[4])
      [] e.a = "IsolateFreepagesBlock" -> Obs!IsolateFreepagesBlock(e.p[1], e.p[2], e.p[3], e.p[4])
      [] e.a = "FastIsolateFreepages" -> Obs!FastIsolateFreepages(e.p[1], e.p[2], e.p[3], e.p[4])
      [] e.a = "MigratePagesStart" -> Obs!MigratePagesStart(e.p[1], e.p[2])
      [] e.a = "MigratePages" -> Obs!MigratePages(e.p[1], e.p[2], e.p[3], e.p[4], e.p[5], e.p[6], e.p[7])
      [] e.a = "CompactionMigratepages" -> Obs!CompactionMigratepages(e.p[1], e.p[2])
      [] e.a = "CompactionEnd" -> Obs!CompactionEnd(e.p[1], e.p[2], e.p[3], e.p[4], e.p[5], e.p[6])
      [] e.a = "DeferCompaction" -> Obs!DeferCompaction(e.p[1], e.p[2], e.p[3], e.p[4], e.p[5])
      [] e.a = "CompactionDeferred" -> Obs!CompactionDeferred(e.p[1], e.p[2], e.p[3], e.p[4], e.p[5])
      [] e.a = "CompactionDeferredNotTraced" -> Obs!CompactionDeferredNotTraced(e.p[1])
      [] e.a = "CompactionDeferReset" -> Obs!CompactionDeferReset(e.p[1], e.p[2], e.p[3], e.p[4], e.p[5])

ObsEmit ==
    /\ pend # << >>
    /\ ObsStep(Head(pend))
    /\ pend' = Tail(pend)
    /\ UNCHANGED allVars

ObsInit ==
    /\ oRun = "idle" /\ oZone = MCObsZone /\ oOrder = 0
    /\ oZoneStart = 0 /\ oZoneEnd = 0 /\ oMode = "async" /\ oMigrateMode = "none"
    /\ oStage = "begun" /\ oLastFinished = "none"
    /\ oMigratePfn = 0 /\ oMigrateHi = 0 /\ oFreeLo = 0
    /\ oNrMigratepages = 0 /\ oInFlight = MCNoBatch /\ oNrMigrated = 0 /\ oNrFreeTaken = 0
    \* zone_init_internals(): the deferral counters start at zero, as DeferInit has them
    /\ oConsidered = 0 /\ oDeferShift = 0 /\ oOrderFailed = 0
    /\ pend = << >>

\* Compaction's steps (MCCompaction's quiet phases: processes and allocator
\* only while no run is in progress), each printing its events.
RStep ==
    /\ pend = << >>
    /\ \/ RunStepPrinting
       \/ TriggerStepPrinting
       \/ cc.pc = "idle" /\ OthersPrinting
    /\ UNCHANGED obsVars

RNext == RStep \/ ObsEmit

RLayoutQuietSpec == MCInitLayout /\ ObsInit /\ [][RNext]_refineVars
RQuietSpec == CompactionInit /\ ObsInit /\ [][RNext]_refineVars

-----------------------------------------------------------------------------
(* The refinement, as invariants of the history variables.                 *)

\* Compaction refines CompactionObs: each event a Compaction step prints is
\* a step CompactionObs allows from what the earlier events left.
ObsEventAcceptedInv == pend # << >> => ENABLED ObsStep(Head(pend))

LivePcs == {"finished", "isolate", "migrate", "isolate_free", "putback", "release"}

\* The refinement mapping: between Compaction steps the observation state is
\* the one Compaction's state shows through the tracepoints.
ObsAgreesInv ==
    pend = << >> =>
        /\ oConsidered = compactConsidered
        /\ oDeferShift = compactDeferShift
        /\ oOrderFailed = compactOrderFailed
        /\ cc.pc \in {"idle", "end"} => oRun = "idle" /\ oNrMigratepages = 0 /\ oInFlight = MCNoBatch
        /\ cc.pc = "suitable" => oRun \in {"idle", "suitable"}
        /\ cc.pc = "start" => oRun = "suitable" /\ oOrder = cc.order
        /\ cc.pc \in LivePcs =>
              /\ oRun = "live" /\ oOrder = cc.order
              /\ oZoneStart = ZoneStart /\ oZoneEnd = ZoneEnd
              /\ oMode = Obs!PrintedMode(cc.mode)
              /\ oMigrateMode \in {"none", cc.mode}
              /\ oNrMigratepages = cc.nrMigratepages
              \* the trace shows the migrate scanner where it last scanned: a lower bound
              /\ oMigratePfn <= cc.migratePfn
              \* and the free scanner's lowest traced range: cc->free_pfn is in or below its pageblock
              /\ PageblockOf(cc.freePfn) <= PageblockOf(oFreeLo)
        /\ cc.pc \in {"migrate", "isolate_free"} => oStage \in {"migrating", "fast"}
        /\ cc.pc = "isolate" => oStage \in {"scan", "rescan"}

\* Seeded bug: compact_scanners_met() one pageblock early (the free scanner's
\* pageblock at most one above the migrate scanner's).  Runs end COMPLETE
\* with a pageblock between the scanners: the mm_compaction_end they print
\* breaks CompactionObs's ScannersMetAtEnd, so ObsEventAcceptedInv fails.
MCBugCompactScannersMetEarly(c) ==
    (c.freePfn \div PageblockNrPages) <= (c.migratePfn \div PageblockNrPages) + 1

\* Seeded bug under the refinement: mm_compaction_isolate_migratepages
\* prints nr_scanned where nr_isolated belongs (the tracepoint call
\* trace_mm_compaction_isolate_migratepages(cc, start_pfn, low_pfn,
\* nr_scanned, nr_scanned)).  Every event stays a CompactionObs step
\* (taken <= scanned, and a batch is still announced before
\* migrate_pages()), but the batch size the trace shows is the range's
\* length, not cc->nr_migratepages: ObsAgreesInv fails.
MCBugIsoMigEv(lo, hi, n) == Ev("IsolateMigratepagesBlock", << lo, hi, hi - lo, hi - lo >>)

\* CompactionObs's own invariants hold on the observed behaviour.
ObsTypeOK == Obs!TypeOK
ObsScannersNonCrossingInv == Obs!ScannersNonCrossingInv
ObsNoBatchOutsideRunInv == Obs!NoBatchOutsideRunInv

\* covdefer: another task's steps while a run may be in progress (RNext
\* lets them in only between runs).  Process 0 unmaps its vpage 0 and then
\* drops the pin on that frame (a pinned frame is never isolated, so it is
\* still MCLayout[0]): the frame is freed.  The owner of direct
\* compaction's page frees it.  A page another task frees is not captured
\* (compaction_capture() takes only what the compacting task frees,
\* through its current->capture_control), so it stays on its pageblock's
\* free list for compaction_suitable(), __compact_finished() and the
\* allocation's retry to find.  These steps print nothing.
ROtherTask ==
    \/ ZapPteRange(0, 0) /\ UNCHANGED compactionVars
    \/ pte[0][0] = PteNone /\ UnpinUserPage(MCLayout[0]) /\ UNCHANGED compactionVars
    \/ \E p \in Pfns, o \in Orders :
          /\ \E a \in allocated : a.pfn = p /\ a.order = o /\ a.owner = DirectOwner
          /\ FreeOnePage(p, o)
          /\ UNCHANGED << rmapVars, compactionVars >>

RBusyNext == RNext \/ (pend = << >> /\ ROtherTask /\ Prints(<< >>) /\ UNCHANGED obsVars)

RLayoutBusySpec == MCInitLayout /\ ObsInit /\ [][RBusyNext]_refineVars
=============================================================================
