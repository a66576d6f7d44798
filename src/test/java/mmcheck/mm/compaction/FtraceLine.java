package mmcheck.mm.compaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One line of /sys/kernel/tracing/trace split into its prefix fields, the event name and the event's text. */
record FtraceLine(String comm, int pid, int cpu, String flags, String timestamp, String event, String fields) {

    private static final Pattern LINE = Pattern.compile(
            "^\\s*(.+)-(\\d+)\\s+\\[(\\d{3})\\] (\\S{5}) +(\\d+\\.\\d{6}): (\\w+): (.*)$");

    /** The line split, or null for a comment or a line that is not an event. */
    static FtraceLine parse(String line) {
        if (line.startsWith("#")) {
            return null;
        }
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return null;
        }
        return new FtraceLine(m.group(1).trim(), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                m.group(4), m.group(5), m.group(6), m.group(7));
    }
}
