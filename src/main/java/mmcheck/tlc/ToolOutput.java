package mmcheck.tlc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TLC's -tool output split into messages, listed in the order they started (nested ones included), plus the lines
 * outside any message (SANY prints its parse and semantic errors untagged).
 */
public record ToolOutput(List<ToolMessage> messages, List<String> untagged) {
    /** Markers need not start a line: TLC prints a nested message right after ": " of its wrapper's text. */
    private static final Pattern MARKER = Pattern.compile(
            "@!@!@STARTMSG (\\d+):(\\d+) @!@!@\\R?|@!@!@ENDMSG (\\d+) @!@!@\\R?");

    public static ToolOutput parse(String raw) {
        StringBuilder untagged = new StringBuilder();
        Deque<Open> open = new ArrayDeque<>();
        List<Open> inStartOrder = new ArrayList<>();
        Matcher m = MARKER.matcher(raw);
        int textStart = 0;
        while (m.find()) {
            (open.isEmpty() ? untagged : open.peek().body).append(raw, textStart, m.start());
            textStart = m.end();
            if (m.group(1) != null) {
                Open o = new Open(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                if (!open.isEmpty()) {
                    open.peek().children.add(o);
                }
                open.push(o);
                inStartOrder.add(o);
            } else if (!open.isEmpty() && open.peek().code == Integer.parseInt(m.group(3))) {
                open.pop();
            }
        }
        (open.isEmpty() ? untagged : open.peek().body).append(raw, textStart, raw.length());
        // A run cut short (timeout, crash) leaves messages open; their text is still worth reporting.
        return new ToolOutput(inStartOrder.stream().map(Open::toMessage).toList(),
                untagged.toString().lines().toList());
    }

    public List<ToolMessage> withCode(int code) {
        return messages.stream().filter(m -> m.code() == code).toList();
    }

    public Optional<ToolMessage> first(int code) {
        return messages.stream().filter(m -> m.code() == code).findFirst();
    }

    public Optional<ToolMessage> last(int code) {
        List<ToolMessage> all = withCode(code);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    private static final class Open {
        final int code;
        final int severity;
        final StringBuilder body = new StringBuilder();
        final List<Open> children = new ArrayList<>();

        Open(int code, int severity) {
            this.code = code;
            this.severity = severity;
        }

        ToolMessage toMessage() {
            return new ToolMessage(code, severity, body.toString(), children.stream().map(Open::toMessage).toList());
        }
    }
}
