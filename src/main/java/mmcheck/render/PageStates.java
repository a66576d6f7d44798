package mmcheck.render;

import java.util.Locale;

import mmcheck.mm.MigrateType;
import mmcheck.mm.PageArray;
import mmcheck.tlc.BadInputException;
import mmcheck.trace.TraceEvent;

/**
 * The state of every page of an engine zone, carried in its trace as a {@code tracing_mark_write} line
 * ("mmcheck_page_states: when=before base=0x0 states=RLE") so that the audit of an engine trace can draw pages, not
 * only what the scanners did: the engine knows each page, a kernel trace does not.
 *
 * <p>One letter per page, run-length encoded ({@code 512m3a}): a..d free of order 0, 1, 2, 3 or more; m, u, r, o
 * allocated movable, unmovable, reclaimable, other; i in a MIGRATE_ISOLATE pageblock; x neither free nor allocated.
 */
public final class PageStates {
    /** The body prefix of the mark. */
    public static final String MARK = "mmcheck_page_states:";

    private PageStates() {
    }

    /** The mark's body for the zone's pages now. */
    public static String mark(String when, PageArray pages) {
        return String.format(Locale.ROOT, "%s when=%s base=0x%x states=%s", MARK, when, pages.base(),
                encode(letters(pages)));
    }

    /** Whether a parsed event is such a mark. */
    public static boolean isMark(TraceEvent e) {
        return e.name().equals("tracing_mark_write") && e.body().startsWith(MARK);
    }

    /** A mark's "when" word, e.g. "before". */
    public static String when(TraceEvent e) {
        return field(e, "when");
    }

    /** A mark's first pfn. */
    public static long base(TraceEvent e) {
        try {
            return Long.decode(field(e, "base"));
        } catch (NumberFormatException x) {
            throw new BadInputException(e.line() + ": " + MARK + " base=" + field(e, "base") + " is not a pfn");
        }
    }

    /** A mark's pages, one letter each. */
    public static String pages(TraceEvent e) {
        String rle = field(e, "states");
        if (!rle.matches("(\\d+[a-dmuroix])*")) {
            throw new BadInputException(e.line() + ": " + MARK + " states= is not run-length encoded page letters");
        }
        return decode(rle);
    }

    static String letters(PageArray pages) {
        int base = pages.base();
        int n = pages.size();
        char[] s = new char[n];
        int pfn = base;
        while (pfn < base + n) {
            int len = 1;
            char c = 'x';
            if (pages.isPageBuddy(pfn)) {
                int o = pages.buddyOrder(pfn);
                len = 1 << o;
                c = (char) ('a' + Math.min(o, 3));
            } else if (pages.isAllocatedHead(pfn)) {
                len = 1 << pages.allocatedOrder(pfn);
                c = switch (MigrateType.values()[pages.migratetype(pfn)]) {
                    case MIGRATE_MOVABLE -> 'm';
                    case MIGRATE_UNMOVABLE -> 'u';
                    case MIGRATE_RECLAIMABLE -> 'r';
                    default -> 'o';
                };
            }
            for (int p = pfn; p < Math.min(pfn + len, base + n); p++) {
                s[p - base] = pages.pfnblockMigratetype(p) == MigrateType.MIGRATE_ISOLATE.ordinal() ? 'i' : c;
            }
            pfn += len;
        }
        return new String(s);
    }

    static String encode(String letters) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < letters.length()) {
            int j = i;
            while (j < letters.length() && letters.charAt(j) == letters.charAt(i)) {
                j++;
            }
            b.append(j - i).append(letters.charAt(i));
            i = j;
        }
        return b.toString();
    }

    static String decode(String rle) {
        StringBuilder b = new StringBuilder();
        int count = 0;
        for (int i = 0; i < rle.length(); i++) {
            char c = rle.charAt(i);
            if (Character.isDigit(c)) {
                count = count * 10 + (c - '0');
            } else {
                b.append(String.valueOf(c).repeat(count));
                count = 0;
            }
        }
        return b.toString();
    }

    /** The CSS class of a page letter, as the counterexample maps colour pages. */
    static String cssClass(char c) {
        return switch (c) {
            case 'a', 'b', 'c', 'd' -> "free-o" + (c - 'a');
            case 'm' -> "alloc-movable";
            case 'u' -> "alloc-unmovable";
            case 'r' -> "alloc-reclaimable";
            case 'o' -> "alloc-other";
            case 'i' -> "isolated";
            default -> "unknown";
        };
    }

    /** A page letter as the counterexample map's character ("d", order 3 or more, is drawn 3). */
    static char glyph(char c) {
        return CounterexampleMap.glyph(cssClass(c), c >= 'a' && c <= 'd' ? c - 'a' : -1);
    }

    /** Pages per cell when at most {@code maxCells} cells draw {@code pages} pages, each cell its first page. */
    static int perCell(int pages, int maxCells) {
        return Math.max(1, (pages + maxCells - 1) / maxCells);
    }

    /** What a page letter means, for the cell's title. */
    static String meaning(char c) {
        return switch (c) {
            case 'a', 'b', 'c' -> "free, order " + (c - 'a');
            case 'd' -> "free, order 3 or more";
            case 'm' -> "allocated, MIGRATE_MOVABLE";
            case 'u' -> "allocated, MIGRATE_UNMOVABLE";
            case 'r' -> "allocated, MIGRATE_RECLAIMABLE";
            case 'o' -> "allocated, other migratetype";
            case 'i' -> "in a MIGRATE_ISOLATE pageblock";
            default -> "neither free nor allocated";
        };
    }

    private static String field(TraceEvent e, String name) {
        for (String w : e.body().split("\\s+")) {
            if (w.startsWith(name + "=")) {
                return w.substring(name.length() + 1);
            }
        }
        throw new BadInputException(e.line() + ": " + MARK + " without " + name + "=");
    }
}
