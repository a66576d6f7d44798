------------------------ MODULE MCMigrateRefinesAtomic ------------------------
(***************************************************************************)
(* Migrate.tla refines MigrateAtomicSpec: the multi-step migration of one *)
(* page (unmap_and_move with its migration entries) is, seen from the      *)
(* processes and the allocator, one atomic MigrateOnePage step.  The       *)
(* commit point is move_to_new_folio()'s success: before it a migration    *)
(* entry reads as the source's PTE, after it as the destination's, with    *)
(* the mapcount, reference and exclusivity it stands for.                  *)
(* Speculative references (FolioTryGet, FolioPut) are steps of the atomic *)
(* spec as well, with the same transientRefs: a page unmapped while one is *)
(* held stays allocated there too, until its FolioPut frees it, and        *)
(* move_to_new_folio()'s failure on one is a stuttering step (the undo     *)
(* leaves the abstract state as it was).  Other kernel lock holders and    *)
(* writeback (ContendedPfns) hold references the abstract spec does not    *)
(* know: the models leave them out.                                        *)
(***************************************************************************)
EXTENDS MCMigrate

(***************************************************************************)
(* A history variable.  try_to_migrate() moves a page's exclusivity into   *)
(* its migration entry; if the process then unmaps that entry, the         *)
(* concrete state forgets that the page (the source before the copy, the  *)
(* destination after it) was exclusive, while in the                      *)
(* atomic spec the unmapped page keeps PageAnonExclusive until it is       *)
(* freed.  lostExcl remembers such pages until they are freed.             *)
(***************************************************************************)
VARIABLE lostExcl

\* The frame a migration entry stands for: the source until the copy
\* succeeded, the destination afterwards.
Committed == mig.step # "idle" /\ mig.rc = SUCCESS
EntryTarget == IF Committed THEN mig.dst ELSE mig.src
EntrySlots == { s \in Slots : IsMigrationEntryFor(s, mig.src) }
NEntries == Cardinality(EntrySlots)
EntryExcl == \E s \in EntrySlots : PteAt(s).excl

ZappedExcl == IF mig.step = "idle" THEN {}
              ELSE { EntryTarget : s \in { s \in Slots : IsMigrationEntryFor(s, mig.src) /\ PteAt(s).excl
                                                    /\ pte'[s[1]][s[2]] = PteNone } }
LostNext ==
    LET l1 == lostExcl \cup ZappedExcl
    IN  { f \in l1 : [pfn |-> f, order |-> 0, mt |-> MOVABLE, owner |-> AnonOwner] \in allocated' }

HInit == MigrateInit /\ lostExcl = {}
HNext == MCNext /\ lostExcl' = LostNext
HSpec == HInit /\ [][HNext]_<< allVars, lostExcl >>

\* MCMigrate's view (free frames' stale data and opParity left out) plus
\* the history variable.  Sound for this property too: no guard of
\* MigrateAtomicSpec reads a free frame's data or the parity itself.
HView == << MCView, lostExcl >>

AbsPte == [p \in Procs |-> [v \in Vpages |->
              IF IsMigrationEntryFor(<< p, v >>, mig.src) /\ mig.step # "idle"
              THEN Present(EntryTarget) ELSE pte[p][v]]]
AbsRmap == IF Committed
           THEN [f \in Pfns |-> IF f = mig.dst THEN rmap[f] \cup EntrySlots
                                ELSE IF f = mig.src THEN rmap[f] \ EntrySlots ELSE rmap[f]]
           ELSE rmap
AbsMapcount == [f \in Pfns |-> IF mig.step # "idle" /\ f = EntryTarget THEN mapcount[f] + NEntries ELSE mapcount[f]]
AbsRefcount == [f \in Pfns |-> IF mig.step # "idle" /\ f = EntryTarget THEN refcount[f] + NEntries ELSE refcount[f]]
AbsAnonExclusive == [f \in Pfns |->
    \/ anonExclusive[f]
    \/ f \in lostExcl
    \/ mig.step # "idle" /\ f = EntryTarget /\ EntryExcl]
AbsWaitPte == [p \in Procs |-> NoVpage]
AbsIsolated == fromList \cup retPages
AbsNewPages == IF HoldsDstRef(mig.dst) THEN {mig.dst} ELSE {}

A == INSTANCE MigrateAtomicSpec WITH
        pte <- AbsPte, rmap <- AbsRmap, mapcount <- AbsMapcount, refcount <- AbsRefcount,
        anonExclusive <- AbsAnonExclusive, waitPte <- AbsWaitPte,
        isolated <- AbsIsolated, newPages <- AbsNewPages

AtomicRefinement == A!AtomicSpec
=============================================================================
