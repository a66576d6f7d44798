package mmcheck.mm.migrate;

/**
 * MigrationWindow - the points inside unmap_and_move() at which other CPUs run: processes touch the page's
 * migration entries, other kernel paths let go of the page lock or end writeback. The engine runs on one thread,
 * so it calls the window there and the caller may run any other steps (the spec interleaves them the same way).
 */
@FunctionalInterface
public interface MigrationWindow {

    /** Where unmap_and_move() is. */
    enum Point {
        /** Sleeping in folio_lock(src): the other holder still holds it. Spec: mig.step = "folio_lock". */
        FOLIO_LOCK,
        /** Sleeping in folio_wait_writeback(src). Spec: mig.step = "folio_wait_writeback". */
        FOLIO_WAIT_WRITEBACK,
        /**
         * The page is locked and still mapped: try_to_migrate() comes next, and a store through a PTE still lands
         * in the page. Spec: mig.step = "try_to_migrate" before any TryToMigrateOne.
         */
        LOCKED,
        /** try_to_migrate() is done: the PTEs are migration entries. Spec: mig.step = "move_to_new_folio". */
        MIGRATION_ENTRIES,
        /** move_to_new_folio() returned; remove_migration_ptes() comes next. Spec: "remove_migration_ptes". */
        MOVED,
        /**
         * remove_migration_ptes() is done, both pages still locked; the unlock comes next. Spec: mig.step =
         * "remove_migration_ptes" with RemoveMigrationPtesDone.
         */
        REMOVED
    }

    /** No other CPU does anything. */
    MigrationWindow NONE = (migrate, point, src, dst) -> { };

    /**
     * Other CPUs run here.
     *
     * @param migrate the engine, for the steps the window may take
     * @param point where unmap_and_move() is
     * @param src the page being migrated
     * @param dst its destination
     */
    void run(Migrate migrate, Point point, int src, int dst);
}
