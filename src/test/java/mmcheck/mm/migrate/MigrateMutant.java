package mmcheck.mm.migrate;

import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;

/**
 * MigrateMutant - the seeded-bug engines, one per invariant of spec/Rmap.tla and spec/Migrate.tla, each an
 * AddressSpaces or a Migrate with one helper overridden (production code has no bug flags).
 *
 * <p>{@link #caughtFirst()} says whether the mutant's invariant is the first one (in {@link MigrateInvariants#NAMES}
 * order) broken by the first bad state. It is not for four of them, by the spec's own structure:
 * ReadsOwnWritesInv is PteContentInv restricted to present PTEs, so whatever breaks it breaks PteContentInv too;
 * a migration entry outside migrate_pages() breaks MigrationEntryInv before NoMigrationEntryAfterMigratePagesInv;
 * a migration entry left where a PTE should be is also a mapcount the PTEs do not account for; and migrating a
 * page nobody isolated takes away references nobody gave, which PageRefsInv sees first.
 */
public enum MigrateMutant {
    ZAP_DROPS_EVERY_REFERENCE(MigrateInvariants.NO_PTE_TO_FREE_FRAME_INV, true,
            (z, p, v) -> new Migrate(new ZapDropsEveryReference(new PageAlloc(z), p, v))),
    FORK_SKIPS_ANON_VMA(MigrateInvariants.RMAP_INV, true,
            (z, p, v) -> new Migrate(new ForkSkipsAnonVma(new PageAlloc(z), p, v))),
    UNMAP_KEEPS_MAPCOUNT(MigrateInvariants.MAPCOUNT_INV, true,
            (z, p, v) -> new UnmapKeepsMapcount(new AddressSpaces(new PageAlloc(z), p, v))),
    FORK_SKIPS_GET_PAGE(MigrateInvariants.PAGE_REFS_INV, true,
            (z, p, v) -> new Migrate(new ForkSkipsGetPage(new PageAlloc(z), p, v))),
    FREE_KEEPS_ANON_EXCLUSIVE(MigrateInvariants.FREE_PAGE_STATE_INV, true,
            (z, p, v) -> new Migrate(new FreeKeepsAnonExclusive(new PageAlloc(z), p, v))),
    FORK_KEEPS_ANON_EXCLUSIVE(MigrateInvariants.ANON_EXCLUSIVE_INV, true,
            (z, p, v) -> new Migrate(new ForkKeepsAnonExclusive(new PageAlloc(z), p, v))),
    PIN_WITHOUT_UNSHARE(MigrateInvariants.PINNED_EXCLUSIVE_INV, true,
            (z, p, v) -> new Migrate(new PinWithoutUnshare(new PageAlloc(z), p, v))),
    MIGRATION_SKIPS_COPY(MigrateInvariants.PTE_CONTENT_INV, true,
            (z, p, v) -> new MigrationSkipsCopy(new AddressSpaces(new PageAlloc(z), p, v))),
    FAULT_SKIPS_ZEROING(MigrateInvariants.READS_OWN_WRITES_INV, false,
            (z, p, v) -> new Migrate(new FaultSkipsZeroing(new PageAlloc(z), p, v))),
    ISOLATION_TAKES_NO_REFERENCE(MigrateInvariants.REFCOUNT_INV, true,
            (z, p, v) -> new IsolationTakesNoReference(new AddressSpaces(new PageAlloc(z), p, v))),
    MIGRATE_LIST_UNCHECKED(MigrateInvariants.MIGRATE_LIST_INV, false,
            (z, p, v) -> new MigrateListUnchecked(new AddressSpaces(new PageAlloc(z), p, v))),
    REMOVE_MIGRATION_PTE_KEEPS_ENTRY(MigrateInvariants.MIGRATION_ENTRY_INV, false,
            (z, p, v) -> new RemoveMigrationPteKeepsEntry(new AddressSpaces(new PageAlloc(z), p, v))),
    REMOVE_SKIPS_SHARED_ENTRIES(MigrateInvariants.NO_MIGRATION_ENTRY_AFTER_MIGRATE_PAGES_INV, false,
            (z, p, v) -> new RemoveSkipsSharedEntries(new AddressSpaces(new PageAlloc(z), p, v))),
    MAPPING_IGNORES_PINS(MigrateInvariants.PINNED_PAGE_NEVER_MIGRATED_INV, true,
            (z, p, v) -> new MappingIgnoresPins(new AddressSpaces(new PageAlloc(z), p, v))),
    UNDO_RESTORES_TO_DST(MigrateInvariants.DST_UNMAPPED_UNTIL_COPIED_INV, false,
            (z, p, v) -> new UndoRestoresToDst(new AddressSpaces(new PageAlloc(z), p, v))),
    RETRY_NOT_COUNTED(MigrateInvariants.MIGRATE_STATS_INV, true,
            (z, p, v) -> new RetryNotCounted(new AddressSpaces(new PageAlloc(z), p, v))),
    ASYNC_SLEEPS_ON_LOCK(MigrateInvariants.MIGRATE_MODE_WAIT_INV, true,
            (z, p, v) -> new AsyncSleepsOnLock(new AddressSpaces(new PageAlloc(z), p, v))),
    TRYLOCK_IGNORES_HOLDER(MigrateInvariants.FOLIO_LOCK_INV, true,
            (z, p, v) -> new TrylockIgnoresHolder(new AddressSpaces(new PageAlloc(z), p, v)));

