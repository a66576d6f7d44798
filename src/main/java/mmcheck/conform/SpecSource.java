package mmcheck.conform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tla2sany.semantic.SemanticNode;
import tla2sany.st.Location;

/** The source text of a spec expression, for reports that quote the conjunct that failed. */
final class SpecSource {
    private final List<Path> dirs;
    private final Map<String, List<String>> files = new HashMap<>();

    SpecSource(List<Path> dirs) {
        this.dirs = dirs;
    }

    /** "line 12 of Buddy: /\ freeList[co][t] # {}" with the expression folded onto one line. */
    String quote(SemanticNode node) {
        Location loc = node.getLocation();
        String where = "line " + loc.beginLine() + " of " + loc.source();
        List<String> lines = lines(loc.source());
        if (lines == null || loc.beginLine() < 1 || loc.endLine() > lines.size()) {
            return where;
        }
        StringBuilder sb = new StringBuilder();
        for (int l = loc.beginLine(); l <= loc.endLine(); l++) {
            String text = lines.get(l - 1);
            int from = l == loc.beginLine() ? Math.max(0, loc.beginColumn() - 1) : 0;
            int to = l == loc.endLine() ? Math.min(text.length(), loc.endColumn()) : text.length();
            if (from < to) {
                sb.append(text, from, to).append(' ');
            }
        }
        String expr = SpecModel.oneLine(sb.toString());
        if (expr.length() > 160) {
            expr = expr.substring(0, 157) + "...";
        }
        return where + ": " + expr;
    }

    private List<String> lines(String module) {
        return files.computeIfAbsent(module, m -> {
            for (Path d : dirs) {
                Path f = d.resolve(m + ".tla");
                if (Files.isRegularFile(f)) {
                    try {
                        return Files.readAllLines(f);
                    } catch (IOException e) {
                        return null;
                    }
                }
            }
            return null;
        });
    }
}
