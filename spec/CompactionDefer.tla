--------------------------- MODULE CompactionDefer ---------------------------
(***************************************************************************)
(* Deferred compaction of one zone, as Linux 6.1 keeps it in               *)
(* mm/compaction.c: after a compaction of some order fails, the next       *)
(* 1 << compact_defer_shift attempts at that order or above are skipped.   *)
(*                                                                         *)
(*   defer_compaction()        DeferCompaction(order)                      *)
(*   compaction_deferred()     CompactionDeferred(order)   (a record: the  *)
(*                             answer and the counter it leaves)           *)
(*   compaction_defer_reset()  CompactionDeferReset(order, allocSuccess)   *)
(*   compaction_restarting()   CompactionRestarting(order)                 *)
(*                                                                         *)
(* Each operator defines the primed counters it changes; the caller says   *)
(* which step it is part of.                                               *)
(***************************************************************************)
EXTENDS Integers

CONSTANTS
    CompactMaxDeferShift,  \* COMPACT_MAX_DEFER_SHIFT: 6 in 6.1; models shrink it
    DeferMaxOrder          \* MAX_ORDER: compact_order_failed is at most order + 1

ASSUME CompactMaxDeferShift \in Nat /\ DeferMaxOrder \in Nat

VARIABLES
    compactConsidered,   \* zone->compact_considered
    compactDeferShift,   \* zone->compact_defer_shift
    compactOrderFailed   \* zone->compact_order_failed

deferVars == << compactConsidered, compactDeferShift, compactOrderFailed >>

\* zone_init_internals() leaves all three at zero (the zone is zeroed).
DeferInit ==
    /\ compactConsidered = 0
    /\ compactDeferShift = 0
    /\ compactOrderFailed = 0

Max2(a, b) == IF a > b THEN a ELSE b
Min2(a, b) == IF a < b THEN a ELSE b

\* defer_compaction(): the counter restarts, the shift grows up to
\* COMPACT_MAX_DEFER_SHIFT, and the lowest failed order is remembered.
DeferCompaction(order) ==
    /\ compactConsidered' = 0
    /\ compactDeferShift' = Min2(compactDeferShift + 1, CompactMaxDeferShift)
    /\ compactOrderFailed' = Min2(compactOrderFailed, order)

\* compaction_deferred(): whether to skip compaction of this order now,
\* and compact_considered afterwards (the kernel increments it in place and
\* caps it at the defer limit).
CompactionDeferred(order) ==
    LET limit == 2^compactDeferShift IN
    IF order < compactOrderFailed
    THEN [deferred |-> FALSE, considered |-> compactConsidered]
    ELSE IF compactConsidered + 1 >= limit
    THEN [deferred |-> FALSE, considered |-> limit]
    ELSE [deferred |-> TRUE, considered |-> compactConsidered + 1]

\* compaction_defer_reset(): after a success of this order, or one that is
\* expected (allocSuccess = FALSE), orders up to this one are not deferred.
CompactionDeferReset(order, allocSuccess) ==
    /\ compactConsidered' = IF allocSuccess THEN 0 ELSE compactConsidered
    /\ compactDeferShift' = IF allocSuccess THEN 0 ELSE compactDeferShift
    /\ compactOrderFailed' = IF order >= compactOrderFailed THEN order + 1 ELSE compactOrderFailed

\* compaction_restarting(): deferred to the maximum and the skips used up:
\* compact_zone() then clears the skip bits (__reset_isolation_suitable).
CompactionRestarting(order) ==
    /\ order >= compactOrderFailed
    /\ compactDeferShift = CompactMaxDeferShift
    /\ compactConsidered >= 2^compactDeferShift

DeferTypeOK ==
    /\ compactConsidered \in Nat
    /\ compactDeferShift \in Nat
    /\ compactOrderFailed \in Nat

\* The defer counters stay within the bounds compaction_deferred() relies
\* on: the shift never exceeds COMPACT_MAX_DEFER_SHIFT (so 1UL << shift
\* cannot overflow), compact_considered never exceeds the defer limit
\* (compaction_deferred() caps it there), and compact_order_failed is at
\* most MAX_ORDER (compaction_defer_reset() sets it to order + 1).
DeferBoundsInv ==
    /\ compactDeferShift <= CompactMaxDeferShift
    /\ compactConsidered <= 2^compactDeferShift
    /\ compactOrderFailed <= DeferMaxOrder
=============================================================================
