package mmcheck.mm.migrate;

import mmcheck.event.MigrateAction;
import mmcheck.mm.StepRefusedException;
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
 * <p>The code follows the kernel's files, one class each, this class last: {@link PageFrames} (the state, its
 * readers and shared helpers), {@link AnonRmap} (mm/rmap.c), {@link Memory} (mm/memory.c), and here mm/gup.c.
 *
 * <p>Not thread-safe: the page table lock, the anon_vma lock and mmap_lock serialise these in the kernel.
 */
public class AddressSpaces extends Memory {

    public AddressSpaces(PageAlloc pageAlloc, int nrProcs, int nrVpages) {
        super(pageAlloc, nrProcs, nrVpages);
    }

    public AddressSpaces(PageAlloc pageAlloc, int nrProcs, int nrVpages, int anonOwner) {
        super(pageAlloc, nrProcs, nrVpages, anonOwner);
    }

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

    /**
     * gupMustUnshare() - a pin of a page that is not exclusive would see a page the process may stop mapping on
     * its next write; GUP unshares first.
     * Kernel: gup_must_unshare() in include/linux/mm.h
     */
    protected boolean gupMustUnshare(int f) {
        return (flags[f] & PG_ANON_EXCLUSIVE) == 0;
    }
}
