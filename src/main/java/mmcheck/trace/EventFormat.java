package mmcheck.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TP_printk format of one Linux 6.1 tracepoint, with the names of its printed fields, turned into a matcher.
 * Kernel: include/trace/events/compaction.h, migrate.h, kmem.h (the "print fmt" of each event's format file).
 */
public final class EventFormat {
    private static final Pattern CONVERSION = Pattern.compile("0x%lx|%-8s|%pS|%p|%lx|%lu|%zu|%ld|%u|%d|%s");

    private final String name;
    private final String printk;
    private final List<String> fields;
    private final Pattern pattern;
    private final boolean[] hex;

    EventFormat(String name, String printk, String... fields) {
        this.name = name;
        this.printk = printk;
        this.fields = List.of(fields);
        StringBuilder re = new StringBuilder("^");
        Matcher m = CONVERSION.matcher(printk);
        List<Boolean> hexes = new ArrayList<>();
        int last = 0;
        int i = 0;
        while (m.find()) {
            re.append(Pattern.quote(printk.substring(last, m.start())));
            re.append("(?<f").append(i++).append('>').append(regexOf(m.group())).append(')');
            hexes.add(m.group().equals("0x%lx") || m.group().equals("%lx"));
            last = m.end();
        }
        re.append(Pattern.quote(printk.substring(last))).append("\\s*$");
        if (i != fields.length) {
            throw new IllegalArgumentException(name + ": " + i + " conversions for " + fields.length + " fields");
        }
        this.pattern = Pattern.compile(re.toString());
        this.hex = new boolean[i];
        for (int k = 0; k < i; k++) {
            hex[k] = hexes.get(k);
        }
    }

    private static String regexOf(String conversion) {
        switch (conversion) {
            case "0x%lx": return "0x[0-9a-f]+";
            case "%lx": return "[0-9a-f]+";
            case "%d": case "%ld": return "-?[0-9]+";
            case "%u": case "%lu": case "%zu": return "[0-9]+";
            case "%-8s": return "\\S+ *";
            default: return "\\S+";
        }
    }

    public String name() {
        return name;
    }

    public String printk() {
        return printk;
    }

    public List<String> fields() {
        return fields;
    }

    /** The printed fields by name, or null when the body does not match the format. */
    Map<String, String> match(String body) {
        Matcher m = pattern.matcher(body);
        if (!m.matches()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int k = 0; k < fields.size(); k++) {
            values.put(fields.get(k), m.group("f" + k).trim());
        }
        return Collections.unmodifiableMap(values);
    }

    /** Whether field {@code k} is printed in hexadecimal. */
    boolean hex(String field) {
        return hex[fields.indexOf(field)];
    }
}
