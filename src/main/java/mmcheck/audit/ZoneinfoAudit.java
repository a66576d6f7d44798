package mmcheck.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import mmcheck.mm.proc.ZoneFreeInfo;
import mmcheck.tlc.BadInputException;

/**
 * A snapshot's /proc/zoneinfo (mm/vmstat.c zoneinfo_show_print()): each zone consistent with itself, and with the
 * buddyinfo and pagetypeinfo of the same snapshot.
 *
 * <p>Within one zone's block, what the kernel sets once and never breaks is a VIOLATION when it does not hold:
 * present &lt;= spanned and managed &lt;= present (calculate_node_totalpages(), the memblock reservations),
 * min &lt;= low &lt;= high (__setup_per_zone_wmarks(), one boost added to all three), and the populated zones of a
 * node lying one after the other ([start_pfn, start_pfn + spanned) disjoint, in zone order). Everything that is
 * read at two moments is a NOTE naming what was read when: "pages free" against the zone's nr_free_pages line
 * (two reads of NR_FREE_PAGES), against buddyinfo's sum (another file; NR_FREE_PAGES lags the lists by the
 * per-cpu deltas not yet folded in, and pages in MIGRATE_ISOLATE pageblocks are listed but not counted), free pages above managed (per-cpu counter drift), and pagetypeinfo's
 * pageblock count above the zone's span.
 */
final class ZoneinfoAudit {
    private static final Pattern ZONE = Pattern.compile("^Node (\\d+), zone\\s+(\\S+)\\s*$");
    private static final Pattern FIELD = Pattern.compile("^\\s+(pages free|min|low|high|spanned|present|managed"
            + "|nr_free_pages|start_pfn:)\\s+(\\S+)\\s*$");

    /** One zone of zoneinfo; -1 where the file does not print the field. */
    static final class Zone {
        final int node;
        final String name;
        final int line;
        final Map<String, Long> fields = new LinkedHashMap<>();

        Zone(int node, String name, int line) {
            this.node = node;
            this.name = name;
            this.line = line;
        }

        long get(String f) {
            return fields.getOrDefault(f, -1L);
        }
    }

    private final String snapshot;
    private final List<Finding> findings;
    private int checks;

    ZoneinfoAudit(String snapshot, List<Finding> findings) {
        this.snapshot = snapshot;
        this.findings = findings;
    }

    static List<Zone> parse(String text, String file) {
        List<Zone> zones = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        Zone z = null;
        for (int i = 0; i < lines.length; i++) {
            Matcher m = ZONE.matcher(lines[i]);
            if (m.matches()) {
                z = new Zone(Integer.parseInt(m.group(1)), m.group(2), i + 1);
                zones.add(z);
                continue;
            }
            Matcher f = FIELD.matcher(lines[i]);
            if (f.matches()) {
                if (z == null) {
                    throw new BadInputException(file + ":" + (i + 1) + ": '" + f.group(1) + "' before any "
                            + "\"Node N, zone NAME\" line");
                }
                try {
                    z.fields.putIfAbsent(f.group(1).replace(":", ""), Long.parseLong(f.group(2)));
                } catch (NumberFormatException e) {
                    throw new BadInputException(file + ":" + (i + 1) + ": " + f.group(1) + " '" + f.group(2)
                            + "' is not a number");
                }
            }
        }
        if (zones.isEmpty()) {
            throw new BadInputException(file + ": no \"Node N, zone NAME\" line: not a /proc/zoneinfo");
        }
        return zones;
    }

    /**
     * @param buddy      the snapshot's buddyinfo, or null
     * @param blocks     pagetypeinfo's pageblock count per "node zone", or null
     * @param blockPages pageblock_nr_pages
     */
    int run(List<Zone> zones, List<ZoneFreeInfo> buddy, Map<String, Long> blocks, int blockPages) {
        for (Zone z : zones) {
            selfConsistent(z);
        }
        zonesApart(zones);
        for (Zone z : zones) {
            againstOtherFiles(z, buddy, blocks, blockPages);
        }
        return checks;
    }

