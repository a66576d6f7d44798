package mmcheck.mm.migrate;

import mmcheck.mm.StepRefusedException;

/**
 * MigrationEntryWaitException - a user access met a migration entry: the access did not happen, and the process now
 * sleeps until the unlock at the end of the page's migration wakes it; then it may retry.
 * Kernel: migration_entry_wait() in mm/migrate.c, reached from do_swap_page() and GUP's follow_page_pte().
 * Spec: MigrationEntryWait(proc, vpage) of Rmap.tla.
 * Trace: migration_entry_wait
 */
public class MigrationEntryWaitException extends StepRefusedException {
    private static final long serialVersionUID = 1L;

    private final int pfn;

    public MigrationEntryWaitException(int proc, int vpage, int pfn) {
        super("migration_entry_wait", "process " + proc + " vpage " + vpage + " has a migration entry for pfn 0x"
                + Integer.toHexString(pfn) + "; the access sleeps until its migration ends");
        this.pfn = pfn;
    }

    /** The page under migration that the entry names. */
    public int pfn() {
        return pfn;
    }
}
