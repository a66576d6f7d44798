-------------------------- MODULE CompactionSuitable --------------------------
(***************************************************************************)
(* Whether compaction is worth running on a zone, read off the free lists  *)
(* of Buddy.tla, as Linux 6.1 decides it (mm/compaction.c, mm/vmstat.c,    *)
(* mm/page_alloc.c).  Operators only, no variables:                        *)
(*                                                                         *)
(*   __zone_watermark_ok()        ZoneWatermarkOk (Buddy.tla)              *)
(*   compact_gap()                CompactGap(order)                        *)
(*   __compaction_suitable()      CompactionSuitableInner(order, reserve)  *)
(*   compaction_suitable()        CompactionSuitableResult(order, reserve) *)
(*   __fragmentation_index()      FragmentationIndex(order)                *)
(*   extfrag_for_order()          ExtfragForOrder(order)                   *)
(*   fragmentation_score_zone_weighted()  FragmentationScore               *)
(*   fragmentation_score_wmark()  FragmentationScoreWmark(low)             *)
(*                                                                         *)
(* One zone is one node here, so fragmentation_score_node() is the zone's  *)
(* weighted score; present pages are the zone's pages.  Highatomic and     *)
(* CMA pages are zero.  The watermark of an allocation is the min          *)
(* watermark (ALLOC_WMARK_MIN: the slowpath's and kcompactd's), and the    *)
(* suitability checks pass no alloc_flags that lower it.  Each check takes *)
(* the lowmem_reserve[] entry of the highest_zoneidx its caller passes     *)
(* (6.1 compaction_suitable(zone, order, alloc_flags, highest_zoneidx)):   *)
(* compact_zone() and kcompactd_node_suitable() pass the request's         *)
(* (Buddy's LowmemReserve), kcompactd_do_work()'s own test passes the      *)
(* zone's own index (reserve 0).                                           *)
(***************************************************************************)
EXTENDS Buddy

CONSTANTS
    CostlyOrder,              \* PAGE_ALLOC_COSTLY_ORDER (3); models shrink it
    ExtfragThreshold,         \* sysctl_extfrag_threshold (500)
    WmarkMin,                 \* min_wmark_pages(zone); WmarkLow is Buddy.tla's
    CompactionProactiveness,  \* sysctl_compaction_proactiveness (20)
    HpageOrder                \* COMPACTION_HPAGE_ORDER (HPAGE_PMD_ORDER)

ASSUME CostlyOrder \in Nat /\ ExtfragThreshold \in 0..1000
ASSUME WmarkMin \in Nat /\ WmarkLow \in Nat /\ WmarkMin <= WmarkLow
ASSUME CompactionProactiveness \in 0..100 /\ HpageOrder \in Orders

Max2Int(a, b) == IF a > b THEN a ELSE b

\* compact_gap(): twice the request, so that isolating free pages for
\* migration cannot itself push the zone under its watermark.
CompactGap(order) == 2 * 2^order

\* fill_contig_page_info(): free pages, free blocks, and blocks that could
\* serve a request of this order (nr_free counts every list).
FreePagesTotal == LET RECURSIVE S(_) S(o) == IF o >= MaxOrder THEN 0 ELSE nrFree[o] * 2^o + S(o + 1) IN S(0)
FreeBlocksTotal == LET RECURSIVE S(_) S(o) == IF o >= MaxOrder THEN 0 ELSE nrFree[o] + S(o + 1) IN S(0)
FreeBlocksSuitable(order) ==
    LET RECURSIVE S(_) S(o) == IF o >= MaxOrder THEN 0 ELSE nrFree[o] * 2^(o - order) + S(o + 1)
    IN  S(order)

\* __fragmentation_index(): 0 when a request fails for lack of memory,
\* towards 1000 when it fails for fragmentation, -1000 when it would not fail.
FragmentationIndex(order) ==
    IF FreeBlocksTotal = 0 THEN 0
    ELSE IF FreeBlocksSuitable(order) > 0 THEN -1000
    ELSE 1000 - (1000 + (FreePagesTotal * 1000) \div 2^order) \div FreeBlocksTotal

\* __compaction_suitable(): COMPACT_SUCCESS when the allocation's own
\* watermark is met; COMPACT_SKIPPED unless order-0 pages above the min
\* (low, for costly orders) watermark plus compact_gap() are free, since
\* the free scanner needs them; COMPACT_CONTINUE otherwise.  order -1 is
\* /proc/sys/vm/compact_memory.  Both watermark tests add reserve, the
\* zone's lowmem_reserve[highest_zoneidx]: a zone whose reserve would
\* refuse the allocation even after compaction is skipped.
CompactionSuitableInner(order, reserve) ==
    IF order = -1 THEN "COMPACT_CONTINUE"
    ELSE IF ZoneWatermarkOk(order, WmarkMin, reserve, {}) THEN "COMPACT_SUCCESS"
    ELSE IF ~ZoneWatermarkOk(0, (IF order > CostlyOrder THEN WmarkLow ELSE WmarkMin) + CompactGap(order),
                             reserve, {})
    THEN "COMPACT_SKIPPED"
    ELSE "COMPACT_CONTINUE"

\* compaction_suitable(): for costly orders, a fragmentation index in
\* [0, extfrag_threshold] says the failure is for lack of memory, not
\* fragmentation (COMPACT_NOT_SUITABLE_ZONE), reported as COMPACT_SKIPPED.
CompactionSuitableResult(order, reserve) ==
    LET r == CompactionSuitableInner(order, reserve) IN
    IF /\ r = "COMPACT_CONTINUE"
       /\ order > CostlyOrder
       /\ FragmentationIndex(order) >= 0
       /\ FragmentationIndex(order) <= ExtfragThreshold
    THEN "COMPACT_SKIPPED"
    ELSE r

\* extfrag_for_order(): the percentage of free pages that are not in
\* blocks of at least this order.
ExtfragForOrder(order) ==
    IF FreePagesTotal = 0 THEN 0
    ELSE ((FreePagesTotal - FreeBlocksSuitable(order) * 2^order) * 100) \div FreePagesTotal

\* fragmentation_score_zone_weighted(): the zone's score scaled by its
\* share of the node (present pages over node present pages + 1).
ZonePresentPages == ZoneEnd - ZoneStart
FragmentationScoreZone == ExtfragForOrder(HpageOrder)
FragmentationScore == (ZonePresentPages * FragmentationScoreZone) \div (ZonePresentPages + 1)

\* fragmentation_score_wmark(): low = max(100 - proactiveness, 5),
\* high = min(low + 10, 100).
FragmentationScoreWmark(low) ==
    LET wl == Max2Int(100 - CompactionProactiveness, 5) IN
    IF low THEN wl ELSE IF wl + 10 < 100 THEN wl + 10 ELSE 100

=============================================================================
