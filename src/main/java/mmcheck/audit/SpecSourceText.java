package mmcheck.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tla2sany.semantic.SemanticNode;
import tla2sany.st.Location;

/** The source text of a spec expression, e.g. "line 142 of CompactionObs: BlockOf(lo) > BlockOf(migratePfn)". */
final class SpecSourceText {
    private final List<Path> dirs;
    private final Map<String, List<String>> files = new HashMap<>();

    SpecSourceText(List<Path> dirs) {
        this.dirs = dirs;
    }

    String quote(SemanticNode node) {
        Location loc = node.getLocation();
        String where = "line " + loc.beginLine() + " of " + loc.source();
        List<String> lines = files.computeIfAbsent(loc.source(), this::read);
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
        String expr = sb.toString().replaceAll("\\s+", " ").trim();
        return where + ": " + (expr.length() > 140 ? expr.substring(0, 137) + "..." : expr);
    }

    private List<String> read(String module) {
        for (Path d : dirs) {
            Path f = d.resolve(module + ".tla");
            if (Files.isRegularFile(f)) {
                try {
                    return Files.readAllLines(f);
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
