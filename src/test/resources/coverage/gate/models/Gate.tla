------------------------------- MODULE Gate -------------------------------
\* A spec with one rule that only a model with Top >= 2 reaches (Wrap's
\* x >= 2), for CoverageGateTest: x counts up to Top and wraps from 2 or more.
EXTENDS Naturals
CONSTANT Top
VARIABLE x

Init == x = 0

Inc == /\ x < Top
       /\ x' = x + 1

Wrap == /\ x = Top
        /\ x >= 2
        /\ x' = 0

Next == Inc \/ Wrap
=============================================================================