    private final String invariant;
    private final boolean caughtFirst;
    private final MigrateMachine.Engine engine;

    MigrateMutant(String invariant, boolean caughtFirst, MigrateMachine.Engine engine) {
        this.invariant = invariant;
        this.caughtFirst = caughtFirst;
        this.engine = engine;
    }

    /** The invariant this bug is seeded for. */
    public String invariant() {
        return invariant;
    }

    /** Whether {@link #invariant()} is the first invariant the first bad state breaks. */
    public boolean caughtFirst() {
        return caughtFirst;
    }

    MigrateMachine.Engine engine() {
        return engine;
    }

    /** A Migrate with this bug over a zone. */
    public Migrate newMigrate(Zone zone, int nrProcs, int nrVpages) {
        return engine.build(zone, nrProcs, nrVpages);
    }

    // ---------------------------------------------------------------------------------------------- the bugs

    /** zap_pte_range() drops every reference of a shared page, not its own: the other PTE maps a free frame. */
    static class ZapDropsEveryReference extends AddressSpaces {
        ZapDropsEveryReference(PageAlloc pa, int p, int v) {
            super(pa, p, v);
        }

        @Override
        protected void zapPresentPage(int f) {
            mapcount[f]--;
            refcount[f] = 1;
            putPage(pfn(f));
        }
    }

    /** Fork does not link the child into the anon_vma: rmap walks miss the child's PTE. */
    static class ForkSkipsAnonVma extends AddressSpaces {
        ForkSkipsAnonVma(PageAlloc pa, int p, int v) {
            super(pa, p, v);
        }

        @Override
        protected void anonVmaForkLink(int f, int childSlot) {
        }
    }

    /** try_to_migrate_one() forgets page_remove_rmap(). */
    static class UnmapKeepsMapcount extends Migrate {
        UnmapKeepsMapcount(AddressSpaces as) {
            super(as);
        }

        @Override
        protected boolean tryToMigrateOnePte(int f, int slot) {
            boolean done = super.tryToMigrateOnePte(f, slot);
            if (done) {
                as.mapcount[f]++;
            }
            return done;
        }
    }

    /** copy_present_pte() forgets get_page() for the child's mapping. */
    static class ForkSkipsGetPage extends AddressSpaces {
        ForkSkipsGetPage(PageAlloc pa, int p, int v) {
            super(pa, p, v);
        }

        @Override
        protected void pageDupAnonRmap(int f) {
            super.pageDupAnonRmap(f);
            refcount[f]--;
        }
    }

    /** free_pages_prepare() leaves PG_anon_exclusive set. */
    static class FreeKeepsAnonExclusive extends AddressSpaces {
        FreeKeepsAnonExclusive(PageAlloc pa, int p, int v) {
            super(pa, p, v);
        }

        @Override
        protected void freePagesPrepare(int f) {
            flags[f] &= PG_ANON_EXCLUSIVE;
        }
    }

    /** Fork shares the page but leaves it PageAnonExclusive, so a write through either PTE skips the copy. */
    static class ForkKeepsAnonExclusive extends AddressSpaces {
        ForkKeepsAnonExclusive(PageAlloc pa, int p, int v) {
            super(pa, p, v);
        }

        @Override
        protected void pageDupAnonRmap(int f) {
            byte was = (byte) (flags[f] & PG_ANON_EXCLUSIVE);
            super.pageDupAnonRmap(f);
            flags[f] |= was;
        }
    }

