package mmcheck.mm.proc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import mmcheck.mm.MigrateType;
import mmcheck.mm.vmstat.Vmstat;

/**
 * PagetypeinfoParser - reads /proc/pagetypeinfo back into zones. Kernel: the inverse of pagetypeinfo_show() in
 * mm/vmstat.c, one section per node with memory.
 */
public final class PagetypeinfoParser {

    private static final Pattern PAGEBLOCK_ORDER = Pattern.compile("Page block order: ([0-9]{1,9})[ \\t\\r]*");
    private static final Pattern PAGES_PER_BLOCK = Pattern.compile("Pages per block: +([0-9]{1,19})[ \\t\\r]*");
    private static final String[] FREE_HEADER = PagetypeinfoPrinter.FREE_HEADER.split(" ");
    private static final String[] BLOCKS_HEADER = PagetypeinfoPrinter.BLOCKS_HEADER.trim().split(" ");
    private static final String[] MIXED_HEADER = PagetypeinfoPrinter.MIXED_HEADER.trim().split(" ");
    /** "type" and its name follow the zone label on free-count rows. */
    private static final int FREE_ROW_LABEL_TOKENS = ZoneLabel.TOKENS + 2;

    private final ProcLines in;
    private final Map<ZoneLabel, Integer> zoneSeenAt = new HashMap<>();
    private final Map<Integer, Integer> nodeSeenAt = new HashMap<>();

    private PagetypeinfoParser(ProcLines in) {
        this.in = in;
    }

    /**
     * parse() - one {@link ZoneFreeInfo} with {@link ZonePageTypes} per zone, in file order.
     *
     * @param fileName names the input in error messages
     * @throws ProcFormatException on anything pagetypeinfo_show() could not have printed, and on migratetypes this
     *                             model lacks (CMA)
     */
    public static List<ZoneFreeInfo> parse(String text, String fileName) {
        PagetypeinfoParser parser = new PagetypeinfoParser(new ProcLines(text, fileName));
        List<ZoneFreeInfo> zones = new ArrayList<>();
        while (!parser.in.atEnd()) {
            zones.addAll(parser.nodeSection());
        }
        return zones;
    }

    /** One node's part. Kernel: pagetypeinfo_show(). */
    private List<ZoneFreeInfo> nodeSection() {
        int sectionLine = in.lineNumber();
        int pageblockOrder = pageblockOrder();
        in.expectBlank("blank line after 'Pages per block'");
        int orders = freeHeader();
        List<ZoneRows> zones = freeRows(orders);
        Integer previous = nodeSeenAt.putIfAbsent(zones.get(0).label.nodeId(), sectionLine);
        if (previous != null) {
            throw in.error(sectionLine, "node " + zones.get(0).label.nodeId() + " already has a section on line "
                    + previous);
        }
        in.expectBlank("blank line before '" + PagetypeinfoPrinter.BLOCKS_HEADER.trim() + "'");
        int headerLine = in.lineNumber();
        MigrateType[] columns = typeHeader(BLOCKS_HEADER);
        for (ZoneRows zone : zones) {
            if (!Arrays.equals(zone.types.toArray(), columns)) {
                throw in.error(zone.firstLine, zone.label + " has free counts for "
                        + names(zone.types.toArray(new MigrateType[0])) + " but line " + headerLine + " lists "
                        + names(columns));
            }
        }
        List<long[]> blockCounts = countRows(zones, columns, "block count");
        List<long[]> mixedCounts = null;
        if (in.peek() != null && ProcLines.isBlank(in.peek())) {
            in.next("blank line");
            int mixedLine = in.lineNumber();
            if (!Arrays.equals(typeHeader(MIXED_HEADER), columns)) {
                throw in.error(mixedLine, "mixed-block columns differ from line " + headerLine);
            }
            mixedCounts = countRows(zones, columns, "mixed block count");
        }
        if (!in.atEnd() && !PAGEBLOCK_ORDER.matcher(in.peek()).matches()) {
            throw in.error(in.lineNumber(), "expected 'Page block order: <n>' of the next node or end of file, found "
                    + ProcLines.quote(in.peek()));
        }
        List<ZoneFreeInfo> result = new ArrayList<>();
        for (int i = 0; i < zones.size(); i++) {
            ZoneRows zone = zones.get(i);
            ZonePageTypes pageTypes = new ZonePageTypes(pageblockOrder, columns, zone.freeCounts,
                    blockCounts.get(i), mixedCounts == null ? null : mixedCounts.get(i));
            result.add(ZoneFreeInfo.ofPageTypes(zone.label.nodeId(), zone.label.zoneName(), pageTypes));
        }
        return result;
    }

