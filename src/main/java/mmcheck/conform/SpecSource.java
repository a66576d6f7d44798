package mmcheck.conform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tla2sany.semantic.SemanticNode;
import tla2sany.st.Location;

/**
 * The source text of a spec expression, for reports that quote the conjunct, rule or guard in question: the step
 * checker's diagnosis, the audit's findings and the rule-coverage table all read it here.
 */
public final class SpecSource {
    private final List<Path> dirs;
    private final Map<String, List<String>> files = new HashMap<>();

    /** dirs: the directories to look for MODULE.tla in, in order. */
    public SpecSource(List<Path> dirs) {
        this.dirs = List.copyOf(dirs);
    }

    /** "line 12 of Buddy: /\ freeList[co][t] # {}" with the expression folded onto one line. */
    public String quote(SemanticNode node) {
        Location loc = node.getLocation();
        String where = "line " + loc.beginLine() + " of " + loc.source();
        String text = text(loc, 160);
        return text == null ? where : where + ": " + text;
    }

    /**
     * The text at loc folded onto one line, end-of-line comments left out, cut to at most max characters; null
     * when the module's file is not in the directories or loc lies outside it.
     */
    public String text(Location loc, int max) {
        List<String> lines = lines(loc.source());
        if (lines == null || loc.beginLine() < 1 || loc.endLine() > lines.size()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int l = loc.beginLine(); l <= loc.endLine(); l++) {
            String line = lines.get(l - 1);
            int from = l == loc.beginLine() ? Math.max(0, loc.beginColumn() - 1) : 0;
            int to = l == loc.endLine() ? Math.min(line.length(), loc.endColumn()) : line.length();
            if (from < to) {
                String part = line.substring(from, to);
                int comment = part.indexOf("\\*");
                sb.append(comment < 0 ? part : part.substring(0, comment)).append(' ');
            }
        }
        String expr = SpecModel.oneLine(sb.toString());
        return expr.length() > max ? expr.substring(0, max - 3) + "..." : expr;
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
