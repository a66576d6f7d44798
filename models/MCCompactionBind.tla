-------------------------- MODULE MCCompactionBind --------------------------
(***************************************************************************)
(* The compaction model the engine's step checker (mmcheck.conform.        *)
(* compaction) is bound to.  Process 0 faults, unmaps, pins and unpins     *)
(* its pages (the engine's page tables are mm.migrate.AddressSpaces, its   *)
(* migrator PageTableMigration), the allocator allocates, steals and frees *)
(* its own blocks, and compact_memory and direct compaction run between    *)
(* them, down to one page of migrate_pages(), one turn of the free         *)
(* scanner and one page of the putback and of release_freepages().         *)
(***************************************************************************)
EXTENDS MCCompaction

MCTriggersBind == {"direct", "manual"}
\* Direct compaction beside kcompactd, whose workload fragments the zone
\* (order-0 pages taken, then freed apart) so that direct compaction runs.
MCTriggersBindDirectKcd == {"direct", "kcompactd"}
\* The engine's owner of the pages split_map_pages() isolates
\* (AtomicMigration.COMPACTION_OWNER), a cfg cannot write a negative number.
MCBindCompactOwner == -2
MCBindOwners == {MCBindCompactOwner, 1, 3, 4}

\* The process steps the engine's address spaces take: no fork, and no
\* write (Contents is {ZeroContent}), so the process only faults, unmaps,
\* pins and unpins.
BindProcessStep ==
    \/ \E p \in Procs, v \in Vpages : DoAnonymousPage(p, v) /\ UNCHANGED compactionVars
    \/ \E p \in Procs, v \in Vpages : ZapPteRange(p, v) /\ UNCHANGED compactionVars
    \/ \E p \in Procs, v \in Vpages : PinUserPages(p, v) /\ UNCHANGED compactionVars
    \/ \E f \in Pfns : UnpinUserPage(f) /\ UNCHANGED compactionVars

BindNext ==
    \/ CompactRunStep
    \/ TriggerStep
    \/ BindProcessStep
    \/ AllocatorStep

BindSpec == CompactionInit /\ [][BindNext]_allVars

\* The reverse replay's bound (MCCompactionBindReplay.cfg): while a page is
\* pinned, the process has at most one page.  A pinned page the process
\* unmapped stays allocated, and a fault beside it doubles the layouts
\* every compaction step is replayed on; without a pin, two pages (one
\* unmapped while isolated, freed under migration) are explored.
BindReplayConstraint ==
    (\E f \in Pfns : pinCount[f] > 0) => Cardinality({ a \in allocated : a.owner = AnonOwner }) <= 1
=============================================================================
