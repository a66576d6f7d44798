package mmcheck.cli;

import java.time.Duration;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** How TLC runs: --workers and --timeout, shared by check and tlc. */
final class RunOptions {
    /** A week: longer than any model should run, and far from where milliseconds overflow a long. */
    static final long MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "2",
            description = "TLC worker threads (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Give up on a model after this many seconds (default: no limit).")
    Long timeoutSeconds;

    /** Checked here rather than by TLC so the user hears about it before any model runs. */
    void validate(CommandSpec spec) {
        if (workers < 1) {
            throw new ParameterException(spec.commandLine(), "--workers must be at least 1, not " + workers);
        }
        if (timeoutSeconds != null && timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
        }
        if (timeoutSeconds != null && timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw new ParameterException(spec.commandLine(), "--timeout must be at most " + MAX_TIMEOUT_SECONDS
                    + " seconds (a week), not " + timeoutSeconds);
        }
    }

    Duration timeout() {
        return timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds);
    }
}
