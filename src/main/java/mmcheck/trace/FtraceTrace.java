package mmcheck.trace;

import java.util.List;
import java.util.Map;

/**
 * A parsed ftrace text buffer.
 *
 * @param file             the name errors and findings use
 * @param events           every event line, in file order
 * @param lostEvents       per "CPU:N [LOST M EVENTS]" marker: its line number mapped to M (a gap in that CPU's stream)
 * @param bufferStarts     per "##### CPU N buffer started ####" marker: its line number mapped to N
 * @param entriesInBuffer  the header's entries-in-buffer, or -1 when the header does not say
 * @param entriesWritten   the header's entries-written, or -1
 * @param lines            number of lines read
 */
public record FtraceTrace(String file, List<TraceEvent> events, Map<Integer, Long> lostEvents,
        Map<Integer, Integer> bufferStarts, long entriesInBuffer, long entriesWritten, int lines) {

    /** Events of the three judged subsystems (compaction, migrate, kmem). */
    public long knownEvents() {
        return events.stream().filter(TraceEvent::known).count();
    }

    /** Whether the buffer lost events on some CPU (header count or a LOST marker). */
    public boolean lostAny() {
        return !lostEvents.isEmpty() || (entriesWritten >= 0 && entriesInBuffer >= 0 && entriesWritten > entriesInBuffer);
    }
}
