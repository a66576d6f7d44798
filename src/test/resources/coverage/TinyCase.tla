------------------------------ MODULE TinyCase ------------------------------
(* x cycles 0 -> 1 -> 2 -> 0 through a CASE whose values are constants,    *)
(* which TLC's -coverage does not count; the arm x = 7 is never taken.      *)
EXTENDS Naturals
VARIABLE x
Init == x = 0
Step == x' = CASE x = 0 -> 1
                [] x = 7 -> 0
                [] x = 1 -> 2
                [] x = 2 -> 0
Next == Step
=============================================================================