    /** "Page block order: %d" and "Pages per block:  %lu", which must agree. */
    private int pageblockOrder() {
        int orderLine = in.lineNumber();
        String line = in.next("'Page block order: <n>'");
        Matcher order = PAGEBLOCK_ORDER.matcher(line);
        if (!order.matches()) {
            throw in.error(orderLine, "expected 'Page block order: <n>', found " + ProcLines.quote(line));
        }
        int pageblockOrder = Integer.parseInt(order.group(1));
        if (pageblockOrder > 62) {
            throw in.error(orderLine, "page block order " + pageblockOrder + " out of range 0..62");
        }
        int pagesLine = in.lineNumber();
        line = in.next("'Pages per block: <n>'");
        Matcher pages = PAGES_PER_BLOCK.matcher(line);
        if (!pages.matches()) {
            throw in.error(pagesLine, "expected 'Pages per block: <n>', found " + ProcLines.quote(line));
        }
        long pagesPerBlock = in.unsignedDecimal(pages.group(1), pagesLine, "pages per block");
        if (pagesPerBlock != 1L << pageblockOrder) {
            throw in.error(pagesLine, "pages per block " + pagesPerBlock + " is not 2^" + pageblockOrder + " = "
                    + (1L << pageblockOrder));
        }
        return pageblockOrder;
    }

    /** "Free pages count per migrate type at order" and the order numbers; returns how many orders. */
    private int freeHeader() {
        int lineNumber = in.lineNumber();
        String[] tokens = ProcLines.tokens(in.next("'" + PagetypeinfoPrinter.FREE_HEADER + "'"));
        if (tokens.length < FREE_HEADER.length
                || !Arrays.equals(Arrays.copyOf(tokens, FREE_HEADER.length), FREE_HEADER)) {
            throw in.error(lineNumber, "expected '" + PagetypeinfoPrinter.FREE_HEADER + "', found "
                    + ProcLines.quote(String.join(" ", tokens)));
        }
        int orders = tokens.length - FREE_HEADER.length;
        if (orders == 0) {
            throw in.error(lineNumber, "no orders after '" + PagetypeinfoPrinter.FREE_HEADER + "'");
        }
        if (orders > Vmstat.MAX_ORDER) {
            throw in.error(lineNumber, orders + " orders, more than MAX_ORDER " + Vmstat.MAX_ORDER);
        }
        for (int order = 0; order < orders; order++) {
            if (!tokens[FREE_HEADER.length + order].equals(Integer.toString(order))) {
                throw in.error(lineNumber, "order column " + ProcLines.quote(tokens[FREE_HEADER.length + order])
                        + " where order " + order + " belongs");
            }
        }
        return orders;
    }

    /** The free-count rows up to the blank line, grouped by zone. Kernel: pagetypeinfo_showfree_print(). */
    private List<ZoneRows> freeRows(int orders) {
        List<ZoneRows> zones = new ArrayList<>();
        while (in.peek() != null && !ProcLines.isBlank(in.peek())) {
            int lineNumber = in.lineNumber();
            String[] tokens = ProcLines.tokens(in.next("a free-count row"));
            ZoneLabel label = ZoneLabel.parse(tokens, true, in, lineNumber);
            if (tokens.length < FREE_ROW_LABEL_TOKENS || !tokens[ZoneLabel.TOKENS].equals("type")) {
                throw in.error(lineNumber, "expected 'type <migratetype>' after '" + label + ",'");
            }
            MigrateType mt = migrateType(tokens[ZoneLabel.TOKENS + 1], lineNumber);
            ZoneRows zone = zones.isEmpty() ? null : zones.get(zones.size() - 1);
            if (zone == null || !zone.label.equals(label)) {
                if (zone != null && zone.label.nodeId() != label.nodeId()) {
                    throw in.error(lineNumber, label + " in the section of node " + zone.label.nodeId());
                }
                zone = newZone(label, lineNumber, orders);
                zones.add(zone);
            }
            zone.addType(mt, lineNumber, in);
            int counts = tokens.length - FREE_ROW_LABEL_TOKENS;
            if (counts != orders) {
                throw in.error(lineNumber, counts + " free counts, but the header lists " + orders + " orders");
            }
            for (int order = 0; order < orders; order++) {
                zone.freeCounts[mt.ordinal()][order] =
                        freeCount(tokens[FREE_ROW_LABEL_TOKENS + order], lineNumber, order);
            }
        }
        if (zones.isEmpty()) {
            throw in.error(in.lineNumber(), "no free-count rows after the order header");
        }
        return zones;
    }

    private ZoneRows newZone(ZoneLabel label, int lineNumber, int orders) {
        Integer previous = zoneSeenAt.putIfAbsent(label, lineNumber);
        if (previous != null) {
            throw in.error(lineNumber, label + " already listed on line " + previous);
        }
        return new ZoneRows(label, lineNumber, orders);
    }

