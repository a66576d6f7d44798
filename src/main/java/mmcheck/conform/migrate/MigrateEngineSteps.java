package mmcheck.conform.migrate;

import mmcheck.mm.migrate.AddressSpaces;
import mmcheck.mm.migrate.Migrate;
import mmcheck.mm.migrate.MigrateMode;
import mmcheck.mm.migrate.MigrateReason;
import mmcheck.mm.migrate.PageList;

/**
 * Runs one Rmap.tla or Migrate.tla action instance on an engine through its public step methods, which refuse
 * (StepRefusedException) when the spec would not enable the step. A user access to a migration entry answers with
 * MigrationEntryWait, as the engine's userRead() does; the caller sees that in the events.
 */
public final class MigrateEngineSteps {

    /** apply() - ask the engine for the step; it reports what it did to its sink. */
    public void apply(Migrate m, MigrateStep inst) {
        AddressSpaces as = m.addressSpaces();
        switch (inst.action()) {
            case DO_ANONYMOUS_PAGE -> as.doAnonymousPage(inst.arg(0), inst.arg(1));
            case USER_READ, MIGRATION_ENTRY_WAIT -> as.userRead(inst.arg(0), inst.arg(1));
            case USER_WRITE -> as.userWrite(inst.arg(0), inst.arg(1), inst.arg(2));
            case WP_PAGE_REUSE -> as.wpPageReuse(inst.arg(0), inst.arg(1), inst.arg(2));
            case WP_PAGE_COPY -> as.wpPageCopy(inst.arg(0), inst.arg(1), inst.arg(2));
            case COPY_PRESENT_PTE -> as.copyPresentPte(inst.arg(0), inst.arg(1), inst.arg(2), inst.arg(3));
            case COPY_PRESENT_PAGE -> as.copyPresentPage(inst.arg(0), inst.arg(1), inst.arg(2), inst.arg(3));
            case COPY_NONPRESENT_PTE -> as.copyNonpresentPte(inst.arg(0), inst.arg(1), inst.arg(2), inst.arg(3));
            case ZAP_PTE_RANGE -> as.zapPteRange(inst.arg(0), inst.arg(1));
            case PIN_USER_PAGES -> as.pinUserPages(inst.arg(0), inst.arg(1));
            case UNPIN_USER_PAGE -> as.unpinUserPage(inst.arg(0));
            case FOLIO_ISOLATE_LRU -> m.folioIsolateLru(inst.arg(0), new PageList());
            case MIGRATE_PAGES -> m.migratePagesStart(isolated(as), as::allocMigrationTarget, null,
                    MigrateMode.values()[inst.arg(0)], MigrateReason.MR_COMPACTION);
            case MIGRATE_PAGES_PASS -> m.migratePagesPass();
            case MIGRATE_PAGES_RETURN -> m.migratePagesReturn();
            case PUTBACK_MOVABLE_PAGES -> m.putbackMovablePages(PageList.of(inst.arg(0)));
            case UNMAP_AND_MOVE -> m.unmapAndMove(inst.arg(0));
            case FOLIO_TRYLOCK -> m.folioTrylock();
            case FOLIO_LOCK -> m.folioLock();
            case FOLIO_WAIT_WRITEBACK -> m.folioWaitWriteback();
            case TRY_TO_MIGRATE_ONE -> m.tryToMigrateOne(inst.arg(0), inst.arg(1));
            case MOVE_TO_NEW_FOLIO -> m.moveToNewFolio();
            case REMOVE_MIGRATION_PTE -> m.removeMigrationPte(inst.arg(0), inst.arg(1));
            case UNMAP_AND_MOVE_UNLOCK -> m.unmapAndMoveUnlock();
            case UNMAP_AND_MOVE_OUT -> m.unmapAndMoveOut();
            case LOCK_PAGE -> m.lockPage(inst.arg(0));
            case UNLOCK_PAGE -> m.unlockPage(inst.arg(0));
            case SET_PAGE_WRITEBACK -> m.setPageWriteback(inst.arg(0));
            case END_PAGE_WRITEBACK -> m.endPageWriteback(inst.arg(0));
            default -> throw new IllegalArgumentException("no engine step for " + inst.action());
        }
    }

    /** The caller's list: every isolated page, in pfn order. */
    static PageList isolated(AddressSpaces as) {
        PageList list = new PageList();
        int lo = as.zone().geometry().zoneStart();
        for (int pfn = lo; pfn < as.zone().geometry().zoneEnd(); pfn++) {
            if (as.isIsolated(pfn)) {
                list.add(pfn);
            }
        }
        return list;
    }
}
