package mmcheck.mm.migrate;

import java.util.Arrays;

import mmcheck.event.MigrateAction;
import mmcheck.event.MigrateEventSink;
import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;

/**
 * AddressSpaces - the page tables of a fixed set of processes over one zone, the reverse map of anonymous pages, and
 * the per-page state that mapping, pinning and migration keep.
 * Kernel: the page-table parts of mm/memory.c (do_anonymous_page, do_wp_page, copy_pte_range, zap_pte_range),
 * page_add_new_anon_rmap / page_dup / page_remove_rmap of mm/rmap.c, and pin_user_pages / unpin_user_page of mm/gup.c.
 * Spec: spec/Rmap.tla (variables pte, rmap, mapcount, refcount, pinCount, anonExclusive, content, written).
 * Trace: one {@link mmcheck.event.MigrateAction} per step, to the sink of {@link #setSink}.
 *
 * <p>Processes are 0..nrProcs-1, each with one VMA covering vpages 0..nrVpages-1. Pages are order-0
 * MIGRATE_MOVABLE blocks the buddy allocator hands to {@link #anonOwner()}, and the last reference frees them
 * through {@link PageAlloc#freeOnePage(int, int)}.
 *
 * <p>Public step methods mirror one Rmap.tla action each: they either perform the whole action or throw
 * {@link StepRefusedException} (a {@link MigrationEntryWaitException} when the access meets a migration entry)
 * and leave the state unchanged. Helpers are protected so that a test can seed a bug by overriding one.
 *
 * <p>Where the engine differs from the spec: pages come from __rmqueue(), which may fall back to another
 * migratetype's lists (the spec takes them from the movable lists only, which never run dry there because every
 * pageblock stays movable); MaxPins is the kernel's (none) unless {@link #setMaxPins} narrows it to a model's. An
 * access that meets a migration entry puts the process to sleep (the spec's waitPte) and throws
 * {@link MigrationEntryWaitException}; the process takes no step until the migration's unlock wakes it.
 *
 * <p>Not thread-safe: the page table lock, the anon_vma lock and mmap_lock serialise these in the kernel.
 */
public class AddressSpaces {

    /*
     * Layout.
     *
     * A slot is one PTE, slot = proc * nrVpages + vpage. Per slot, four ints (16 bytes):
     *   pte[slot]       (frame index << 2) | type, type PTE_NONE, PTE_PRESENT, PTE_MIGRATION or
     *                   PTE_MIGRATION_EXCL (a writable or readable-exclusive migration entry). The frame index is
     *                   pfn - zoneStart, at most 2^30, so the shifted value is read back with >>>.
     *   rmapNext/Prev   the slot's links in its frame's reverse-map list (-1 ends it). An rmap walk of a frame
     *                   visits only the PTEs naming it, as the anon_vma interval tree narrowed by
     *                   page_vma_mapped_walk() does, without scanning every process.
     *   written         ghost: what the process last stored at the vpage, NO_CONTENT while unmapped. It is the
     *                   spec's history variable, kept so that ReadsOwnWritesInv can be checked natively.
     * Per frame, in arrays sized to the zone (the buddy allocator's 16 bytes per page stay as they are):
     *   rmapHead int, mapcount int, refcount int, pinCount int, content int, flags byte = 21 bytes per page.
     */

    /** pte_none(). */
    public static final int PTE_NONE = 0;
    /** pte_present(). */
    public static final int PTE_PRESENT = 1;
    /** A readable (shared) migration entry: is_readable_migration_entry(). */
    public static final int PTE_MIGRATION = 2;
    /** A writable or readable-exclusive migration entry: the page was PageAnonExclusive when unmapped. */
    public static final int PTE_MIGRATION_EXCL = 3;
    static final int TYPE_MASK = 3;

    /** No frame; Rmap.tla's NoPfn. */
    public static final int NO_PFN = -1;
    /** No vpage; Rmap.tla's NoVpage (waitPte of a runnable process). */
    public static final int NO_VPAGE = -1;
    /** Nothing written; Rmap.tla's NoContent. */
    public static final int NO_CONTENT = -1;
    /** What clear_user_highpage() leaves in a page; Rmap.tla's ZeroContent. */
    public static final int ZERO_CONTENT = 0;
    /** The owner the buddy allocator records for anonymous user pages by default; Rmap.tla's AnonOwner. */
    public static final int ANON_OWNER = 1;

