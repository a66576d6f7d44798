package mmcheck.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import mmcheck.mm.proc.ZoneFreeInfo;
import mmcheck.tlc.BadInputException;

/** Shared pieces of the self-contained pages: escaping, the style sheet, buddyinfo charts, writing the file. */
final class Html {
    /** Colours by state; the same keys name the CSS classes of the cells. */
    static final String CSS = String.join("\n",
            "body{font:13px/1.4 system-ui,sans-serif;margin:16px;color:#222;background:#fff}",
            "h1{font-size:18px;margin:0 0 8px} h2{font-size:15px;margin:16px 0 6px}",
            "table{border-collapse:collapse;margin:6px 0} td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}",
            "th{background:#f3f3f3} .violation{color:#b00020;font-weight:600} .note{color:#555} .undecided{color:#8a6d00}",
            ".ok{color:#1b7f3b;font-weight:600} code{font-size:12px}",
            ".row{display:flex;align-items:center;gap:8px;margin:2px 0} .label{width:420px;font-size:12px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}",
            "svg{display:block} .legend span{display:inline-block;margin-right:10px} .legend i{display:inline-block;width:12px;height:12px;margin-right:3px;vertical-align:middle;border:1px solid #888}",
            ".cell{stroke:#fff;stroke-width:0.5} .cell.violated{stroke:#d00000;stroke-width:2}",
            ".untouched{fill:#e6e6e6} .migrate-scanned{fill:#9ecae1} .migrate-isolated{fill:#2171b5}",
            ".free-scanned{fill:#c7e9c0} .free-isolated{fill:#238b45}",
            ".free-o0{fill:#d9f0d3} .free-o1{fill:#a6dba0} .free-o2{fill:#5aae61} .free-o3{fill:#1b7837}",
            ".alloc-movable{fill:#fdae6b} .alloc-unmovable{fill:#d94801} .alloc-reclaimable{fill:#fd8d3c} .alloc-other{fill:#fee6ce}",
            ".isolated{fill:#807dba} .migrating{fill:#e7298a} .pinned{fill:#4d4d4d} .unknown{fill:#f7f7f7}",
            ".marker.migrate{fill:#08306b} .marker.free{fill:#00441b} .marker.begin{fill-opacity:0.35}",
            ".rule-tag{fill:#d00000;font-size:10px;font-weight:700}",
            ".bar{fill:#6baed6} .bar.after{fill:#31a354} .axis{font-size:9px;fill:#555}");

    private Html() {
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title><style>\n" + CSS + "\n</style></head><body>\n<h1>" + esc(title) + "</h1>\n";
    }

    static String legend(List<String[]> entries) {
        StringBuilder b = new StringBuilder("<div class=\"legend\">");
        for (String[] e : entries) {
            b.append("<span><svg width=\"12\" height=\"12\" style=\"display:inline\"><rect class=\"")
                    .append(e[0]).append("\" width=\"12\" height=\"12\"/></svg> ").append(esc(e[1])).append("</span>");
        }
        return b.append("</div>\n").toString();
    }

    /** One small bar chart per zone: free blocks per order (log scale), each snapshot a colour. */
    static String buddyCharts(List<String> names, List<List<ZoneFreeInfo>> snapshots) {
        StringBuilder b = new StringBuilder("<div class=\"charts\" style=\"display:flex;gap:24px;flex-wrap:wrap\">");
        if (snapshots.isEmpty()) {
            return "";
        }
        for (ZoneFreeInfo zone : snapshots.get(0)) {
            int orders = zone.orders();
            int w = 24 + orders * (snapshots.size() * 7 + 4);
            b.append("<figure class=\"buddychart\" data-zone=\"").append(esc(zone.zoneName())).append("\"><svg width=\"")
                    .append(w).append("\" height=\"120\">");
            double max = 1;
            for (List<ZoneFreeInfo> s : snapshots) {
                for (ZoneFreeInfo z : s) {
                    if (z.zoneName().equals(zone.zoneName())) {
                        for (long n : z.nrFree()) {
                            max = Math.max(max, Math.log10(n + 1));
                        }
                    }
                }
            }
            for (int o = 0; o < orders; o++) {
                for (int k = 0; k < snapshots.size(); k++) {
                    long n = 0;
                    for (ZoneFreeInfo z : snapshots.get(k)) {
                        if (z.zoneName().equals(zone.zoneName()) && o < z.orders()) {
                            n = z.nrFree()[o];
                        }
                    }
                    double h = 90 * Math.log10(n + 1) / max;
                    int x = 20 + o * (snapshots.size() * 7 + 4) + k * 7;
                    b.append(String.format(java.util.Locale.ROOT,
                            "<rect class=\"bar s%d\" x=\"%d\" y=\"%.1f\" width=\"6\" height=\"%.1f\" style=\"fill:%s\">"
                                    + "<title>%s order %d: %d</title></rect>",
                            k, x, 100 - h, h, SNAPSHOT_COLOURS[k % SNAPSHOT_COLOURS.length], esc(names.get(k)), o, n));
                }
                b.append("<text class=\"axis\" x=\"").append(22 + o * (snapshots.size() * 7 + 4)).append("\" y=\"112\">")
                        .append(o).append("</text>");
            }
            b.append("</svg><figcaption>").append(esc(zone.zoneName())).append(": free blocks per order (log), ");
            for (int k = 0; k < names.size(); k++) {
                b.append("<span style=\"color:").append(SNAPSHOT_COLOURS[k % SNAPSHOT_COLOURS.length]).append("\">")
                        .append(esc(names.get(k))).append("</span> ");
            }
            b.append("</figcaption></figure>");
        }
        return b.append("</div>\n").toString();
    }

    private static final String[] SNAPSHOT_COLOURS = {"#9ecae1", "#fd8d3c", "#31a354", "#756bb1"};

    static void write(Path file, String html) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot write: " + e.getMessage());
        }
    }
}
