------------------------------- MODULE MCGate -------------------------------
\* A model wrapper of Gate, as models/MCBuddy.tla wraps Buddy.
EXTENDS Gate
=============================================================================
