--------------------------- MODULE CompactionObs ---------------------------
(***************************************************************************)
(* Memory compaction as its tracepoints reveal it (Linux 6.1               *)
(* mm/compaction.c, include/trace/events/compaction.h, migrate.h): one     *)
(* zone, one compacting task's runs (compact_zone() from begin to end) and  *)
(* the zone's deferral counters.  No page state: every page-level step of   *)
(* Compaction.tla (which pages the scanners take, which migrations fail)    *)
(* is abstracted into a nondeterministic choice of the printed numbers, so  *)
(* a real trace with a 262,144-page zone is a behaviour of this spec with   *)
(* its real pfns (checked by mmcheck.audit, one event per step).            *)
(*                                                                         *)
(* VARIABLES (what the tracepoints print, or follows from what they print) *)
(*   run           "idle" | "suitable" (compaction_suitable() said         *)
(*                 continue) | "live" (between mm_compaction_begin and     *)
(*                 mm_compaction_end)                                      *)
(*   zone, order   the zone and cc->order of the last compaction_suitable  *)
(*   zoneStart, zoneEnd  the run's [zone_start, zone_end)                  *)
(*   mode          "async" | "sync": cc->mode as mm_compaction_begin prints *)
(*                 it (MIGRATE_SYNC_LIGHT and MIGRATE_SYNC both "sync")    *)
(*   migrateMode   the migrate_pages() mode of the run's batches, or "none" *)
(*   stage         where compact_zone()'s loop is: "begun", "scan" (after  *)
(*                 compact_finished() said continue), "isolated",         *)
(*                 "migrating" (inside migrate_pages()), "fast" (inside it, *)
(*                 fast_isolate_freepages() just took pages), "migrated",  *)
(*                 "drain", "rescan" (a batch failed below MIGRATE_SYNC),   *)
(*                 "terminal" (compact_finished() ended the loop)          *)
(*   lastFinished  the last mm_compaction_finished ret of the run, or "none" *)
(*   migratePfn    cc->migrate_pfn as revealed: begin's, then the end of   *)
(*                 the last isolate_migratepages range (a lower bound: the  *)
(*                 scanner skips unsuitable pageblocks untraced)           *)
(*   migrateHi     one past the highest pfn the migrate scanner scanned    *)
(*                 in this run (0: none yet)                              *)
(*   freeLo        the lowest pfn the free scanner owns: begin's free_pfn, *)
(*                 then the lowest start of an isolate_freepages range     *)
(*   nrMigratepages  cc->nr_migratepages: pages isolated, not yet migrated *)
(*   inFlight      the batch mm_migrate_pages reported (succeeded, failed) *)
(*                 until mm_compaction_migratepages accounts it, or NoBatch *)
(*   nrMigrated    pages migrated in this run                             *)
(*   nrFreeTaken   free pages isolated (as targets) in this run            *)
(*   considered, deferShift, orderFailed  zone->compact_considered,        *)
(*                 compact_defer_shift, compact_order_failed               *)
(*                                                                         *)
(* ACTIONS (kernel function -> action -> tracepoint)                       *)
(*   compaction_suitable()   CompactionSuitable(z, o, ret)  mm_compaction_suitable *)
(*   compact_zone() start    CompactionBegin(zs, mp, fp, ze, m)  mm_compaction_begin *)
(*   compact_finished()      CompactFinished(z, o, ret)     mm_compaction_finished *)
(*   isolate_migratepages_block()  IsolateMigratepagesBlock(lo, hi, sc, tk)       *)
(*                                            mm_compaction_isolate_migratepages *)
(*   isolate_freepages_block()  IsolateFreepagesBlock(lo, hi, sc, tk)             *)
(*                                            mm_compaction_isolate_freepages    *)
(*   fast_isolate_freepages()  FastIsolateFreepages(lo, hi, sc, tk)            *)
(*                                            mm_compaction_fast_isolate_freepages *)
(*   migrate_pages() start   MigratePagesStart(m, r)       mm_migrate_pages_start *)
(*   migrate_pages() end     MigratePages(s, f, ts, tf, tsp, m, r) mm_migrate_pages *)
(*   compact_zone() batch    CompactionMigratepages(s, f)   mm_compaction_migratepages *)
(*   compact_zone() end      CompactionEnd(zs, mp, fp, ze, m, st) mm_compaction_end *)
(*   defer_compaction()      DeferCompaction(z, o, of, c, l)  mm_compaction_defer_compaction *)
(*   compaction_deferred()   CompactionDeferred(z, o, of, c, l) mm_compaction_deferred *)
(*                           CompactionDeferredNotTraced(o)   (returns false, untraced) *)
(*   compaction_defer_reset() CompactionDeferReset(z, o, of, c, l) mm_compaction_defer_reset *)
(*                                                                         *)
(* Every guard of an action is a named operator below (a "rule"), so a      *)
(* trace that breaks one is reported by that name.                         *)
(***************************************************************************)
EXTENDS Integers

CONSTANTS
    PageblockNrPages,   \* pageblock_nr_pages (512 on x86-64 with 4 KiB pages)
    MaxOrder,           \* MAX_ORDER (11 in 6.1): orders 0..MaxOrder-1
    MaxDeferShift,      \* COMPACT_MAX_DEFER_SHIFT (6)
    Zones,              \* zone names, e.g. {"DMA", "DMA32", "Normal"}
    NoBatch             \* a model value: no migrate_pages() batch reported

VARIABLES run, zone, order, zoneStart, zoneEnd, mode, migrateMode, stage,
          lastFinished, migratePfn, migrateHi, freeLo, nrMigratepages,
          inFlight, nrMigrated, nrFreeTaken, considered, deferShift, orderFailed

runVars == <<run, zone, order, zoneStart, zoneEnd, mode, migrateMode, stage,
             lastFinished, migratePfn, migrateHi, freeLo, nrMigratepages,
             inFlight, nrMigrated, nrFreeTaken>>
deferVars == <<considered, deferShift, orderFailed>>
vars == <<runVars, deferVars>>

(* enum compact_result as the tracepoints print it (include/linux/compaction.h) *)
Results == {"not_suitable_zone", "skipped", "deferred", "no_suitable_page",
            "continue", "complete", "partial_skipped", "contended", "success"}
(* results that make compact_zone()'s loop stop (compact_finished() maps   *)
(* no_suitable_page to continue before the loop sees it)                    *)
Terminal == Results \ {"continue", "no_suitable_page"}
MigrateModes == {"MIGRATE_ASYNC", "MIGRATE_SYNC_LIGHT", "MIGRATE_SYNC"}
Stages == {"begun", "scan", "isolated", "migrating", "fast", "migrated", "drain",
           "rescan", "terminal"}
Orders == -1..(MaxOrder - 1)      \* -1: compact_memory / proactive (order -1)

Max(a, b) == IF a > b THEN a ELSE b
Min(a, b) == IF a < b THEN a ELSE b

(* pfn >> pageblock_order *)
BlockOf(pfn) == pfn \div PageblockNrPages

(* compact_scanners_met(): the scanners have met when the free scanner's   *)
(* pageblock is at or below the migrate scanner's.                          *)
ScannersMet(migrate, free) == BlockOf(free) <= BlockOf(migrate)

(* cc->mode as mm_compaction_begin/end print it: sync ? "sync" : "async"   *)
PrintedMode(m) == IF m = "MIGRATE_ASYNC" THEN "async" ELSE "sync"

----------------------------------------------------------------------------
(* The rules: each a guard of one action, named after what the kernel     *)
(* guarantees.                                                              *)

(* a task calls compaction_suitable() before compact_zone() or from        *)
(* reclaim, never inside compact_zone()'s loop: a run ends before the next. *)
SuitableOutsideRun == run \in {"idle", "suitable"}
(* compact_zone() starts a run only after compaction_suitable() said       *)
(* COMPACT_CONTINUE for that zone, and never inside another run.           *)
BeginAfterSuitable == run = "suitable"
(* compact_zone(): both scanners start inside the zone.                     *)
BeginInsideZone(zs, mp, fp, ze) ==
    /\ zs < ze
    /\ zs <= mp /\ mp < ze
    /\ zs <= fp /\ fp < ze
(* Events of a run come between its begin and end.                          *)
RunLive == run = "live"
(* mm_compaction_finished and _end name the zone and order of the run.      *)
SameZoneAndOrder(z, o) == z = zone /\ o = order
(* compact_zone()'s loop calls compact_finished() first and after every     *)
(* batch; after a terminal result the loop has ended.                       *)
(* From "scan" too: isolate_migratepages() finds no pageblock below the    *)
(* free scanner and returns ISOLATE_NONE without calling the traced         *)
(* isolate_migratepages_block().                                            *)
FinishedAtLoopTop == stage \in {"begun", "scan", "drain", "rescan"}
(* every batch is migrated and accounted before compact_finished()          *)
BatchesAccounted == nrMigratepages = 0 /\ inFlight = NoBatch
(* isolate_migratepages() runs once per loop iteration, after               *)
(* compact_finished() said continue (or again when a batch failed below     *)
(* MIGRATE_SYNC: the rescan of the pageblock's remainder).                  *)
IsolateAfterContinue == stage \in {"scan", "rescan"}
(* isolate_migratepages_block(): the range lies inside the zone, at or      *)
(* above where the migrate scanner stands, and takes at most what it        *)
(* scanned, at most one page per pfn scanned.  The scanner goes back only   *)
(* by fast_find_migrateblock(), which 6.1 lets pick any free page below     *)
(* high_pfn, so also below cc->migrate_pfn, and which returns that page's   *)
(* pageblock start (or the zone start): a backward range starts there.      *)
MigrateRangeInZone(lo, hi) == zoneStart <= lo /\ lo <= hi /\ hi <= zoneEnd
MigrateScannerMonotonic(lo) ==
    \/ lo >= migratePfn
    \/ lo = zoneStart
    \/ lo % PageblockNrPages = 0
TakenWithinScanned(lo, hi, scanned, taken) == taken <= scanned /\ scanned <= hi - lo
(* scanner non-crossing, as compact_scanners_met() judges it (pageblocks):  *)
(* isolate_migratepages() scans only pageblocks below the free scanner's,   *)
(* isolate_freepages() only pageblocks above the migrate scanner's.         *)
MigrateBelowFreeScanner(lo, hi) == BlockOf(Max(lo, hi - 1)) < BlockOf(freeLo)
FreeAboveMigrateScanner(lo) ==
    /\ BlockOf(lo) > BlockOf(migratePfn)
    /\ (migrateHi = 0 \/ BlockOf(lo) > BlockOf(migrateHi - 1))
(* fast_isolate_around(): after fast_isolate_freepages() took a page, it    *)
(* scans that page's pageblock with isolate_freepages_block() (traced) --   *)
(* wherever the page lies above the midpoint, so not where the free         *)
(* scanner stands, which it does not move (stage "fast").                  *)
AroundFastPage == stage = "fast"
(* the free scanner walks down the zone one pageblock at a time; it         *)
(* resumes inside the block where it stopped (cc->free_pfn), never above --  *)
(* except fast_isolate_around()'s scan of the fast path's page's pageblock. *)
FreeScannerMonotonic(lo) == stage = "fast" \/ BlockOf(lo) <= BlockOf(freeLo)
FreeRangeInZone(lo, hi) == zoneStart <= lo /\ lo <= hi /\ hi <= zoneEnd
(* fast_isolate_freepages() searches the free lists in [min_pfn, ...),     *)
(* min_pfn = pageblock_start_pfn(free_pfn - distance / 2): a pageblock at  *)
(* or above the migrate scanner's (the midpoint of the scanners), and      *)
(* prints [min_pfn, cc->free_pfn); nr_scanned counts a taken block's pages. *)
FastFreeRangeAboveMigrateScanner(lo, hi, scanned, taken) ==
    /\ BlockOf(lo) >= BlockOf(migratePfn)
    /\ BlockOf(lo) >= BlockOf(zoneStart)
    /\ lo <= hi /\ hi <= zoneEnd
    /\ taken <= scanned
(* compaction_alloc() isolates free pages only inside migrate_pages().      *)
FreeIsolatedForMigration == stage \in {"migrating", "fast"}
(* compact_zone() calls migrate_pages() only with isolated pages, in the    *)
(* run's mode, for MR_COMPACTION.                                           *)
MigrateAfterIsolate(m, r) ==
    /\ stage = "isolated" /\ nrMigratepages > 0
    /\ r = "compaction"
    /\ PrintedMode(m) = mode
    /\ (migrateMode = "none" \/ migrateMode = m)
(* migrate_pages() reports at most the batch: nr_succeeded + nr_failed      *)
(* pages <= cc->nr_migratepages; compaction never isolates a THP.           *)
MigrateResultWithinBatch(s, f, ts, tf, tsp, m, r) ==
    /\ stage \in {"migrating", "fast"} /\ m = migrateMode /\ r = "compaction"
    /\ s + f <= nrMigratepages
    /\ ts = 0 /\ tf = 0 /\ tsp = 0
(* per-batch accounting (compact_zone(), trace_mm_compaction_migratepages): *)
(* nr_migrated is migrate_pages()'s nr_succeeded and nr_failed is           *)
(* cc->nr_migratepages - nr_succeeded.  It can exceed mm_migrate_pages'     *)
(* nr_failed: when compaction_alloc() finds no free page, unmap_and_move()  *)
(* returns -ENOMEM and migrate_pages() stops, counting that page failed but *)
(* never trying the rest of the list, which compaction counts as failed.    *)
BatchAccounting(s, f) ==
    /\ stage = "migrated"
    /\ s = inFlight[1]
    /\ s + f = nrMigratepages
    /\ f >= inFlight[2]
(* compact_zone() returns the result compact_finished() ended the loop      *)
(* with; otherwise (loop left early) COMPACT_SUCCESS from a captured page   *)
(* (compaction_capture, checked after every iteration) or COMPACT_CONTENDED *)
(* (ISOLATE_ABORT, or -ENOMEM from migrate_pages() before the scanners      *)
(* met).  ISOLATE_ABORT may come with no isolate event: a fatal signal      *)
(* makes isolate_migratepages_block() jump to fatal_pending, past its       *)
(* tracepoint, so a run may end contended straight after compact_finished.  *)
EndStatusFromLoop(st) ==
    IF stage = "terminal" THEN st = lastFinished
    ELSE /\ st \in {"success", "contended"}
         /\ (st = "success" => stage \in {"scan", "drain", "rescan"})
         /\ (st = "contended" => stage \in {"scan", "isolated", "drain", "rescan"})
(* VM_BUG_ON(!list_empty(&cc->migratepages)): no batch is left when         *)
(* compact_zone() returns, except the one ISOLATE_ABORT puts back.          *)
NoBatchAtEnd(st) == inFlight = NoBatch /\ (nrMigratepages = 0 \/ st = "contended")
(* end reports the run's zone and mode, and cc->migrate_pfn at or above     *)
(* where the last traced range ended -- not above every range: after        *)
(* fast_find_migrateblock() went back, the run may end below migrateHi.     *)
EndMatchesBegin(zs, mp, ze, m) ==
    zs = zoneStart /\ ze = zoneEnd /\ m = mode /\ mp >= migratePfn
(* __compact_finished() returns COMPLETE or PARTIAL_SKIPPED only once       *)
(* compact_scanners_met(): pageblock granularity, so the raw migrate_pfn    *)
(* may end above free_pfn.                                                  *)
ScannersMetAtEnd(mp, fp, st) ==
    st \in {"complete", "partial_skipped"} => ScannersMet(mp, fp)

(* defer_compaction() / compaction_deferred() / compaction_defer_reset():   *)
(* the printed counters are the zone's after the update.                    *)
PrintedCounters(of, c, l) == of = orderFailed' /\ c = considered' /\ l = 2 ^ deferShift'
(* compaction_deferred() traces only when it defers: order at or above      *)
(* compact_order_failed and ++compact_considered still below the limit.     *)
DeferredBelowLimit(o) == o >= orderFailed /\ considered + 1 < 2 ^ deferShift

----------------------------------------------------------------------------
CompactionSuitable(z, o, ret) ==
    /\ SuitableOutsideRun
    /\ ret \in Results
    /\ run' = IF ret = "continue" THEN "suitable" ELSE "idle"
    /\ zone' = z /\ order' = o
    /\ UNCHANGED <<zoneStart, zoneEnd, mode, migrateMode, stage, lastFinished,
                   migratePfn, migrateHi, freeLo, nrMigratepages, inFlight,
                   nrMigrated, nrFreeTaken, deferVars>>

CompactionBegin(zs, mp, fp, ze, m) ==
    /\ BeginAfterSuitable
    /\ BeginInsideZone(zs, mp, fp, ze)
    /\ m \in {"async", "sync"}
    /\ run' = "live" /\ stage' = "begun" /\ lastFinished' = "none"
    /\ zoneStart' = zs /\ zoneEnd' = ze /\ mode' = m /\ migrateMode' = "none"
    /\ migratePfn' = mp /\ migrateHi' = 0 /\ freeLo' = fp
    /\ nrMigratepages' = 0 /\ inFlight' = NoBatch
    /\ nrMigrated' = 0 /\ nrFreeTaken' = 0
    /\ UNCHANGED <<zone, order, deferVars>>

CompactFinished(z, o, ret) ==
    /\ RunLive
    /\ SameZoneAndOrder(z, o)
    /\ FinishedAtLoopTop
    /\ BatchesAccounted
    /\ ret \in Results
    /\ lastFinished' = ret
    /\ stage' = IF ret \in Terminal THEN "terminal" ELSE "scan"
    /\ UNCHANGED <<run, zone, order, zoneStart, zoneEnd, mode, migrateMode,
                   migratePfn, migrateHi, freeLo, nrMigratepages, inFlight,
                   nrMigrated, nrFreeTaken, deferVars>>

IsolateMigratepagesBlock(lo, hi, scanned, taken) ==
    /\ RunLive
    /\ IsolateAfterContinue
    /\ MigrateRangeInZone(lo, hi)
    /\ MigrateScannerMonotonic(lo)
    /\ MigrateBelowFreeScanner(lo, hi)
    /\ TakenWithinScanned(lo, hi, scanned, taken)
    /\ migratePfn' = hi
    /\ migrateHi' = IF hi > lo THEN Max(migrateHi, hi) ELSE migrateHi
    /\ nrMigratepages' = nrMigratepages + taken
    /\ stage' = IF nrMigratepages + taken > 0 THEN "isolated" ELSE "drain"
    /\ UNCHANGED <<run, zone, order, zoneStart, zoneEnd, mode, migrateMode,
                   lastFinished, freeLo, inFlight, nrMigrated, nrFreeTaken,
                   deferVars>>

IsolateFreepagesBlock(lo, hi, scanned, taken) ==
    /\ RunLive
    /\ FreeIsolatedForMigration
    /\ FreeRangeInZone(lo, hi)
    /\ FreeAboveMigrateScanner(lo)
    /\ FreeScannerMonotonic(lo)
    /\ freeLo' = IF AroundFastPage THEN freeLo ELSE Min(freeLo, lo)
    /\ stage' = "migrating"
    /\ nrFreeTaken' = nrFreeTaken + taken
    /\ UNCHANGED <<run, zone, order, zoneStart, zoneEnd, mode, migrateMode,
                   lastFinished, migratePfn, migrateHi, nrMigratepages, inFlight,
                   nrMigrated, deferVars>>

(* The free scanner's fast path: it takes whole free blocks off the free   *)
(* lists and does not move cc->free_pfn when it finds one (isolate_freepages() *)
(* jumps to splitmap, past the free_pfn update), so freeLo stays.           *)
FastIsolateFreepages(lo, hi, scanned, taken) ==
    /\ RunLive
    /\ FreeIsolatedForMigration
    /\ FastFreeRangeAboveMigrateScanner(lo, hi, scanned, taken)
    /\ nrFreeTaken' = nrFreeTaken + taken
    /\ stage' = IF taken > 0 THEN "fast" ELSE "migrating"
    /\ UNCHANGED <<run, zone, order, zoneStart, zoneEnd, mode, migrateMode,
                   lastFinished, migratePfn, migrateHi, freeLo, nrMigratepages, inFlight,
                   nrMigrated, deferVars>>

MigratePagesStart(m, r) ==
    /\ RunLive
    /\ MigrateAfterIsolate(m, r)
    /\ m \in MigrateModes
    /\ migrateMode' = m /\ stage' = "migrating"
    /\ UNCHANGED <<run, zone, order, zoneStart, zoneEnd, mode, lastFinished,
                   migratePfn, migrateHi, freeLo, nrMigratepages, inFlight,
                   nrMigrated, nrFreeTaken, deferVars>>

MigratePages(s, f, ts, tf, tsp, m, r) ==
    /\ RunLive
    /\ MigrateResultWithinBatch(s, f, ts, tf, tsp, m, r)
    /\ inFlight' = <<s, f>> /\ stage' = "migrated"
    /\ UNCHANGED <<run, zone, order, zoneStart, zoneEnd, mode, migrateMode,
                   lastFinished, migratePfn, migrateHi, freeLo, nrMigratepages,
                   nrMigrated, nrFreeTaken, deferVars>>

CompactionMigratepages(s, f) ==
    /\ RunLive
    /\ BatchAccounting(s, f)
    /\ nrMigratepages' = 0 /\ inFlight' = NoBatch
    /\ nrMigrated' = nrMigrated + s
    (* a failed batch below MIGRATE_SYNC may rescan the pageblock *)
    /\ stage' = IF f > 0 /\ migrateMode # "MIGRATE_SYNC" THEN "rescan" ELSE "drain"
    /\ UNCHANGED <<run, zone, order, zoneStart, zoneEnd, mode, migrateMode,
                   lastFinished, migratePfn, migrateHi, freeLo, nrFreeTaken,
                   deferVars>>

CompactionEnd(zs, mp, fp, ze, m, st) ==
    /\ RunLive
    /\ st \in Results
    /\ EndMatchesBegin(zs, mp, ze, m)
    /\ EndStatusFromLoop(st)
    /\ NoBatchAtEnd(st)
    /\ ScannersMetAtEnd(mp, fp, st)
    /\ run' = "idle" /\ nrMigratepages' = 0 /\ migratePfn' = mp
    /\ UNCHANGED <<zone, order, zoneStart, zoneEnd, mode, migrateMode, stage,
                   lastFinished, migrateHi, freeLo, inFlight, nrMigrated,
                   nrFreeTaken, deferVars>>

(* defer_compaction(): compact_considered = 0, compact_defer_shift++ up to  *)
(* COMPACT_MAX_DEFER_SHIFT, compact_order_failed lowered to order.          *)
DeferCompactionUpdate(o) ==
    /\ considered' = 0
    /\ deferShift' = Min(deferShift + 1, MaxDeferShift)
    /\ orderFailed' = Min(orderFailed, o)
    /\ UNCHANGED runVars

DeferCompaction(z, o, of, c, l) ==
    /\ DeferCompactionUpdate(o)
    /\ PrintedCounters(of, c, l)

(* compaction_deferred() when it returns true (the only traced case):      *)
(* ++compact_considered.                                                    *)
CompactionDeferredUpdate ==
    /\ considered' = considered + 1
    /\ UNCHANGED <<deferShift, orderFailed, runVars>>

CompactionDeferred(z, o, of, c, l) ==
    /\ DeferredBelowLimit(o)
    /\ CompactionDeferredUpdate
    /\ PrintedCounters(of, c, l)

(* compaction_deferred() when it returns false: untraced, but it caps       *)
(* compact_considered at the limit.                                         *)
CompactionDeferredNotTraced(o) ==
    /\ o >= orderFailed
    /\ considered + 1 >= 2 ^ deferShift
    /\ considered' = 2 ^ deferShift
    /\ UNCHANGED <<deferShift, orderFailed, runVars>>

(* compaction_defer_reset(zone, order, alloc_success): alloc_success is not *)
(* printed, so both are allowed.                                            *)
CompactionDeferResetUpdate(o) ==
    /\ \E allocSuccess \in BOOLEAN :
         /\ considered' = IF allocSuccess THEN 0 ELSE considered
         /\ deferShift' = IF allocSuccess THEN 0 ELSE deferShift
    /\ orderFailed' = IF o >= orderFailed THEN o + 1 ELSE orderFailed
    /\ UNCHANGED runVars

CompactionDeferReset(z, o, of, c, l) ==
    /\ CompactionDeferResetUpdate(o)
    /\ PrintedCounters(of, c, l)

----------------------------------------------------------------------------
(* the deferral counters stay within their kernel bounds: compact_defer_shift *)
(* <= COMPACT_MAX_DEFER_SHIFT, compact_considered <= 1 << defer_shift,        *)
(* compact_order_failed <= MAX_ORDER                                        *)
DeferCountersOK ==
    /\ deferShift \in 0..MaxDeferShift
    /\ considered \in 0..(2 ^ deferShift)
    /\ orderFailed \in 0..MaxOrder

TypeOK ==
    /\ run \in {"idle", "suitable", "live"}
    /\ zone \in Zones /\ order \in Orders
    /\ mode \in {"async", "sync"}
    /\ migrateMode \in MigrateModes \cup {"none"}
    /\ stage \in Stages
    /\ lastFinished \in Results \cup {"none"}
    /\ zoneStart \in Nat /\ zoneEnd \in Nat
    /\ migratePfn \in Nat /\ migrateHi \in Nat /\ freeLo \in Nat
    /\ nrMigratepages \in Nat /\ nrMigrated \in Nat /\ nrFreeTaken \in Nat
    /\ inFlight = NoBatch \/ inFlight \in Nat \X Nat
    /\ considered \in Nat /\ deferShift \in Nat /\ orderFailed \in Nat

(* the deferral counters stay within the bounds compaction_deferred()       *)
(* relies on (1UL << compact_defer_shift never overflows)                   *)
DeferBoundsInv == DeferCountersOK

(* scanner non-crossing: while a run is live every pageblock the migrate    *)
(* scanner scanned lies below every pageblock the free scanner scanned.     *)
ScannersNonCrossingInv ==
    run = "live" /\ migrateHi > 0 => BlockOf(migrateHi - 1) < BlockOf(freeLo)

(* both cc lists are empty when compact_zone() returns (VM_BUG_ON), and a   *)
(* batch is accounted before the loop goes on.                              *)
NoBatchOutsideRunInv ==
    /\ run # "live" => nrMigratepages = 0 /\ inFlight = NoBatch
    /\ inFlight # NoBatch => stage = "migrated"
    /\ stage \in {"begun", "scan", "drain", "rescan", "terminal"} => nrMigratepages = 0
=============================================================================
