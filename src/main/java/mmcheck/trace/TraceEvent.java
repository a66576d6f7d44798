package mmcheck.trace;

import java.util.Map;

/**
 * One event line of an ftrace text buffer: who (task, pid, CPU), when, which tracepoint and its printed fields.
 *
 * @param line      line number in the file, from 1
 * @param timestamp the TIMESTAMP column as printed (seconds on the trace clock)
 * @param known     whether the event is one of {@link EventFormats}; other events carry only their raw body
 */
public record TraceEvent(int line, String task, int pid, int cpu, String timestamp, String name,
        Map<String, String> fields, String body, boolean known) {

    /** A printed integer field; {@code 0x...} and %lx fields are read as hexadecimal. */
    public long num(String field) {
        String v = fields.get(field);
        if (v == null) {
            throw new IllegalArgumentException(name + " has no field " + field);
        }
        EventFormat f = EventFormats.of(name);
        if (v.startsWith("0x")) {
            return Long.parseUnsignedLong(v.substring(2), 16);
        }
        if (f != null && f.hex(field)) {
            return Long.parseUnsignedLong(v, 16);
        }
        return Long.parseLong(v);
    }

    public String str(String field) {
        String v = fields.get(field);
        if (v == null) {
            throw new IllegalArgumentException(name + " has no field " + field);
        }
        return v;
    }

    /** Timestamp in seconds; a trace clock without a decimal point (counter clocks) reads as its raw value. */
    public double seconds() {
        return Double.parseDouble(timestamp);
    }

    /** "12.339080 CPU 0 frag-161" as findings name a place in a trace. */
    public String where() {
        return timestamp + " CPU " + cpu + " " + task + "-" + pid;
    }
}
