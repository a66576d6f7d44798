package mmcheck.mm.proc;

import java.util.Arrays;
import java.util.regex.Pattern;

/** ProcLines - a cursor over the lines of a /proc snapshot that turns every complaint into a {@link ProcFormatException}. */
final class ProcLines {

    private static final Pattern SEPARATOR = Pattern.compile("[ \\t\\r]+");
    private static final Pattern EDGES = Pattern.compile("^[ \\t\\r]+|[ \\t\\r]+$");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final int QUOTE_LIMIT = 40;
    /**
     * The most pages any zone can hold: x86_64's MAX_PHYSMEM_BITS (52, five-level paging) less PAGE_SHIFT (12).
     * A count beyond it no kernel could print, and its arithmetic would wrap into nonsense indices.
     */
    static final long MAX_ZONE_PAGES = 1L << (52 - 12);

    private final String fileName;
    private final String[] lines;
    private int next;

    ProcLines(String text, String fileName) {
        this.fileName = fileName;
        String[] split = text.split("\n", -1);
        // seq_file ends every line with '\n', so the empty string after the last one is not a line; blank lines a
        // copy-and-paste may add at the end carry nothing either.
        int n = split.length;
        while (n > 0 && isBlank(split[n - 1])) {
            n--;
        }
        if (n == 0) {
            throw new ProcFormatException(fileName, 1, "empty file");
        }
        this.lines = Arrays.copyOf(split, n);
    }

    boolean atEnd() {
        return next >= lines.length;
    }

    /** The line {@link #next(String)} would return, or null at the end. */
    String peek() {
        return atEnd() ? null : lines[next];
    }

    /** 1-based number of the line {@link #next(String)} would return. */
    int lineNumber() {
        return next + 1;
    }

    String next(String expected) {
        if (atEnd()) {
            throw error(lineNumber(), "unexpected end of file, expected " + expected);
        }
        return lines[next++];
    }

    void expectBlank(String expected) {
        int lineNumber = lineNumber();
        String line = next(expected);
        if (!isBlank(line)) {
            throw error(lineNumber, "expected " + expected + ", found " + quote(line));
        }
    }

    ProcFormatException error(int lineNumber, String problem) {
        return new ProcFormatException(fileName, lineNumber, problem);
    }

    static boolean isBlank(String line) {
        return EDGES.matcher(line).replaceAll("").isEmpty();
    }

    static String[] tokens(String line) {
        String inner = EDGES.matcher(line).replaceAll("");
        return inner.isEmpty() ? new String[0] : SEPARATOR.split(inner);
    }

    /** A C unsigned decimal as seq_printf("%lu") writes it; rejects signs, and values beyond Java's long. */
    long unsignedDecimal(String token, int lineNumber, String what) {
        if (!DIGITS.matcher(token).matches()) {
            throw error(lineNumber, what + " " + quote(token) + " is not a decimal number");
        }
        try {
            return Long.parseLong(token);
        } catch (NumberFormatException e) {
            throw error(lineNumber, what + " " + quote(token) + " is out of range");
        }
    }

    /** Refuses free counts whose pages (count << order, summed) exceed what any zone can hold. */
    void requirePossibleFreePages(long[] nrFree, int lineNumber) {
        long pages = 0;
        for (int order = 0; order < nrFree.length; order++) {
            if (nrFree[order] > MAX_ZONE_PAGES >> order) {
                throw error(lineNumber, "order-" + order + " free count " + Long.toUnsignedString(nrFree[order])
                        + " is more pages than any zone holds (2^40, x86_64's 52 physical address bits)");
            }
            pages += nrFree[order] << order;
        }
        if (pages > MAX_ZONE_PAGES) {
            throw error(lineNumber, "free counts add up to " + pages
                    + " pages, more than any zone holds (2^40, x86_64's 52 physical address bits)");
        }
    }

    /** Input shown inside a one-line message: control characters escaped, long text cut. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("'");
        int end = Math.min(s.length(), QUOTE_LIMIT);
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c < ' ' || (c >= 127 && c < 160) || c == '\u2028' || c == '\u2029') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append(s.length() > QUOTE_LIMIT ? "...'" : "'").toString();
    }
}