    /** GUP pins a shared page without unsharing it first. */
    static class PinWithoutUnshare extends AddressSpaces {
        PinWithoutUnshare(PageAlloc pa, int p, int v) {
            super(pa, p, v);
        }

        @Override
        protected boolean gupMustUnshare(int f) {
            return false;
        }
    }

    /** folio_migrate_copy() forgets folio_copy(): the destination keeps its old data. */
    static class MigrationSkipsCopy extends Migrate {
        MigrationSkipsCopy(AddressSpaces as) {
            super(as);
        }

        @Override
        protected void folioCopy(int dstFrame, int srcFrame) {
        }
    }

    /** do_anonymous_page() forgets clear_user_highpage(): a reused frame shows its previous owner's data. */
    static class FaultSkipsZeroing extends AddressSpaces {
        FaultSkipsZeroing(PageAlloc pa, int p, int v) {
            super(pa, p, v);
        }

        @Override
        protected void clearUserHighpage(int pfn) {
        }
    }

    /** folio_isolate_lru() takes the page off the LRU without a reference. */
    static class IsolationTakesNoReference extends Migrate {
        IsolationTakesNoReference(AddressSpaces as) {
            super(as);
        }

        @Override
        protected void isolateLruReference(int f) {
        }
    }

    /** migrate_pages() trusts a list holding a page nobody isolated. */
    static class MigrateListUnchecked extends Migrate {
        MigrateListUnchecked(AddressSpaces as) {
            super(as);
        }

        @Override
        protected void checkMigrateList(PageList from) {
        }
    }

    /** remove_migration_pte() accounts the new mapping but leaves a migration entry in the PTE. */
    static class RemoveMigrationPteKeepsEntry extends Migrate {
        RemoveMigrationPteKeepsEntry(AddressSpaces as) {
            super(as);
        }

        @Override
        protected void removeMigrationPte(int srcFrame, int target, int slot, boolean exclusive) {
            super.removeMigrationPte(srcFrame, target, slot, exclusive);
            as.setPte(slot, target, exclusive ? AddressSpaces.PTE_MIGRATION_EXCL : AddressSpaces.PTE_MIGRATION);
        }
    }

    /** remove_migration_ptes() after a successful move restores only exclusive entries. */
    static class RemoveSkipsSharedEntries extends Migrate {
        RemoveSkipsSharedEntries(AddressSpaces as) {
            super(as);
        }

        @Override
        protected void removeMigrationPte(int srcFrame, int target, int slot, boolean exclusive) {
            if (exclusive || target == srcFrame) {
                super.removeMigrationPte(srcFrame, target, slot, exclusive);
            }
        }
    }

    /** folio_migrate_mapping() skips the expected-refcount test, so a pin's reference does not stop the move. */
    static class MappingIgnoresPins extends Migrate {
        MappingIgnoresPins(AddressSpaces as) {
            super(as);
        }

        @Override
        protected int folioMigrateMapping(int dstFrame, int srcFrame) {
            return MIGRATEPAGE_SUCCESS;
        }
    }

    /** remove_migration_ptes(src, dst) after a failed move: the process maps a page that holds no copy. */
    static class UndoRestoresToDst extends Migrate {
        UndoRestoresToDst(AddressSpaces as) {
            super(as);
        }

        @Override
        protected int removeMigrationPteTarget(int srcFrame) {
            return as.idx(migrationDestination());
        }
    }

    /** -EAGAIN bumps retry but not nr_retry_pages, so pgmigrate_fail misses the pages still retrying. */
    static class RetryNotCounted extends Migrate {
        RetryNotCounted(AddressSpaces as) {
            super(as);
        }

        @Override
        protected void countResult(int rc) {
            super.countResult(rc);
            if (rc == EAGAIN) {
                nrRetryPages--;
            }
        }
    }

    /** __unmap_and_move() sleeps on a contended lock in every mode and pass. */
    static class AsyncSleepsOnLock extends Migrate {
        AsyncSleepsOnLock(AddressSpaces as) {
            super(as);
        }

        @Override
        protected boolean folioLockMaySleep(boolean force, MigrateMode mode) {
            return true;
        }
    }

    /** folio_trylock() succeeds although another path holds the lock. */
    static class TrylockIgnoresHolder extends Migrate {
        TrylockIgnoresHolder(AddressSpaces as) {
            super(as);
        }

        @Override
        protected boolean folioTrylock(int f) {
            as.flags[f] |= AddressSpaces.PG_MIGRATION_LOCKED;
            return true;
        }
    }
}
