-------------------------- MODULE MCCompactionBind --------------------------
(***************************************************************************)
(* The compaction model the engine's step checker (mmcheck.conform.        *)
(* compaction) is bound to.  The engine (mmcheck.mm.compaction) keeps no   *)
(* page tables, so no process runs here: the vpages stay unmapped, no user *)
(* page exists, and the runs exercise the scanners' positions, the cached  *)
(* pfns, the skip bits, deferral and the results over a zone the           *)
(* allocator fragments.  The allocator takes no order-0 movable block: the *)
(* spec puts such a block of another owner on no LRU, while the engine's   *)
(* AtomicMigration takes every order-0 movable page for a user page.       *)
(***************************************************************************)
EXTENDS MCCompaction

MCTriggersBind == {"direct", "manual"}

BindAllocatorStep ==
    \/ \E o \in Orders, t \in AllocTypes, w \in AllocatorOwners :
          /\ ~(o = 0 /\ t = MOVABLE)
          /\ RmqueueSmallest(o, t, w) /\ UNCHANGED << rmapVars, compactionVars >>
    \/ \E o \in Orders, t \in AllocTypes :
          RmqueueFallback(o, t) /\ UNCHANGED << rmapVars, compactionVars >>
    \/ \E p \in Pfns, o \in Orders :
          /\ \E a \in allocated : a.pfn = p /\ a.order = o /\ a.owner \in AllocatorOwners \cup {DirectOwner}
          /\ FreeOnePage(p, o)
          /\ UNCHANGED << rmapVars, compactionVars >>

BindNext ==
    \/ CompactRunStep
    \/ TriggerStep
    \/ BindAllocatorStep

BindSpec == CompactionInit /\ [][BindNext]_allVars
=============================================================================
