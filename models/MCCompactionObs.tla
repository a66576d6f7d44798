-------------------------- MODULE MCCompactionObs --------------------------
(* CompactionObs on a 3-pageblock zone of 2-page blocks: every event's     *)
(* printed numbers are chosen from small ranges, so TLC explores every     *)
(* order of tracepoints the observation spec allows.                       *)
EXTENDS CompactionObs

CONSTANTS MCZoneStart, MCZoneEnd, MCMaxBatch, MCDefer   \* MCDefer: the deferral model, else the run model

(* a zone's deferral counters start at zero, as the zone is initialised   *)
DeferInit == deferShift = 0 /\ considered = 0 /\ orderFailed = 0

MCInit ==
    /\ run = "idle" /\ zone \in Zones /\ order = 0
    /\ zoneStart = 0 /\ zoneEnd = 0 /\ mode = "async" /\ migrateMode = "none"
    /\ stage = "begun" /\ lastFinished = "none"
    /\ migratePfn = 0 /\ migrateHi = 0 /\ freeLo = 0
    /\ nrMigratepages = 0 /\ inFlight = NoBatch /\ nrMigrated = 0 /\ nrFreeTaken = 0
    /\ DeferInit

MCPfns == MCZoneStart..MCZoneEnd
Counts == 0..MCMaxBatch
MCOrders == {-1, 0, 1}

MCRunNext ==
    \/ \E z \in Zones, o \in {-1, 1}, ret \in {"continue", "skipped"} : CompactionSuitable(z, o, ret)
    \/ \E mp, fp \in MCPfns, m \in {"async", "sync"} : CompactionBegin(MCZoneStart, mp, fp, MCZoneEnd, m)
    \/ \E ret \in Results : CompactFinished(zone, order, ret)
    \/ \E lo, hi \in MCPfns, sc, tk \in Counts : IsolateMigratepagesBlock(lo, hi, sc, tk)
    \/ \E lo, hi \in MCPfns, sc, tk \in Counts : IsolateFreepagesBlock(lo, hi, sc, tk)
    \* fast_isolate_freepages(): nr_scanned counts the taken blocks' pages, so scanned = taken here
    \/ \E lo, hi \in MCPfns, tk \in Counts : FastIsolateFreepages(lo, hi, tk, tk)
    \/ \E m \in MigrateModes : MigratePagesStart(m, "compaction")
    \/ \E s, f \in Counts : MigratePages(s, f, 0, 0, 0, migrateMode, "compaction")
    \/ \E s, f \in Counts : CompactionMigratepages(s, f)
    \/ \E mp, fp \in MCPfns, st \in Results : CompactionEnd(zoneStart, mp, fp, zoneEnd, mode, st)

MCDeferNext ==
    \/ \E z \in Zones, o \in MCOrders \ {-1}, of, c, l \in 0..(2 ^ MaxDeferShift) :
         \/ DeferCompaction(z, o, of, c, l)
         \/ CompactionDeferred(z, o, of, c, l)
         \/ CompactionDeferReset(z, o, of, c, l)
    \/ \E o \in MCOrders \ {-1} : CompactionDeferredNotTraced(o)

(* the run and the deferral counters share no variable: checked apart *)
MCNext == IF MCDefer THEN MCDeferNext ELSE MCRunNext

MCSpec == MCInit /\ [][MCNext]_vars

(* Seeded bug: isolate_freepages() without its lower limit                 *)
(* (low_pfn = pageblock_end_pfn(cc->migrate_pfn)), so the free scanner may *)
(* take a pageblock the migrate scanner has scanned.                       *)
BugIsolateFreepagesBlock(lo, hi, scanned, taken) ==
    /\ RunLive
    /\ FreeIsolatedForMigration
    /\ FreeRangeInZone(lo, hi)
    /\ FreeScannerMonotonic(lo)
    /\ freeLo' = Min(freeLo, lo)
    /\ nrFreeTaken' = nrFreeTaken + taken
    /\ UNCHANGED <<run, zone, order, zoneStart, zoneEnd, mode, migrateMode, stage,
                   lastFinished, migratePfn, migrateHi, nrMigratepages, inFlight,
                   nrMigrated, deferVars>>

MCBugFreeCrossingNext ==
    \/ MCRunNext
    \/ \E lo, hi \in MCPfns, sc, tk \in Counts : BugIsolateFreepagesBlock(lo, hi, sc, tk)

(* Seeded bug: compact_zone() returns on contention without                *)
(* putback_movable_pages(): the run ends with its batch still isolated      *)
(* (the VM_BUG_ON(!list_empty(&cc->migratepages)) at its end forgotten).   *)
BugCompactionEnd(zs, mp, fp, ze, m, st) ==
    /\ RunLive
    /\ st \in Results
    /\ EndMatchesBegin(zs, mp, ze, m)
    /\ EndStatusFromLoop(st)
    /\ ScannersMetAtEnd(mp, fp, st)
    /\ run' = "idle" /\ migratePfn' = mp
    /\ UNCHANGED <<zone, order, zoneStart, zoneEnd, mode, migrateMode, stage,
                   lastFinished, migrateHi, freeLo, nrMigratepages, inFlight, nrMigrated,
                   nrFreeTaken, deferVars>>

MCBugBatchAtEndNext ==
    \/ MCRunNext
    \/ \E mp, fp \in MCPfns, st \in Results : BugCompactionEnd(zoneStart, mp, fp, zoneEnd, mode, st)

(* Seeded bug: defer_compaction() without the COMPACT_MAX_DEFER_SHIFT       *)
(* clamp: compact_defer_shift grows past it (1UL << shift would overflow).  *)
BugDeferCompaction(z, o, of, c, l) ==
    /\ considered' = 0
    /\ deferShift' = deferShift + 1
    /\ orderFailed' = Min(orderFailed, o)
    /\ UNCHANGED runVars
    /\ PrintedCounters(of, c, l)

MCBugDeferShiftNext ==
    \/ MCDeferNext
    \/ \E z \in Zones, o \in MCOrders \ {-1}, of, c \in 0..(2 ^ MaxDeferShift), l \in 0..(2 ^ (MaxDeferShift + 1)) :
          BugDeferCompaction(z, o, of, c, l)

(* the free-page count grows without bound; bound it *)
MCConstraint == nrMigrated <= MCMaxBatch /\ nrFreeTaken <= MCMaxBatch /\ deferShift <= MaxDeferShift + 1
=============================================================================
