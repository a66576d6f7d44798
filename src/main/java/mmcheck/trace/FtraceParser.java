package mmcheck.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import mmcheck.tlc.BadInputException;

/**
 * Reads the text of /sys/kernel/tracing/trace (or an instance's trace file) as Linux 6.1 prints it
 * (kernel/trace/trace_output.c: trace_print_context, print_trace_fmt; trace.c: print_event_info for the header).
 * Every line is a header comment, a CPU-buffer-start or lost-events marker, or an event; anything else is an error.
 */
public final class FtraceParser {
    /** "TASK-PID [CPU] FLAGS TIMESTAMP: name: body"; the TGID column and the irq-info flags are optional. */
    private static final Pattern EVENT = Pattern.compile(
            "^\\s*(?<task>.+?)-(?<pid>\\d+)\\s+(?:\\(\\s*[-0-9]+\\)\\s+)?\\[(?<cpu>\\d+)\\]\\s+"
                    + "(?:[.A-Za-z0-9]{4,5}\\s+)?(?<ts>\\d+(?:\\.\\d+)?):\\s+(?<name>[A-Za-z0-9_]+):\\s?(?<body>.*)$");
    /** An engine trace line has no context columns: "name: body". */
    private static final Pattern BARE = Pattern.compile("^(?<name>[a-z][a-z0-9_]*): (?<body>.*)$");
    private static final Pattern LOST = Pattern.compile("^CPU:(\\d+) \\[LOST (\\d+) EVENTS\\]\\s*$");
    private static final Pattern BUFFER_START = Pattern.compile("^##### CPU (\\d+) buffer started ####\\s*$");
    private static final Pattern ENTRIES = Pattern.compile(
            "^# entries-in-buffer/entries-written: (\\d+)/(\\d+)\\s+#P:\\d+\\s*$");

    private FtraceParser() {
    }

    public static FtraceTrace read(Path file) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException | SecurityException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static FtraceTrace parse(String text, String fileName) {
        List<TraceEvent> events = new ArrayList<>();
        Map<Integer, Long> lost = new LinkedHashMap<>();
        Map<Integer, Integer> starts = new LinkedHashMap<>();
        long inBuffer = -1;
        long written = -1;
        String[] lines = text.split("\n", -1);
        int count = lines.length;
        if (count > 0 && lines[count - 1].isEmpty()) {
            count--;
        }
        for (int i = 0; i < count; i++) {
            int no = i + 1;
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            Matcher m;
            if ((m = BUFFER_START.matcher(line)).matches()) {
                starts.put(no, Integer.parseInt(m.group(1)));
            } else if ((m = ENTRIES.matcher(line)).matches()) {
                inBuffer = Long.parseLong(m.group(1));
                written = Long.parseLong(m.group(2));
            } else if (line.startsWith("#")) {
                continue;
            } else if ((m = LOST.matcher(line)).matches()) {
                lost.put(no, Long.parseLong(m.group(2)));
            } else if (line.isBlank()) {
                throw new TraceFormatException(fileName, no, "empty line inside the trace");
            } else if ((m = EVENT.matcher(line)).matches()) {
                events.add(event(fileName, no, m.group("task"), Integer.parseInt(m.group("pid")),
                        Integer.parseInt(m.group("cpu")), m.group("ts"), m.group("name"), m.group("body")));
            } else if ((m = BARE.matcher(line)).matches()) {
                events.add(event(fileName, no, "engine", 0, 0, Integer.toString(no), m.group("name"),
                        m.group("body")));
            } else {
                throw new TraceFormatException(fileName, no, "not an ftrace line (expected "
                        + "'TASK-PID [CPU] FLAGS TIMESTAMP: event: fields', a '#' header, "
                        + "'CPU:N [LOST N EVENTS]' or '##### CPU N buffer started ####')");
            }
        }
        return new FtraceTrace(fileName, List.copyOf(events), lost, starts, inBuffer, written, count);
    }

    private static TraceEvent event(String file, int no, String task, int pid, int cpu, String ts, String name,
            String body) {
        EventFormat format = EventFormats.of(name);
        if (format == null) {
            if (EventFormats.ownSubsystem(name)) {
                throw new TraceFormatException(file, no, "unknown event '" + name
                        + "' of the compaction, migrate or kmem subsystem (not printed by Linux 6.1)");
            }
            return new TraceEvent(no, task, pid, cpu, ts, name, Map.of(), body, false);
        }
        Map<String, String> fields = format.match(body);
        if (fields == null) {
            throw new TraceFormatException(file, no, name + ": fields do not match its 6.1 format \""
                    + format.printk() + "\": " + body);
        }
        return new TraceEvent(no, task, pid, cpu, ts, name, fields, body, true);
    }
}
