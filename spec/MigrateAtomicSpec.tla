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
(***************************************************************************)
EXTENDS MigrateAtomic

VARIABLES
    isolated,   \* pages isolated for migration (the caller's list)
    newPages    \* destination pages migration holds (allocation reference)

atomicVars == << vars, rmapVars, isolated, newPages >>

AtomicInit == RmapInit /\ isolated = {} /\ newPages = {}

IsolateLruPage(f) ==
    /\ UserPage(f) /\ f \notin isolated /\ f \notin newPages
    /\ isolated' = isolated \cup {f}
    /\ refcount' = [refcount EXCEPT ![f] = @ + 1]
    /\ UNCHANGED << vars, pte, rmap, mapcount, pinCount, anonExclusive, content, waitPte,
                    written, opParity, newPages >>

PutIsolatedPage(f) ==
    /\ f \in isolated
    /\ isolated' = isolated \ {f}
    /\ PutPage(f)
    /\ UNCHANGED << pte, rmap, mapcount, pinCount, content, waitPte, written, opParity, newPages >>

GetNewPage ==
    /\ CanAllocUserPage
    /\ AllocUserPage
    /\ refcount' = [refcount EXCEPT ![NewPfn] = 1]
    /\ newPages' = newPages \cup {NewPfn}
    /\ UNCHANGED << pte, rmap, mapcount, pinCount, anonExclusive, content, waitPte, written,
                    opParity, isolated >>

PutNewPage(f) ==
    /\ f \in newPages
    /\ newPages' = newPages \ {f}
    /\ PutPage(f)
    /\ UNCHANGED << pte, rmap, mapcount, pinCount, content, waitPte, written, opParity, isolated >>

\* The migration itself, in one step: the mappings, their references, the
\* exclusivity (of a mapped page) and the data move from src to dst; src keeps its isolation
\* reference and dst its allocation reference, dropped by later steps.
MigrateOnePage(src, dst) ==
    /\ src \in isolated /\ dst \in newPages /\ src # dst
    /\ MigratableNow(src)
    /\ rmap[dst] = {} /\ mapcount[dst] = 0
    /\ pte' = [p \in Procs |-> [v \in Vpages |->
                  IF pte[p][v] = Present(src) THEN Present(dst) ELSE pte[p][v]]]
    /\ rmap' = [rmap EXCEPT ![dst] = rmap[src], ![src] = {}]
    /\ mapcount' = [mapcount EXCEPT ![dst] = mapcount[src], ![src] = 0]
    /\ refcount' = [refcount EXCEPT ![dst] = mapcount[src] + 1, ![src] = 1]
    \* PG_anon_exclusive travels in the migration entries only
    \* (folio_migrate_flags() does not copy it): an unmapped source keeps it.
    /\ anonExclusive' = IF rmap[src] = {} THEN anonExclusive
                        ELSE [anonExclusive EXCEPT ![dst] = anonExclusive[src], ![src] = FALSE]
    /\ content' = [content EXCEPT ![dst] = content[src]]
    /\ UNCHANGED << vars, pinCount, waitPte, written, opParity, isolated, newPages >>

AtomicNext ==
    \/ RmapUserNext /\ UNCHANGED << isolated, newPages >>
    \/ \E f \in Pfns : IsolateLruPage(f)
    \/ \E f \in Pfns : PutIsolatedPage(f)
    \/ GetNewPage
    \/ \E f \in Pfns : PutNewPage(f)
    \/ \E s, d \in Pfns : MigrateOnePage(s, d)

AtomicSpec == AtomicInit /\ [][AtomicNext]_atomicVars
=============================================================================