    /** PG_anon_exclusive. */
    static final byte PG_ANON_EXCLUSIVE = 1;
    /** PG_locked, held by a kernel path other than migration (Migrate.tla's pageLocked). */
    static final byte PG_LOCKED = 2;
    /** PG_writeback. */
    static final byte PG_WRITEBACK = 4;
    /** PG_isolated / off the LRU: on a migration list, holding the isolation reference. */
    static final byte PG_ISOLATED = 8;
    /** PG_locked, held by the running unmap_and_move() (Migrate.tla's MigrationHoldsLock). */
    static final byte PG_MIGRATION_LOCKED = 16;
    /** On the running migrate_pages()'s list and not yet tried in this pass (Migrate.tla's passTodo). */
    static final byte PG_PASS_TODO = 32;

    /** Bytes of the new per-frame state per page (rmapHead, mapcount, refcount, pinCount, content, flags). */
    public static final int BYTES_PER_PAGE = 4 + 4 + 4 + 4 + 4 + 1;
    /** Bytes per PTE slot (pte, two rmap links, the written ghost). */
    public static final int BYTES_PER_SLOT = 16;

    protected final PageAlloc pageAlloc;
    protected final Zone zone;
    protected final int base;
    protected final int nrFrames;
    protected final int nrProcs;
    protected final int nrVpages;
    protected final int anonOwner;

    /** Where steps are reported; NONE unless {@link #setSink} says otherwise. */
    protected MigrateEventSink sink = MigrateEventSink.NONE;

    final int[] pte;
    final int[] rmapNext;
    final int[] rmapPrev;
    final int[] written;

    /** waitPte: the vpage whose migration entry the process sleeps on, NO_VPAGE while it runs. */
    final int[] waitVpage;
    /** Ghost: user operations that changed memory; Rmap.tla's opParity is its parity. */
    long userOps;
    /** FOLL_PIN pins in the system, and the model's bound on them (Rmap.tla's MaxPins; none by default). */
    int nrPins;
    int maxPins = Integer.MAX_VALUE;

    final int[] rmapHead;
    final int[] mapcount;
    final int[] refcount;
    final int[] pinCount;
    final int[] content;
    final byte[] flags;

    /** Address spaces of nrProcs processes with nrVpages each, anonymous pages owned by {@link #ANON_OWNER}. */
    public AddressSpaces(PageAlloc pageAlloc, int nrProcs, int nrVpages) {
        this(pageAlloc, nrProcs, nrVpages, ANON_OWNER);
    }

    public AddressSpaces(PageAlloc pageAlloc, int nrProcs, int nrVpages, int anonOwner) {
        if (nrProcs < 1 || nrVpages < 1 || (long) nrProcs * nrVpages > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("need 1.. processes and vpages, at most 2^30 PTEs; got " + nrProcs
                    + " x " + nrVpages);
        }
        this.pageAlloc = pageAlloc;
        this.zone = pageAlloc.zone();
        MmGeometry g = zone.geometry();
        this.base = g.zoneStart();
        this.nrFrames = g.nrPages();
        this.nrProcs = nrProcs;
        this.nrVpages = nrVpages;
        this.anonOwner = anonOwner;
        int slots = nrProcs * nrVpages;
        pte = new int[slots];
        rmapNext = new int[slots];
        rmapPrev = new int[slots];
        written = new int[slots];
        Arrays.fill(written, NO_CONTENT);
        waitVpage = new int[nrProcs];
        Arrays.fill(waitVpage, NO_VPAGE);
        rmapHead = new int[nrFrames];
        Arrays.fill(rmapHead, -1);
        mapcount = new int[nrFrames];
        refcount = new int[nrFrames];
        pinCount = new int[nrFrames];
        content = new int[nrFrames];
        flags = new byte[nrFrames];
    }

    // ---------------------------------------------------------------------------------------------- reading

    /** Reports every later step of this engine (and of a Migrate over it) to sink. */
    public void setSink(MigrateEventSink sink) {
        this.sink = sink == null ? MigrateEventSink.NONE : sink;
    }

    public MigrateEventSink sink() {
        return sink;
    }

    public PageAlloc pageAlloc() {
        return pageAlloc;
    }

    public Zone zone() {
        return zone;
    }

    public int nrProcs() {
        return nrProcs;
    }

    public int nrVpages() {
        return nrVpages;
    }

    public int anonOwner() {
        return anonOwner;
    }

    /** Narrows the pins the system may hold at once to a model's bound (Rmap.tla's MaxPins). */
    public void setMaxPins(int maxPins) {
        if (maxPins < 0) {
            throw new IllegalArgumentException("maxPins must be >= 0, got " + maxPins);
        }
        this.maxPins = maxPins;
    }

