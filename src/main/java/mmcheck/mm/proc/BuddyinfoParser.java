package mmcheck.mm.proc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import mmcheck.mm.vmstat.Vmstat;

/** BuddyinfoParser - reads /proc/buddyinfo back into zones. Kernel: the inverse of frag_show_print() in mm/vmstat.c. */
public final class BuddyinfoParser {

    private BuddyinfoParser() {
    }

    /**
     * parse() - one {@link ZoneFreeInfo} per line, in file order.
     *
     * @param fileName names the input in error messages
     * @throws ProcFormatException on anything frag_show_print() could not have printed
     */
    public static List<ZoneFreeInfo> parse(String text, String fileName) {
        ProcLines in = new ProcLines(text, fileName);
        List<ZoneFreeInfo> zones = new ArrayList<>();
        Map<ZoneLabel, Integer> seenAt = new HashMap<>();
        int orders = -1;
        int ordersLine = 0;
        while (!in.atEnd()) {
            int lineNumber = in.lineNumber();
            String[] tokens = ProcLines.tokens(in.next("a zone line"));
            ZoneLabel label = ZoneLabel.parse(tokens, false, in, lineNumber);
            Integer previous = seenAt.putIfAbsent(label, lineNumber);
            if (previous != null) {
                throw in.error(lineNumber, label + " already listed on line " + previous);
            }
            int count = tokens.length - ZoneLabel.TOKENS;
            if (count == 0) {
                throw in.error(lineNumber, "no free counts after '" + label + "'");
            }
            if (count > Vmstat.MAX_ORDER) {
                throw in.error(lineNumber, count + " free counts, more than MAX_ORDER " + Vmstat.MAX_ORDER);
            }
            if (orders >= 0 && count != orders) {
                throw in.error(lineNumber, count + " free counts, but line " + ordersLine + " has " + orders);
            }
            orders = count;
            ordersLine = lineNumber;
            long[] nrFree = new long[count];
            for (int order = 0; order < count; order++) {
                nrFree[order] = in.unsignedDecimal(tokens[ZoneLabel.TOKENS + order], lineNumber,
                        "order-" + order + " free count");
            }
            in.requirePossibleFreePages(nrFree, lineNumber);
            zones.add(ZoneFreeInfo.ofNrFree(label.nodeId(), label.zoneName(), nrFree));
        }
        return zones;
    }
}
