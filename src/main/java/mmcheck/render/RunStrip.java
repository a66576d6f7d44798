package mmcheck.render;

import mmcheck.audit.AuditedRun;

/**
 * One compaction run drawn over its zone at pageblock granularity: what each scanner did in each pageblock, where
 * the scanners started and ended, and the pageblocks a broken rule concerns. Shared by the page and the text map.
 */
final class RunStrip {
    static final int UNTOUCHED = 0;
    static final int MIGRATE_SCANNED = 1;
    static final int MIGRATE_ISOLATED = 2;
    static final int FREE_SCANNED = 3;
    static final int FREE_ISOLATED = 4;

    final AuditedRun run;
    final int blockPages;
    final long firstBlock;
    final int[] state;
    final boolean[] violated;

    RunStrip(AuditedRun run, int blockPages) {
        this.run = run;
        this.blockPages = blockPages;
        this.firstBlock = run.zoneStart() / blockPages;
        int n = (int) ((run.zoneEnd() - 1) / blockPages - firstBlock + 1);
        this.state = new int[Math.max(n, 1)];
        this.violated = new boolean[state.length];
        for (long[] r : run.ranges()) {
            boolean free = r[2] == 1;
            int s = free ? (r[4] > 0 ? FREE_ISOLATED : FREE_SCANNED) : (r[4] > 0 ? MIGRATE_ISOLATED : MIGRATE_SCANNED);
            long hi = Math.max(r[0], r[1] - 1);
            for (long b = r[0] / blockPages; b <= hi / blockPages; b++) {
                int i = index(b * blockPages);
                if (i >= 0 && state[i] < s || (i >= 0 && s == FREE_ISOLATED)) {
                    state[i] = s;
                }
            }
        }
        for (long pfn : run.violatedPfns()) {
            int i = index(pfn);
            if (i >= 0) {
                violated[i] = true;
            }
        }
    }

    /** The cell of a pfn, or -1 outside the zone. */
    int index(long pfn) {
        long i = pfn / blockPages - firstBlock;
        return i < 0 || i >= state.length ? -1 : (int) i;
    }

    static String cssClass(int s) {
        return switch (s) {
            case MIGRATE_SCANNED -> "migrate-scanned";
            case MIGRATE_ISOLATED -> "migrate-isolated";
            case FREE_SCANNED -> "free-scanned";
            case FREE_ISOLATED -> "free-isolated";
            default -> "untouched";
        };
    }

    static char glyph(int s) {
        return switch (s) {
            case MIGRATE_SCANNED -> 'm';
            case MIGRATE_ISOLATED -> 'M';
            case FREE_SCANNED -> 'f';
            case FREE_ISOLATED -> 'F';
            default -> '.';
        };
    }
}
