-------------------------------- MODULE Rmap --------------------------------
(***************************************************************************)
(* Page tables and the reverse map of anonymous memory, over the buddy     *)
(* allocator of Buddy.tla, as Linux 6.1 implements them in mm/memory.c,    *)
(* mm/rmap.c and mm/gup.c.  Migrate.tla adds page migration on top.        *)
(*                                                                         *)
(* One action per kernel function, named after it:                         *)
(*   do_anonymous_page()     DoAnonymousPage(proc, vpage)                  *)
(*   copy_present_pte()      CopyPresentPte(proc, vpage, child, cvpage)    *)
(*   copy_present_page()     CopyPresentPage(proc, vpage, child, cvpage)   *)
(*   copy_nonpresent_pte()   CopyNonpresentPte(proc, vpage, child, cvpage) *)
(*   zap_pte_range()         ZapPteRange(proc, vpage)                      *)
(*   migration_entry_wait()  MigrationEntryWait(proc, vpage)               *)
(*   wp_page_reuse()         WpPageReuse(proc, vpage, val)                 *)
(*   wp_page_copy()          WpPageCopy(proc, vpage, val)                  *)
(*   pin_user_pages()        PinUserPages(proc, vpage)                     *)
(*   unpin_user_page()       UnpinUserPage(pfn)                            *)
(* and two user instructions that need no kernel while their PTE is        *)
(* present and writable: UserRead(proc, vpage), UserWrite(proc, vpage,     *)
(* val).  A page is allocated by Buddy's RmqueueSmallest and freed by      *)
(* Buddy's FreeOnePage, inside the step that allocates or frees it.        *)
(*                                                                         *)
(* Where this spec is deliberately more abstract than the kernel:          *)
(*  - Only order-0 anonymous private pages, one VMA per process covering   *)
(*    Vpages.  No file pages, swap, swap cache, THP, KSM, zero page (a     *)
(*    read fault allocates as a write fault does), mlock or userfaultfd.   *)
(*  - A page holds one abstract value (content) instead of PAGE_SIZE       *)
(*    bytes.  A frame keeps its value when freed, so a missing copy or a   *)
(*    missing zero-fill shows up as stale data.                            *)
(*  - rmap[f] is the set of PTE slots an rmap walk of frame f reaches: it  *)
(*    stands for folio->mapping (the anon_vma and its VMAs) narrowed by    *)
(*    page_vma_mapped_walk() to the PTEs that name f, present or           *)
(*    migration entry.  RmapInv says it is exact.                          *)
(*  - Fork is one PTE at a time into an existing process (the child): the  *)
(*    anon_vma linking of anon_vma_fork() is folded into the PTE copy.     *)
(*    The walks of Migrate.tla rely on the kernel's guarantee that a       *)
(*    child's VMA is linked after its parent's, so a walk that has not     *)
(*    yet visited the parent also visits the child.                        *)
(*  - PTE permission bits are not modelled: a PTE of a PageAnonExclusive   *)
(*    page is writable, any other is write-protected (the copy-on-write    *)
(*    state fork leaves).  The soft-dirty, young and uffd bits are absent. *)
(*  - MaxPins bounds the pins in the system, for model size.               *)
(*  - Pins are FOLL_PIN pins (pin_user_pages with FOLL_LONGTERM); pinCount *)
(*    stands for the GUP_PIN_COUNTING_BIAS part of the refcount, and each  *)
(*    pin also holds one reference.  GUP unshares a page that is not       *)
(*    exclusive before it pins it; here a pin is simply refused on such a  *)
(*    page (the process's next write does the unsharing).  A pinned page   *)
(*    is not written through its pin (no DMA).                             *)
(*  - TLB flushes, page table locks, mmap_lock and the anon_vma lock are   *)
(*    implicit: each action is atomic with respect to one PTE.             *)
(***************************************************************************)
EXTENDS Buddy

CONSTANTS
    Procs,        \* processes (struct mm_struct), each with its page table
    Vpages,       \* virtual page numbers a process may map
    Contents,     \* abstract page contents (integers)
    ZeroContent,  \* what clear_user_highpage() leaves in a page
    AnonOwner,    \* the owner Buddy records for anonymous user pages
    MaxPins       \* model bound: pins in the system at once

ASSUME Procs # {} /\ Vpages \subseteq Nat /\ Vpages # {}
ASSUME Contents \subseteq Nat /\ ZeroContent \in Contents
ASSUME AnonOwner \in Owners /\ MOVABLE \in AllocTypes
ASSUME MaxPins \in Nat

\* -1 stands for "nothing" in the integer-valued functions below; it is
\* also ProcessMemory's NoPage.
NoPfn     == -1
NoVpage   == -1
NoContent == -1

\* A PTE is pte_none(), pte_present() naming a frame, or a migration entry
\* (is_migration_entry()) naming the frame under migration.  excl records
\* a writable or readable-exclusive migration entry: the page was
\* PageAnonExclusive when try_to_migrate() unmapped it, and
\* remove_migration_pte() makes the new page exclusive again (RMAP_EXCLUSIVE).
PteNone                == [type |-> "none",      pfn |-> NoPfn, excl |-> FALSE]
Present(f)             == [type |-> "present",   pfn |-> f,     excl |-> FALSE]
MigrationEntry(f, x)   == [type |-> "migration", pfn |-> f,     excl |-> x]

Slots == Procs \X Vpages

VARIABLES
    pte,            \* pte[p][v]: process p's page table entry for vpage v
    rmap,           \* rmap[f]: the PTE slots an rmap walk of frame f reaches
    mapcount,       \* page_mapcount(): present PTEs that map the frame
    refcount,       \* page_count()
    pinCount,       \* FOLL_PIN pins; folio_maybe_dma_pinned() is pinCount > 0
    anonExclusive,  \* PageAnonExclusive()
    content,        \* the data each frame holds, free frames included
    waitPte,        \* the vpage whose migration entry p sleeps on, or NoVpage
    written,        \* ghost: what p last stored at v (zeros at fault, the
                    \* parent's data at fork), NoContent while unmapped
    opParity        \* parity of user operations that change memory
                    \* (see ProcessMemory)

rmapVars == << pte, rmap, mapcount, refcount, pinCount, anonExclusive, content,
               waitPte, written, opParity >>

PteAt(s) == pte[s[1]][s[2]]

\* The frame is an allocated anonymous user page (an order-0 MIGRATE_MOVABLE
\* block that Buddy handed to AnonOwner).
UserPage(f) == [pfn |-> f, order |-> 0, mt |-> MOVABLE, owner |-> AnonOwner] \in allocated

\* folio_maybe_dma_pinned()
PageMaybeDmaPinned(f) == pinCount[f] > 0

RECURSIVE SumPins(_)
SumPins(S) == IF S = {} THEN 0
              ELSE LET f == CHOOSE f \in S : TRUE IN pinCount[f] + SumPins(S \ {f})

-----------------------------------------------------------------------------
(* Allocation and freeing go through Buddy's actions, so a new page really *)
(* comes off the free lists and a freed page really merges.                *)

\* alloc_page(GFP_HIGHUSER_MOVABLE): __alloc_pages()'s first
\* get_page_from_freelist(), zone_watermark_fast() at the low mark
\* (Buddy's ZoneWatermarkFast), then __rmqueue_smallest() on the movable
\* lists; a zone below the mark gives no page, as an empty one does.  It
\* defines Buddy's variables; NewPfn is the frame it took.  All pageblocks
\* stay MIGRATE_MOVABLE here, so no fallback is ever needed.
CanAllocUserPage == ZoneWatermarkFast(0) /\ CanRmqueueSmallest(0, MOVABLE)
AllocUserPage    == RmqueueSmallest(0, MOVABLE, AnonOwner)
NewPfn           == (CHOOSE b \in allocated' \ allocated : TRUE).pfn

\* put_page() / folio_put(): drop one reference; the last one frees the
\* page through __free_one_page(), and free_pages_prepare() clears
\* PG_anon_exclusive.  It defines refcount', anonExclusive' and Buddy's
\* variables.
PutPage(f) ==
    /\ refcount' = [refcount EXCEPT ![f] = @ - 1]
    /\ IF refcount[f] = 1
       THEN /\ FreeOnePage(f, 0)
            /\ anonExclusive' = [anonExclusive EXCEPT ![f] = FALSE]
       ELSE UNCHANGED << vars, anonExclusive >>

\* A process is runnable unless it sleeps in migration_entry_wait().
Runnable(p) == waitPte[p] = NoVpage

\* A user operation that changes memory is a step of ProcessMemory: it
\* flips opParity.
UserOp == opParity' = 1 - opParity

\* folio_unlock() of a page under migration wakes the processes sleeping
\* on its migration entries (folio_wake_bit); a woken process retries its
\* fault, which now finds a present PTE.  Only sleepers whose entry is gone
\* are woken, which is the same as waking all and letting the others sleep
\* again.
FolioWakeBit ==
    waitPte' = [p \in Procs |->
                   IF waitPte[p] # NoVpage /\ pte[p][waitPte[p]].type # "migration"
                   THEN NoVpage ELSE waitPte[p]]

-----------------------------------------------------------------------------
(* Faults and user accesses.                                               *)

\* do_anonymous_page(): a fault on pte_none() allocates a zeroed page
\* (alloc_zeroed_user_highpage_movable), maps it exclusive
\* (page_add_new_anon_rmap) and puts it on the LRU.
DoAnonymousPage(p, v) ==
    /\ Runnable(p)
    /\ pte[p][v] = PteNone
    /\ AllocUserPage
    /\ LET f == NewPfn IN
       /\ pte' = [pte EXCEPT ![p][v] = Present(f)]
       /\ rmap' = [rmap EXCEPT ![f] = {<< p, v >>}]
       /\ mapcount' = [mapcount EXCEPT ![f] = 1]
       /\ refcount' = [refcount EXCEPT ![f] = 1]
       /\ anonExclusive' = [anonExclusive EXCEPT ![f] = TRUE]
       /\ content' = [content EXCEPT ![f] = ZeroContent]
    /\ written' = [written EXCEPT ![p][v] = ZeroContent]
    /\ UserOp
    /\ UNCHANGED << pinCount, waitPte >>

\* A load through a present PTE returns content[pte[p][v].pfn] and changes
\* nothing: a stuttering step, here so that traces can name it.
\* ReadsOwnWritesInv says what it returns.
UserRead(p, v) ==
    /\ Runnable(p)
    /\ pte[p][v].type = "present"
    /\ UNCHANGED << vars, rmapVars >>

\* A store through a writable PTE: the page is exclusive to this mapping.
UserWrite(p, v, val) ==
    /\ Runnable(p)
    /\ pte[p][v].type = "present"
    /\ anonExclusive[pte[p][v].pfn]
    /\ content' = [content EXCEPT ![pte[p][v].pfn] = val]
    /\ written' = [written EXCEPT ![p][v] = val]
    /\ UserOp
    /\ UNCHANGED << vars, pte, rmap, mapcount, refcount, pinCount, anonExclusive,
                    waitPte >>

\* migration_entry_wait(): an access that meets a migration entry sleeps
\* on the source page's lock; the fault is retried once it is woken.  For
\* ProcessMemory this is a stuttering step: the access has not happened.
MigrationEntryWait(p, v) ==
    /\ Runnable(p)
    /\ pte[p][v].type = "migration"
    /\ waitPte' = [waitPte EXCEPT ![p] = v]
    /\ UNCHANGED << vars, pte, rmap, mapcount, refcount, pinCount, anonExclusive,
                    content, written, opParity >>

\* do_wp_page() on a write-protected page that is not PageAnonExclusive:
\* wp_page_reuse() when the mapping holds the only reference (refcount 1,
\* so it is neither shared, pinned, isolated for migration nor locked by
\* someone holding a reference), which makes it exclusive again ...
WpPageReuse(p, v, val) ==
    /\ Runnable(p)
    /\ pte[p][v].type = "present"
    /\ LET f == pte[p][v].pfn IN
       /\ ~anonExclusive[f]
       /\ refcount[f] = 1
       /\ anonExclusive' = [anonExclusive EXCEPT ![f] = TRUE]
       /\ content' = [content EXCEPT ![f] = val]
    /\ written' = [written EXCEPT ![p][v] = val]
    /\ UserOp
    /\ UNCHANGED << vars, pte, rmap, mapcount, refcount, pinCount, waitPte >>

\* ... and wp_page_copy() otherwise: copy into a new exclusive page, map
\* it, and drop the old mapping (page_remove_rmap, put_page).  The old page
\* keeps at least one reference, so it is not freed here.
WpPageCopy(p, v, val) ==
    /\ Runnable(p)
    /\ pte[p][v].type = "present"
    /\ LET f == pte[p][v].pfn IN
       /\ ~anonExclusive[f]
       /\ refcount[f] > 1
       /\ AllocUserPage
       /\ LET g == NewPfn IN
          /\ pte' = [pte EXCEPT ![p][v] = Present(g)]
          /\ rmap' = [rmap EXCEPT ![f] = @ \ {<< p, v >>}, ![g] = {<< p, v >>}]
          /\ mapcount' = [mapcount EXCEPT ![f] = @ - 1, ![g] = 1]
          /\ refcount' = [refcount EXCEPT ![f] = @ - 1, ![g] = 1]
          /\ anonExclusive' = [anonExclusive EXCEPT ![g] = TRUE]
          /\ content' = [content EXCEPT ![g] = val]
    /\ written' = [written EXCEPT ![p][v] = val]
    /\ UserOp
    /\ UNCHANGED << pinCount, waitPte >>

-----------------------------------------------------------------------------
(* Fork (copy_pte_range() for one PTE) and unmap.                          *)

\* copy_present_pte(): the child maps the same page, which stops being
\* exclusive (page_try_dup_anon_rmap); both PTEs are write-protected, so
\* the next write to either copies (copy-on-write).
CopyPresentPte(p, v, q, w) ==
    /\ Runnable(p)
    /\ p # q
    /\ pte[p][v].type = "present"
    /\ pte[q][w] = PteNone
    /\ LET f == pte[p][v].pfn IN
       \* page_try_dup_anon_rmap() refuses a possibly pinned exclusive page
       /\ ~(anonExclusive[f] /\ PageMaybeDmaPinned(f))
       /\ pte' = [pte EXCEPT ![q][w] = Present(f)]
       /\ rmap' = [rmap EXCEPT ![f] = @ \cup {<< q, w >>}]
       /\ mapcount' = [mapcount EXCEPT ![f] = @ + 1]
       /\ refcount' = [refcount EXCEPT ![f] = @ + 1]
       /\ anonExclusive' = [anonExclusive EXCEPT ![f] = FALSE]
    /\ written' = [written EXCEPT ![q][w] = written[p][v]]
    /\ UserOp
    /\ UNCHANGED << vars, pinCount, content, waitPte >>

\* copy_present_page(): a pinned exclusive page is never shared, because
\* the pin must keep seeing what the parent sees; the child gets a copy.
CopyPresentPage(p, v, q, w) ==
    /\ Runnable(p)
    /\ p # q
    /\ pte[p][v].type = "present"
    /\ pte[q][w] = PteNone
    /\ LET f == pte[p][v].pfn IN
       /\ anonExclusive[f] /\ PageMaybeDmaPinned(f)
       /\ AllocUserPage
       /\ LET g == NewPfn IN
          /\ pte' = [pte EXCEPT ![q][w] = Present(g)]
          /\ rmap' = [rmap EXCEPT ![g] = {<< q, w >>}]
          /\ mapcount' = [mapcount EXCEPT ![g] = 1]
          /\ refcount' = [refcount EXCEPT ![g] = 1]
          /\ anonExclusive' = [anonExclusive EXCEPT ![g] = TRUE]
          /\ content' = [content EXCEPT ![g] = content[f]]
    /\ written' = [written EXCEPT ![q][w] = written[p][v]]
    /\ UserOp
    /\ UNCHANGED << pinCount, waitPte >>

\* copy_nonpresent_pte() on a migration entry: the child gets one too, and
\* a writable or exclusive entry becomes readable in both (the page is now
\* shared).  Migration entries hold neither a mapcount nor a reference.
CopyNonpresentPte(p, v, q, w) ==
    /\ Runnable(p)
    /\ p # q
    /\ pte[p][v].type = "migration"
    /\ pte[q][w] = PteNone
    /\ LET f == pte[p][v].pfn IN
       /\ pte' = [pte EXCEPT ![p][v] = MigrationEntry(f, FALSE),
                             ![q][w] = MigrationEntry(f, FALSE)]
       /\ rmap' = [rmap EXCEPT ![f] = @ \cup {<< q, w >>}]
    /\ written' = [written EXCEPT ![q][w] = written[p][v]]
    /\ UserOp
    /\ UNCHANGED << vars, mapcount, refcount, pinCount, anonExclusive, content, waitPte >>

\* zap_pte_range() for one PTE (munmap, MADV_DONTNEED, exit): a present
\* PTE drops its mapcount (page_remove_rmap) and its reference, and the
\* last reference frees the page; a migration entry is just cleared.
ZapPteRange(p, v) ==
    /\ Runnable(p)
    /\ pte[p][v] # PteNone
    /\ LET f == pte[p][v].pfn IN
       /\ pte' = [pte EXCEPT ![p][v] = PteNone]
       /\ rmap' = [rmap EXCEPT ![f] = @ \ {<< p, v >>}]
       /\ IF pte[p][v].type = "present"
          THEN /\ mapcount' = [mapcount EXCEPT ![f] = @ - 1]
               /\ PutPage(f)
          ELSE UNCHANGED << vars, mapcount, refcount, anonExclusive >>
    /\ written' = [written EXCEPT ![p][v] = NoContent]
    /\ UserOp
    /\ UNCHANGED << pinCount, content, waitPte >>

-----------------------------------------------------------------------------
(* get_user_pages: pins are kernel references on behalf of the process,    *)
(* not user operations, so they leave opParity alone.                      *)

\* pin_user_pages(FOLL_PIN | FOLL_LONGTERM) through a present PTE of an
\* exclusive page: a pin adds to the refcount, so refcount > mapcount.
PinUserPages(p, v) ==
    /\ Runnable(p)
    /\ pte[p][v].type = "present"
    /\ LET f == pte[p][v].pfn IN
       /\ anonExclusive[f]
       /\ SumPins(Pfns) < MaxPins
       /\ pinCount' = [pinCount EXCEPT ![f] = @ + 1]
       /\ refcount' = [refcount EXCEPT ![f] = @ + 1]
    /\ UNCHANGED << vars, pte, rmap, mapcount, anonExclusive, content, waitPte, written,
                    opParity >>

\* unpin_user_page(): the pin's reference may be the last one, when the
\* process unmapped the page while it was pinned.
UnpinUserPage(f) ==
    /\ PageMaybeDmaPinned(f)
    /\ pinCount' = [pinCount EXCEPT ![f] = @ - 1]
    /\ PutPage(f)
    /\ UNCHANGED << pte, rmap, mapcount, content, waitPte, written, opParity >>

-----------------------------------------------------------------------------
RmapInit ==
    /\ Init
    /\ pte = [p \in Procs |-> [v \in Vpages |-> PteNone]]
    /\ rmap = [f \in Pfns |-> {}]
    /\ mapcount = [f \in Pfns |-> 0]
    /\ refcount = [f \in Pfns |-> 0]
    /\ pinCount = [f \in Pfns |-> 0]
    /\ anonExclusive = [f \in Pfns |-> FALSE]
    /\ content = [f \in Pfns |-> ZeroContent]
    /\ waitPte = [p \in Procs |-> NoVpage]
    /\ written = [p \in Procs |-> [v \in Vpages |-> NoContent]]
    /\ opParity = 0

\* The user-side steps, shared by RmapNext and Migrate's Next.
RmapUserNext ==
    \/ \E p \in Procs, v \in Vpages : DoAnonymousPage(p, v)
    \/ \E p \in Procs, v \in Vpages : UserRead(p, v)
    \/ \E p \in Procs, v \in Vpages, c \in Contents : UserWrite(p, v, c)
    \/ \E p \in Procs, v \in Vpages : MigrationEntryWait(p, v)
    \/ \E p \in Procs, v \in Vpages, c \in Contents : WpPageReuse(p, v, c)
    \/ \E p \in Procs, v \in Vpages, c \in Contents : WpPageCopy(p, v, c)
    \/ \E p, q \in Procs, v, w \in Vpages : CopyPresentPte(p, v, q, w)
    \/ \E p, q \in Procs, v, w \in Vpages : CopyPresentPage(p, v, q, w)
    \/ \E p, q \in Procs, v, w \in Vpages : CopyNonpresentPte(p, v, q, w)
    \/ \E p \in Procs, v \in Vpages : ZapPteRange(p, v)
    \/ \E p \in Procs, v \in Vpages : PinUserPages(p, v)
    \/ \E f \in Pfns : UnpinUserPage(f)

RmapNext == RmapUserNext

RmapSpec == RmapInit /\ [][RmapNext]_<< vars, rmapVars >>

-----------------------------------------------------------------------------
(* Invariants.  Buddy's TypeOK and invariants hold as well.                *)

PteValues == { PteNone } \cup { Present(f) : f \in Pfns }
               \cup { MigrationEntry(f, x) : f \in Pfns, x \in BOOLEAN }

RmapTypeOK ==
    /\ pte \in [Procs -> [Vpages -> PteValues]]
    /\ rmap \in [Pfns -> SUBSET Slots]
    /\ mapcount \in [Pfns -> Nat]
    /\ refcount \in [Pfns -> Nat]
    /\ pinCount \in [Pfns -> 0..MaxPins]
    /\ SumPins(Pfns) <= MaxPins
    /\ anonExclusive \in [Pfns -> BOOLEAN]
    /\ content \in [Pfns -> Contents]
    /\ waitPte \in [Procs -> Vpages \cup {NoVpage}]
    /\ written \in [Procs -> [Vpages -> Contents \cup {NoContent}]]
    /\ opParity \in {0, 1}

\* No PTE, present or migration entry, names a free frame: a mapping holds
\* a reference (zap_pte_range() drops it only after clearing the PTE), and
\* unmap_and_move() frees the source only after remove_migration_ptes().
\* Freeing the source early leaves migration entries on a free frame.
NoPteToFreeFrameInv ==
    \A s \in Slots : PteAt(s) # PteNone => UserPage(PteAt(s).pfn)

\* The reverse map reaches exactly the PTEs that name the frame: fork,
\* unmap, COW and migration keep the anon_vma in step with the page
\* tables, and try_to_migrate() finds every mapping only through it.
\* (rmap[f] = { s \in Slots : PteAt(s) # PteNone /\ PteAt(s).pfn = f },
\* written slot by slot, which TLC evaluates ten times faster.)
RmapInv ==
    /\ \A s \in Slots : PteAt(s) # PteNone => s \in rmap[PteAt(s).pfn]
    /\ \A f \in Pfns : \A s \in rmap[f] : PteAt(s) # PteNone /\ PteAt(s).pfn = f

\* page_mapcount() counts the present PTEs that map the frame; a migration
\* entry does not count (try_to_migrate_one() calls page_remove_rmap(),
\* remove_migration_pte() calls page_add_anon_rmap()), which is what lets
\* __unmap_and_move() test folio_mapped() after the walk.
MapcountInv ==
    \A f \in Pfns :
        mapcount[f] = Cardinality({ s \in Slots : PteAt(s).type = "present" /\ PteAt(s).pfn = f })

\* A page has references exactly while it is allocated, and at least one
\* per present mapping and per pin: a pinned page has refcount > mapcount.
PageRefsInv ==
    \A f \in Pfns :
        /\ (refcount[f] > 0) <=> UserPage(f)
        /\ refcount[f] >= mapcount[f] + pinCount[f]

\* A free frame carries no page state (free_pages_prepare() and the
\* bad-page checks of free_page_is_bad()).
FreePageStateInv ==
    \A f \in Pfns : ~UserPage(f) =>
        mapcount[f] = 0 /\ pinCount[f] = 0 /\ ~anonExclusive[f] /\ rmap[f] = {}

\* A PageAnonExclusive page is reached by at most one PTE, a present one,
\* so a write through it needs no copy; an exclusive migration entry is
\* likewise the only entry for its page.
AnonExclusiveInv ==
    /\ \A f \in Pfns : anonExclusive[f] =>
           /\ Cardinality(rmap[f]) <= 1
           /\ \A s \in rmap[f] : PteAt(s) = Present(f)
    /\ \A s \in Slots : PteAt(s).type = "migration" /\ PteAt(s).excl =>
           rmap[PteAt(s).pfn] = {s}

\* A pinned page is exclusive: GUP unshares before it pins and fork copies
\* a pinned page (copy_present_page), so the pin and the process keep
\* seeing the same page.
PinnedExclusiveInv ==
    \A f \in Pfns : PageMaybeDmaPinned(f) => anonExclusive[f]

\* Every PTE, present or migration entry, names a frame that holds what
\* the process last stored at that page: copies (COW, fork, migration)
\* copy the data before the PTE changes.
PteContentInv ==
    \A s \in Slots : PteAt(s) # PteNone => content[PteAt(s).pfn] = written[s[1]][s[2]]

\* Every process reads the content it last wrote (or the zeros of its
\* fault, or its parent's data at fork), whatever migrated meanwhile: a
\* read through any present PTE returns it.  (PteContentInv says the same
\* of migration entries, whose reads wait and then see the copy.)
ReadsOwnWritesInv ==
    \A s \in Slots : PteAt(s).type = "present" =>
        content[PteAt(s).pfn] = written[s[1]][s[2]]

-----------------------------------------------------------------------------
(* Refinement: what processes see is ProcessMemory.  A migration entry is  *)
(* read through: the process sees the source frame, which no one can       *)
(* change while the entry exists, and after remove_migration_ptes() the    *)
(* destination, which holds a copy.                                        *)

AbsMem == [p \in Procs |-> [v \in Vpages |->
              IF pte[p][v] = PteNone THEN NoContent ELSE content[pte[p][v].pfn]]]

PM == INSTANCE ProcessMemory WITH mem <- AbsMem

ProcessMemoryRefinement == PM!Spec
=============================================================================
