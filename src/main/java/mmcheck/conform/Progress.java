package mmcheck.conform;

import java.io.PrintWriter;

/**
 * A progress line on stderr for a run longer than a few seconds, as TLC prints its own: what is done, the rate and
 * the time elapsed, every five seconds ("replay: 12,345 states, 2,469 states/s, 5 s elapsed").
 */
public final class Progress {
    /** No progress lines (tests, short runs). */
    public static final Progress NONE = new Progress(null, "", "");
    private static final long EVERY_NS = 5_000_000_000L;

    private final PrintWriter err;
    private final String label;
    private final String unit;
    private final long start = System.nanoTime();
    private long next = start + EVERY_NS;

    /** Lines "label: N unit, R unit/s, S s elapsed" to err. */
    public Progress(PrintWriter err, String label, String unit) {
        this.err = err;
        this.label = label;
        this.unit = unit;
    }

    /** tick() - done units so far; prints a line when five seconds have passed since the last. */
    public void tick(long done) {
        if (err == null) {
            return;
        }
        long now = System.nanoTime();
        if (now < next) {
            return;
        }
        next = now + EVERY_NS;
        double seconds = (now - start) / 1e9;
        err.printf("%s: %,d %s, %,.0f %s/s, %.0f s elapsed%n", label, done, unit, done / seconds, unit, seconds);
        err.flush();
    }
}
