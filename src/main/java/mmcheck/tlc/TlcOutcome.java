package mmcheck.tlc;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a TLC run ended. The labels are the "result" strings of tlaplus/Examples manifests, so a manifest can
 * record the expected outcome of a model; TIMEOUT and ERROR only ever describe actual runs.
 */
public enum TlcOutcome {
    SUCCESS("success", 0),
    ASSUMPTION_FAILURE("assumption failure", 10),
    DEADLOCK_FAILURE("deadlock failure", 11),
    SAFETY_FAILURE("safety failure", 12),
    LIVENESS_FAILURE("liveness failure", 13),
    ASSERTION_FAILURE("assertion failure", 14),
    PARSE_FAILURE("parse failure", 150),
    TIMEOUT("timeout", -1),
    ERROR("error", -1);

    /** TLC exits 151 when the .cfg is malformed; for the user that is a parse failure as well. */
    private static final int CONFIG_PARSE_EXIT = 151;

    private final String label;
    private final int exitCode;

    TlcOutcome(String label, int exitCode) {
        this.label = label;
        this.exitCode = exitCode;
    }

    public String label() {
        return label;
    }

    /** TLC's exit code for this outcome; ERROR (and TIMEOUT, which has none) give 255, TLC's general failure. */
    public int exitCode() {
        return exitCode >= 0 ? exitCode : 255;
    }

    /** Outcomes a manifest may promise; a model that is expected to crash or hang is not a model. */
    public boolean isExpectable() {
        return this != PARSE_FAILURE && this != TIMEOUT && this != ERROR;
    }

    /** Failures that come with a named property and a counterexample trace. */
    public boolean isViolation() {
        return this == SAFETY_FAILURE || this == LIVENESS_FAILURE || this == ASSUMPTION_FAILURE;
    }

    public static TlcOutcome ofExitCode(int code) {
        if (code == CONFIG_PARSE_EXIT) {
            return PARSE_FAILURE;
        }
        for (TlcOutcome o : values()) {
            if (o.exitCode == code && o.exitCode >= 0) {
                return o;
            }
        }
        return ERROR;
    }

    public static Optional<TlcOutcome> ofLabel(String label) {
        return Arrays.stream(values()).filter(o -> o.label.equals(label)).findFirst();
    }

    @Override
    public String toString() {
        return label;
    }
}
