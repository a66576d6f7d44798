package mmcheck.event;

import java.util.List;

/**
 * MigrateAction - every step of the page-table, reverse-map and migration engine (mmcheck.mm.migrate), in the four
 * spellings of one vocabulary: kernel function, TLA+ action of spec/Rmap.tla or spec/Migrate.tla, Java method and
 * trace name, with the parameter names in the TLA+ formal parameter order.
 *
 * <p>Kept apart from {@link MmAction}, whose constants are the actions of spec/Buddy.tla that the conformance layer
 * checks. Event arguments are ints in {@link #params()} order; {@link MigrateEventSink#step} passes them as a0..a3.
 * Parameters named {@code pfn} render in hex, {@code mode} as the MIGRATE_* name of its ordinal.
 */
public enum MigrateAction implements NamedStep {
    DO_ANONYMOUS_PAGE("do_anonymous_page", "DoAnonymousPage", "AddressSpaces", "doAnonymousPage", "do_anonymous_page",
            "proc", "vpage"),
    USER_READ("", "UserRead", "AddressSpaces", "userRead", "user_read", "proc", "vpage"),
    USER_WRITE("", "UserWrite", "AddressSpaces", "userWrite", "user_write", "proc", "vpage", "val"),
    MIGRATION_ENTRY_WAIT("migration_entry_wait", "MigrationEntryWait", "AddressSpaces", "userRead",
            "migration_entry_wait", "proc", "vpage"),
    WP_PAGE_REUSE("wp_page_reuse", "WpPageReuse", "AddressSpaces", "wpPageReuse", "wp_page_reuse", "proc", "vpage", "val"),
    WP_PAGE_COPY("wp_page_copy", "WpPageCopy", "AddressSpaces", "wpPageCopy", "wp_page_copy", "proc", "vpage", "val"),
    COPY_PRESENT_PTE("copy_present_pte", "CopyPresentPte", "AddressSpaces", "copyPresentPte", "copy_present_pte",
            "proc", "vpage", "child", "cvpage"),
    COPY_PRESENT_PAGE("copy_present_page", "CopyPresentPage", "AddressSpaces", "copyPresentPage", "copy_present_page",
            "proc", "vpage", "child", "cvpage"),
    COPY_NONPRESENT_PTE("copy_nonpresent_pte", "CopyNonpresentPte", "AddressSpaces", "copyNonpresentPte",
            "copy_nonpresent_pte", "proc", "vpage", "child", "cvpage"),
    ZAP_PTE_RANGE("zap_pte_range", "ZapPteRange", "AddressSpaces", "zapPteRange", "zap_pte_range", "proc", "vpage"),
    PIN_USER_PAGES("pin_user_pages", "PinUserPages", "AddressSpaces", "pinUserPages", "pin_user_pages", "proc", "vpage"),
    UNPIN_USER_PAGE("unpin_user_page", "UnpinUserPage", "AddressSpaces", "unpinUserPage", "unpin_user_page", "pfn"),
    FOLIO_ISOLATE_LRU("folio_isolate_lru", "FolioIsolateLru", "Migrate", "folioIsolateLru", "folio_isolate_lru", "pfn"),
    MIGRATE_PAGES("migrate_pages", "MigratePages", "Migrate", "migratePagesStart", "mm_migrate_pages_start", "mode"),
    MIGRATE_PAGES_PASS("migrate_pages", "MigratePagesPass", "Migrate", "migratePagesPass", "migrate_pages_pass"),
    MIGRATE_PAGES_RETURN("migrate_pages", "MigratePagesReturn", "Migrate", "migratePagesReturn", "mm_migrate_pages"),
    PUTBACK_MOVABLE_PAGES("putback_movable_pages", "PutbackMovablePages", "Migrate", "putbackMovablePages",
            "putback_movable_pages", "pfn"),
    UNMAP_AND_MOVE("unmap_and_move", "UnmapAndMove", "Migrate", "unmapAndMove", "unmap_and_move", "pfn"),
    FOLIO_TRYLOCK("folio_trylock", "FolioTrylock", "Migrate", "folioTrylock", "folio_trylock"),
    FOLIO_LOCK("folio_lock", "FolioLock", "Migrate", "folioLock", "folio_lock"),
    FOLIO_WAIT_WRITEBACK("folio_wait_writeback", "FolioWaitWriteback", "Migrate", "folioWaitWriteback",
            "folio_wait_writeback"),
    TRY_TO_MIGRATE_ONE("try_to_migrate_one", "TryToMigrateOne", "Migrate", "tryToMigrateOne", "try_to_migrate_one",
            "proc", "vpage"),
    MOVE_TO_NEW_FOLIO("move_to_new_folio", "MoveToNewFolio", "Migrate", "moveToNewFolio", "move_to_new_folio"),
    REMOVE_MIGRATION_PTE("remove_migration_pte", "RemoveMigrationPte", "Migrate", "removeMigrationPte",
            "remove_migration_pte", "proc", "vpage"),
    UNMAP_AND_MOVE_UNLOCK("__unmap_and_move", "UnmapAndMoveUnlock", "Migrate", "unmapAndMoveUnlock",
            "unmap_and_move_unlock"),
    UNMAP_AND_MOVE_OUT("unmap_and_move", "UnmapAndMoveOut", "Migrate", "unmapAndMoveOut", "unmap_and_move_out"),
    LOCK_PAGE("lock_page", "LockPage", "Migrate", "lockPage", "lock_page", "pfn"),
    UNLOCK_PAGE("unlock_page", "UnlockPage", "Migrate", "unlockPage", "unlock_page", "pfn"),
    SET_PAGE_WRITEBACK("set_page_writeback", "SetPageWriteback", "Migrate", "setPageWriteback", "set_page_writeback",
            "pfn"),
    END_PAGE_WRITEBACK("end_page_writeback", "EndPageWriteback", "Migrate", "endPageWriteback", "end_page_writeback",
            "pfn"),
    FOLIO_TRY_GET("folio_try_get", "FolioTryGet", "Migrate", "folioTryGet", "folio_try_get", "pfn"),
    FOLIO_PUT("folio_put", "FolioPut", "Migrate", "folioPut", "folio_put", "pfn");

