package mmcheck.tlc;

import java.util.ArrayList;
import java.util.List;

/** Formats rows as aligned columns; columns whose cells are all numbers (or "-") are right-aligned. */
public final class TextTable {
    private TextTable() {
    }

    public static String format(List<String> header, List<List<String>> rows) {
        int n = header.size();
        int[] width = new int[n];
        boolean[] numeric = new boolean[n];
        for (int c = 0; c < n; c++) {
            width[c] = header.get(c).length();
            numeric[c] = !rows.isEmpty();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
                numeric[c] &= row.get(c).matches("-|\\d+(\\.\\d+)?");
            }
        }
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        StringBuilder out = new StringBuilder();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < n; c++) {
                String cell = row.get(c);
                String pad = " ".repeat(width[c] - cell.length());
                line.append(numeric[c] ? pad + cell : cell + (c + 1 < n ? pad : ""));
                if (c + 1 < n) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
