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
MCEmpty          == {}

(***************************************************************************)
(* Roles.  Process 0 faults and unmaps its pages; writes store 1; fork     *)
(* and pins are on only where a cfg says so (MCForkOn, MaxPins).           *)
(***************************************************************************)
MCForkOn == FALSE

MCUserNext ==
    \/ \E p \in Procs, v \in Vpages : DoAnonymousPage(p, v)
    \/ \E p \in Procs, v \in Vpages : ZapPteRange(p, v)
    \/ \E p \in Procs, v \in Vpages, c \in Contents \ {ZeroContent} : UserWrite(p, v, c)
    \/ \E p \in Procs, v \in Vpages, c \in Contents \ {ZeroContent} : WpPageReuse(p, v, c)
    \/ \E p \in Procs, v \in Vpages, c \in Contents \ {ZeroContent} : WpPageCopy(p, v, c)
    \/ MCForkOn /\ \E p, q \in Procs, v \in Vpages : CopyPresentPte(p, v, q, v)
    \/ MCForkOn /\ \E p, q \in Procs, v \in Vpages : CopyPresentPage(p, v, q, v)
    \/ \E p \in Procs, v \in Vpages : PinUserPages(p, v)
    \/ \E f \in Pfns : UnpinUserPage(f)

MCProcessStep == MCUserNext /\ UNCHANGED compactionVars

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

MCQuietFairSpec == CompactionInit /\ [][MCQuietNext]_allVars /\ CompactionFairness

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
=============================================================================
