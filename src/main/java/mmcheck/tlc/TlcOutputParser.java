package mmcheck.tlc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tlc2.output.EC;

/**
 * Turns TLC's -tool output and exit code into a TlcResult. Message codes come from tlc2.output.EC, the
 * table TLC itself prints them from.
 */
public final class TlcOutputParser {
    static final int INVARIANT_VIOLATED_INITIAL = EC.TLC_INVARIANT_VIOLATED_INITIAL;
    static final int INVARIANT_VIOLATED_BEHAVIOR = EC.TLC_INVARIANT_VIOLATED_BEHAVIOR;
    static final int ACTION_PROPERTY_VIOLATED = EC.TLC_ACTION_PROPERTY_VIOLATED_BEHAVIOR;
    static final int NESTED_EXPRESSION = EC.TLC_NESTED_EXPRESSION;
    static final int BEHAVIOR_UP_TO_THIS_POINT = EC.TLC_BEHAVIOR_UP_TO_THIS_POINT;
    static final int STATE = EC.TLC_STATE_PRINT2;
    static final int STATS = EC.TLC_STATS;
    static final int PROGRESS = EC.TLC_PROGRESS_STATS;
    static final int SIMULATION_PROGRESS = EC.TLC_PROGRESS_SIMU;
    static final int SIMULATION_STATS = EC.TLC_STATS_SIMU;
    static final int SEARCH_DEPTH = EC.TLC_SEARCH_DEPTH;
    static final int FINISHED = EC.TLC_FINISHED;
    static final int PARSING_FAILED = EC.TLC_PARSING_FAILED;

    /** Messages that accompany an error but do not say what it is. */
    private static final Set<Integer> ERROR_CONTEXT = Set.of(BEHAVIOR_UP_TO_THIS_POINT, STATE,
            NESTED_EXPRESSION, PARSING_FAILED);

