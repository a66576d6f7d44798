---- MODULE MCCounterBroken ----
EXTENDS Counter
MCPfns == 0..5 /\
====
