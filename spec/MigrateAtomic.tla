---------------------------- MODULE MigrateAtomic ----------------------------
(***************************************************************************)
(* The migration of one isolated anonymous page as ONE step: what          *)
(* unmap_and_move() of Linux 6.1 (mm/migrate.c) achieves when it succeeds, *)
(* without its intermediate states (migration entries, the page lock, the  *)
(* passes).  Migrate.tla specifies those steps; MCMigrateRefinesAtomic     *)
(* checks that its behaviours are behaviours of this module's AtomicSpec   *)
(* under a refinement mapping, so the compaction models may use this one   *)
(* step and spend their states on the scanners.                            *)
(*                                                                         *)
(*   unmap_and_move() success     MovePageAtomic(src, dst)                 *)
(*   its failure                  no step: the page stays isolated         *)
(*                                                                         *)
(* The destination dst is a page the caller already holds (compaction's    *)
(* compaction_alloc() hands out a page the free scanner isolated); the     *)
(* source src is isolated (it holds the isolation reference) and is freed  *)
(* by the caller in the same step: its last reference goes with the       *)
(* migration.  The operator defines the page-table side only (pte, rmap,   *)
(* mapcount, refcount, anonExclusive, content, and the unchanged user      *)
(* variables); the caller defines Buddy's variables.                       *)
(***************************************************************************)
EXTENDS Rmap

\* folio_expected_refs() + the mappings: a page that migration may move
\* has one reference per present mapping plus the isolation reference.  A
\* pin (or any other holder) adds one, and folio_migrate_mapping() returns
\* -EAGAIN; try_to_migrate() also refuses a pinned exclusive page.
MigratableNow(src) == refcount[src] = mapcount[src] + 1 /\ ~PageMaybeDmaPinned(src)

\* unmap_and_move() with page_count(src) == 1: the owner unmapped the page
\* while it was isolated, and migration just drops the last reference.
FreedUnderUs(src) == refcount[src] = 1

\* try_to_migrate(), move_to_new_folio() (folio_copy) and
\* remove_migration_ptes() at once: every PTE of src now maps dst, which
\* holds the data, the mappings' references and src's exclusivity; src
\* keeps nothing (its isolation reference is dropped with it).
MovePageAtomic(src, dst) ==
    /\ pte' = [p \in Procs |-> [v \in Vpages |->
                  IF pte[p][v] = Present(src) THEN Present(dst) ELSE pte[p][v]]]
    /\ rmap' = [f \in Pfns |-> IF f = dst THEN rmap[src] ELSE IF f = src THEN {} ELSE rmap[f]]
    /\ mapcount' = [f \in Pfns |-> IF f = dst THEN mapcount[src] ELSE IF f = src THEN 0 ELSE mapcount[f]]
    /\ refcount' = [f \in Pfns |-> IF f = dst THEN mapcount[src] ELSE IF f = src THEN 0 ELSE refcount[f]]
    /\ anonExclusive' = [f \in Pfns |-> IF f = dst THEN anonExclusive[src] /\ rmap[src] # {}
                                        ELSE IF f = src THEN FALSE ELSE anonExclusive[f]]
    /\ content' = [content EXCEPT ![dst] = content[src]]
    /\ UNCHANGED << pinCount, waitPte, written, opParity >>
=============================================================================
