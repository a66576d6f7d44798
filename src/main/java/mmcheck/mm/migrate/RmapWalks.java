package mmcheck.mm.migrate;

import mmcheck.event.MigrateAction;
import mmcheck.mm.StepRefusedException;

/**
 * RmapWalks - the reverse-map walks of migration: try_to_migrate() turns every PTE of the source into a migration
 * entry, remove_migration_ptes() turns them back into PTEs of the destination or, after a failure, of the source.
 * Kernel: try_to_migrate(), try_to_migrate_one() in mm/rmap.c; remove_migration_ptes(), remove_migration_pte() in
 * mm/migrate.c
 * Spec: TryToMigrateOne(proc, vpage), RemoveMigrationPte(proc, vpage) of spec/Migrate.tla
 */
public abstract class RmapWalks extends MigrationState {

    protected RmapWalks(AddressSpaces as) {
        super(as);
    }

    /**
     * tryToMigrate() - the rmap walk: every PTE that maps the locked source becomes a migration entry; the walk
     * stops early at a possibly pinned exclusive page, leaving it mapped.
     * Kernel: try_to_migrate() in mm/rmap.c (rmap_walk with try_to_migrate_one)
     * Spec: TryToMigrateOne(proc, vpage), once per PTE
     * Trace: try_to_migrate_one, once per PTE visited
     */
    void tryToMigrate(int src) {
        int f = as.idx(src);
        int present = (f << 2) | AddressSpaces.PTE_PRESENT;
        for (int s = as.rmapHead[f]; s >= 0 && migStep == MigStep.TRY_TO_MIGRATE; s = as.rmapNext[s]) {
            if (as.pte[s] == present) {
                betweenSteps();
                tryToMigrateOne(s / as.nrVpages, s % as.nrVpages);
            }
        }
    }

    /**
     * tryToMigrateOne() - one PTE the reverse map reaches that still maps the source becomes a migration entry;
     * page_try_share_anon_rmap() refuses a maybe-pinned exclusive page, which ends the walk with the page mapped.
     * Kernel: try_to_migrate_one() in mm/rmap.c
     * Spec: TryToMigrateOne(proc, vpage)
     * Trace: try_to_migrate_one
     */
    public void tryToMigrateOne(int proc, int vpage) {
        requireStep(MigStep.TRY_TO_MIGRATE, "try_to_migrate_one");
        int s = as.slot(proc, vpage);
        int f = as.idx(migSrc);
        if (as.pte[s] != ((f << 2) | AddressSpaces.PTE_PRESENT)) {
            throw new StepRefusedException("try_to_migrate_one", "process " + proc + " vpage " + vpage
                    + " does not map pfn 0x" + Integer.toHexString(migSrc));
        }
        if (!tryToMigrateOnePte(f, s)) {
            migStep = MigStep.MOVE_TO_NEW_FOLIO;
        } else {
            afterTryToMigrateOne();
        }
        as.sink.step(MigrateAction.TRY_TO_MIGRATE_ONE, proc, vpage, 0, 0);
    }

    /**
     * afterTryToMigrateOne() - the walk goes on to the next VMA of the anon_vma.
     * Kernel: rmap_walk_anon() continuing after try_to_migrate_one() returned true
     * Spec: AfterTryToMigrateOne
     */
    protected void afterTryToMigrateOne() {
    }

    /**
     * tryToMigrateOnePte() - the PTE becomes a migration entry that remembers exclusivity; the page loses that
     * mapping's mapcount and reference.
     * Kernel: the body of try_to_migrate_one() for one PTE (page_try_share_anon_rmap, make_*_migration_entry,
     * page_remove_rmap, folio_put)
     *
     * @return false to stop the walk: the page is exclusive and maybe pinned
     */
    protected boolean tryToMigrateOnePte(int f, int slot) {
        boolean anonExclusive = (as.flags[f] & AddressSpaces.PG_ANON_EXCLUSIVE) != 0;
        if (anonExclusive && as.pinCount[f] > 0) {
            return false;
        }
        as.setPte(slot, f, anonExclusive ? AddressSpaces.PTE_MIGRATION_EXCL : AddressSpaces.PTE_MIGRATION);
        as.flags[f] &= ~AddressSpaces.PG_ANON_EXCLUSIVE;
        as.mapcount[f]--;
        as.refcount[f]--;
        return true;
    }

