----------------------- MODULE MCCompactionObsTrace -----------------------
(* Trace validation of CompactionObs (in the style of etcd-raft's and     *)
(* CCF's): mmcheck.audit loads this module in-process with the trace's     *)
(* real constants and, for each event of a task's compaction runs or of a *)
(* zone's deferral counters, asks TLC for the successors of every state    *)
(* still consistent with the trace under the event's action (its printed  *)
(* fields as the action's arguments).  Hidden state is left free:          *)
(* DeferCountersUnknown starts a zone's counters anywhere within bounds,   *)
(* and TraceSilent lets untraced steps happen between events.  The trace   *)
(* is a behaviour of CompactionObs iff the set of states never empties.   *)
EXTENDS CompactionObs

(* a task before its first traced event: no run, nothing isolated *)
TraceInit ==
    /\ run = "idle" /\ zone = (CHOOSE z \in Zones : TRUE) /\ order = 0
    /\ zoneStart = 0 /\ zoneEnd = 0 /\ mode = "async" /\ migrateMode = "none"
    /\ stage = "begun" /\ lastFinished = "none"
    /\ migratePfn = 0 /\ migrateHi = 0 /\ freeLo = 0
    /\ nrMigratepages = 0 /\ inFlight = NoBatch /\ nrMigrated = 0 /\ nrFreeTaken = 0
    /\ considered = 0 /\ deferShift = 0 /\ orderFailed = 0

(* the counters of a zone before its first traced deferral event: unknown *)
DeferCountersUnknown ==
    /\ deferShift' \in 0..MaxDeferShift
    /\ considered' \in 0..(2 ^ deferShift')
    /\ orderFailed' \in 0..MaxOrder
    /\ UNCHANGED runVars

(* steps that print nothing: compaction_deferred() returning false *)
TraceSilent == \E o \in Orders : CompactionDeferredNotTraced(o)

TraceNext == TraceSilent
=============================================================================
