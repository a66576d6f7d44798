package mmcheck.tlc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the body of a TLC state message (EC.TLC_STATE_PRINT2) or a bare state printout into a TraceState. */
final class TraceStateParser {
    private static final Pattern HEADER = Pattern.compile(
            "^(\\d+): <(.*?)(?: (line \\d+, col \\d+ to line \\d+, col \\d+ of module \\S+))?>\\s*$");
    private static final Pattern ASSIGNMENT = Pattern.compile("(?s)^\\s*([A-Za-z_][A-Za-z0-9_]*) = (.*)$");

    private TraceStateParser() {
    }

    /** Parses "N: <Action line .. of module M>" followed by the variables; null if the header is not there. */
    static TraceState parseMessage(String body) {
        String text = body.strip();
        int nl = text.indexOf('\n');
        String header = nl < 0 ? text : text.substring(0, nl);
        Matcher m = HEADER.matcher(header);
        if (!m.matches()) {
            return null;
        }
        String location = m.group(3) == null ? "" : m.group(3);
        return new TraceState(Integer.parseInt(m.group(1)), m.group(2), location,
                parseVariables(nl < 0 ? "" : text.substring(nl + 1)));
    }

    /**
     * Parses "/\ x = 1 /\ y = 2" one conjunct per line, or "x = 1" for a spec with one variable.
     * TLC wraps long values over several indented lines, so a line that does not open a conjunct continues the last.
     */
    static Map<String, String> parseVariables(String block) {
        Map<String, String> vars = new LinkedHashMap<>();
        String text = block.strip();
        if (text.isEmpty()) {
            return vars;
        }
        String[] conjuncts = text.startsWith("/\\ ") ? text.substring(3).split("\\R/\\\\ ") : new String[] {text};
        for (String c : conjuncts) {
            Matcher m = ASSIGNMENT.matcher(c);
            if (m.matches()) {
                vars.put(m.group(1), m.group(2).strip());
            }
        }
        return vars;
    }
}