    private void selfConsistent(Zone z) {
        long spanned = z.get("spanned");
        long present = z.get("present");
        long managed = z.get("managed");
        impossible(z, present >= 0 && spanned >= 0, present <= spanned, "present <= spanned",
                "zoneinfo.txt: present " + present + " > spanned " + spanned + ": a zone cannot hold more pages than it spans");
        impossible(z, managed >= 0 && present >= 0, managed <= present, "managed <= present",
                "zoneinfo.txt: managed " + managed + " > present " + present + ": the buddy allocator manages present pages only");
        long min = z.get("min");
        long low = z.get("low");
        long high = z.get("high");
        impossible(z, min >= 0 && low >= 0 && high >= 0, min <= low && low <= high, "min <= low <= high",
                "zoneinfo.txt: watermarks min " + min + ", low " + low + ", high " + high
                        + " are out of order (__setup_per_zone_wmarks() sets low = min + d, high = min + 2d)");
        long free = z.get("pages free");
        long nrFree = z.get("nr_free_pages");
        note(z, free >= 0 && nrFree >= 0, free == nrFree, "pages free = nr_free_pages",
                "zoneinfo.txt: 'pages free' " + free + " but nr_free_pages " + nrFree + " (zoneinfo.txt reads NR_FREE_PAGES twice)");
        note(z, free >= 0 && managed >= 0, free <= managed, "pages free <= managed",
                "zoneinfo.txt: 'pages free' " + free + " > managed " + managed + " (per-cpu counter drift of NR_FREE_PAGES)");
    }

    private void zonesApart(List<Zone> zones) {
        Map<Integer, Zone> lastOfNode = new LinkedHashMap<>();
        for (Zone z : zones) {
            if (z.get("spanned") <= 0 || z.get("start_pfn") < 0) {
                continue;
            }
            Zone prev = lastOfNode.put(z.node, z);
            if (prev != null) {
                long prevEnd = prev.get("start_pfn") + prev.get("spanned");
                impossible(z, true, z.get("start_pfn") >= prevEnd, "zones apart",
                        "zoneinfo.txt: start_pfn " + z.get("start_pfn") + " lies below the end of zone " + prev.name + " ("
                                + prevEnd + " = its start_pfn + spanned): the zones of a node overlap");
            }
        }
    }

    private void againstOtherFiles(Zone z, List<ZoneFreeInfo> buddy, Map<String, Long> blocks, int blockPages) {
        long free = z.get("pages free");
        if (buddy != null && free >= 0) {
            for (ZoneFreeInfo b : buddy) {
                if (b.nodeId() == z.node && b.zoneName().equals(z.name)) {
                    long sum = 0;
                    long[] nr = b.nrFree();
                    for (int o = 0; o < nr.length; o++) {
                        sum += nr[o] << o;
                    }
                    note(z, true, sum == free, "zoneinfo=buddyinfo", "zoneinfo.txt 'pages free' " + free
                            + " but buddyinfo.txt sums to " + sum + " pages (read one after the other on a live "
                            + "system; NR_FREE_PAGES also lags the free lists by the per-cpu deltas not yet "
                            + "folded in, and leaves out MIGRATE_ISOLATE pageblocks)");
                }
            }
        }
        Long n = blocks == null ? null : blocks.get(z.node + " " + z.name);
        long spanned = z.get("spanned");
        if (n != null && spanned >= 0) {
            long most = (spanned + blockPages - 1) / blockPages;
            note(z, true, n <= most, "zoneinfo=pagetypeinfo", "pagetypeinfo.txt counts " + n
                    + " pageblocks but zoneinfo.txt's spanned " + spanned + " covers at most " + most);
        }
    }

    private void impossible(Zone z, boolean applies, boolean holds, String rule, String what) {
        finding(Finding.Kind.VIOLATION, z, applies, holds, rule, what);
    }

    private void note(Zone z, boolean applies, boolean holds, String rule, String what) {
        finding(Finding.Kind.NOTE, z, applies, holds, rule, what);
    }

    private void finding(Finding.Kind kind, Zone z, boolean applies, boolean holds, String rule, String what) {
        if (!applies) {
            return;
        }
        checks++;
        if (!holds) {
            findings.add(new Finding(kind, "snapshot " + snapshot + " zone " + z.name, List.of(z.line),
                    "zoneinfo " + rule, what));
        }
    }
}
