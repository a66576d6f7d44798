----------------------------- MODULE MCGateSpec -----------------------------
\* A wrapper of Gate whose cfgs name a SPECIFICATION instead of NEXT, as the
\* compaction models do: FairSpec reaches Next only through Spec, and NoBox
\* has no [][N]_v at all.
EXTENDS Gate

Spec == Init /\ [][Next]_x
FairSpec == Spec /\ WF_x(Next)
NoBox == Init /\ WF_x(Next)
TwoBoxes == Spec /\ [][Inc]_x
\* Inc named twice: TLC's cost model holds two copies of its tree.
IncTwice == Inc \/ Inc
WrapsProp == <>(x = Top)
=============================================================================
