------------------------------ MODULE Counter ------------------------------
(* A toy with the shapes of the buddy spec's variables (a function over pfns, *)
(* free lists keyed by order and migratetype, a set of records), so that the  *)
(* TLC tooling can be tested on real TLC output.                              *)
EXTENDS Naturals, FiniteSets
CONSTANTS Limit, Pfns

VARIABLES x, pageBuddy, freeList, allocated

Types == {"MIGRATE_UNMOVABLE", "MIGRATE_MOVABLE"}

Init == /\ x = 0
        /\ pageBuddy = [p \in Pfns |-> FALSE]
        /\ freeList = [o \in 0..1 |-> [t \in Types |-> {}]]
        /\ allocated = {}

Inc(n) == /\ x < Limit
          /\ x' = x + n
          /\ pageBuddy' = [pageBuddy EXCEPT ![x] = TRUE]
          /\ freeList' = [freeList EXCEPT ![0]["MIGRATE_MOVABLE"] = @ \cup {x}]
          /\ allocated' = allocated \cup {[pfn |-> x, order |-> 0]}

Next == Inc(1)

Small == x < 3

TypeOK == /\ x \in 0..Limit
          /\ Cardinality(allocated) = x
=============================================================================