    /** A free count as "%6lu", or the kernel's ">100000" when it stopped counting at the cap. */
    private long freeCount(String token, int lineNumber, int order) {
        String what = "order-" + order + " free count";
        if (token.equals(">" + PagetypeinfoPrinter.FREE_COUNT_CAP)) {
            return PagetypeinfoPrinter.FREE_COUNT_CAP;
        }
        long count = in.unsignedDecimal(token, lineNumber, what);
        if (count >= PagetypeinfoPrinter.FREE_COUNT_CAP) {
            throw in.error(lineNumber, what + " " + count + " without '>': the kernel stops counting at "
                    + PagetypeinfoPrinter.FREE_COUNT_CAP + " and prints '>" + PagetypeinfoPrinter.FREE_COUNT_CAP + "'");
        }
        return count;
    }

    /** A "Number of ... " header line; returns its migratetype columns. */
    private MigrateType[] typeHeader(String[] header) {
        int lineNumber = in.lineNumber();
        String expected = String.join(" ", header);
        String[] tokens = ProcLines.tokens(in.next("'" + expected + "'"));
        if (tokens.length < header.length || !Arrays.equals(Arrays.copyOf(tokens, header.length), header)) {
            throw in.error(lineNumber, "expected '" + expected + "', found "
                    + ProcLines.quote(String.join(" ", tokens)));
        }
        MigrateType[] columns = new MigrateType[tokens.length - header.length];
        if (columns.length == 0) {
            throw in.error(lineNumber, "no migratetype columns after '" + expected + "'");
        }
        for (int i = 0; i < columns.length; i++) {
            columns[i] = migrateType(tokens[header.length + i], lineNumber);
            if (i > 0 && columns[i].ordinal() <= columns[i - 1].ordinal()) {
                throw in.error(lineNumber, "column " + columns[i].procName() + " after " + columns[i - 1].procName()
                        + ": the kernel prints migratetypes once each, in enum order");
            }
        }
        return columns;
    }

    /** One "Node %d, zone %8s" row of "%12lu" counts per zone, in the zones' order. */
    private List<long[]> countRows(List<ZoneRows> zones, MigrateType[] columns, String what) {
        List<long[]> rows = new ArrayList<>();
        for (ZoneRows zone : zones) {
            int lineNumber = in.lineNumber();
            String[] tokens = ProcLines.tokens(in.next(what + "s of " + zone.label));
            ZoneLabel label = ZoneLabel.parse(tokens, false, in, lineNumber);
            if (!label.equals(zone.label)) {
                throw in.error(lineNumber, "expected " + what + "s of " + zone.label + ", found " + label);
            }
            if (tokens.length - ZoneLabel.TOKENS != columns.length) {
                throw in.error(lineNumber, (tokens.length - ZoneLabel.TOKENS) + " " + what + "s, but the header lists "
                        + columns.length + " migratetypes");
            }
            long[] counts = new long[MigrateType.values().length];
            for (int i = 0; i < columns.length; i++) {
                counts[columns[i].ordinal()] = in.unsignedDecimal(tokens[ZoneLabel.TOKENS + i], lineNumber,
                        columns[i].procName() + " " + what);
            }
            rows.add(counts);
        }
        return rows;
    }

    private MigrateType migrateType(String name, int lineNumber) {
        try {
            return MigrateType.fromProcName(name);
        } catch (IllegalArgumentException e) {
            String hint = name.equals("CMA") ? " (CONFIG_CMA kernels are not modelled)" : "";
            throw in.error(lineNumber, "unknown migratetype " + ProcLines.quote(name) + hint);
        }
    }

    private static String names(MigrateType[] types) {
        StringBuilder b = new StringBuilder("[");
        for (MigrateType mt : types) {
            b.append(b.length() > 1 ? " " : "").append(mt.procName());
        }
        return b.append(']').toString();
    }

    /** The free-count rows of one zone while they are read. */
    private static final class ZoneRows {
        final ZoneLabel label;
        final int firstLine;
        final List<MigrateType> types = new ArrayList<>();
        final long[][] freeCounts;

        ZoneRows(ZoneLabel label, int firstLine, int orders) {
            this.label = label;
            this.firstLine = firstLine;
            this.freeCounts = new long[MigrateType.values().length][orders];
        }

        void addType(MigrateType mt, int lineNumber, ProcLines in) {
            MigrateType last = types.isEmpty() ? null : types.get(types.size() - 1);
            if (last != null && mt.ordinal() <= last.ordinal()) {
                throw in.error(lineNumber, label + " lists type " + mt.procName() + " after " + last.procName()
                        + ": the kernel prints migratetypes once each, in enum order");
            }
            types.add(mt);
        }
    }
}
