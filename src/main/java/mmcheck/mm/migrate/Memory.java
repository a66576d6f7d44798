package mmcheck.mm.migrate;

import mmcheck.event.MigrateAction;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.buddy.PageAlloc;

/**
 * Memory - faults, user accesses, copy-on-write, fork and unmap of anonymous pages.
 * Kernel: mm/memory.c (do_anonymous_page, do_wp_page, wp_page_reuse, wp_page_copy, copy_present_pte,
 * copy_present_page, copy_nonpresent_pte, zap_pte_range) and migration_entry_wait() of mm/migrate.c
 * Spec: DoAnonymousPage, UserRead, UserWrite, MigrationEntryWait, WpPageReuse, WpPageCopy, CopyPresentPte,
 * CopyPresentPage, CopyNonpresentPte, ZapPteRange of spec/Rmap.tla
 */
public abstract class Memory extends AnonRmap {

    protected Memory(PageAlloc pageAlloc, int nrProcs, int nrVpages) {
        super(pageAlloc, nrProcs, nrVpages);
    }

    protected Memory(PageAlloc pageAlloc, int nrProcs, int nrVpages, int anonOwner) {
        super(pageAlloc, nrProcs, nrVpages, anonOwner);
    }

    /**
     * doAnonymousPage() - a fault on pte_none() maps a new zeroed page, exclusive to this PTE.
     * Kernel: do_anonymous_page() in mm/memory.c (alloc_zeroed_user_highpage_movable, page_add_new_anon_rmap,
     * lru_cache_add_inactive_or_unevictable).
     * Spec: DoAnonymousPage(proc, vpage)
     * Trace: do_anonymous_page
     *
     * @return the pfn of the new page
     * @throws StepRefusedException if the PTE is not none, or the zone has no free page above its low watermark
     *                              (VM_FAULT_OOM: the slow path is not modelled)
     */
    public int doAnonymousPage(int proc, int vpage) {
        int s = slot(proc, vpage);
        requireRunnable(MigrateAction.DO_ANONYMOUS_PAGE, proc);
        if (pte[s] != PTE_NONE) {
            throw new StepRefusedException("do_anonymous_page", "process " + proc + " vpage " + vpage + " is mapped");
        }
        int pfn = allocUserPage();
        if (pfn < 0) {
            throw new StepRefusedException("do_anonymous_page", "no free page in the zone above its low watermark "
                    + "(VM_FAULT_OOM)");
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
}
