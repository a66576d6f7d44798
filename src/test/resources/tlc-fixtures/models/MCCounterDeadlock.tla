---- MODULE MCCounterDeadlock ----
EXTENDS Counter
MCPfns == 0..5
====
