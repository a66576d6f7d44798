package mmcheck.tlc;

import java.util.List;

/**
 * One line of the check table: a model's TLC run against its manifest entry. Numbers are text because a run may
 * not report them ("-"). {@code reasons} says why the verdict is SURPRISE.
 */
public record CheckRow(String model, String mode, String distinct, String total, String depth, String seconds,
                       String expected, String actual, Verdict verdict, List<String> reasons) {
    public enum Verdict { OK, SURPRISE }

    public CheckRow {
        reasons = List.copyOf(reasons);
    }

    public static final List<String> HEADER = List.of("model", "mode", "distinct", "total", "depth", "seconds",
            "expected", "actual", "verdict");

    public List<String> cells() {
        return List.of(model, mode, distinct, total, depth, seconds, expected, actual, verdict.name());
    }
}
