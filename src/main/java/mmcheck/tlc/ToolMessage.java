package mmcheck.tlc;

import java.util.List;

import tlc2.output.MP;

/**
 * One message of TLC's -tool output: {@code @!@!@STARTMSG code:severity @!@!@} ... {@code @!@!@ENDMSG code @!@!@}.
 * TLC nests messages (an evaluation error wraps the failing operator's message); the body excludes nested text,
 * which is in {@code nested}. Severities are tlc2.output.MP's (ERROR, STATE ...).
 */
public record ToolMessage(int code, int severity, String body, List<ToolMessage> nested) {
    public static final int SEVERITY_ERROR = MP.ERROR;

    public ToolMessage {
        nested = List.copyOf(nested);
    }

    /** The body on one line, with runs of whitespace collapsed. */
    public String oneLine() {
        return body.strip().replaceAll("\\s+", " ");
    }
}
