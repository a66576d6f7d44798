package mmcheck.mm.migrate;

import mmcheck.mm.buddy.PageAlloc;

/**
 * AnonRmap - the reverse map of anonymous pages: linking and unlinking a PTE, the duplication fork makes and the
 * removal unmap makes.
 * Kernel: mm/rmap.c (page_add_anon_rmap, page_dup_anon_rmap, page_try_dup_anon_rmap, page_remove_rmap,
 * anon_vma_fork)
 * Spec: the rmap, mapcount and anonExclusive updates of spec/Rmap.tla
 */
public abstract class AnonRmap extends PageFrames {

    protected AnonRmap(PageAlloc pageAlloc, int nrProcs, int nrVpages) {
        super(pageAlloc, nrProcs, nrVpages);
    }

    protected AnonRmap(PageAlloc pageAlloc, int nrProcs, int nrVpages, int anonOwner) {
        super(pageAlloc, nrProcs, nrVpages, anonOwner);
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
}
