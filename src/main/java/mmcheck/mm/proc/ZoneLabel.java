package mmcheck.mm.proc;

import java.util.regex.Pattern;

/** ZoneLabel - the "Node %d, zone %8s" prefix every per-zone line of mm/vmstat.c's seq files starts with. */
record ZoneLabel(int nodeId, String zoneName) {

    /** Tokens the label occupies: "Node", "0,", "zone", "DMA". */
    static final int TOKENS = 4;

    private static final Pattern NODE = Pattern.compile("([0-9]{1,9}),");
    // Zone names are printable ASCII words without commas (DMA, DMA32, Normal, HighMem, Movable, Device).
    private static final Pattern NAME = Pattern.compile("[\\x21-\\x2b\\x2d-\\x7e]+");
    private static final Pattern NAME_COMMA = Pattern.compile("[\\x21-\\x2b\\x2d-\\x7e]+,");

    /**
     * Reads the label from the first {@link #TOKENS} tokens of a line; {@code commaAfterZone} for pagetypeinfo's
     * free-count rows, which print "zone %8s, type".
     */
    static ZoneLabel parse(String[] tokens, boolean commaAfterZone, ProcLines in, int lineNumber) {
        if (tokens.length == 0) {
            throw in.error(lineNumber, "blank line where 'Node <id>, zone <name>' was expected");
        }
        String shape = commaAfterZone ? "'Node <id>, zone <name>,'" : "'Node <id>, zone <name>'";
        if (tokens.length < TOKENS || !tokens[0].equals("Node") || !tokens[2].equals("zone")
                || !NODE.matcher(tokens[1]).matches()
                || !(commaAfterZone ? NAME_COMMA : NAME).matcher(tokens[3]).matches()) {
            throw in.error(lineNumber, "expected " + shape + ", found " + ProcLines.quote(String.join(" ", tokens)));
        }
        String zone = commaAfterZone ? tokens[3].substring(0, tokens[3].length() - 1) : tokens[3];
        return new ZoneLabel(Integer.parseInt(tokens[1].substring(0, tokens[1].length() - 1)), zone);
    }

    @Override
    public String toString() {
        return "Node " + nodeId + ", zone " + zoneName;
    }
}
