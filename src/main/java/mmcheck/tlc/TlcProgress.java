package mmcheck.tlc;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The progress line of a running TLC: its latest own report (states generated, rate, distinct, queue; TLC reports
 * once a minute, its distributed server every few seconds) with the time elapsed since the run started, so a long run is never silent on stderr.
 */
public final class TlcProgress {
    /** "Progress(3) at 2026-11-22 00:38:15: 3 states generated (94 s/min), ..." (EC.TLC_PROGRESS_STATS). */
    private static final Pattern REPORT = Pattern.compile("^Progress(?:\\(\\d+\\))?(?: at [^:]+:\\d\\d:\\d\\d)?:? *(.+)$");

    private final String name;
    private final long startNanos;
    private volatile String latest;
    private volatile long latestNanos;

    public TlcProgress(String name, long startNanos) {
        this.name = name;
        this.startNanos = startNanos;
    }

    /** Feeds one line of TLC's output; keeps it when it is a progress report. */
    public void accept(String outputLine, long nowNanos) {
        Matcher m = REPORT.matcher(outputLine.strip());
        if (m.matches()) {
            latest = m.group(1).replaceAll("\\.$", "");
            latestNanos = nowNanos;
        }
    }

    /** The line to print now. */
    public String line(long nowNanos) {
        String elapsed = clock(nowNanos - startNanos);
        String report = latest;
        if (report == null) {
            return name + ": " + elapsed + " elapsed, TLC is computing the initial states";
        }
        return name + ": " + elapsed + " elapsed, " + report + " (TLC's report at " + clock(latestNanos - startNanos)
                + ")";
    }

    static String clock(long nanos) {
        long s = Duration.ofNanos(Math.max(0, nanos)).toSeconds();
        return String.format("%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