    /** The vpage whose migration entry the process sleeps on in migration_entry_wait(), or NO_VPAGE. */
    public int waitVpage(int proc) {
        return waitVpage[proc];
    }

    /** Parity of the user operations that changed memory (Rmap.tla's opParity, ProcessMemory's steps). */
    public int opParity() {
        return (int) (userOps & 1);
    }

    /** PTE_NONE, PTE_PRESENT, PTE_MIGRATION or PTE_MIGRATION_EXCL. */
    public int pteType(int proc, int vpage) {
        return pte[slot(proc, vpage)] & TYPE_MASK;
    }

    /** The frame a present PTE or a migration entry names, NO_PFN for pte_none(). */
    public int ptePfn(int proc, int vpage) {
        return slotPfn(slot(proc, vpage));
    }

    /** page_mapcount(). */
    public int mapcount(int pfn) {
        return mapcount[idx(pfn)];
    }

    /** page_count(). */
    public int refcount(int pfn) {
        return refcount[idx(pfn)];
    }

    /** FOLL_PIN pins on the page. */
    public int pinCount(int pfn) {
        return pinCount[idx(pfn)];
    }

    /** folio_maybe_dma_pinned(). */
    public boolean pageMaybeDmaPinned(int pfn) {
        return pinCount[idx(pfn)] > 0;
    }

    /** PageAnonExclusive(). */
    public boolean isAnonExclusive(int pfn) {
        return (flags[idx(pfn)] & PG_ANON_EXCLUSIVE) != 0;
    }

    /** PageLocked() by a path other than migration. */
    public boolean isLocked(int pfn) {
        return (flags[idx(pfn)] & PG_LOCKED) != 0;
    }

    /** PageWriteback(). */
    public boolean isWriteback(int pfn) {
        return (flags[idx(pfn)] & PG_WRITEBACK) != 0;
    }

    /** Isolated from the LRU onto a migration list. */
    public boolean isIsolated(int pfn) {
        return (flags[idx(pfn)] & PG_ISOLATED) != 0;
    }

    /** The abstract data the frame holds; a free frame keeps its last value. */
    public int content(int pfn) {
        return content[idx(pfn)];
    }

    /** Ghost: what the process last stored at the vpage, NO_CONTENT while it is unmapped. */
    public int written(int proc, int vpage) {
        return written[slot(proc, vpage)];
    }

    /** The PTE slots (proc * nrVpages + vpage) the reverse map of the frame reaches, in walk order. */
    public int[] rmapSlots(int pfn) {
        int n = 0;
        for (int s = rmapHead[idx(pfn)]; s >= 0; s = rmapNext[s]) {
            n++;
        }
        int[] out = new int[n];
        n = 0;
        for (int s = rmapHead[idx(pfn)]; s >= 0; s = rmapNext[s]) {
            out[n++] = s;
        }
        return out;
    }

    /** The frame is an allocated anonymous user page: an order-0 MIGRATE_MOVABLE block of {@link #anonOwner()}. */
    public boolean isUserPage(int pfn) {
        return zone.geometry().contains(pfn) && zone.isAllocated(pfn) && zone.allocatedOrder(pfn) == 0
                && zone.allocatedMigratetype(pfn) == MigrateType.MIGRATE_MOVABLE && zone.allocatedOwner(pfn) == anonOwner;
    }

    // ---------------------------------------------------------------------------------------------- faults

    /**
     * doAnonymousPage() - a fault on pte_none() maps a new zeroed page, exclusive to this PTE.
     * Kernel: do_anonymous_page() in mm/memory.c (alloc_zeroed_user_highpage_movable, page_add_new_anon_rmap,
     * lru_cache_add_inactive_or_unevictable).
     * Spec: DoAnonymousPage(proc, vpage)
     * Trace: do_anonymous_page
     *
     * @return the pfn of the new page
     * @throws StepRefusedException if the PTE is not none, or the zone has no free page (VM_FAULT_OOM)
     */
    public int doAnonymousPage(int proc, int vpage) {
        int s = slot(proc, vpage);
        requireRunnable(MigrateAction.DO_ANONYMOUS_PAGE, proc);
        if (pte[s] != PTE_NONE) {
            throw new StepRefusedException("do_anonymous_page", "process " + proc + " vpage " + vpage + " is mapped");
        }
        int pfn = allocUserPage();
        if (pfn < 0) {
            throw new StepRefusedException("do_anonymous_page", "no free page in the zone (VM_FAULT_OOM)");
        }
        int f = idx(pfn);
        clearUserHighpage(pfn);
        refcount[f] = 1;
        flags[f] |= PG_ANON_EXCLUSIVE;
        mapcount[f] = 1;
        setPte(s, f, PTE_PRESENT);
        rmapAdd(f, s);
        written[s] = ZERO_CONTENT;
        userOps++;
        sink.step(MigrateAction.DO_ANONYMOUS_PAGE, proc, vpage, 0, 0);
        return pfn;
    }

