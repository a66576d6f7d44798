package mmcheck.mm.migrate;

import java.util.ArrayList;
import java.util.List;

/**
 * MigrateInvariants - the invariants of spec/Rmap.tla and spec/Migrate.tla, checked natively on an engine, under
 * the same names.
 *
 * <p>{@link #check(Migrate)} returns one line per violation, {@code Name: detail}, grouped in {@link #NAMES} order
 * (the order of the spec files), at most {@value #MAX_REPORTS} lines per invariant. It runs in time linear in the
 * zone and the number of PTEs and terminates on any representation (a corrupted reverse-map list is cut off).
 * Between steps no migration runs; inside one, a {@link MigrationWindow} may check the state at the points where
 * other CPUs run, which is where the spec's migration variables are non-trivial.
 *
 * <p>Engine counterparts of the spec's migration variables: a page is in fromList or retPages iff it is isolated
 * (PG_isolated); mig.src, mig.dst, mig.rc are the running unmap_and_move()'s; pageLocked is PG_locked held by
 * another path.
 */
public final class MigrateInvariants {

    public static final String NO_PTE_TO_FREE_FRAME_INV = "NoPteToFreeFrameInv";
    public static final String RMAP_INV = "RmapInv";
    public static final String MAPCOUNT_INV = "MapcountInv";
    public static final String PAGE_REFS_INV = "PageRefsInv";
    public static final String FREE_PAGE_STATE_INV = "FreePageStateInv";
    public static final String ANON_EXCLUSIVE_INV = "AnonExclusiveInv";
    public static final String PINNED_EXCLUSIVE_INV = "PinnedExclusiveInv";
    public static final String PTE_CONTENT_INV = "PteContentInv";
    public static final String READS_OWN_WRITES_INV = "ReadsOwnWritesInv";
    public static final String REFCOUNT_INV = "RefcountInv";
    public static final String MIGRATE_LIST_INV = "MigrateListInv";
    public static final String MIGRATION_ENTRY_INV = "MigrationEntryInv";
    public static final String NO_MIGRATION_ENTRY_AFTER_MIGRATE_PAGES_INV = "NoMigrationEntryAfterMigratePagesInv";
    public static final String PINNED_PAGE_NEVER_MIGRATED_INV = "PinnedPageNeverMigratedInv";
    public static final String DST_UNMAPPED_UNTIL_COPIED_INV = "DstUnmappedUntilCopiedInv";
    public static final String MIGRATE_STATS_INV = "MigrateStatsInv";
    public static final String MIGRATE_MODE_WAIT_INV = "MigrateModeWaitInv";
    public static final String FOLIO_LOCK_INV = "FolioLockInv";

    /** The invariants of Rmap.tla, then those of Migrate.tla, in the order the spec files state them. */
    public static final List<String> NAMES = List.of(NO_PTE_TO_FREE_FRAME_INV, RMAP_INV, MAPCOUNT_INV, PAGE_REFS_INV,
            FREE_PAGE_STATE_INV, ANON_EXCLUSIVE_INV, PINNED_EXCLUSIVE_INV, PTE_CONTENT_INV, READS_OWN_WRITES_INV,
            REFCOUNT_INV, MIGRATE_LIST_INV, MIGRATION_ENTRY_INV, NO_MIGRATION_ENTRY_AFTER_MIGRATE_PAGES_INV,
            PINNED_PAGE_NEVER_MIGRATED_INV, DST_UNMAPPED_UNTIL_COPIED_INV, MIGRATE_STATS_INV, MIGRATE_MODE_WAIT_INV,
            FOLIO_LOCK_INV);

    /** Lines reported per invariant before the rest are only counted. */
    public static final int MAX_REPORTS = 8;

    private MigrateInvariants() {
    }

    /** All violations, grouped by invariant in {@link #NAMES} order; empty if every invariant holds. */
    public static List<String> check(Migrate m) {
        return new Checker(m).run();
    }

