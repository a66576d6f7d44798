----------------------------- MODULE MCMigrate -----------------------------
(***************************************************************************)
(* Model wrapper for Migrate: the values the .cfg files substitute, the    *)
(* roles that keep the models small, and the seeded bugs.                  *)
(***************************************************************************)
EXTENDS Migrate

MCAllocTypes == {"MIGRATE_MOVABLE"}
MCModesSync  == {"MIGRATE_SYNC"}
MCModesAll   == {"MIGRATE_ASYNC", "MIGRATE_SYNC_LIGHT", "MIGRATE_SYNC"}

(***************************************************************************)
(* Roles.  Process 0 faults its pages 0 and 1; fork shares its page 0 with *)
(* process 1's page 0; page 1 may be pinned.  Stores write 1 over the      *)
(* zeros of a fault, to page 0 of either process (a store to a shared page *)
(* copies it first).  Any of these pages, and the copies that COW makes,   *)
(* may be migrated while this goes on.                                     *)
(***************************************************************************)
MCFaultSlots  == { << 0, 0 >>, << 0, 1 >> }
MCSlots       == { << 0, 0 >>, << 0, 1 >>, << 1, 0 >> }
MCWriteSlots  == { << 0, 0 >>, << 1, 0 >> }
MCForks       == { << << 0, 0 >>, << 1, 0 >> >> }
MCPinSlots    == { << 0, 1 >> }
MCWriteValues == { 1 }

\* Smaller roles: process 0 has one page, which fork shares with process 1
\* and which may be pinned once it is exclusive again.
MCFaultSlots1 == { << 0, 0 >> }
MCSlots1      == { << 0, 0 >>, << 1, 0 >> }
MCPinSlots1   == { << 0, 0 >> }

\* No stores, for the liveness models: no copy-on-write.
MCNoSlots     == {}

\* One process with one page, for the contention model.
MCSlots0      == { << 0, 0 >> }
MCForks0      == {}

MCUserNext ==
    \/ \E s \in MCFaultSlots : DoAnonymousPage(s[1], s[2]) /\ UNCHANGED migrateVars
    \/ \E s \in MCSlots : UserRead(s[1], s[2]) /\ UNCHANGED migrateVars
    \/ \E s \in MCWriteSlots, c \in MCWriteValues :
           UserWrite(s[1], s[2], c) /\ UNCHANGED migrateVars
    \/ \E s \in MCSlots : MigrationEntryWait(s[1], s[2]) /\ UNCHANGED migrateVars
    \/ \E s \in MCWriteSlots, c \in MCWriteValues :
           WpPageReuse(s[1], s[2], c) /\ UNCHANGED migrateVars
    \/ \E s \in MCWriteSlots, c \in MCWriteValues :
           WpPageCopy(s[1], s[2], c) /\ UNCHANGED migrateVars
    \/ \E k \in MCForks :
           CopyPresentPte(k[1][1], k[1][2], k[2][1], k[2][2]) /\ UNCHANGED migrateVars
    \/ \E k \in MCForks :
           CopyPresentPage(k[1][1], k[1][2], k[2][1], k[2][2]) /\ UNCHANGED migrateVars
    \/ \E k \in MCForks :
           CopyNonpresentPte(k[1][1], k[1][2], k[2][1], k[2][2]) /\ UNCHANGED migrateVars
    \/ \E s \in MCSlots : ZapPteRange(s[1], s[2]) /\ UNCHANGED migrateVars
    \/ \E s \in MCPinSlots : PinUserPages(s[1], s[2]) /\ UNCHANGED migrateVars
    \/ \E f \in Pfns : UnpinUserPage(f) /\ UNCHANGED migrateVars

(***************************************************************************)
(* The state as far as the future depends on it.  The data left in a free  *)
(* frame is never read: every allocation overwrites it before a PTE names  *)
(* the frame.  opParity matters to the refinement check only through       *)
(* whether a step flips it, which is the same from either parity.  States  *)
(* that differ only there are explored once.  (A seeded bug that exposes   *)
(* stale data must run without this view.)                                 *)
(***************************************************************************)
MCView == << vars, pte, rmap, mapcount, refcount, pinCount, anonExclusive,
             [f \in Pfns |-> IF UserPage(f) THEN content[f] ELSE NoContent],
             waitPte, written, migrateVars >>

\* The other kernel path is one thread: it holds at most one page lock.
MCContentionNext ==
    \/ \E f \in Pfns : (\A g \in Pfns : ~pageLocked[g]) /\ LockPage(f)
    \/ \E f \in Pfns : UnlockPage(f)
    \/ \E f \in Pfns : SetPageWriteback(f)
    \/ \E f \in Pfns : EndPageWriteback(f)
    \/ \E f \in Pfns : FolioTryGet(f)
    \/ \E f \in Pfns : FolioPut(f)

MCNext ==
    \/ MCUserNext
    \/ MigrateKernelNext
    \/ MCContentionNext

\* For liveness: Migrate's fairness over the roles' Next.
MCFairSpec == MigrateInit /\ [][MCNext]_allVars /\ MigrateFairness

(***************************************************************************)
(* Seeded bugs.  Each replaces one definition of the spec in a cfg         *)
(* (Def <- MCBugDef) and must fail as its cfg says.                        *)
(***************************************************************************)

\* (a) After a successful copy, __unmap_and_move() skips
\* remove_migration_ptes() and unmap_and_move() frees the source while
\* migration entries still name it.  MCMigrateBugFreeBeforeRemap.cfg; must
\* violate NoPteToFreeFrameInv.
MCBugAfterMoveToNewFolio(wasMapped, rc) ==
    IF wasMapped /\ rc # SUCCESS THEN "remove_migration_ptes" ELSE "unlock"

\* (b) folio_migrate_mapping() takes every reference for an expected one,
\* so a pin no longer stops the copy of an unmapped pinned page.
\* MCMigrateBugPinnedMigrated.cfg; must violate PinnedPageNeverMigratedInv.
MCBugFolioExpectedRefs(f) == refcount[f]

\* (d) After a failed move, remove_migration_ptes() restores the entries to
\* the destination instead of the source (remove_migration_ptes(src, dst)
\* whatever rc says).  Reachable only through a speculative reference that
\* appears after the unmap.  MCMigrateBugUndoToDst.cfg; must violate
\* DstUnmappedUntilCopiedInv.
MCBugRemoveMigrationPteTarget == mig.dst

\* (e) The try_to_migrate() walk stops after the first PTE it unmaps, so a
\* shared page stays mapped and move_to_new_folio() is never reached with
\* the page unmapped.  No safety invariant notices (the failure is undone
\* correctly); MCMigrateBugWalkStops.cfg must violate
\* MigratePagesMigratesProp.
MCBugAfterTryToMigrateOne == [mig EXCEPT !.step = "move_to_new_folio"]

(***************************************************************************)
(* Reachability witnesses.  Each is an invariant that says something never *)
(* happens; its model is expected to FIND a state where it does, so that a *)
(* change that makes the spec unable to migrate a shared page, to run the  *)
(* undo, or to wake a sleeper fails the manifest.                          *)
(***************************************************************************)

\* A page mapped by two processes, not pinned, was migrated: the copy
\* succeeded while both its mappings were migration entries, which
\* remove_migration_ptes() now points at the copy.
NeverSharedUnpinnedPageMigrated ==
    ~(/\ mig.step = "remove_migration_ptes"
      /\ mig.rc = SUCCESS
      /\ pinCount[mig.src] = 0
      /\ Cardinality({ s \in rmap[mig.src] : IsMigrationEntryFor(s, mig.src) }) >= 2)

\* The undo path: move_to_new_folio() failed with the migration entries in
\* place, and remove_migration_ptes(src, src) has entries to restore.
NeverUndoMigrationPtes ==
    ~(mig.step = "remove_migration_ptes" /\ mig.rc # SUCCESS /\ ~RemoveMigrationPtesDone)

\* A sleeper is woken: a process sleeps in migration_entry_wait() on an
\* entry that is gone, and the folio unlock that wakes it is the next step
\* of unmap_and_move() (UnmapAndMoveUnlock, under weak fairness).
NeverSleeperWoken ==
    ~\E p \in Procs :
        /\ waitPte[p] # NoVpage
        /\ pte[p][waitPte[p]].type # "migration"
        /\ \/ mig.step = "unlock"
           \/ mig.step = "remove_migration_ptes" /\ RemoveMigrationPtesDone

\* (c) move_to_new_folio() does not copy the data (as if MIGRATE_SYNC_NO_COPY
\* were used without a copy engine).  MCMigrateBugNoCopy.cfg checks only the
\* refinement and the structural invariants: the refinement must fail.
MCBugFolioCopy(dst, src) == content
=============================================================================
