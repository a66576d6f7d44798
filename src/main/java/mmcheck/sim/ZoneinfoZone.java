package mmcheck.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ZoneinfoZone - the sizes and watermarks of one zone, read from a /proc/zoneinfo snapshot.
 * Kernel: zoneinfo_show_print() in mm/vmstat.c.
 */
public record ZoneinfoZone(int node, String name, long startPfn, long spanned, long present, long managed,
        long min, long low, long high, long nrFreePages) {

    private static final Pattern HEADER = Pattern.compile("^Node (\\d+), zone\\s+(\\S+)$");

    /** Every populated zone of the text (present pages &gt; 0), in file order. */
    public static List<ZoneinfoZone> parse(String text) {
        List<ZoneinfoZone> zones = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher h = HEADER.matcher(lines[i].trim());
            if (!h.matches()) {
                continue;
            }
            long[] v = new long[8];
            java.util.Arrays.fill(v, -1);
            int j = i + 1;
            for (; j < lines.length && !HEADER.matcher(lines[j].trim()).matches(); j++) {
                String[] f = lines[j].trim().split("\\s+");
                if (f.length < 2) {
                    continue;
                }
                switch (f[0]) {
                    case "min" -> v[0] = v[0] < 0 ? Long.parseLong(f[1]) : v[0];
                    case "low" -> v[1] = v[1] < 0 ? Long.parseLong(f[1]) : v[1];
                    case "high" -> v[2] = v[2] < 0 ? Long.parseLong(f[1]) : v[2];
                    case "spanned" -> v[3] = Long.parseLong(f[1]);
                    case "present" -> v[4] = Long.parseLong(f[1]);
                    case "managed" -> v[5] = Long.parseLong(f[1]);
                    case "nr_free_pages" -> v[6] = v[6] < 0 ? Long.parseLong(f[1]) : v[6];
                    case "start_pfn:" -> v[7] = Long.parseLong(f[1]);
                    default -> {
                    }
                }
            }
            if (v[4] > 0) {
                zones.add(new ZoneinfoZone(Integer.parseInt(h.group(1)), h.group(2), v[7], v[3], v[4], v[5], v[0],
                        v[1], v[2], v[6]));
            }
            i = j - 1;
        }
        return zones;
    }
}
