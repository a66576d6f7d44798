------------------------------- MODULE Migrate ------------------------------
(***************************************************************************)
(* Page migration of anonymous pages, as Linux 6.1 implements it in        *)
(* mm/migrate.c (migrate_pages, unmap_and_move, __unmap_and_move) and      *)
(* mm/rmap.c (try_to_migrate), over the page tables of Rmap.tla and the    *)
(* buddy allocator of Buddy.tla.  Processes keep faulting, reading,        *)
(* writing, forking and unmapping while a page migrates.                   *)
(*                                                                         *)
(* One action per kernel function or code position, named after it:        *)
(*   folio_isolate_lru()            FolioIsolateLru(pfn)                   *)
(*   migrate_pages() entry          MigratePages(mode)                     *)
(*   the pass loop of migrate_pages MigratePagesPass                       *)
(*   migrate_pages() return         MigratePagesReturn                     *)
(*   unmap_and_move()               UnmapAndMove(pfn)   page_count == 1,   *)
(*                                  get_new_page() or -ENOMEM              *)
(*   folio_trylock(src)             FolioTrylock                           *)
(*   folio_lock(src)                FolioLock           (sleeps)           *)
(*   folio_wait_writeback(src)      FolioWaitWriteback  (sleeps)           *)
(*   try_to_migrate_one()           TryToMigrateOne(proc, vpage)           *)
(*   move_to_new_folio()            MoveToNewFolio      migrate_folio(),   *)
(*                                  folio_migrate_mapping(), folio_copy()  *)
(*   remove_migration_pte()         RemoveMigrationPte(proc, vpage)        *)
(*   out_unlock: of __unmap_and_move  UnmapAndMoveUnlock  folio_put(dst)   *)
(*   out: of unmap_and_move         UnmapAndMoveOut     put_page(src) or   *)
(*                                                      put_page(dst)      *)
(*   putback_movable_pages()        PutbackMovablePages(pfn)               *)
(* and the other kernel paths that contend for a page:                     *)
(*   lock_page() / unlock_page()    LockPage(pfn) / UnlockPage(pfn)        *)
(*   set_page_writeback() / end_page_writeback()                           *)
(*                                  SetPageWriteback(pfn) /                *)
(*                                  EndPageWriteback(pfn)                  *)
(*   folio_try_get() / folio_put()  FolioTryGet(pfn) / FolioPut(pfn)       *)
(*                                  (speculative references: GUP-fast,     *)
(*                                  LRU batches, PFN walkers)              *)
(*                                                                         *)
(* The migration of one page, in the kernel's order: the caller isolates   *)
(* it from the LRU; migrate_pages() takes a destination from the buddy     *)
(* allocator (get_new_page, here alloc_migration_target()); it locks the   *)
(* source; try_to_migrate() turns every PTE that maps it, found through    *)
(* the reverse map, into a migration entry; move_to_new_folio() checks the *)
(* expected reference count and copies the data; remove_migration_ptes()   *)
(* turns the entries into PTEs of the destination (or, on failure, back    *)
(* into PTEs of the source); the last reference to the source frees it.    *)
(*                                                                         *)
(* Where this spec is deliberately more abstract than the kernel:          *)
(*  - One migrate_pages() call at a time, one page at a time, all of       *)
(*    order 0; no THP splitting, hugetlb, non-LRU movable pages, or        *)
(*    MIGRATE_SYNC_NO_COPY.  The from list is a set: any page may be       *)
(*    tried next in a pass.                                                *)
(*  - The rmap walks of try_to_migrate() and remove_migration_ptes() are   *)
(*    one step per PTE and end when no PTE in rmap[src] is left to visit.  *)
(*    A fork that copies a PTE during a walk extends rmap[src], and the    *)
(*    walk visits the copy too: the kernel links a child's VMA after its   *)
(*    parent's in the anon_vma tree, so a walk that has not yet visited    *)
(*    the parent also visits the child.  remove_migration_ptes(src, dst)   *)
(*    walks dst, whose anon_vma folio_migrate_mapping() copied from src;   *)
(*    here it walks rmap[src] and moves each slot to rmap[dst].            *)
(*  - folio_expected_refs() is 1 (an anonymous page without swap cache:    *)
(*    the isolation reference).  Migration entries hold no reference.      *)
(*  - PF_MEMALLOC (direct compaction never sleeps on lock_page), the dst   *)
(*    trylock, anon_vma references, mlock, and set_page_owner are left     *)
(*    out.  The other lock holder and writeback stand for any kernel path  *)
(*    (a concurrent fault, reclaim's pageout to swap) and hold a reference *)
(*    while they hold the page; the swap cache they imply is not modelled. *)
(*  - get_new_page() takes a page of the zone through                      *)
(*    __rmqueue_smallest() (compaction's compaction_alloc() would take one *)
(*    of the free scanner's isolated pages instead) and put_new_page() is  *)
(*    NULL: a destination that is not used is freed through                *)
(*    __free_one_page().                                                   *)
(*  - Speculative references (FolioTryGet) are bounded by MaxTransientRefs *)
(*    in the system, and the vmstat counters saturate at MaxVmEvents, so   *)
(*    that the state space stays finite.                                   *)
(*  - The PASS bound (10 in 6.1) and the pass from which force is set      *)
(*    (pass > 2) are constants, so that models can keep them small.        *)
(*                                                                         *)
(* Failure paths are 6.1's.  -EAGAIN (page locked, writeback without       *)
(* force, still mapped after the walk, unexpected references) undoes the   *)
(* unmapping at once with remove_migration_ptes(src, src), frees the       *)
(* destination and leaves the page isolated on the from list for the next  *)
(* pass.  (The batched migrate_pages_batch() of 6.3 would keep a page      *)
(* unmapped between its move passes instead.)  -EBUSY (writeback in        *)
(* MIGRATE_ASYNC or MIGRATE_SYNC_LIGHT) moves the page to ret_pages for    *)
(* good.  -ENOMEM (no destination) ends migrate_pages() at once.  Pages    *)
(* that did not migrate go back to the LRU through                         *)
(* putback_movable_pages().                                                *)
(***************************************************************************)
EXTENDS Rmap

CONSTANTS
    MigratePasses,     \* passes of migrate_pages(): 10 in 6.1
    MigrateForcePass,  \* the first pass with force = 1: 3 in 6.1 (pass > 2)
    MigrateModes,      \* the modes callers pass to migrate_pages()
    MaxMigratePages,   \* the caller's batch: COMPACT_CLUSTER_MAX (32) for compaction
    ContendedPfns,     \* frames other kernel paths may lock or write back
    MaxTransientRefs,  \* model bound: speculative references in the system at once
    MaxVmEvents        \* model bound: the vmstat counters saturate here

ASYNC      == "MIGRATE_ASYNC"
SYNC_LIGHT == "MIGRATE_SYNC_LIGHT"
SYNC       == "MIGRATE_SYNC"
NoMode     == "none"

ASSUME MigrateModes \subseteq {ASYNC, SYNC_LIGHT, SYNC} /\ MigrateModes # {}
ASSUME MigratePasses \in Nat \ {0} /\ MigrateForcePass \in Nat
ASSUME MaxMigratePages \in Nat \ {0}
ASSUME ContendedPfns \subseteq Pfns
ASSUME MaxTransientRefs \in Nat /\ MaxVmEvents \in Nat

\* Results of unmap_and_move().  -ENOMEM never reaches a page's state: it
\* ends migrate_pages() at once (UnmapAndMove).
SUCCESS == "MIGRATEPAGE_SUCCESS"
EAGAIN  == "-EAGAIN"
EBUSY   == "-EBUSY"

VARIABLES
    migratePhase,   \* "isolate": the caller builds the from list;
                    \* "migrate": migrate_pages() runs;
                    \* "putback": it returned and the caller puts pages back
    migrateMode,    \* the running migrate_pages()'s mode, NoMode otherwise
    migratePass,    \* pass
    passTodo,       \* pages of the from list this pass has not tried yet
    retry,          \* retry: a page returned -EAGAIN in this pass
    fromList,       \* from: isolated pages still to migrate
    retPages,       \* ret_pages: pages that failed for good
    mig,            \* the page unmap_and_move() works on, see MigIdle
    pageLocked,     \* PG_locked held by another kernel path
    pageWriteback,  \* PG_writeback
    transientRefs,  \* transientRefs[f]: speculative references (folio_try_get)
    nrSucceeded,    \* nr_succeeded of the running (or last) migrate_pages()
    nrFailedPages,  \* nr_failed_pages of it
    nrRetryPages,   \* nr_retry_pages of its pass
    pgmigrateSuccess, \* vmstat PGMIGRATE_SUCCESS (count_vm_events at out:)
    pgmigrateFail     \* vmstat PGMIGRATE_FAIL

\* migrate_pages()'s own counts, and the vmstat counters they are added to.
statsVars  == << nrSucceeded, nrFailedPages, nrRetryPages >>
vmstatVars == << pgmigrateSuccess, pgmigrateFail >>

migrateVars == << migratePhase, migrateMode, migratePass, passTodo, retry,
                  fromList, retPages, mig, pageLocked, pageWriteback, transientRefs,
                  statsVars, vmstatVars >>

\* The user-side variables.  Migration touches only waitPte, when its
\* folio unlock wakes the sleepers (UnmapAndMoveUnlock).
userVars == << waitPte, written, opParity >>

allVars == << vars, rmapVars, migrateVars >>

\* step: where unmap_and_move() is; src: the page; dst: the page
\* get_new_page() returned; rc: the result so far (rc = -EAGAIN until
\* move_to_new_folio() succeeds, as in __unmap_and_move()); wasMapped:
\* page_was_mapped.
MigSteps == { "idle", "folio_trylock", "folio_lock", "folio_wait_writeback",
              "try_to_migrate", "move_to_new_folio", "remove_migration_ptes",
              "unlock", "out" }
MigIdle == [step |-> "idle", src |-> NoPfn, dst |-> NoPfn, rc |-> EAGAIN, wasMapped |-> FALSE]

\* unmap_and_move(..., force = pass > 2, ...)
Force == migratePass >= MigrateForcePass

\* The steps in which migration holds the lock of src (and, once it has
\* trylocked it, of dst).
LockedSteps == { "folio_wait_writeback", "try_to_migrate", "move_to_new_folio",
                 "remove_migration_ptes", "unlock" }
MigrationHoldsLock(f) == mig.step \in LockedSteps /\ f \in {mig.src, mig.dst}

\* The try_to_migrate() walk is over when no PTE the reverse map reaches
\* still maps the source: it turned them all into migration entries, or it
\* stopped early (see TryToMigrateOne).
TryToMigrateDone == \A s \in rmap[mig.src] : PteAt(s) # Present(mig.src)

\* The remove_migration_ptes() walk is over when no PTE the reverse map
\* reaches is still a migration entry for the source.
IsMigrationEntryFor(s, f) == PteAt(s).type = "migration" /\ PteAt(s).pfn = f
RemoveMigrationPtesDone == \A s \in rmap[mig.src] : ~IsMigrationEntryFor(s, mig.src)

\* folio_expected_refs(NULL, folio): an anonymous page without swap cache
\* expects only the reference its isolation took.  A pin, or any other
\* reference, makes folio_migrate_mapping() return -EAGAIN.
FolioExpectedRefs(f) == 1

\* folio_copy() of folio_migrate_copy()
FolioCopy(dst, src) == [content EXCEPT ![dst] = content[src]]

\* count_vm_events(item, n): the kernel's counters are unsigned long; the
\* model's saturate at MaxVmEvents so that the state space stays finite.
CountVmEvents(c, n) == IF c + n < MaxVmEvents THEN c + n ELSE MaxVmEvents

RECURSIVE SumRefs(_, _)
SumRefs(refs, S) == IF S = {} THEN 0
                    ELSE LET f == CHOOSE f \in S : TRUE IN refs[f] + SumRefs(refs, S \ {f})

\* remove_migration_ptes(src, rc == MIGRATEPAGE_SUCCESS ? dst : src): the
\* page each migration entry becomes a PTE of again.
RemoveMigrationPteTarget == IF mig.rc = SUCCESS THEN mig.dst ELSE mig.src

\* The try_to_migrate() walk goes on after a PTE it turned into a migration
\* entry: rmap_walk() visits every VMA of the anon_vma.
AfterTryToMigrateOne == mig

\* Where __unmap_and_move() goes after move_to_new_folio(): if the page was
\* mapped, remove_migration_ptes(src, rc == MIGRATEPAGE_SUCCESS ? dst : src)
\* first; then unlock.
AfterMoveToNewFolio(wasMapped, rc) ==
    IF wasMapped THEN "remove_migration_ptes" ELSE "unlock"

-----------------------------------------------------------------------------
(* The caller and the passes of migrate_pages().                           *)

\* folio_isolate_lru(): take an LRU page off the LRU, with a reference, onto
\* the caller's list (cc->migratepages for compaction).  A pinned page may
\* be isolated; migration must refuse it later.
FolioIsolateLru(f) ==
    /\ migratePhase = "isolate"
    /\ UserPage(f)
    /\ f \notin fromList
    /\ Cardinality(fromList) < MaxMigratePages
    /\ fromList' = fromList \cup {f}
    /\ refcount' = [refcount EXCEPT ![f] = @ + 1]
    /\ UNCHANGED << vars, pte, rmap, mapcount, pinCount, transientRefs, statsVars,
                    vmstatVars, anonExclusive, content, userVars,
                    migratePhase, migrateMode, migratePass, passTodo, retry, retPages,
                    mig, pageLocked, pageWriteback >>

\* migrate_pages(from, get_new_page, NULL, private, mode, reason, NULL)
MigratePages(mode) ==
    /\ migratePhase = "isolate"
    /\ fromList # {}
    /\ migratePhase' = "migrate"
    /\ migrateMode' = mode
    /\ migratePass' = 0
    /\ passTodo' = fromList
    /\ retry' = FALSE
    /\ nrSucceeded' = 0
    /\ nrFailedPages' = 0
    /\ nrRetryPages' = 0
    /\ UNCHANGED << vars, rmapVars, transientRefs, vmstatVars, fromList, retPages, mig,
                    pageLocked, pageWriteback >>

\* for (pass = 0; pass < 10 && retry; pass++): another pass over the pages
\* that returned -EAGAIN.
MigratePagesPass ==
    /\ migratePhase = "migrate"
    /\ mig.step = "idle"
    /\ passTodo = {}
    /\ retry
    /\ migratePass + 1 < MigratePasses
    /\ migratePass' = migratePass + 1
    /\ passTodo' = fromList
    /\ retry' = FALSE
    /\ nrRetryPages' = 0
    /\ UNCHANGED << vars, rmapVars, transientRefs, nrSucceeded, nrFailedPages,
                    vmstatVars,
                    migratePhase, migrateMode, fromList, retPages, mig, pageLocked,
                    pageWriteback >>

\* migrate_pages() returns: no retry, the passes are used up, or -ENOMEM.
\* The pages still retrying count as failed (nr_failed_pages +=
\* nr_retry_pages; after -ENOMEM there are none, see UnmapAndMove), and
\* count_vm_events() adds the call's counts to vmstat.  The counts are
\* locals of migrate_pages(): they end with it.
\* list_splice(&ret_pages, from) hands every page that did not migrate to
\* the caller, which puts them back.
MigratePagesReturn ==
    /\ migratePhase = "migrate"
    /\ mig.step = "idle"
    /\ passTodo = {}
    /\ ~retry \/ migratePass + 1 >= MigratePasses
    /\ fromList' = fromList \cup retPages
    /\ retPages' = {}
    /\ migratePhase' = IF fromList \cup retPages = {} THEN "isolate" ELSE "putback"
    /\ migrateMode' = NoMode
    /\ migratePass' = 0
    /\ retry' = FALSE
    /\ pgmigrateSuccess' = CountVmEvents(pgmigrateSuccess, nrSucceeded)
    /\ pgmigrateFail' = CountVmEvents(pgmigrateFail, nrFailedPages + nrRetryPages)
    /\ nrSucceeded' = 0
    /\ nrFailedPages' = 0
    /\ nrRetryPages' = 0
    /\ UNCHANGED << vars, rmapVars, transientRefs, passTodo, mig, pageLocked,
                    pageWriteback >>

\* putback_movable_pages(), one page at a time: folio_putback_lru() drops
\* the isolation reference, which frees a page nobody maps any more.  The
\* caller puts back what migrate_pages() returned, or, before calling it,
\* what it isolated (compaction does when isolate_migratepages() aborts);
\* it puts back everything before it isolates again.
PutbackMovablePages(f) ==
    /\ migratePhase \in {"isolate", "putback"}
    /\ f \in fromList
    /\ fromList' = fromList \ {f}
    /\ PutPage(f)
    /\ migratePhase' = IF fromList = {f} THEN "isolate" ELSE migratePhase
    /\ UNCHANGED << pte, rmap, mapcount, pinCount, transientRefs, statsVars, vmstatVars,
                    content, userVars, migrateMode,
                    migratePass, passTodo, retry, retPages, mig, pageLocked, pageWriteback >>

-----------------------------------------------------------------------------
(* unmap_and_move() and __unmap_and_move() for one page.                   *)

\* unmap_and_move(): a page whose only reference is the isolation one was
\* freed from under us and counts as migrated; otherwise get_new_page()
\* gives the destination, or -ENOMEM ends migrate_pages() (the page stays
\* on the from list).  The destination is not zeroed: its old data stays
\* until the copy.
UnmapAndMove(f) ==
    /\ migratePhase = "migrate"
    /\ mig.step = "idle"
    /\ f \in passTodo
    /\ passTodo' = IF refcount[f] # 1 /\ ~CanAllocUserPage THEN {} ELSE passTodo \ {f}
    /\ IF refcount[f] = 1
       THEN /\ fromList' = fromList \ {f}
            /\ PutPage(f)
            /\ nrSucceeded' = nrSucceeded + 1
            /\ UNCHANGED << mig, retry, nrFailedPages, nrRetryPages >>
       ELSE IF ~CanAllocUserPage
       THEN \* -ENOMEM: nr_failed_pages += nr_subpages + nr_retry_pages; goto out
            /\ retry' = FALSE
            /\ nrFailedPages' = nrFailedPages + 1 + nrRetryPages
            /\ nrRetryPages' = 0
            /\ UNCHANGED << vars, refcount, anonExclusive, fromList, mig, nrSucceeded >>
       ELSE /\ AllocUserPage
            /\ refcount' = [refcount EXCEPT ![NewPfn] = 1]
            /\ mig' = [step |-> "folio_trylock", src |-> f, dst |-> NewPfn,
                       rc |-> EAGAIN, wasMapped |-> FALSE]
            /\ UNCHANGED << anonExclusive, fromList, retry, statsVars >>
    /\ UNCHANGED << pte, rmap, mapcount, pinCount, transientRefs, vmstatVars, content,
                    userVars, migratePhase, migrateMode, migratePass, retPages, pageLocked,
                    pageWriteback >>

\* __unmap_and_move() once it holds the source's lock: a page under
\* writeback is waited for only by MIGRATE_SYNC with force (the async
\* retry loop is too short, sync-light stalls too long), -EAGAIN without
\* force, -EBUSY in the other modes; then try_to_migrate() if the page
\* is mapped.
AfterWriteback ==
    IF mapcount[mig.src] > 0
    THEN [mig EXCEPT !.step = "try_to_migrate", !.wasMapped = TRUE]
    ELSE [mig EXCEPT !.step = "move_to_new_folio"]

AfterFolioLock ==
    IF pageWriteback[mig.src]
    THEN IF migrateMode = SYNC
         THEN IF Force THEN [mig EXCEPT !.step = "folio_wait_writeback"]
                       ELSE [mig EXCEPT !.step = "unlock", !.rc = EAGAIN]
         ELSE [mig EXCEPT !.step = "unlock", !.rc = EBUSY]
    ELSE AfterWriteback

\* folio_trylock(src): if another path holds the lock, MIGRATE_ASYNC and
\* any mode without force give up with -EAGAIN; MIGRATE_SYNC_LIGHT and
\* MIGRATE_SYNC with force sleep in folio_lock().
FolioTrylock ==
    /\ mig.step = "folio_trylock"
    /\ mig' = IF pageLocked[mig.src]
              THEN IF ~Force \/ migrateMode = ASYNC
                   THEN [mig EXCEPT !.step = "out", !.rc = EAGAIN]
                   ELSE [mig EXCEPT !.step = "folio_lock"]
              ELSE AfterFolioLock
    /\ UNCHANGED << vars, rmapVars, transientRefs, statsVars, vmstatVars, migratePhase,
                    migrateMode, migratePass, passTodo,
                    retry, fromList, retPages, pageLocked, pageWriteback >>

\* folio_lock(src) returns once the other holder unlocks.
FolioLock ==
    /\ mig.step = "folio_lock"
    /\ ~pageLocked[mig.src]
    /\ mig' = AfterFolioLock
    /\ UNCHANGED << vars, rmapVars, transientRefs, statsVars, vmstatVars, migratePhase,
                    migrateMode, migratePass, passTodo,
                    retry, fromList, retPages, pageLocked, pageWriteback >>

\* folio_wait_writeback(src) returns once writeback ends.
FolioWaitWriteback ==
    /\ mig.step = "folio_wait_writeback"
    /\ ~pageWriteback[mig.src]
    /\ mig' = AfterWriteback
    /\ UNCHANGED << vars, rmapVars, transientRefs, statsVars, vmstatVars, migratePhase,
                    migrateMode, migratePass, passTodo,
                    retry, fromList, retPages, pageLocked, pageWriteback >>

\* try_to_migrate_one() for one PTE the reverse map reaches: the PTE
\* becomes a migration entry, which keeps exclusivity; the page loses the
\* mapcount and the reference of that mapping.  page_try_share_anon_rmap()
\* refuses a possibly pinned exclusive page: the PTE is restored and the
\* walk stops, leaving the page mapped, so no copy is made.
TryToMigrateOne(p, v) ==
    /\ mig.step = "try_to_migrate"
    /\ << p, v >> \in rmap[mig.src]
    /\ pte[p][v] = Present(mig.src)
    /\ LET f == mig.src IN
       IF anonExclusive[f] /\ PageMaybeDmaPinned(f)
       THEN /\ mig' = [mig EXCEPT !.step = "move_to_new_folio"]
            /\ UNCHANGED << pte, mapcount, refcount, anonExclusive >>
       ELSE /\ pte' = [pte EXCEPT ![p][v] = MigrationEntry(f, anonExclusive[f])]
            /\ anonExclusive' = [anonExclusive EXCEPT ![f] = FALSE]
            /\ mapcount' = [mapcount EXCEPT ![f] = @ - 1]
            /\ refcount' = [refcount EXCEPT ![f] = @ - 1]
            /\ mig' = AfterTryToMigrateOne
    /\ UNCHANGED << vars, rmap, pinCount, transientRefs, statsVars, vmstatVars, content,
                    userVars, migratePhase, migrateMode,
                    migratePass, passTodo, retry, fromList, retPages, pageLocked,
                    pageWriteback >>

\* if (!folio_mapped(src)) rc = move_to_new_folio(dst, src, mode):
\* migrate_folio() -> folio_migrate_mapping() returns -EAGAIN unless the
\* source has exactly the expected references, then folio_migrate_copy()
\* copies the data.  From here on there is no turning back.
MoveToNewFolio ==
    /\ \/ mig.step = "move_to_new_folio"
       \/ mig.step = "try_to_migrate" /\ TryToMigrateDone
    /\ LET ok == mapcount[mig.src] = 0 /\ refcount[mig.src] = FolioExpectedRefs(mig.src)
           rc == IF ok THEN SUCCESS ELSE EAGAIN
       IN  /\ mig' = [mig EXCEPT !.rc = rc, !.step = AfterMoveToNewFolio(mig.wasMapped, rc)]
           /\ content' = IF ok THEN FolioCopy(mig.dst, mig.src) ELSE content
    /\ UNCHANGED << vars, pte, rmap, mapcount, refcount, pinCount, transientRefs,
                    statsVars, vmstatVars, anonExclusive, userVars,
                    migratePhase, migrateMode, migratePass, passTodo, retry, fromList,
                    retPages, pageLocked, pageWriteback >>

\* remove_migration_pte() for one entry: a present PTE of the destination
\* on success, of the source otherwise, with a mapcount and a reference
\* (folio_get, page_add_anon_rmap), exclusive again if the entry was.
RemoveMigrationPte(p, v) ==
    /\ mig.step = "remove_migration_ptes"
    /\ << p, v >> \in rmap[mig.src]
    /\ IsMigrationEntryFor(<< p, v >>, mig.src)
    /\ LET t == RemoveMigrationPteTarget
       IN  /\ pte' = [pte EXCEPT ![p][v] = Present(t)]
           /\ mapcount' = [mapcount EXCEPT ![t] = @ + 1]
           /\ refcount' = [refcount EXCEPT ![t] = @ + 1]
           /\ anonExclusive' = [anonExclusive EXCEPT ![t] = @ \/ pte[p][v].excl]
           /\ rmap' = IF t = mig.src THEN rmap
                      ELSE [rmap EXCEPT ![mig.src] = @ \ {<< p, v >>},
                                        ![t] = @ \cup {<< p, v >>}]
    /\ UNCHANGED << vars, pinCount, content, userVars, migrateVars >>

\* The end of __unmap_and_move(): unlock both pages, which wakes the
\* processes sleeping on the migration entries; on success drop the
\* allocation reference of the destination (folio_put(dst)), which frees
\* it only if nobody maps it.
UnmapAndMoveUnlock ==
    /\ \/ mig.step = "unlock"
       \/ mig.step = "remove_migration_ptes" /\ RemoveMigrationPtesDone
    /\ mig' = [mig EXCEPT !.step = "out"]
    /\ IF mig.rc = SUCCESS
       THEN PutPage(mig.dst)
       ELSE UNCHANGED << vars, refcount, anonExclusive >>
    /\ FolioWakeBit
    /\ UNCHANGED << pte, rmap, mapcount, pinCount, transientRefs, statsVars, vmstatVars,
                    content, written, opParity, migratePhase,
                    migrateMode, migratePass, passTodo, retry, fromList, retPages,
                    pageLocked, pageWriteback >>

\* out: of unmap_and_move(): on success the source leaves the list and
\* put_page() drops the isolation reference, the last one, which frees it;
\* otherwise the unused destination is freed (put_page(newpage)), and the
\* source stays on the from list for the next pass (-EAGAIN) or goes to
\* ret_pages (-EBUSY).
UnmapAndMoveOut ==
    /\ mig.step = "out"
    /\ mig' = MigIdle
    /\ IF mig.rc = SUCCESS
       THEN /\ fromList' = fromList \ {mig.src}
            /\ PutPage(mig.src)
            /\ nrSucceeded' = nrSucceeded + 1
            /\ UNCHANGED << retry, retPages, nrFailedPages, nrRetryPages >>
       ELSE /\ PutPage(mig.dst)
            /\ IF mig.rc = EAGAIN
               THEN /\ retry' = TRUE
                    /\ nrRetryPages' = nrRetryPages + 1
                    /\ UNCHANGED << fromList, retPages, nrSucceeded, nrFailedPages >>
               ELSE \* -EBUSY and other permanent failures
                    /\ fromList' = fromList \ {mig.src}
                    /\ retPages' = retPages \cup {mig.src}
                    /\ nrFailedPages' = nrFailedPages + 1
                    /\ UNCHANGED << retry, nrSucceeded, nrRetryPages >>
    /\ UNCHANGED << pte, rmap, mapcount, pinCount, transientRefs, vmstatVars, content,
                    userVars, migratePhase, migrateMode, migratePass, passTodo, pageLocked,
                    pageWriteback >>

-----------------------------------------------------------------------------
(* Other kernel paths that hold a mapped page's lock or write it back.     *)
(* Each holds a reference while it does.                                   *)

\* lock_page() by another path that found the page through a page table
\* (a fault, reclaim): it waits while migration holds the lock.
LockPage(f) ==
    /\ f \in ContendedPfns
    /\ rmap[f] # {}
    /\ ~pageLocked[f]
    /\ ~MigrationHoldsLock(f)
    /\ pageLocked' = [pageLocked EXCEPT ![f] = TRUE]
    /\ refcount' = [refcount EXCEPT ![f] = @ + 1]
    /\ UNCHANGED << vars, pte, rmap, mapcount, pinCount, transientRefs, statsVars,
                    vmstatVars, anonExclusive, content, userVars,
                    migratePhase, migrateMode, migratePass, passTodo, retry, fromList,
                    retPages, mig, pageWriteback >>

\* unlock_page(), and the reference goes with it.
UnlockPage(f) ==
    /\ pageLocked[f]
    /\ pageLocked' = [pageLocked EXCEPT ![f] = FALSE]
    /\ PutPage(f)
    /\ UNCHANGED << pte, rmap, mapcount, pinCount, transientRefs, statsVars, vmstatVars,
                    content, userVars, migratePhase,
                    migrateMode, migratePass, passTodo, retry, fromList, retPages, mig,
                    pageWriteback >>

\* Writeback starts under the page lock (folio_start_writeback in pageout).
SetPageWriteback(f) ==
    /\ pageLocked[f]
    /\ ~pageWriteback[f]
    /\ pageWriteback' = [pageWriteback EXCEPT ![f] = TRUE]
    /\ refcount' = [refcount EXCEPT ![f] = @ + 1]
    /\ UNCHANGED << vars, pte, rmap, mapcount, pinCount, transientRefs, statsVars,
                    vmstatVars, anonExclusive, content, userVars,
                    migratePhase, migrateMode, migratePass, passTodo, retry, fromList,
                    retPages, mig, pageLocked >>

\* I/O completion ends writeback without the page lock.
EndPageWriteback(f) ==
    /\ pageWriteback[f]
    /\ pageWriteback' = [pageWriteback EXCEPT ![f] = FALSE]
    /\ PutPage(f)
    /\ UNCHANGED << pte, rmap, mapcount, pinCount, transientRefs, statsVars, vmstatVars,
                    content, userVars, migratePhase,
                    migrateMode, migratePass, passTodo, retry, fromList, retPages, mig,
                    pageLocked >>

\* A speculative reference: folio_try_get() by a path that found the page
\* without its lock and without a mapping of its own: GUP-fast
\* (try_grab_folio() before it rechecks the PTE), a pagevec or LRU batch
\* (folio_batch_add() of lru_cache_add()), a PFN walker.  It succeeds on
\* any page with references (get_page_unless_zero), whoever holds the
\* lock, so it can appear while migration has unmapped the page and make
\* folio_migrate_mapping() see an unexpected reference.
FolioTryGet(f) ==
    /\ UserPage(f)
    /\ SumRefs(transientRefs, Pfns) < MaxTransientRefs
    /\ transientRefs' = [transientRefs EXCEPT ![f] = @ + 1]
    /\ refcount' = [refcount EXCEPT ![f] = @ + 1]
    /\ UNCHANGED << vars, pte, rmap, mapcount, pinCount, anonExclusive, content,
                    userVars,
                    migratePhase, migrateMode, migratePass, passTodo, retry, fromList,
                    retPages, mig, pageLocked, pageWriteback, statsVars, vmstatVars >>

\* folio_put() of a speculative reference: GUP-fast found the PTE changed,
\* the batch drained.  It may be the last reference.
FolioPut(f) ==
    /\ transientRefs[f] > 0
    /\ transientRefs' = [transientRefs EXCEPT ![f] = @ - 1]
    /\ PutPage(f)
    /\ UNCHANGED << pte, rmap, mapcount, pinCount, content, userVars, migratePhase,
                    migrateMode, migratePass, passTodo, retry, fromList, retPages, mig,
                    pageLocked, pageWriteback, statsVars, vmstatVars >>

-----------------------------------------------------------------------------
MigrateInit ==
    /\ RmapInit
    /\ migratePhase = "isolate"
    /\ migrateMode = NoMode
    /\ migratePass = 0
    /\ passTodo = {}
    /\ retry = FALSE
    /\ fromList = {}
    /\ retPages = {}
    /\ mig = MigIdle
    /\ pageLocked = [f \in Pfns |-> FALSE]
    /\ pageWriteback = [f \in Pfns |-> FALSE]
    /\ transientRefs = [f \in Pfns |-> 0]
    /\ nrSucceeded = 0
    /\ nrFailedPages = 0
    /\ nrRetryPages = 0
    /\ pgmigrateSuccess = 0
    /\ pgmigrateFail = 0

MigrateKernelNext ==
    \/ \E f \in Pfns : FolioIsolateLru(f)
    \/ \E m \in MigrateModes : MigratePages(m)
    \/ MigratePagesPass
    \/ MigratePagesReturn
    \/ \E f \in Pfns : PutbackMovablePages(f)
    \/ \E f \in Pfns : UnmapAndMove(f)
    \/ FolioTrylock
    \/ FolioLock
    \/ FolioWaitWriteback
    \/ \E p \in Procs, v \in Vpages : TryToMigrateOne(p, v)
    \/ MoveToNewFolio
    \/ \E p \in Procs, v \in Vpages : RemoveMigrationPte(p, v)
    \/ UnmapAndMoveUnlock
    \/ UnmapAndMoveOut

ContentionNext ==
    \/ \E f \in Pfns : LockPage(f)
    \/ \E f \in Pfns : UnlockPage(f)
    \/ \E f \in Pfns : SetPageWriteback(f)
    \/ \E f \in Pfns : EndPageWriteback(f)
    \/ \E f \in Pfns : FolioTryGet(f)
    \/ \E f \in Pfns : FolioPut(f)

\* The processes' steps, which leave migration's variables alone; one
\* disjunct per action, so that TLC splits them.
MigrateUserNext ==
    \/ \E p \in Procs, v \in Vpages : DoAnonymousPage(p, v) /\ UNCHANGED migrateVars
    \/ \E p \in Procs, v \in Vpages : UserRead(p, v) /\ UNCHANGED migrateVars
    \/ \E p \in Procs, v \in Vpages, c \in Contents : UserWrite(p, v, c) /\ UNCHANGED migrateVars
    \/ \E p \in Procs, v \in Vpages : MigrationEntryWait(p, v) /\ UNCHANGED migrateVars
    \/ \E p \in Procs, v \in Vpages, c \in Contents : WpPageReuse(p, v, c) /\ UNCHANGED migrateVars
    \/ \E p \in Procs, v \in Vpages, c \in Contents : WpPageCopy(p, v, c) /\ UNCHANGED migrateVars
    \/ \E p, q \in Procs, v, w \in Vpages : CopyPresentPte(p, v, q, w) /\ UNCHANGED migrateVars
    \/ \E p, q \in Procs, v, w \in Vpages : CopyPresentPage(p, v, q, w) /\ UNCHANGED migrateVars
    \/ \E p, q \in Procs, v, w \in Vpages : CopyNonpresentPte(p, v, q, w) /\ UNCHANGED migrateVars
    \/ \E p \in Procs, v \in Vpages : ZapPteRange(p, v) /\ UNCHANGED migrateVars
    \/ \E p \in Procs, v \in Vpages : PinUserPages(p, v) /\ UNCHANGED migrateVars
    \/ \E f \in Pfns : UnpinUserPage(f) /\ UNCHANGED migrateVars

MigrateNext ==
    \/ MigrateUserNext
    \/ MigrateKernelNext
    \/ ContentionNext

MigrateSpec == MigrateInit /\ [][MigrateNext]_allVars

\* The kernel side makes progress: a step of migrate_pages() that stays
\* possible is eventually taken, and the other lock holders and writeback
\* eventually let go.  The rmap walks are fair to each PTE: a walk visits
\* every VMA of the anon_vma once, so a fork that keeps adding and a
\* process that keeps dropping a copy of an entry cannot starve another.  The caller's choices (FolioIsolateLru, MigratePages)
\* and the processes' steps get no fairness.  lock_page() and
\* folio_wait_writeback() sleep until the page is free, however often
\* another path takes it in between: strong fairness.
MigrateFairness ==
    /\ WF_allVars(MigratePagesPass)
    /\ WF_allVars(MigratePagesReturn)
    /\ WF_allVars(\E f \in Pfns : PutbackMovablePages(f))
    /\ WF_allVars(\E f \in Pfns : UnmapAndMove(f))
    /\ WF_allVars(FolioTrylock)
    /\ SF_allVars(FolioLock)
    /\ SF_allVars(FolioWaitWriteback)
    /\ \A p \in Procs, v \in Vpages : WF_allVars(TryToMigrateOne(p, v))
    /\ WF_allVars(MoveToNewFolio)
    /\ \A p \in Procs, v \in Vpages : WF_allVars(RemoveMigrationPte(p, v))
    /\ WF_allVars(UnmapAndMoveUnlock)
    /\ WF_allVars(UnmapAndMoveOut)
    /\ WF_allVars(\E f \in Pfns : UnlockPage(f))
    /\ WF_allVars(\E f \in Pfns : EndPageWriteback(f))
    /\ WF_allVars(\E f \in Pfns : FolioPut(f))

MigrateFairSpec == MigrateSpec /\ MigrateFairness

-----------------------------------------------------------------------------
(* Invariants.  Rmap's and Buddy's hold as well.                           *)

MigrateTypeOK ==
    /\ migratePhase \in {"isolate", "migrate", "putback"}
    /\ migrateMode \in MigrateModes \cup {NoMode}
    /\ migratePass \in 0..(MigratePasses - 1)
    /\ passTodo \subseteq Pfns
    /\ retry \in BOOLEAN
    /\ fromList \subseteq Pfns
    /\ retPages \subseteq Pfns
    /\ mig \in [step : MigSteps, src : Pfns \cup {NoPfn}, dst : Pfns \cup {NoPfn},
                rc : {SUCCESS, EAGAIN, EBUSY}, wasMapped : BOOLEAN]
    /\ pageLocked \in [Pfns -> BOOLEAN]
    /\ pageWriteback \in [Pfns -> BOOLEAN]
    /\ transientRefs \in [Pfns -> 0..MaxTransientRefs]
    /\ SumRefs(transientRefs, Pfns) <= MaxTransientRefs
    /\ nrSucceeded \in 0..MaxMigratePages
    /\ nrFailedPages \in 0..MaxMigratePages
    /\ nrRetryPages \in 0..MaxMigratePages
    /\ pgmigrateSuccess \in 0..MaxVmEvents
    /\ pgmigrateFail \in 0..MaxVmEvents

\* The destination holds its allocation reference from get_new_page()
\* until folio_put(dst) on success or put_page(newpage) on failure.
HoldsDstRef(f) ==
    /\ f = mig.dst
    /\ mig.step # "idle"
    /\ ~(mig.rc = SUCCESS /\ mig.step = "out")

\* page_count() is exactly the references the model knows: one per present
\* mapping (migration entries hold none), one per pin, the isolation
\* reference of a listed page, the allocation reference of the
\* destination, those of the other lock holder and of writeback, and the
\* speculative ones.
\* folio_migrate_mapping()'s expected-count test relies on it.
RefcountInv ==
    LET listed == fromList \cup retPages IN
    \A f \in Pfns :
        refcount[f] = mapcount[f] + pinCount[f]
                      + (IF f \in listed THEN 1 ELSE 0)
                      + (IF HoldsDstRef(f) THEN 1 ELSE 0)
                      + (IF pageLocked[f] THEN 1 ELSE 0)
                      + (IF pageWriteback[f] THEN 1 ELSE 0)
                      + transientRefs[f]

\* The lists of migrate_pages() hold isolated pages, each once.
MigrateListInv ==
    /\ fromList \cap retPages = {}
    /\ passTodo \subseteq fromList
    /\ migratePhase = "isolate" => retPages = {} /\ mig = MigIdle
    /\ mig.step # "idle" => /\ migratePhase = "migrate"
                            /\ mig.src \in fromList \ passTodo
                            /\ mig.dst # mig.src

\* A migration entry exists only while its page is under migration: it
\* names the page unmap_and_move() is working on.
MigrationEntryInv ==
    \A s \in Slots : PteAt(s).type = "migration" =>
        /\ migratePhase = "migrate"
        /\ mig.step # "idle"
        /\ PteAt(s).pfn = mig.src

\* No migration entry survives the end of migrate_pages(): whatever the
\* result, remove_migration_ptes() has replaced every entry.
NoMigrationEntryAfterMigratePagesInv ==
    migratePhase # "migrate" => \A s \in Slots : PteAt(s).type # "migration"

\* A pinned page is never migrated: once move_to_new_folio() succeeds, the
\* source has no pin (try_to_migrate() refuses a pinned exclusive page, and
\* folio_migrate_mapping() sees a pin's reference), and it cannot get one
\* afterwards, since GUP waits on a migration entry.
PinnedPageNeverMigratedInv ==
    mig.step # "idle" /\ mig.rc = SUCCESS => ~PageMaybeDmaPinned(mig.src)

\* The destination is mapped only with the copy in it: after a failed move
\* remove_migration_ptes(src, src) turns the entries back into PTEs of the
\* source, and nothing maps the destination before put_page() frees it.
\* An undo that restores the PTEs to the destination breaks this.
DstUnmappedUntilCopiedInv ==
    mig.step # "idle" /\ mig.rc # SUCCESS =>
        /\ rmap[mig.dst] = {}
        /\ \A s \in Slots : PteAt(s) = PteNone \/ PteAt(s).pfn # mig.dst

\* nr_retry_pages counts the pages that asked for a retry in this pass:
\* those of the from list already tried, but the one unmap_and_move() is
\* working on.  (After -ENOMEM the pass is over with none counted.)
\* pgmigrate_fail counts them at the end of the call.
MigrateStatsInv ==
    migratePhase = "migrate" /\ (passTodo # {} \/ mig.step # "idle") =>
        nrRetryPages = Cardinality((fromList \ passTodo) \ {mig.src})

\* Who may sleep on what: MIGRATE_ASYNC never sleeps; MIGRATE_SYNC_LIGHT
\* may sleep on the page lock; only MIGRATE_SYNC waits for writeback; and
\* only with force (pass > 2 in 6.1).
MigrateModeWaitInv ==
    /\ mig.step = "folio_lock" => migrateMode \in {SYNC_LIGHT, SYNC} /\ Force
    /\ mig.step = "folio_wait_writeback" => migrateMode = SYNC /\ Force

\* PG_locked has one holder.
FolioLockInv ==
    \A f \in Pfns : pageLocked[f] => ~MigrationHoldsLock(f)

-----------------------------------------------------------------------------
(* Liveness, under MigrateFairness.                                        *)

\* A process that sleeps in migration_entry_wait() is woken: migration
\* entries are transient, whatever the outcome of the migration.
MigrationEntryWaitEndsProp ==
    \A p \in Procs : waitPte[p] # NoVpage ~> waitPte[p] = NoVpage

\* migrate_pages() returns: its passes are bounded and no step of it
\* sleeps forever.
MigratePagesReturnsProp ==
    migratePhase = "migrate" ~> migratePhase # "migrate"

\* Migration succeeds where nothing stands in its way: on a machine where
\* a destination is always free and no page is pinned, contended or held
\* by a speculative reference, every call of migrate_pages() returns
\* having migrated every page: pgmigrate_fail stays 0.  A walk that gives up
\* before every PTE is unmapped breaks this, though no safety invariant
\* notices.
MigratePagesMigratesProp ==
    migratePhase = "migrate" ~> (migratePhase # "migrate" /\ pgmigrateFail = 0)
=============================================================================
