---- MODULE MCCounterFail ----
EXTENDS Counter
MCPfns == 0..5
====
