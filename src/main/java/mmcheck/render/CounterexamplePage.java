package mmcheck.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import mmcheck.tlc.CounterexampleRenderer;
import mmcheck.tlc.TlaValue;
import mmcheck.tlc.TlaValueParser;
import mmcheck.tlc.TlcResult;
import mmcheck.tlc.TraceState;

/**
 * A TLC counterexample of a model as one self-contained HTML page: one memory-map row per step, one cell per pfn
 * coloured by its state (free by order and migratetype, allocated by migratetype, isolated, under migration,
 * pinned), the scanners as markers when the model has them, the PTEs of each step, the step in its four spellings
 * (as the text counterexample names it), and the cells the violated invariant concerns highlighted.
 */
public final class CounterexamplePage {
    private static final Pattern STEP = Pattern.compile("^step (\\d+)  (.*?)(?:  at line .*)?$");
    private static final Pattern PAGEBLOCK_ORDER = Pattern.compile("PageblockOrder\\s*=\\s*(\\d+)");
    private static final int CELL = 34;

    private CounterexamplePage() {
    }

    public static void write(String model, Path cfg, TlcResult result, Path file) {
        Html.write(file, html(model, pageblockOrder(cfg), result));
    }

    /** PageblockOrder of a model's cfg (0 when it sets none), to index pageblockMt by pfn. */
    public static int pageblockOrder(Path cfg) {
        try {
            Matcher m = PAGEBLOCK_ORDER.matcher(Files.readString(cfg));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    public static String html(String model, int pageblockOrder, TlcResult result) {
        List<TraceState> trace = result.trace();
        StringBuilder b = new StringBuilder(Html.head("mmcheck counterexample: " + model));
        String violated = result.violatedProperty();
        b.append("<p id=\"verdict\" class=\"violation\">").append(Html.esc(result.outcome().label()))
                .append(violated == null ? "" : ": violated invariant <code id=\"invariant\">" + Html.esc(violated)
                        + "</code>").append(", ").append(trace.size()).append(" states</p>\n");
        if (trace.isEmpty()) {
            return b.append("<p>TLC gave no counterexample.</p></body></html>\n").toString();
        }
        Map<Integer, String> labels = labels(result);
        List<Cells> rows = new ArrayList<>();
        for (TraceState s : trace) {
            rows.add(Cells.of(values(s), pageblockOrder));
        }
        boolean[] concerned = concerned(violated, rows);
        b.append(Html.legend(List.of(new String[] {"free-o0", "free, order 0"}, new String[] {"free-o1", "free, order 1"},
                new String[] {"free-o2", "free, order 2"}, new String[] {"free-o3", "free, order 3+"},
                new String[] {"alloc-movable", "allocated movable"}, new String[] {"alloc-unmovable",
                        "allocated unmovable"}, new String[] {"alloc-reclaimable", "allocated reclaimable"},
                new String[] {"isolated", "isolated"}, new String[] {"migrating", "under migration"},
                new String[] {"pinned", "pinned"}, new String[] {"unknown", "outside the allocator"})));
        for (int i = 0; i < rows.size(); i++) {
            TraceState s = trace.get(i);
            Cells c = rows.get(i);
            boolean last = i == rows.size() - 1;
            b.append("<div class=\"row step\" id=\"step-").append(s.number()).append("\"><div class=\"label\" title=\"")
                    .append(Html.esc(labels.getOrDefault(s.number(), s.action()))).append("\">step ")
                    .append(s.number()).append(" ").append(Html.esc(labels.getOrDefault(s.number(), s.action())))
                    .append("</div>");
            b.append("<svg class=\"map\" width=\"").append(c.pfns.length * CELL + 4).append("\" height=\"44\">");
            for (int k = 0; k < c.pfns.length; k++) {
                boolean hit = last && concerned[k];
                b.append(String.format(Locale.ROOT, "<rect class=\"cell %s%s\" data-pfn=\"%d\"%s x=\"%d\" y=\"8\" "
                                + "width=\"%d\" height=\"22\"><title>pfn %d: %s</title></rect>",
                        c.cls[k], hit ? " violated" : "", c.pfns[k],
                        hit ? " data-rule=\"" + Html.esc(String.valueOf(violated)) + "\"" : "", 2 + k * CELL, CELL - 2,
                        c.pfns[k], Html.esc(c.what[k])));
                b.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"40\">%d</text>",
                        6 + k * CELL, c.pfns[k]));
            }
            marker(b, c, c.migratePfn, "migrate", true);
            marker(b, c, c.freePfn, "free", false);
            b.append("</svg>");
            if (!c.ptes.isEmpty()) {
                b.append("<div class=\"ptes\" style=\"font-size:11px\">").append(Html.esc(c.ptes)).append("</div>");
            }
            b.append("</div>\n");
        }
        if (violated != null) {
            b.append("<p>Highlighted (red outline, last step): the cells <code>").append(Html.esc(violated))
                    .append("</code> concerns.</p>\n");
        }
        b.append("<h2>Counterexample as text</h2>\n<pre>").append(Html.esc(CounterexampleRenderer.render(result)))
                .append("</pre>\n");
        return b.append("</body></html>\n").toString();
    }