    private static final Pattern VIOLATED = Pattern.compile(
            "^(?:Invariant|Action property) (.+?) is violated");
    private static final Pattern STATS_LINE = Pattern.compile(
            "([\\d,]+) states generated, ([\\d,-]+) distinct states found");
    private static final Pattern DEPTH_LINE = Pattern.compile("search is ([\\d,]+)");
    private static final Pattern SIMULATED = Pattern.compile("The number of states generated: ([\\d,]+)");
    private static final Pattern FINISHED_IN = Pattern.compile("^Finished in (.+?) at ");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|min|s|h|d)");

    private TlcOutputParser() {
    }

    /**
     * @param measuredSeconds time measured around the TLC process, used when TLC did not report its own
     */
    public static TlcResult parse(String raw, int exitCode, double measuredSeconds) {
        ToolOutput out = ToolOutput.parse(raw);
        TlcOutcome outcome = TlcOutcome.ofExitCode(exitCode);
        Counts counts = counts(out);
        Long depth = out.last(SEARCH_DEPTH).map(msg -> DEPTH_LINE.matcher(msg.body()))
                .filter(Matcher::find).map(m -> number(m.group(1))).orElse(null);
        double seconds = out.last(FINISHED).map(TlcOutputParser::seconds).filter(d -> !Double.isNaN(d))
                .orElse(measuredSeconds);
        return new TlcResult(outcome, exitCode, violatedProperty(out), counts.distinct(), counts.total(), depth,
                seconds, trace(out), outcome == TlcOutcome.SUCCESS ? null : problem(out, outcome, exitCode), raw);
    }

    /**
     * The exit code plain TLC would have given for this output. Distributed TLC's server always exits 0, so its
     * outcome is read from the messages it printed.
     */
    static int exitCodeOf(String raw) {
        ToolOutput out = ToolOutput.parse(raw);
        TlcOutcome outcome;
        if (out.first(INVARIANT_VIOLATED_BEHAVIOR).or(() -> out.first(INVARIANT_VIOLATED_INITIAL)).isPresent()) {
            outcome = TlcOutcome.SAFETY_FAILURE;
        } else if (out.first(EC.TLC_DEADLOCK_REACHED).isPresent()) {
            outcome = TlcOutcome.DEADLOCK_FAILURE;
        } else if (out.first(ACTION_PROPERTY_VIOLATED).or(() -> out.first(EC.TLC_TEMPORAL_PROPERTY_VIOLATED))
                .isPresent()) {
            outcome = TlcOutcome.LIVENESS_FAILURE;
        } else if (out.first(EC.TLC_ASSUMPTION_FALSE).or(() -> out.first(EC.TLC_ASSUMPTION_EVALUATION_ERROR))
                .isPresent()) {
            outcome = TlcOutcome.ASSUMPTION_FAILURE;
        } else if (out.first(EC.TLC_SUCCESS).isPresent()) {
            outcome = TlcOutcome.SUCCESS;
        } else if (SanyErrors.summarize(out.untagged()) != null) {
            outcome = TlcOutcome.PARSE_FAILURE;
        } else {
            outcome = TlcOutcome.ERROR;
        }
        return outcome.exitCode();
    }

    private record Counts(Long total, Long distinct) {
    }

    /**
     * The final statistics (STATS), else the last progress report (PROGRESS) of a run cut short. A simulation
     * reports only generated states (SIMULATION_STATS, or SIMULATION_PROGRESS) and -1 distinct ones.
     */
    private static Counts counts(ToolOutput out) {
        Optional<ToolMessage> simulated = out.last(SIMULATION_STATS);
        if (simulated.isPresent()) {
            Matcher m = SIMULATED.matcher(simulated.get().body());
            return new Counts(m.find() ? number(m.group(1)) : null, null);
        }
        Optional<Matcher> stats = out.last(STATS).or(() -> out.last(PROGRESS))
                .or(() -> out.last(SIMULATION_PROGRESS))
                .map(msg -> STATS_LINE.matcher(msg.body())).filter(Matcher::find);
        if (stats.isEmpty()) {
            return new Counts(null, null);
        }
        long distinct = number(stats.get().group(2));
        return new Counts(number(stats.get().group(1)), distinct < 0 ? null : distinct);
    }

    private static String violatedProperty(ToolOutput out) {
        for (int code : new int[] {INVARIANT_VIOLATED_BEHAVIOR, INVARIANT_VIOLATED_INITIAL,
                ACTION_PROPERTY_VIOLATED}) {
            Optional<ToolMessage> msg = out.first(code);
            if (msg.isPresent()) {
                Matcher m = VIOLATED.matcher(msg.get().body().strip());
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return null;
    }

    private static List<TraceState> trace(ToolOutput out) {
        List<TraceState> states = new ArrayList<>();
        for (ToolMessage msg : out.withCode(STATE)) {
            TraceState s = TraceStateParser.parseMessage(msg.body());
            if (s != null) {
                states.add(s);
            }
        }
        if (states.isEmpty()) {
            // A violation in an initial state is reported in one message: the sentence, then the state.
            out.first(INVARIANT_VIOLATED_INITIAL).ifPresent(msg -> {
                String body = msg.body().strip();
                int nl = body.indexOf('\n');
                if (nl > 0) {
                    states.add(new TraceState(1, TraceState.INITIAL, "",
                            TraceStateParser.parseVariables(body.substring(nl + 1))));
                }
            });
        }
        return states;
    }

    private static String problem(ToolOutput out, TlcOutcome outcome, int exitCode) {
        if (outcome == TlcOutcome.PARSE_FAILURE) {
            String sany = SanyErrors.summarize(out.untagged());
            if (sany != null) {
                return sany;
            }
        }
        for (ToolMessage msg : out.messages()) {
            if (msg.severity() == ToolMessage.SEVERITY_ERROR && !ERROR_CONTEXT.contains(msg.code())) {
                return describe(msg) + innermostPosition(out);
            }
        }
        return out.first(PARSING_FAILED).map(ToolMessage::oneLine)
                .orElse(outcome.label() + " (TLC exit code " + exitCode + ")");
    }

    /**
     * The sentence of an error message. When TLC wrapped the cause in a nested message, the cause comes first and
     * the wrapper's opening line ("While working on the initial state") says where.
     */
    private static String describe(ToolMessage msg) {
        String body = msg.body().strip();
        int nl = body.indexOf('\n');
        String firstLine = (nl < 0 ? body : body.substring(0, nl)).replaceAll(":$", "");
        if (msg.code() == INVARIANT_VIOLATED_INITIAL) {
            return firstLine;
        }
        if (!msg.nested().isEmpty()) {
            String cause = msg.nested().get(0).oneLine();
            return firstLine.isEmpty() ? cause : cause + " (" + firstLine + ")";
        }
        return body.isEmpty() ? "TLC error " + msg.code() : msg.oneLine();
    }

    /** TLC lists the expressions it was evaluating outermost first; the last one is where it failed. */
    private static String innermostPosition(ToolOutput out) {
        return out.first(NESTED_EXPRESSION).map(msg -> {
            List<String> positions = msg.body().lines().map(String::strip)
                    .filter(l -> l.matches("\\d+\\. Line .*")).toList();
            return positions.isEmpty() ? ""
                    : " at " + positions.get(positions.size() - 1).replaceFirst("^\\d+\\. ", "");
        }).orElse("");
    }

    static double seconds(ToolMessage finished) {
        Matcher m = FINISHED_IN.matcher(finished.body().strip());
        if (!m.find()) {
            return Double.NaN;
        }
        double total = 0;
        Matcher part = DURATION_PART.matcher(m.group(1));
        while (part.find()) {
            long n = Long.parseLong(part.group(1));
            total += switch (part.group(2)) {
                case "ms" -> n / 1000.0;
                case "s" -> n;
                case "min" -> n * 60.0;
                case "h" -> n * 3600.0;
                default -> n * 86400.0;
            };
        }
        return total;
    }

    private static Long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }
}
