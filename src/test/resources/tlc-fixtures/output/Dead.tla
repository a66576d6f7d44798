---- MODULE Dead ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Next == x < 2 /\ x' = x + 1
Inv == x < 10
Init0 == x = 0
Bad0 == x > 0
Eval == x + "a" > 0
Ass == Assert(x < 1, "too big")
AssNext == x < 2 /\ Ass /\ x' = x + 1
====
