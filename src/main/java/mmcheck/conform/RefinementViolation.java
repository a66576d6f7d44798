package mmcheck.conform;

/** Thrown by the refinement monitor when an engine step is not a spec step; carries the report. */
public final class RefinementViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient StepReport report;

    public RefinementViolation(StepReport report, String trace) {
        super(report.render() + trace);
        this.report = report;
    }

    /** A violation whose message is already rendered (raw is a marker). */
    RefinementViolation(StepReport report, String message, boolean raw) {
        super(message);
        this.report = report;
    }

    public StepReport report() {
        return report;
    }
}
