package mmcheck.tlc;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Condenses SANY's untagged parse and semantic error report into one line naming the module and position,
 * because the full report (residual stack traces, abort messages) buries the one fact a reader needs.
 */
final class SanyErrors {
    private static final Pattern MODULE = Pattern.compile(
            "^(?:Could not parse module (\\S+) from file|Fatal errors while parsing TLA\\+ spec in file (\\S+))");
    private static final Pattern LOCATION = Pattern.compile(
            "^(line \\d+, col \\d+ to line \\d+, col \\d+) of module (\\S+)$");

    private SanyErrors() {
    }

    /** One line describing the first error, or null when the lines hold no error SANY is known to print. */
    static String summarize(List<String> lines) {
        List<String> text = lines.stream().map(String::strip).toList();
        String module = failingModule(text);
        String in = module == null ? "" : " in module " + module;
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            if (line.equals("***Parse Error***")) {
                return "parse error" + in + ": " + nextNonBlank(text, i);
            }
            if (line.startsWith("Lexical error")) {
                return "lexical error" + in + ": " + line.replaceAll("\\s+", " ");
            }
            if (line.startsWith("Cannot find source file for module")) {
                return line;
            }
            if (line.equals("Semantic errors:")) {
                for (int j = i + 1; j < text.size(); j++) {
                    Matcher loc = LOCATION.matcher(text.get(j));
                    if (loc.matches()) {
                        return "semantic error in module " + loc.group(2) + ": " + nextNonBlank(text, j)
                                + " (" + loc.group(1) + ")";
                    }
                }
                return "semantic error" + in + ": " + nextNonBlank(text, i);
            }
        }
        return null;
    }

    private static String failingModule(List<String> text) {
        String module = null;
        for (String line : text) {
            Matcher m = MODULE.matcher(line);
            if (m.find()) {
                // "Could not parse module" names the module that failed; prefer it over the root spec.
                module = m.group(1) != null ? m.group(1) : module == null ? m.group(2) : module;
            }
        }
        return module;
    }

    private static String nextNonBlank(List<String> text, int after) {
        for (int i = after + 1; i < text.size(); i++) {
            if (!text.get(i).isEmpty()) {
                return text.get(i);
            }
        }
        return "(no detail)";
    }
}
