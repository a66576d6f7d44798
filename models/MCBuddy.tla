------------------------------ MODULE MCBuddy ------------------------------
(***************************************************************************)
(* Model wrapper for Buddy: the values that the .cfg files substitute.     *)
(***************************************************************************)
EXTENDS Buddy

MCAllocTypes2 == {"MIGRATE_MOVABLE", "MIGRATE_UNMOVABLE"}
MCAllocTypes3 == {"MIGRATE_MOVABLE", "MIGRATE_UNMOVABLE", "MIGRATE_RECLAIMABLE"}

\* Seeded bug: __free_one_page() stops merging one order too early.
\* MCBuddyBugMergeEarly.cfg substitutes it for MergeCeiling; it must
\* violate MaximalCoalescingInv.
MCBugMergeCeiling == MaxOrder - 2

\* State constraint of the per-rule models: at most two allocated blocks at once.
MCAtMostTwoAllocated == Cardinality(allocated) <= 2
=============================================================================
