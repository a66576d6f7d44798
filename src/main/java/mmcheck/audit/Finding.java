package mmcheck.audit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One line of an audit's verdict.
 *
 * @param kind  VIOLATION (exit 1), UNDECIDED (the trace does not say) or NOTE (worth knowing, not wrong)
 * @param where the run ("run 3 12.339080 CPU 0 frag-161 DMA32"), zone or snapshot concerned
 * @param lines event line numbers in the trace, or empty
 * @param rule  the spec rule or invariant (or the named dataset check)
 * @param what  what differs
 */
public record Finding(Kind kind, String where, List<Integer> lines, String rule, String what) {
    public enum Kind { VIOLATION, UNDECIDED, NOTE }

    public String line() {
        String at = lines.isEmpty() ? "" : " line" + (lines.size() > 1 ? "s " : " ")
                + lines.stream().map(String::valueOf).collect(Collectors.joining(","));
        return kind + " " + where + at + " [" + rule + "]: " + what;
    }
}
