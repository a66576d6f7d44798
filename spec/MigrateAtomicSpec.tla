-------------------------- MODULE MigrateAtomicSpec --------------------------
(***************************************************************************)
(* A system in which each page migration is one step (MigrateAtomic), and *)
(* the processes fault, write, fork, pin and unmap as in Rmap.tla.  It is  *)
(* the abstract side of the refinement that MCMigrateRefinesAtomic checks: *)
(* every behaviour of Migrate.tla (migration entries, the page lock, the   *)
(* passes) maps to a behaviour of this spec.                               *)
(*                                                                         *)
(*   folio_isolate_lru()                 IsolateLruPage(pfn)               *)
(*   putback / the put of a migrated or freed-under-us source              *)
(*                                       PutIsolatedPage(pfn)              *)
(*   get_new_page()                      GetNewPage                        *)
(*   folio_put(dst) / put_page(newpage)  PutNewPage(pfn)                   *)
(*   unmap_and_move() success            MigrateOnePage(src, dst)          *)
(*   folio_try_get() / folio_put()       FolioTryGet(pfn) / FolioPut(pfn)  *)
(*                                                                         *)
(* Speculative references (GUP-fast, LRU batches, PFN walkers) are here    *)
(* too, since the processes see what they do: a page unmapped while one    *)
(* is held stays allocated (Rmap's PutPage frees only on the last          *)
(* reference) until its folio_put(), and a page with one is not            *)
(* migratable (folio_migrate_mapping() sees an unexpected reference).      *)
(***************************************************************************)
EXTENDS MigrateAtomic

CONSTANT
    MaxTransientRefs  \* model bound: speculative references in the system at once

ASSUME MaxTransientRefs \in Nat

VARIABLES
    isolated,      \* pages isolated for migration (the caller's list)
    newPages,      \* destination pages migration holds (allocation reference)
    transientRefs  \* transientRefs[f]: speculative references (folio_try_get)

atomicVars == << vars, rmapVars, isolated, newPages, transientRefs >>

AtomicInit == RmapInit /\ isolated = {} /\ newPages = {} /\ transientRefs = [f \in Pfns |-> 0]

RECURSIVE SpeculativeRefs(_)
SpeculativeRefs(S) == IF S = {} THEN 0
                      ELSE LET f == CHOOSE f \in S : TRUE IN transientRefs[f] + SpeculativeRefs(S \ {f})

IsolateLruPage(f) ==
    /\ UserPage(f) /\ f \notin isolated /\ f \notin newPages
    /\ isolated' = isolated \cup {f}
    /\ refcount' = [refcount EXCEPT ![f] = @ + 1]
    /\ UNCHANGED << vars, pte, rmap, mapcount, pinCount, anonExclusive, content, waitPte,
                    written, opParity, newPages, transientRefs >>

PutIsolatedPage(f) ==
    /\ f \in isolated
    /\ isolated' = isolated \ {f}
    /\ PutPage(f)
    /\ UNCHANGED << pte, rmap, mapcount, pinCount, content, waitPte, written, opParity, newPages,
                    transientRefs >>

GetNewPage ==
    /\ CanAllocUserPage
    /\ AllocUserPage
    /\ refcount' = [refcount EXCEPT ![NewPfn] = 1]
    /\ newPages' = newPages \cup {NewPfn}
    /\ UNCHANGED << pte, rmap, mapcount, pinCount, anonExclusive, content, waitPte, written,
                    opParity, isolated, transientRefs >>

PutNewPage(f) ==
    /\ f \in newPages
    /\ newPages' = newPages \ {f}
    /\ PutPage(f)
    /\ UNCHANGED << pte, rmap, mapcount, pinCount, content, waitPte, written, opParity, isolated,
                    transientRefs >>

\* folio_try_get(): a path that found the page without its lock or a
\* mapping of its own takes a reference, on any allocated user page.
FolioTryGet(f) ==
    /\ UserPage(f)
    /\ SpeculativeRefs(Pfns) < MaxTransientRefs
    /\ transientRefs' = [transientRefs EXCEPT ![f] = @ + 1]
    /\ refcount' = [refcount EXCEPT ![f] = @ + 1]
    /\ UNCHANGED << vars, pte, rmap, mapcount, pinCount, anonExclusive, content, waitPte,
                    written, opParity, isolated, newPages >>

\* folio_put() of a speculative reference; the last reference frees the page.
FolioPut(f) ==
    /\ transientRefs[f] > 0
    /\ transientRefs' = [transientRefs EXCEPT ![f] = @ - 1]
    /\ PutPage(f)
    /\ UNCHANGED << pte, rmap, mapcount, pinCount, content, waitPte, written, opParity, isolated,
                    newPages >>

\* The migration itself, in one step: the mappings, their references, the
\* exclusivity (of a mapped page) and the data move from src to dst; src keeps its isolation
\* reference and dst its allocation reference, dropped by later steps, and
\* any speculative reference taken on dst before the copy.
MigrateOnePage(src, dst) ==
    /\ src \in isolated /\ dst \in newPages /\ src # dst
    /\ MigratableNow(src)
    /\ rmap[dst] = {} /\ mapcount[dst] = 0
    /\ pte' = [p \in Procs |-> [v \in Vpages |->
                  IF pte[p][v] = Present(src) THEN Present(dst) ELSE pte[p][v]]]
    /\ rmap' = [rmap EXCEPT ![dst] = rmap[src], ![src] = {}]
    /\ mapcount' = [mapcount EXCEPT ![dst] = mapcount[src], ![src] = 0]
    /\ refcount' = [refcount EXCEPT ![dst] = @ + mapcount[src], ![src] = @ - mapcount[src]]
    \* PG_anon_exclusive travels in the migration entries only
    \* (folio_migrate_flags() does not copy it): an unmapped source keeps it.
    /\ anonExclusive' = IF rmap[src] = {} THEN anonExclusive
                        ELSE [anonExclusive EXCEPT ![dst] = anonExclusive[src], ![src] = FALSE]
    /\ content' = [content EXCEPT ![dst] = content[src]]
    /\ UNCHANGED << vars, pinCount, waitPte, written, opParity, isolated, newPages,
                    transientRefs >>

AtomicNext ==
    \/ RmapUserNext /\ UNCHANGED << isolated, newPages, transientRefs >>
    \/ \E f \in Pfns : IsolateLruPage(f)
    \/ \E f \in Pfns : PutIsolatedPage(f)
    \/ GetNewPage
    \/ \E f \in Pfns : PutNewPage(f)
    \/ \E s, d \in Pfns : MigrateOnePage(s, d)
    \/ \E f \in Pfns : FolioTryGet(f)
    \/ \E f \in Pfns : FolioPut(f)

AtomicSpec == AtomicInit /\ [][AtomicNext]_atomicVars
=============================================================================