    private static void marker(StringBuilder b, Cells c, long pfn, String cls, boolean top) {
        for (int k = 0; k < c.pfns.length; k++) {
            if (c.pfns[k] == pfn) {
                int x = 2 + k * CELL + CELL / 2;
                String pts = top ? (x - 4) + ",0 " + (x + 4) + ",0 " + x + ",7"
                        : (x - 4) + ",38 " + (x + 4) + ",38 " + x + ",31";
                b.append("<polygon class=\"marker ").append(cls).append("\" data-pfn=\"").append(pfn)
                        .append("\" points=\"").append(pts).append("\"><title>").append(cls).append("_pfn ")
                        .append(pfn).append("</title></polygon>");
            }
        }
    }

    /** The step labels of the text counterexample (spec action with arguments, trace event, Java, kernel). */
    static Map<Integer, String> labels(TlcResult result) {
        Map<Integer, String> m = new HashMap<>();
        for (String line : CounterexampleRenderer.render(result).split("\n")) {
            Matcher x = STEP.matcher(line);
            if (x.matches()) {
                m.put(Integer.parseInt(x.group(1)), x.group(2));
            }
        }
        return m;
    }

    static Map<String, TlaValue> values(TraceState s) {
        Map<String, TlaValue> m = new LinkedHashMap<>();
        s.variables().forEach((k, v) -> {
            try {
                m.put(k, TlaValueParser.parse(v));
            } catch (IllegalArgumentException unreadable) {
                // a variable of a shape the page does not draw
            }
        });
        return m;
    }

    /**
     * The cells the violated invariant concerns in the last state: for MaximalCoalescingInv the free buddies that
     * should have merged; otherwise the cells the last step changed.
     */
    static boolean[] concerned(String invariant, List<Cells> rows) {
        Cells last = rows.get(rows.size() - 1);
        boolean[] hit = new boolean[last.pfns.length];
        if ("MaximalCoalescingInv".equals(invariant)) {
            for (int k = 0; k < last.pfns.length; k++) {
                int o = last.freeOrder[k];
                if (o >= 0 && last.head[k]) {
                    long buddy = last.pfns[k] ^ (1L << o);
                    int j = last.index(buddy);
                    if (j >= 0 && last.head[j] && last.freeOrder[j] == o) {
                        for (int q = 0; q < (1 << o); q++) {
                            mark(hit, last, last.pfns[k] + q);
                            mark(hit, last, buddy + q);
                        }
                    }
                }
            }
        }
        boolean any = false;
        for (boolean h : hit) {
            any |= h;
        }
        if (!any && rows.size() > 1) {
            Cells prev = rows.get(rows.size() - 2);
            for (int k = 0; k < last.pfns.length; k++) {
                int j = prev.index(last.pfns[k]);
                hit[k] = j < 0 || !prev.cls[j].equals(last.cls[k]) || !prev.what[j].equals(last.what[k]);
            }
        }
        return hit;
    }

    private static void mark(boolean[] hit, Cells c, long pfn) {
        int i = c.index(pfn);
        if (i >= 0) {
            hit[i] = true;
        }
    }
}
