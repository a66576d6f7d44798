------------------------------- MODULE MCRmap -------------------------------
(***************************************************************************)
(* Model wrapper for Rmap alone: page tables, fork, COW and pins over the  *)
(* buddy allocator, without migration.                                     *)
(***************************************************************************)
EXTENDS Rmap

MCAllocTypes == {"MIGRATE_MOVABLE"}

\* As MCMigrate's view: the data left in a free frame is never read, and
\* opParity matters to the refinement check only through whether a step
\* flips it.
MCView == << vars, pte, rmap, mapcount, refcount, pinCount, anonExclusive,
             [f \in Pfns |-> IF UserPage(f) THEN content[f] ELSE NoContent],
             waitPte, written >>
=============================================================================