    /**
     * userRead() - a load through a present PTE.
     * Kernel: none while the PTE is present (the MMU serves it); a migration entry faults into
     * do_swap_page() and migration_entry_wait()
     * Spec: UserRead(proc, vpage), or MigrationEntryWait(proc, vpage) on a migration entry.
     * Trace: user_read
     *
     * @return the content of the mapped frame
     * @throws MigrationEntryWaitException if the PTE is a migration entry (the load sleeps, then retries)
     * @throws StepRefusedException if the PTE is none (the load would fault first)
     */
    public int userRead(int proc, int vpage) {
        int s = slot(proc, vpage);
        requireRunnable(MigrateAction.USER_READ, proc);
        requirePresent("user_read", proc, vpage, s);
        sink.step(MigrateAction.USER_READ, proc, vpage, 0, 0);
        return content[pte[s] >>> 2];
    }

    /**
     * userWrite() - a store through a present, writable PTE: the page is PageAnonExclusive.
     * Kernel: none while the PTE is writable (the MMU serves it)
     * Spec: UserWrite(proc, vpage, val)
     * Trace: user_write
     *
     * @throws MigrationEntryWaitException on a migration entry
     * @throws StepRefusedException if the PTE is none or write-protected (the store faults into do_wp_page(),
     *                              {@link #doWpPage})
     */
    public void userWrite(int proc, int vpage, int val) {
        int s = slot(proc, vpage);
        requireRunnable(MigrateAction.USER_WRITE, proc);
        requirePresent("user_write", proc, vpage, s);
        int f = pte[s] >>> 2;
        if ((flags[f] & PG_ANON_EXCLUSIVE) == 0) {
            throw new StepRefusedException("user_write", "process " + proc + " vpage " + vpage
                    + " is write-protected (not PageAnonExclusive): do_wp_page first");
        }
        content[f] = val;
        written[s] = val;
        userOps++;
        sink.step(MigrateAction.USER_WRITE, proc, vpage, val, 0);
    }

    /**
     * doWpPage() - a write fault on a write-protected PTE, then the store: reuse the page if this mapping holds
     * its only reference, else copy it.
     * Kernel: do_wp_page() in mm/memory.c
     * Spec: WpPageReuse(proc, vpage, val) or WpPageCopy(proc, vpage, val)
     * Trace: do_wp_page
     *
     * @return the pfn now mapped
     */
    public int doWpPage(int proc, int vpage, int val) {
        int s = slot(proc, vpage);
        requireRunnable(MigrateAction.WP_PAGE_REUSE, proc);
        requireWriteProtected("do_wp_page", proc, vpage, s);
        return refcount[pte[s] >>> 2] == 1 ? wpPageReuse(proc, vpage, val) : wpPageCopy(proc, vpage, val);
    }

    /**
     * wpPageReuse() - the mapping holds the only reference (not shared, pinned, isolated or locked by another
     * path): make the page exclusive again and store.
     * Kernel: wp_page_reuse() in mm/memory.c, reached through do_wp_page()
     * Spec: WpPageReuse(proc, vpage, val)
     * Trace: wp_page_reuse
     */
    public int wpPageReuse(int proc, int vpage, int val) {
        int s = slot(proc, vpage);
        requireRunnable(MigrateAction.WP_PAGE_REUSE, proc);
        requireWriteProtected("wp_page_reuse", proc, vpage, s);
        int f = pte[s] >>> 2;
        if (refcount[f] != 1) {
            throw new StepRefusedException("wp_page_reuse", "page 0x" + Integer.toHexString(pfn(f)) + " has "
                    + refcount[f] + " references, not 1");
        }
        flags[f] |= PG_ANON_EXCLUSIVE;
        content[f] = val;
        written[s] = val;
        userOps++;
        sink.step(MigrateAction.WP_PAGE_REUSE, proc, vpage, val, 0);
        return pfn(f);
    }