    /** TryToMigrateDone: no PTE the reverse map reaches still maps the source. */
    boolean tryToMigrateDone() {
        int f = as.idx(migSrc);
        int present = (f << 2) | AddressSpaces.PTE_PRESENT;
        for (int s = as.rmapHead[f]; s >= 0; s = as.rmapNext[s]) {
            if (as.pte[s] == present) {
                return false;
            }
        }
        return true;
    }

    /**
     * removeMigrationPtes() - the rmap walk that turns every migration entry for src into a present PTE of the
     * destination (after a successful move) or of src again (after a failure).
     * Kernel: remove_migration_ptes(src, rc == MIGRATEPAGE_SUCCESS ? dst : src) in __unmap_and_move()
     * Spec: RemoveMigrationPte(proc, vpage), once per entry
     * Trace: remove_migration_pte, once per entry
     */
    void removeMigrationPtes(int src) {
        int f = as.idx(src);
        int s = as.rmapHead[f];
        while (s >= 0) {
            int next = as.rmapNext[s];
            if (isMigrationEntryFor(s, f)) {
                betweenSteps();
                removeMigrationPte(s / as.nrVpages, s % as.nrVpages);
            }
            s = next;
        }
    }

    boolean isMigrationEntryFor(int s, int f) {
        int type = as.pte[s] & AddressSpaces.TYPE_MASK;
        return (as.pte[s] >>> 2) == f && (type == AddressSpaces.PTE_MIGRATION || type == AddressSpaces.PTE_MIGRATION_EXCL);
    }

    /**
     * removeMigrationPte() - one migration entry for the source that the reverse map reaches becomes a present PTE
     * of the destination on success, of the source otherwise.
     * Kernel: remove_migration_pte() in mm/migrate.c
     * Spec: RemoveMigrationPte(proc, vpage)
     * Trace: remove_migration_pte
     */
    public void removeMigrationPte(int proc, int vpage) {
        requireStep(MigStep.REMOVE_MIGRATION_PTES, "remove_migration_pte");
        int s = as.slot(proc, vpage);
        int f = as.idx(migSrc);
        if (!isMigrationEntryFor(s, f)) {
            throw new StepRefusedException("remove_migration_pte", "process " + proc + " vpage " + vpage
                    + " is not a migration entry for pfn 0x" + Integer.toHexString(migSrc));
        }
        int target = removeMigrationPteTarget(f);
        removeMigrationPte(f, target, s, (as.pte[s] & AddressSpaces.TYPE_MASK) == AddressSpaces.PTE_MIGRATION_EXCL);
        as.sink.step(MigrateAction.REMOVE_MIGRATION_PTE, proc, vpage, 0, 0);
    }

    /**
     * removeMigrationPteTarget() - the frame the entries become PTEs of again: dst after a successful move, src
     * after a failure (the undo).
     * Kernel: remove_migration_ptes(src, rc == MIGRATEPAGE_SUCCESS ? dst : src) in __unmap_and_move()
     * Spec: RemoveMigrationPteTarget
     */
    protected int removeMigrationPteTarget(int srcFrame) {
        return migRc == MIGRATEPAGE_SUCCESS ? as.idx(migDst) : srcFrame;
    }

    /**
     * removeMigrationPte() - the entry becomes a present PTE of the target with a mapcount and a reference,
     * exclusive again if the entry was (RMAP_EXCLUSIVE).
     * Kernel: the body of remove_migration_pte() for one PTE (folio_get, page_add_anon_rmap, set_pte_at)
     */
    protected void removeMigrationPte(int srcFrame, int target, int slot, boolean exclusive) {
        as.folioGet(target);
        as.mapcount[target]++;
        if (exclusive) {
            as.flags[target] |= AddressSpaces.PG_ANON_EXCLUSIVE;
        }
        as.setPte(slot, target, AddressSpaces.PTE_PRESENT);
        if (target != srcFrame) {
            as.rmapRemove(srcFrame, slot);
            as.rmapAdd(target, slot);
        }
    }

    /** RemoveMigrationPtesDone: no entry the reverse map reaches is still a migration entry for the source. */
    boolean removeMigrationPtesDone() {
        int f = as.idx(migSrc);
        for (int s = as.rmapHead[f]; s >= 0; s = as.rmapNext[s]) {
            if (isMigrationEntryFor(s, f)) {
                return false;
            }
        }
        return true;
    }
}
