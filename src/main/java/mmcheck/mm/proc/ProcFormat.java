package mmcheck.mm.proc;

import java.util.List;

/** ProcFormat - the /proc files that describe zone free lists, told apart by their first line. */
public enum ProcFormat {
    /** /proc/buddyinfo. Kernel: frag_show() in mm/vmstat.c. */
    BUDDYINFO,
    /** /proc/pagetypeinfo. Kernel: pagetypeinfo_show() in mm/vmstat.c. */
    PAGETYPEINFO;

    /**
     * detect() - which file {@code text} is: pagetypeinfo opens with "Page block order:", buddyinfo with "Node".
     *
     * @throws ProcFormatException for anything else, including an empty file
     */
    public static ProcFormat detect(String text, String fileName) {
        String first = text.lines().filter(line -> !ProcLines.isBlank(line)).findFirst()
                .orElseThrow(() -> new ProcFormatException(fileName, 1, "empty file"));
        String[] tokens = ProcLines.tokens(first);
        if (tokens[0].equals("Page")) {
            return PAGETYPEINFO;
        }
        if (tokens[0].equals("Node")) {
            return BUDDYINFO;
        }
        return failDetect(text, fileName, first);
    }

    private static ProcFormat failDetect(String text, String fileName, String first) {
        int lineNumber = 1 + (int) text.lines().takeWhile(ProcLines::isBlank).count();
        throw new ProcFormatException(fileName, lineNumber,
                "neither /proc/buddyinfo nor /proc/pagetypeinfo: starts with " + ProcLines.quote(first));
    }

    /** parse() - the zones of a file in this format. */
    public List<ZoneFreeInfo> parse(String text, String fileName) {
        return this == BUDDYINFO ? BuddyinfoParser.parse(text, fileName) : PagetypeinfoParser.parse(text, fileName);
    }

    /** print() - the zones in this format, as the kernel prints them. */
    public String print(List<ZoneFreeInfo> zones) {
        return this == BUDDYINFO ? BuddyinfoPrinter.print(zones) : PagetypeinfoPrinter.print(zones);
    }
}
