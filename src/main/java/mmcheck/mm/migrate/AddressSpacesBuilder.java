package mmcheck.mm.migrate;

/**
 * AddressSpacesBuilder - puts fresh {@link AddressSpaces} into a given state of spec/Rmap.tla: PTEs, reverse maps,
 * per-page state, the written ghost, sleepers and the parity of user operations. The conformance layer uses it to
 * build an engine for each reachable state of a model ({@link MigrateBuilder} for migration, the compaction
 * binding's concretization for compaction's page tables).
 *
 * <p>It writes what it is told and checks nothing: the zone (free lists, allocations) is the engine's own, built
 * before, and the caller supplies a consistent state.
 */
public final class AddressSpacesBuilder {
    private final AddressSpaces as;

    /** Starts from address spaces that have taken no step; their zone must already hold the state's allocations. */
    public AddressSpacesBuilder(AddressSpaces as) {
        this.as = as;
    }

    /** pte[proc][vpage]: PTE_NONE, PTE_PRESENT, PTE_MIGRATION or PTE_MIGRATION_EXCL naming pfn. */
    public AddressSpacesBuilder pte(int proc, int vpage, int type, int pfn) {
        int s = as.slot(proc, vpage);
        as.pte[s] = type == AddressSpaces.PTE_NONE ? AddressSpaces.PTE_NONE : (as.idx(pfn) << 2) | type;
        return this;
    }

    /** The reverse map of a frame, in walk order: slots are proc * nrVpages + vpage. */
    public AddressSpacesBuilder rmap(int pfn, int[] slots) {
        int f = as.idx(pfn);
        for (int i = slots.length - 1; i >= 0; i--) {
            as.rmapAdd(f, slots[i]);
        }
        return this;
    }

    /** The per-page state of a frame. */
    public AddressSpacesBuilder frame(int pfn, int mapcount, int refcount, int pinCount, boolean anonExclusive,
            int content, boolean locked, boolean writeback) {
        int f = as.idx(pfn);
        as.mapcount[f] = mapcount;
        as.refcount[f] = refcount;
        as.pinCount[f] = pinCount;
        as.nrPins += pinCount;
        as.content[f] = content;
        byte fl = 0;
        fl |= anonExclusive ? AddressSpaces.PG_ANON_EXCLUSIVE : 0;
        fl |= locked ? AddressSpaces.PG_LOCKED : 0;
        fl |= writeback ? AddressSpaces.PG_WRITEBACK : 0;
        as.flags[f] = fl;
        return this;
    }

    /** The frame is off the LRU on a migration list, holding the isolation reference its refcount counts. */
    public AddressSpacesBuilder isolated(int pfn) {
        as.flags[as.idx(pfn)] |= AddressSpaces.PG_ISOLATED;
        return this;
    }

    /** The written ghost of a PTE slot. */
    public AddressSpacesBuilder written(int proc, int vpage, int val) {
        as.written[as.slot(proc, vpage)] = val;
        return this;
    }

    /** The vpage whose migration entry the process sleeps on, or NO_VPAGE. */
    public AddressSpacesBuilder waitVpage(int proc, int vpage) {
        as.waitVpage[proc] = vpage;
        return this;
    }

    /** The parity of the user operations so far. */
    public AddressSpacesBuilder opParity(int parity) {
        as.userOps = parity;
        return this;
    }

    public AddressSpaces build() {
        return as;
    }
}
