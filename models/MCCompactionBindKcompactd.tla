---------------------- MODULE MCCompactionBindKcompactd ----------------------
(***************************************************************************)
(* MCCompactionBind with kcompactd's triggers instead of direct           *)
(* compaction (which MCCompactionBind checks): besides compact_memory,     *)
(* kswapd wakes kcompactd (wakeup_kcompactd()), kcompactd compacts for    *)
(* the order it was woken for (kcompactd_do_work(), then back to sleep,   *)
(* or on to a higher order a wakeup during the run asked for), compacts   *)
(* proactively on its timeout (proactive_compact_node(), prev_score and    *)
(* the deferral of the next try), and its long timeout elapses.  The      *)
(* engine's step checker runs each of these as one step of                 *)
(* mm.compaction.CompactionNode.                                           *)
(***************************************************************************)
EXTENDS MCCompactionBind

MCTriggersBindKcompactd == {"manual", "kcompactd", "proactive"}
=============================================================================