    /**
     * wpPageCopy() - copy the shared page into a new exclusive one, store there, and drop the old mapping.
     * Kernel: wp_page_copy() in mm/memory.c
     * Spec: WpPageCopy(proc, vpage, val)
     * Trace: wp_page_copy
     *
     * @return the pfn of the copy
     */
    public int wpPageCopy(int proc, int vpage, int val) {
        int s = slot(proc, vpage);
        requireRunnable(MigrateAction.WP_PAGE_COPY, proc);
        requireWriteProtected("wp_page_copy", proc, vpage, s);
        int f = pte[s] >>> 2;
        if (refcount[f] <= 1) {
            throw new StepRefusedException("wp_page_copy", "page 0x" + Integer.toHexString(pfn(f))
                    + " has only this mapping's reference: wp_page_reuse");
        }
        int newPfn = allocUserPage();
        if (newPfn < 0) {
            throw new StepRefusedException("wp_page_copy", "no free page in the zone (VM_FAULT_OOM)");
        }
        int g = idx(newPfn);
        copyUserHighpage(g, f);
        content[g] = val;
        refcount[g] = 1;
        flags[g] |= PG_ANON_EXCLUSIVE;
        mapcount[g] = 1;
        rmapRemove(f, s);
        setPte(s, g, PTE_PRESENT);
        rmapAdd(g, s);
        mapcount[f]--;
        // The old page keeps another reference (refcount was > 1), so this put never frees it.
        putPage(pfn(f));
        written[s] = val;
        userOps++;
        sink.step(MigrateAction.WP_PAGE_COPY, proc, vpage, val, 0);
        return newPfn;
    }

    // ---------------------------------------------------------------------------------------------- fork

    /**
     * copyPresentPte() - fork one present PTE into the child: share the page write-protected, or copy it when it
     * is exclusive and maybe pinned.
     * Kernel: copy_present_pte() in mm/memory.c (page_try_dup_anon_rmap, else copy_present_page)
     * Spec: CopyPresentPte(proc, vpage, child, cvpage), or CopyPresentPage when the page is pinned and exclusive
     * Trace: copy_present_pte
     *
     * @return the pfn the child maps
     */
    public int copyPresentPte(int proc, int vpage, int child, int cvpage) {
        int s = slot(proc, vpage);
        requireRunnable(MigrateAction.COPY_PRESENT_PTE, proc);
        int c = requireForkTarget("copy_present_pte", proc, vpage, child, cvpage);
        if ((pte[s] & TYPE_MASK) != PTE_PRESENT) {
            throw new StepRefusedException("copy_present_pte", "process " + proc + " vpage " + vpage
                    + " is not present");
        }
        int f = pte[s] >>> 2;
        if (!pageTryDupAnonRmap(f)) {
            return copyPresentPage(proc, vpage, child, cvpage);
        }
        pageDupAnonRmap(f);
        setPte(c, f, PTE_PRESENT);
        anonVmaForkLink(f, c);
        written[c] = written[s];
        userOps++;
        sink.step(MigrateAction.COPY_PRESENT_PTE, proc, vpage, child, cvpage);
        return pfn(f);
    }

    /**
     * copyPresentPage() - the child gets its own copy of a pinned exclusive page, so the pin keeps seeing what
     * the parent sees.
     * Kernel: copy_present_page() in mm/memory.c
     * Spec: CopyPresentPage(proc, vpage, child, cvpage)
     * Trace: copy_present_page
     *
     * @return the pfn of the child's copy
     */
    public int copyPresentPage(int proc, int vpage, int child, int cvpage) {
        int s = slot(proc, vpage);
        requireRunnable(MigrateAction.COPY_PRESENT_PAGE, proc);
        int c = requireForkTarget("copy_present_page", proc, vpage, child, cvpage);
        if ((pte[s] & TYPE_MASK) != PTE_PRESENT) {
            throw new StepRefusedException("copy_present_page", "process " + proc + " vpage " + vpage
                    + " is not present");
        }
        int f = pte[s] >>> 2;
        if ((flags[f] & PG_ANON_EXCLUSIVE) == 0 || pinCount[f] == 0) {
            throw new StepRefusedException("copy_present_page", "page 0x" + Integer.toHexString(pfn(f))
                    + " is not a pinned exclusive page: it is shared, not copied");
        }
        int newPfn = allocUserPage();
        if (newPfn < 0) {
            throw new StepRefusedException("copy_present_page", "no free page in the zone (-ENOMEM)");
        }
        int g = idx(newPfn);
        copyUserHighpage(g, f);
        refcount[g] = 1;
        mapcount[g] = 1;
        flags[g] |= PG_ANON_EXCLUSIVE;
        setPte(c, g, PTE_PRESENT);
        rmapAdd(g, c);
        written[c] = written[s];
        userOps++;
        sink.step(MigrateAction.COPY_PRESENT_PAGE, proc, vpage, child, cvpage);
        return newPfn;
    }

