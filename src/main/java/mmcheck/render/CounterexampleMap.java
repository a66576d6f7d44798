package mmcheck.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import mmcheck.tlc.TlcResult;
import mmcheck.tlc.TraceState;

/** The counterexample page's memory map for a terminal: one line per step, one character per pfn. */
public final class CounterexampleMap {
    /** What each page character means; the audit's text map draws an engine trace's page states with the same. */
    static final String PAGE_LEGEND = "0-9 free of that order, M/U/R/A allocated movable/unmovable/reclaimable/other, "
            + "I isolated, * under migration, P pinned, ? outside the allocator";

    private CounterexampleMap() {
    }

    public static String text(TlcResult result, int pageblockOrder) {
        List<TraceState> trace = result.trace();
        if (trace.isEmpty()) {
            return "";
        }
        List<Cells> rows = new ArrayList<>();
        for (TraceState s : trace) {
            rows.add(Cells.of(CounterexamplePage.values(s), pageblockOrder));
        }
        Map<Integer, String> labels = CounterexamplePage.labels(result);
        StringBuilder b = new StringBuilder("memory map: one line per step, one character per pfn; " + PAGE_LEGEND
                + "; ^ the cells the violated invariant concerns\n");
        Cells first = rows.get(0);
        StringBuilder axis = new StringBuilder("         ");
        for (long pfn : first.pfns) {
            axis.append(pfn % 10);
        }
        b.append(axis).append("  pfn mod 10\n");
        for (int i = 0; i < rows.size(); i++) {
            Cells c = rows.get(i);
            StringBuilder line = new StringBuilder();
            for (int k = 0; k < c.pfns.length; k++) {
                line.append(glyph(c.cls[k], c.freeOrder[k]));
            }
            TraceState s = trace.get(i);
            b.append(String.format("step %-3d %s  %s%n", s.number(), line, labels.getOrDefault(s.number(), s.action())));
        }
        if (result.violatedProperty() != null) {
            boolean[] hit = CounterexamplePage.concerned(result.violatedProperty(), rows);
            StringBuilder marks = new StringBuilder("         ");
            for (boolean h : hit) {
                marks.append(h ? '^' : ' ');
            }
            b.append(marks).append("  ").append(result.violatedProperty()).append('\n');
        }
        return b.toString();
    }

    /** The character of a page drawn with CSS class {@code cls}; {@code freeOrder} is its order when free. */
    static char glyph(String cls, int freeOrder) {
        if (cls.startsWith("free-o")) {
            return (char) ('0' + Math.min(9, freeOrder));
        }
        return switch (cls) {
            case "alloc-movable" -> 'M';
            case "alloc-unmovable" -> 'U';
            case "alloc-reclaimable" -> 'R';
            case "alloc-other" -> 'A';
            case "isolated" -> 'I';
            case "migrating" -> '*';
            case "pinned" -> 'P';
            default -> '?';
        };
    }
}