    /** The names of the violated invariants, in {@link #NAMES} order. */
    public static List<String> violatedNames(Migrate m) {
        List<String> names = new ArrayList<>();
        for (String line : check(m)) {
            String name = line.substring(0, line.indexOf(':'));
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static final class Checker {
        private final Migrate m;
        private final AddressSpaces as;
        private final List<List<String>> found = new ArrayList<>();
        private final int[] presentCount;
        /** The frame whose reverse map reached each slot, -1 if none. */
        private final int[] reachedBy;
        private final int[] rmapSize;

        Checker(Migrate m) {
            this.m = m;
            this.as = m.as;
            for (int i = 0; i < NAMES.size(); i++) {
                found.add(new ArrayList<>());
            }
            presentCount = new int[as.nrFrames];
            reachedBy = new int[as.pte.length];
            rmapSize = new int[as.nrFrames];
        }

        List<String> run() {
            walkRmaps();
            for (int s = 0; s < as.pte.length; s++) {
                if (type(s) == AddressSpaces.PTE_PRESENT && frameOk(s)) {
                    presentCount[as.pte[s] >>> 2]++;
                }
            }
            slots();
            frames();
            migration();
            stats();
            List<String> out = new ArrayList<>();
            for (int i = 0; i < NAMES.size(); i++) {
                List<String> l = found.get(i);
                for (int k = 0; k < Math.min(l.size(), MAX_REPORTS); k++) {
                    out.add(NAMES.get(i) + ": " + l.get(k));
                }
                if (l.size() > MAX_REPORTS) {
                    out.add(NAMES.get(i) + ": and " + (l.size() - MAX_REPORTS) + " more");
                }
            }
            return out;
        }

        private void walkRmaps() {
            java.util.Arrays.fill(reachedBy, -1);
            for (int f = 0; f < as.nrFrames; f++) {
                int steps = 0;
                for (int s = as.rmapHead[f]; s >= 0; s = as.rmapNext[s]) {
                    if (s >= as.pte.length || ++steps > as.pte.length) {
                        report(RMAP_INV, "the reverse map of " + hex(as.pfn(f)) + " is not a list of slots");
                        break;
                    }
                    rmapSize[f]++;
                    if (reachedBy[s] >= 0) {
                        report(RMAP_INV, slot(s) + " is reached from " + hex(as.pfn(reachedBy[s])) + " and "
                                + hex(as.pfn(f)));
                    }
                    reachedBy[s] = f;
                    if (type(s) == AddressSpaces.PTE_NONE || (as.pte[s] >>> 2) != f) {
                        report(RMAP_INV, "rmap[" + hex(as.pfn(f)) + "] holds " + slot(s) + ", whose PTE is "
                                + pte(s));
                    }
                }
            }
        }

        private void slots() {
            for (int s = 0; s < as.pte.length; s++) {
                int t = type(s);
                if (t == AddressSpaces.PTE_NONE) {
                    continue;
                }
                if (!frameOk(s)) {
                    report(NO_PTE_TO_FREE_FRAME_INV, slot(s) + " is " + pte(s) + ", outside the zone");
                    continue;
                }
                int f = as.pte[s] >>> 2;
                int pfn = as.pfn(f);
                if (!as.isUserPage(pfn)) {
                    report(NO_PTE_TO_FREE_FRAME_INV, slot(s) + " is " + pte(s) + " but " + hex(pfn)
                            + " is not an allocated user page");
                }
                if (reachedBy[s] != f) {
                    report(RMAP_INV, slot(s) + " is " + pte(s) + " but rmap[" + hex(pfn) + "] does not reach it");
                }
                if (t == AddressSpaces.PTE_MIGRATION_EXCL && !(rmapSize[f] == 1 && as.rmapHead[f] == s)) {
                    report(ANON_EXCLUSIVE_INV, slot(s) + " is an exclusive migration entry for " + hex(pfn)
                            + " but rmap reaches " + rmapSize[f] + " slots");
                }
                int w = as.written[s];
                if (as.content[f] != w) {
                    report(PTE_CONTENT_INV, slot(s) + " is " + pte(s) + " holding " + as.content[f]
                            + " but the process last wrote " + w);
                    if (t == AddressSpaces.PTE_PRESENT) {
                        report(READS_OWN_WRITES_INV, slot(s) + " reads " + as.content[f] + " from " + hex(pfn)
                                + " but last wrote " + w);
                    }
                }
                if (t != AddressSpaces.PTE_PRESENT) {
                    if (!m.inMigratePages() || m.migSrc < 0 || pfn != m.migSrc) {
                        report(MIGRATION_ENTRY_INV, slot(s) + " is " + pte(s) + " but the page under migration is "
                                + (m.migSrc < 0 ? "none" : hex(m.migSrc)));
                    }
                    if (!m.inMigratePages()) {
                        report(NO_MIGRATION_ENTRY_AFTER_MIGRATE_PAGES_INV, slot(s) + " is " + pte(s)
                                + " outside migrate_pages()");
                    }
                }
            }
        }

        private void frames() {
            for (int f = 0; f < as.nrFrames; f++) {
                int pfn = as.pfn(f);
                boolean user = as.isUserPage(pfn);
                int rc = as.refcount[f];
                int mc = as.mapcount[f];
                int pins = as.pinCount[f];
                byte fl = as.flags[f];
                boolean excl = (fl & AddressSpaces.PG_ANON_EXCLUSIVE) != 0;
                if (mc != presentCount[f]) {
                    report(MAPCOUNT_INV, "page_mapcount(" + hex(pfn) + ") is " + mc + " but " + presentCount[f]
                            + " present PTEs map it");
                }
                if ((rc > 0) != user || rc < mc + pins) {
                    report(PAGE_REFS_INV, hex(pfn) + " has refcount " + rc + ", mapcount " + mc + ", pins " + pins
                            + (user ? " and is allocated" : " and is not allocated"));
                }
                if (!user && (mc != 0 || pins != 0 || excl || as.rmapHead[f] >= 0)) {
                    report(FREE_PAGE_STATE_INV, "free frame " + hex(pfn) + " has mapcount " + mc + ", pins " + pins
                            + (excl ? ", PG_anon_exclusive" : "") + ", " + rmapSize[f] + " rmap slots");
                }
                if (excl) {
                    boolean onlyPresent = rmapSize[f] <= 1;
                    for (int s = as.rmapHead[f], k = 0; s >= 0 && k < 2; s = as.rmapNext[s], k++) {
                        onlyPresent &= s < as.pte.length && as.pte[s] == ((f << 2) | AddressSpaces.PTE_PRESENT);
                    }
                    if (!onlyPresent) {
                        report(ANON_EXCLUSIVE_INV, hex(pfn) + " is PageAnonExclusive but rmap reaches "
                                + rmapSize[f] + " slots, not one present PTE");
                    }
                }
                if (pins > 0 && !excl) {
                    report(PINNED_EXCLUSIVE_INV, hex(pfn) + " has " + pins + " pins but is not PageAnonExclusive");
                }
                boolean isolated = (fl & AddressSpaces.PG_ISOLATED) != 0;
                boolean locked = (fl & AddressSpaces.PG_LOCKED) != 0;
                boolean writeback = (fl & AddressSpaces.PG_WRITEBACK) != 0;
                boolean holdsDst = pfn == m.migDst && m.migHoldsDst;
                int speculative = m.transientRefs[f];
                int expected = mc + pins + (isolated ? 1 : 0) + (holdsDst ? 1 : 0) + (locked ? 1 : 0)
                        + (writeback ? 1 : 0) + speculative;
                if (rc != expected) {
                    report(REFCOUNT_INV, "page_count(" + hex(pfn) + ") is " + rc + " but mapcount " + mc + ", pins "
                            + pins + (isolated ? ", isolation" : "") + (holdsDst ? ", destination" : "")
                            + (locked ? ", lock" : "") + (writeback ? ", writeback" : "")
                            + (speculative > 0 ? ", " + speculative + " speculative" : "") + " hold " + expected);
                }
                if (isolated && !user) {
                    report(MIGRATE_LIST_INV, "isolated frame " + hex(pfn) + " is not a user page");
                }
                boolean migLocked = (fl & AddressSpaces.PG_MIGRATION_LOCKED) != 0;
                if (locked && migLocked) {
                    report(FOLIO_LOCK_INV, hex(pfn) + " is locked by another path and by migration");
                }
                if (migLocked && pfn != m.migSrc && pfn != m.migDst) {
                    report(FOLIO_LOCK_INV, hex(pfn) + " is locked by migration but is not its source or destination");
                }
            }
        }

        /** MigrateStatsInv: nr_retry_pages counts the pages of this pass that asked for a retry. */
        private void stats() {
            if (!m.inMigratePages() || m.from == null) {
                return;
            }
            int todo = 0;
            int retried = 0;
            for (int i = 0; i < m.from.size(); i++) {
                int pfn = m.from.get(i);
                if (m.passTodo(pfn)) {
                    todo++;
                } else if (pfn != m.migSrc) {
                    retried++;
                }
            }
            if ((todo > 0 || m.migSrc >= 0) && m.nrRetryPages != retried) {
                report(MIGRATE_STATS_INV, "nr_retry_pages is " + m.nrRetryPages + " but " + retried
                        + " pages of this pass asked for a retry");
            }
        }

        private void migration() {
            if (m.migSrc < 0) {
                return;
            }
            if (!m.inMigratePages() || m.migDst == m.migSrc || !as.isIsolated(m.migSrc)) {
                report(MIGRATE_LIST_INV, "unmap_and_move() works on " + hex(m.migSrc) + " -> " + hex(m.migDst)
                        + (m.inMigratePages() ? "" : " outside migrate_pages()")
                        + (as.isIsolated(m.migSrc) ? "" : ", a page that is not isolated"));
            }
            if (m.migRc == Migrate.MIGRATEPAGE_SUCCESS && as.pinCount(m.migSrc) > 0) {
                report(PINNED_PAGE_NEVER_MIGRATED_INV, "pinned page " + hex(m.migSrc) + " was moved to "
                        + hex(m.migDst));
            }
            if (m.migRc != Migrate.MIGRATEPAGE_SUCCESS) {
                int dst = as.idx(m.migDst);
                boolean named = false;
                for (int s = 0; s < as.pte.length; s++) {
                    named |= type(s) != AddressSpaces.PTE_NONE && (as.pte[s] >>> 2) == dst;
                }
                if (named || as.rmapHead[dst] >= 0 || as.mapcount[dst] > 0) {
                    report(DST_UNMAPPED_UNTIL_COPIED_INV, "destination " + hex(m.migDst) + " of a move that has not"
                            + " succeeded is mapped (mapcount " + as.mapcount[dst] + ")");
                }
            }
            if (m.migStep == Migrate.MigStep.FOLIO_LOCK
                    && (!m.force() || m.migrateMode == MigrateMode.MIGRATE_ASYNC)) {
                report(MIGRATE_MODE_WAIT_INV, "sleeps in folio_lock(" + hex(m.migSrc) + ") in " + m.migrateMode
                        + (m.force() ? " with force" : " without force"));
            }
            if (m.migStep == Migrate.MigStep.FOLIO_WAIT_WRITEBACK
                    && (!m.force() || m.migrateMode != MigrateMode.MIGRATE_SYNC)) {
                report(MIGRATE_MODE_WAIT_INV, "waits for writeback of " + hex(m.migSrc) + " in " + m.migrateMode
                        + (m.force() ? " with force" : " without force"));
            }
        }

        private boolean frameOk(int s) {
            return (as.pte[s] >>> 2) < as.nrFrames;
        }

        private int type(int s) {
            return as.pte[s] & AddressSpaces.TYPE_MASK;
        }

        private String slot(int s) {
            return "pte[" + s / as.nrVpages + "][" + s % as.nrVpages + "]";
        }

        private String pte(int s) {
            int t = type(s);
            String pfn = hex(as.pfn(as.pte[s] >>> 2));
            switch (t) {
                case AddressSpaces.PTE_PRESENT:
                    return "present(" + pfn + ")";
                case AddressSpaces.PTE_MIGRATION:
                    return "migration(" + pfn + ")";
                case AddressSpaces.PTE_MIGRATION_EXCL:
                    return "migration(" + pfn + ", exclusive)";
                default:
                    return "none";
            }
        }

        private void report(String name, String detail) {
            found.get(NAMES.indexOf(name)).add(detail);
        }

        private static String hex(int pfn) {
            return pfn < 0 ? Integer.toString(pfn) : "0x" + Integer.toHexString(pfn);
        }
    }
}
