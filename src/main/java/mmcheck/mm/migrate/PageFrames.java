package mmcheck.mm.migrate;

import java.util.Arrays;

import mmcheck.event.MigrateAction;
import mmcheck.event.MigrateEventSink;
import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.buddy.Watermarks;

/**
 * PageFrames - the page-table and per-page state of {@link AddressSpaces} (PTEs, reverse maps, mapcount, refcount,
 * pins, flags, contents) as primitive arrays, its readers, and the helpers every path shares: allocation and
 * freeing through the buddy allocator, references, PTE writes, the wake-up of migration-entry sleepers.
 * Kernel: struct page and the page tables; folio_get()/put_page() in include/linux/mm.h
 * Spec: the variables of spec/Rmap.tla
 */
public abstract class PageFrames {

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
    protected PageFrames(PageAlloc pageAlloc, int nrProcs, int nrVpages) {
        this(pageAlloc, nrProcs, nrVpages, ANON_OWNER);
    }

    protected PageFrames(PageAlloc pageAlloc, int nrProcs, int nrVpages, int anonOwner) {
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

    /**
     * allocUserPage() - an order-0 movable page from the buddy allocator, or -1 (also when the zone is below its
     * low watermark: the fast path's zone_watermark_fast() refuses before rmqueue()).
     * Kernel: alloc_page(GFP_HIGHUSER_MOVABLE): __alloc_pages()'s get_page_from_freelist() at ALLOC_WMARK_LOW
     * Spec: CanAllocUserPage, AllocUserPage
     */
    protected int allocUserPage() {
        return pageAlloc.getPageFromFreelist(0, MigrateType.MIGRATE_MOVABLE, anonOwner, Watermarks.ALLOC_WMARK_LOW);
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

    /** Rmap.tla's Runnable(p): a process asleep in migration_entry_wait() takes no step. */
    void requireRunnable(MigrateAction action, int proc) {
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

    void requirePresent(String function, int proc, int vpage, int s) {
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

    void requireWriteProtected(String function, int proc, int vpage, int s) {
        requirePresent(function, proc, vpage, s);
        if ((flags[pte[s] >>> 2] & PG_ANON_EXCLUSIVE) != 0) {
            throw new StepRefusedException(function, "process " + proc + " vpage " + vpage
                    + " maps an exclusive page: it is writable, no fault");
        }
    }

    int requireForkTarget(String function, int proc, int vpage, int child, int cvpage) {
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
