package mmcheck.cli;

import java.time.Duration;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** How TLC runs: --workers and --timeout, shared by check and tlc. */
final class RunOptions {
    /** A week: longer than any model should run, and far from where milliseconds overflow a long. */
    static final long MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;
    /** More threads than any machine has cores only slows TLC down; the bound catches a typo. */
    static final int MAX_WORKERS = 1024;

    @Option(names = "--workers", paramLabel = "N|auto", defaultValue = "2",
            description = "TLC worker threads, or auto for one per available core (default: ${DEFAULT-VALUE}).")
    String workersText;

    int workers;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Give up on a model after this many seconds (default: no limit).")
    Long timeoutSeconds;

    /** Checked here rather than by TLC so the user hears about it before any model runs. */
    void validate(CommandSpec spec) {
        workers = workers(spec, workersText);
        if (timeoutSeconds != null && timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
        }
        if (timeoutSeconds != null && timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw new ParameterException(spec.commandLine(), "--timeout must be at most " + MAX_TIMEOUT_SECONDS
                    + " seconds (a week), not " + timeoutSeconds);
        }
    }

    /** "auto" is the cores this JVM may use; otherwise a count from 1 to MAX_WORKERS. */
    static int workers(CommandSpec spec, String text) {
        if (text.equals("auto")) {
            return Runtime.getRuntime().availableProcessors();
        }
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--workers must be a number or auto, not '" + text + "'");
        }
        if (n < 1 || n > MAX_WORKERS) {
            throw new ParameterException(spec.commandLine(), "--workers must be 1.." + MAX_WORKERS + " or auto, not "
                    + n);
        }
        return n;
    }

    Duration timeout() {
        return timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds);
    }
}
