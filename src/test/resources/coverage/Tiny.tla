------------------------------- MODULE Tiny -------------------------------
\* A spec whose rule counts are known by hand, for RuleCoverageTest.
EXTENDS Naturals
VARIABLE x

Guard(n) == n > 1

Init == x \in 0..3

Inc == /\ x < 3
       /\ Guard(x)
       /\ x' = IF x = 2 THEN 0 ELSE x + 1

Next == Inc
=============================================================================
