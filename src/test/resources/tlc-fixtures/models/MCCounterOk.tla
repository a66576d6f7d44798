---- MODULE MCCounterOk ----
EXTENDS Counter
MCPfns == 0..5
====
