---- MODULE MCForever ----
\* An unbounded state space: TLC never finishes, for testing timeouts.
EXTENDS Naturals
VARIABLE n
Init == n = 0
Next == n' = n + 1
====
