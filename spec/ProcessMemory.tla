--------------------------- MODULE ProcessMemory ---------------------------
(***************************************************************************)
(* What a process can observe of its anonymous memory: a map from virtual  *)
(* page to content, per process, with no frames, page tables or kernel.    *)
(* Rmap.tla and Migrate.tla refine this module; the refinement is the      *)
(* checked statement that page migration is invisible to processes.        *)
(*                                                                         *)
(* The operations are the user-level ones; their names say what a program  *)
(* does, since no kernel function corresponds to a load or a store:        *)
(*   Touch(p, v)        first access to an untouched anonymous page        *)
(*   Fork(p, v, q, w)   q gets a private copy of p's page (copy-on-write)  *)
(*   Unmap(p, v)        munmap() / MADV_DONTNEED                           *)
(*   Store(p, v, c)     a write                                            *)
(* A read of page v by p returns mem[p][v] and changes nothing, so it is   *)
(* no action here: every state says what any read would return.            *)
(*                                                                         *)
(* opParity is the parity of the number of user operations.  It makes      *)
(* every user operation a visible change of state.  Without it a kernel    *)
(* step that corrupts a page would still refine this spec: it would pass   *)
(* for a Store by the owner.  With it, every kernel step must be a         *)
(* stuttering step here, so it may not change any process's memory.        *)
(* An access that meets a migration entry and sleeps                       *)
(* (migration_entry_wait) is such a stuttering step too: the access        *)
(* happens when the fault is retried.  This spec has no liveness: it does  *)
(* not promise that a sleeping access ever returns.                        *)
(***************************************************************************)
EXTENDS Integers

CONSTANTS
    Procs,        \* processes
    Vpages,       \* virtual pages a process may map
    Contents,     \* values a page may hold
    ZeroContent   \* what an untouched anonymous page reads as

ASSUME Contents \subseteq Nat /\ ZeroContent \in Contents

NoPage == -1   \* mem[p][v] of an unmapped page

VARIABLES
    mem,       \* mem[p][v]: the content of p's page v, or NoPage
    opParity   \* parity of the number of user operations so far

pmVars == << mem, opParity >>

TypeOK ==
    /\ mem \in [Procs -> [Vpages -> Contents \cup {NoPage}]]
    /\ opParity \in {0, 1}

Init ==
    /\ mem = [p \in Procs |-> [v \in Vpages |-> NoPage]]
    /\ opParity = 0

\* Every operation flips opParity.  It comes first in each action, so a
\* refinement check rejects a kernel step (which leaves opParity alone) as
\* an operation without evaluating the rest.
Tick == opParity' = 1 - opParity

Touch(p, v) ==
    /\ Tick
    /\ mem[p][v] = NoPage
    /\ mem' = [mem EXCEPT ![p][v] = ZeroContent]

\* The child sees the parent's data at the time of the fork and nothing
\* either of them stores afterwards: copy-on-write.
Fork(p, v, q, w) ==
    /\ Tick
    /\ p # q
    /\ mem[p][v] # NoPage
    /\ mem[q][w] = NoPage
    /\ mem' = [mem EXCEPT ![q][w] = mem[p][v]]

Unmap(p, v) ==
    /\ Tick
    /\ mem[p][v] # NoPage
    /\ mem' = [mem EXCEPT ![p][v] = NoPage]

Store(p, v, c) ==
    /\ Tick
    /\ mem[p][v] # NoPage
    /\ mem' = [mem EXCEPT ![p][v] = c]

\* Tick is also factored out in front, so that checking a step that is no
\* operation at all (a kernel step, which leaves opParity alone) against
\* Next costs one comparison instead of one per instance.
Next ==
    /\ Tick
    /\ \/ \E p \in Procs, v \in Vpages : Touch(p, v)
       \/ \E p, q \in Procs, v, w \in Vpages : Fork(p, v, q, w)
       \/ \E p \in Procs, v \in Vpages : Unmap(p, v)
       \/ \E p \in Procs, v \in Vpages, c \in Contents : Store(p, v, c)

Spec == Init /\ [][Next]_pmVars
=============================================================================