    /**
     * copyNonpresentPte() - fork a migration entry: the child gets one too, and an exclusive entry becomes a
     * readable one in both, since the page is now shared.
     * Kernel: copy_nonpresent_pte() in mm/memory.c
     * Spec: CopyNonpresentPte(proc, vpage, child, cvpage)
     * Trace: copy_nonpresent_pte
     */
    public void copyNonpresentPte(int proc, int vpage, int child, int cvpage) {
        int s = slot(proc, vpage);
        requireRunnable(MigrateAction.COPY_NONPRESENT_PTE, proc);
        int c = requireForkTarget("copy_nonpresent_pte", proc, vpage, child, cvpage);
        int type = pte[s] & TYPE_MASK;
        if (type != PTE_MIGRATION && type != PTE_MIGRATION_EXCL) {
            throw new StepRefusedException("copy_nonpresent_pte", "process " + proc + " vpage " + vpage
                    + " is not a migration entry");
        }
        int f = pte[s] >>> 2;
        setPte(s, f, PTE_MIGRATION);
        setPte(c, f, PTE_MIGRATION);
        anonVmaForkLink(f, c);
        written[c] = written[s];
        userOps++;
        sink.step(MigrateAction.COPY_NONPRESENT_PTE, proc, vpage, child, cvpage);
    }

    // ---------------------------------------------------------------------------------------------- unmap

    /**
     * zapPteRange() - unmap one PTE: a present one drops its mapcount and reference, and the last reference frees
     * the page; a migration entry is just cleared.
     * Kernel: zap_pte_range() in mm/memory.c (page_remove_rmap, tlb_remove_page)
     * Spec: ZapPteRange(proc, vpage)
     * Trace: zap_pte_range
     */
    public void zapPteRange(int proc, int vpage) {
        int s = slot(proc, vpage);
        requireRunnable(MigrateAction.ZAP_PTE_RANGE, proc);
        int type = pte[s] & TYPE_MASK;
        if (type == PTE_NONE) {
            throw new StepRefusedException("zap_pte_range", "process " + proc + " vpage " + vpage + " is not mapped");
        }
        int f = pte[s] >>> 2;
        pte[s] = PTE_NONE;
        rmapRemove(f, s);
        written[s] = NO_CONTENT;
        if (type == PTE_PRESENT) {
            zapPresentPage(f);
        }
        userOps++;
        sink.step(MigrateAction.ZAP_PTE_RANGE, proc, vpage, 0, 0);
    }

    // ---------------------------------------------------------------------------------------------- GUP

    /**
     * pinUserPages() - FOLL_PIN | FOLL_LONGTERM pin of the page a present PTE maps; the pin holds a reference.
     * Kernel: pin_user_pages() in mm/gup.c (try_grab_page with FOLL_PIN)
     * Spec: PinUserPages(proc, vpage)
     * Trace: pin_user_pages
     *
     * @return the pinned pfn
     * @throws MigrationEntryWaitException on a migration entry (follow_page_pte waits)
     * @throws StepRefusedException if the PTE is none or the page is not exclusive (GUP would unshare it first)
     */
    public int pinUserPages(int proc, int vpage) {
        int s = slot(proc, vpage);
        requireRunnable(MigrateAction.PIN_USER_PAGES, proc);
        requirePresent("pin_user_pages", proc, vpage, s);
        int f = pte[s] >>> 2;
        if (gupMustUnshare(f)) {
            throw new StepRefusedException("pin_user_pages", "page 0x" + Integer.toHexString(pfn(f))
                    + " is not PageAnonExclusive: GUP must unshare it first");
        }
        if (nrPins >= maxPins) {
            throw new StepRefusedException("pin_user_pages", "the system already holds " + nrPins
                    + " pins, the model's bound");
        }
        nrPins++;
        pinCount[f]++;
        refcount[f]++;
        sink.step(MigrateAction.PIN_USER_PAGES, proc, vpage, 0, 0);
        return pfn(f);
    }

