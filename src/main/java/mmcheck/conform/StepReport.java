package mmcheck.conform;

import java.util.List;

/**
 * What the step checker found wrong with one engine step, in the kernel's and the spec's words.
 *
 * @param step         the step's number in the run, from 1 (0 is the initial state)
 * @param instance     the step as the engine named it (trace form)
 * @param actionHolds  whether the named action relates the two states
 * @param falseConjunct the first top-level conjunct of the action that is false, quoted from the spec
 * @param differences  variables where the engine's state differs from the spec's nearest successor, as
 *                     "path: spec -> engine"
 * @param matchedInstead other action instances that do relate the two states
 * @param violatedInvariants invariants false in the state after the step
 */
public record StepReport(long step, String instance, boolean actionHolds, String falseConjunct,
        List<String> differences, List<String> matchedInstead, List<String> violatedInvariants) {

    public boolean ok() {
        return actionHolds && violatedInvariants.isEmpty();
    }

    /** The check that caught the step: the first violated invariant, or the action's name. */
    public String caughtBy() {
        if (!violatedInvariants.isEmpty()) {
            return violatedInvariants.get(0);
        }
        return actionHolds ? "none" : "action";
    }

    /** A report a person reads top to bottom: which step, what is false, which variables differ. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("step ").append(step).append(": ").append(instance).append('\n');
        if (!actionHolds) {
            sb.append("  the spec does not allow this step\n");
            if (falseConjunct != null) {
                sb.append("  false conjunct: ").append(falseConjunct).append('\n');
            }
            for (String d : differences) {
                sb.append("  ").append(d).append('\n');
            }
            sb.append("  matches instead: ")
                    .append(matchedInstead.isEmpty() ? "no action of Next" : String.join(", ", matchedInstead))
                    .append('\n');
        }
        for (String inv : violatedInvariants) {
            sb.append("  invariant violated after the step: ").append(inv).append('\n');
        }
        return sb.toString();
    }
}