    /** enum migrate_mode names by ordinal, repeated here because event must not depend on mm. */
    static final String[] MODE_NAMES = {"MIGRATE_ASYNC", "MIGRATE_SYNC_LIGHT", "MIGRATE_SYNC"};

    private final StepNames names;
    private final List<String> params;

    MigrateAction(String kernelName, String specName, String javaClass, String javaName, String traceName,
            String... params) {
        this.names = new StepNames(kernelName, specName, "mmcheck.mm.migrate." + javaClass, javaName, traceName);
        this.params = List.of(params);
    }

    @Override
    public StepNames names() {
        return names;
    }

    /** Parameter names in the TLA+ formal parameter order. */
    public List<String> params() {
        return params;
    }

    public int arity() {
        return params.size();
    }

    /** The trace form of a step: {@code name: key=value ...}. */
    public String describe(int... args) {
        if (args.length != params.size()) {
            throw new IllegalArgumentException(traceName() + " takes " + params + ", not " + args.length + " arguments");
        }
        StringBuilder sb = new StringBuilder(traceName()).append(':');
        for (int i = 0; i < args.length; i++) {
            sb.append(' ').append(params.get(i)).append('=').append(render(params.get(i), args[i]));
        }
        return sb.toString();
    }

    private static String render(String param, int value) {
        if (param.equals("pfn")) {
            return ParamKind.PFN.render(value);
        }
        if (param.equals("mode") && value >= 0 && value < MODE_NAMES.length) {
            return MODE_NAMES[value];
        }
        return Integer.toString(value);
    }
}