    /**
     * unpinUserPage() - drop one pin and its reference, which may be the page's last.
     * Kernel: unpin_user_page() in mm/gup.c
     * Spec: UnpinUserPage(pfn)
     * Trace: unpin_user_page
     */
    public void unpinUserPage(int pfn) {
        if (!zone.geometry().contains(pfn) || pinCount[idx(pfn)] == 0) {
            throw new StepRefusedException("unpin_user_page", "page 0x" + Integer.toHexString(pfn) + " is not pinned");
        }
        pinCount[idx(pfn)]--;
        nrPins--;
        putPage(pfn);
        sink.step(MigrateAction.UNPIN_USER_PAGE, pfn, 0, 0, 0);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /**
     * allocUserPage() - an order-0 movable page from the buddy allocator, or -1.
     * Kernel: alloc_page(GFP_HIGHUSER_MOVABLE) down to __rmqueue()
     * Spec: AllocUserPage
     */
    protected int allocUserPage() {
        return pageAlloc.rmqueue(0, MigrateType.MIGRATE_MOVABLE, anonOwner);
    }

    /**
     * allocMigrationTarget() - the default destination allocator of migrate_pages(): a new movable page with one
     * reference, or -1.
     * Kernel: alloc_migration_target() in mm/migrate.c
     * Spec: the AllocUserPage branch of UnmapAndMove(pfn)
     * Trace: none of its own (reported as unmap_and_move; the allocation as mm_page_alloc_zone_locked)
     */
    public int allocMigrationTarget(int srcPfn) {
        int pfn = allocUserPage();
        if (pfn >= 0) {
            refcount[idx(pfn)] = 1;
        }
        return pfn;
    }

    /**
     * putPage() - drop one reference; the last frees the page to the buddy allocator.
     * Kernel: put_page() / folio_put() in include/linux/mm.h, free_unref_page() down to __free_one_page()
     * Spec: PutPage(f)
     * Trace: none of its own (part of the step that drops the reference; the free as free_one_page)
     */
    public void putPage(int pfn) {
        int f = idx(pfn);
        if (--refcount[f] == 0) {
            freePagesPrepare(f);
            pageAlloc.freeOnePage(pfn, 0);
        }
    }

    /** folio_get(): one more reference. */
    void folioGet(int f) {
        refcount[f]++;
    }

    /**
     * freePagesPrepare() - a freed page carries no page state.
     * Kernel: free_pages_prepare() in mm/page_alloc.c (clears PG_anon_exclusive and the other flags)
     */
    protected void freePagesPrepare(int f) {
        flags[f] = 0;
    }

    /**
     * pageTryDupAnonRmap() - may fork share this page? Not if it is exclusive and maybe pinned.
     * Kernel: page_try_dup_anon_rmap() in include/linux/rmap.h
     */
    protected boolean pageTryDupAnonRmap(int f) {
        return !((flags[f] & PG_ANON_EXCLUSIVE) != 0 && pinCount[f] > 0);
    }

    /**
     * pageDupAnonRmap() - the child's mapping counts and holds a reference, and the page is no longer exclusive:
     * both PTEs are write-protected, so the next write to either copies.
     * Kernel: get_page() and page_try_dup_anon_rmap() / page_dup_file_rmap() in copy_present_pte()
     */
    protected void pageDupAnonRmap(int f) {
        refcount[f]++;
        mapcount[f]++;
        flags[f] &= ~PG_ANON_EXCLUSIVE;
    }

    /**
     * zapPresentPage() - the unmapped page loses that mapping's mapcount and reference.
     * Kernel: page_remove_rmap() and tlb_remove_page() (a deferred put_page()) in zap_pte_range()
     */
    protected void zapPresentPage(int f) {
        mapcount[f]--;
        putPage(pfn(f));
    }

    /**
     * anonVmaForkLink() - make the child's PTE reachable from the page's reverse map.
     * Kernel: anon_vma_fork() in mm/rmap.c (the child's VMA joins the parent's anon_vma)
     */
    protected void anonVmaForkLink(int f, int childSlot) {
        rmapAdd(f, childSlot);
    }

    /**
     * gupMustUnshare() - a pin of a page that is not exclusive would see a page the process may stop mapping on
     * its next write; GUP unshares first.
     * Kernel: gup_must_unshare() in include/linux/mm.h
     */
    protected boolean gupMustUnshare(int f) {
        return (flags[f] & PG_ANON_EXCLUSIVE) == 0;
    }

    /**
     * clearUserHighpage() - zero a new user page.
     * Kernel: clear_user_highpage() in include/linux/highmem.h
     */
    protected void clearUserHighpage(int pfn) {
        content[idx(pfn)] = ZERO_CONTENT;
    }

    /**
     * copyUserHighpage() - copy a page's data.
     * Kernel: copy_user_highpage() in include/linux/highmem.h (wp_page_copy, copy_present_page)
     */
    protected void copyUserHighpage(int dstFrame, int srcFrame) {
        content[dstFrame] = content[srcFrame];
    }

    void setPte(int s, int f, int type) {
        pte[s] = (f << 2) | type;
    }

    /** Links slot s at the head of frame f's reverse map. */
    void rmapAdd(int f, int s) {
        int h = rmapHead[f];
        rmapNext[s] = h;
        rmapPrev[s] = -1;
        if (h >= 0) {
            rmapPrev[h] = s;
        }
        rmapHead[f] = s;
    }

    void rmapRemove(int f, int s) {
        int n = rmapNext[s];
        int p = rmapPrev[s];
        if (p >= 0) {
            rmapNext[p] = n;
        } else {
            rmapHead[f] = n;
        }
        if (n >= 0) {
            rmapPrev[n] = p;
        }
        rmapNext[s] = -1;
        rmapPrev[s] = -1;
    }

    /** Rmap.tla's Runnable(p): a process asleep in migration_entry_wait() takes no step. */
    private void requireRunnable(MigrateAction action, int proc) {
        if (waitVpage[proc] != NO_VPAGE) {
            throw new StepRefusedException(action.traceName(), "process " + proc
                    + " sleeps in migration_entry_wait() on vpage " + waitVpage[proc]);
        }
    }

    /**
     * folioWakeBit() - the unlock of a page under migration wakes the processes sleeping on its migration
     * entries; a woken process retries its access, which now finds a present PTE. Sleepers whose entry is still
     * there (none, with one migration at a time) sleep on.
     * Kernel: folio_wake_bit() from folio_unlock() in mm/filemap.c
     * Spec: FolioWakeBit
     */
    void folioWakeBit() {
        for (int p = 0; p < nrProcs; p++) {
            int v = waitVpage[p];
            if (v != NO_VPAGE) {
                int type = pte[p * nrVpages + v] & TYPE_MASK;
                if (type != PTE_MIGRATION && type != PTE_MIGRATION_EXCL) {
                    waitVpage[p] = NO_VPAGE;
                }
            }
        }
    }

    private void requirePresent(String function, int proc, int vpage, int s) {
        int type = pte[s] & TYPE_MASK;
        if (type == PTE_PRESENT) {
            return;
        }
        if (type == PTE_NONE) {
            throw new StepRefusedException(function, "process " + proc + " vpage " + vpage + " is not mapped");
        }
        waitVpage[proc] = vpage;
        sink.step(MigrateAction.MIGRATION_ENTRY_WAIT, proc, vpage, 0, 0);
        throw new MigrationEntryWaitException(proc, vpage, pfn(pte[s] >>> 2));
    }

    private void requireWriteProtected(String function, int proc, int vpage, int s) {
        requirePresent(function, proc, vpage, s);
        if ((flags[pte[s] >>> 2] & PG_ANON_EXCLUSIVE) != 0) {
            throw new StepRefusedException(function, "process " + proc + " vpage " + vpage
                    + " maps an exclusive page: it is writable, no fault");
        }
    }

    private int requireForkTarget(String function, int proc, int vpage, int child, int cvpage) {
        slot(proc, vpage);
        int c = slot(child, cvpage);
        if (proc == child) {
            throw new StepRefusedException(function, "the child must be another process than " + proc);
        }
        if (pte[c] != PTE_NONE) {
            throw new StepRefusedException(function, "child " + child + " vpage " + cvpage + " is mapped");
        }
        return c;
    }

    /** The slot of (proc, vpage). */
    public int slot(int proc, int vpage) {
        if (proc < 0 || proc >= nrProcs || vpage < 0 || vpage >= nrVpages) {
            throw new StepRefusedException("handle_mm_fault", "no process " + proc + " vpage " + vpage + " (processes 0.."
                    + (nrProcs - 1) + ", vpages 0.." + (nrVpages - 1) + ")");
        }
        return proc * nrVpages + vpage;
    }

    int slotPfn(int s) {
        return (pte[s] & TYPE_MASK) == PTE_NONE ? NO_PFN : pfn(pte[s] >>> 2);
    }

    int idx(int pfn) {
        return pfn - base;
    }

    int pfn(int f) {
        return f + base;
    }
}
