package mmcheck.coverage;

import java.util.function.ToLongFunction;

/**
 * One rule of a spec: a sub-condition of an action or of an operator an action uses (a guard conjunct or disjunct,
 * an IF branch, a CASE arm), with how to read from TLC's coverage how often it was evaluated and how often it held.
 *
 * @param operator  the definition it belongs to ("StealSuitableFallback", a LET's "RmqueueFallback.co")
 * @param kind      what sort of sub-condition
 * @param text      its source text on one line
 * @param line      its line in module
 * @param counted   false inside a function constructor, which TLC evaluates lazily outside its coverage count
 * @param evaluated how often TLC evaluated the condition
 * @param held      how often the condition was TRUE, or the branch/arm taken; -1 where coverage cannot tell
 */
public record Rule(String operator, Kind kind, String text, String module, int line, boolean counted,
        ToLongFunction<TlcCoverage> evaluated, ToLongFunction<TlcCoverage> held) {

    /** The sorts of sub-condition, as the report prints them. */
    public enum Kind {
        CONJUNCT("/\\"), DISJUNCT("\\/"), THEN("THEN"), ELSE("ELSE"), CASE_ARM("CASE");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The name the manifest uses to say why a rule is unreached: "Operator: KIND text". */
    public String id() {
        return operator + ": " + kind.label() + " " + text;
    }
}
