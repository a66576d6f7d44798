package mmcheck.coverage;

/**
 * How often TLC met one rule over one or more models.
 *
 * @param held how often the condition held or the branch was taken; -1 where coverage cannot tell
 */
public record RuleCount(String id, String operator, Rule.Kind kind, String text, String module, int line,
        boolean counted, long evaluated, long held) {

    /** The rule's counts in one model's coverage. */
    public static RuleCount of(Rule r, TlcCoverage c) {
        long evaluated = r.evaluated().applyAsLong(c);
        long held = r.held().applyAsLong(c);
        // One location's count sums every call path, so a held count read off a neighbour can exceed it.
        return new RuleCount(r.id(), r.operator(), r.kind(), r.text(), r.module(), r.line(), r.counted(),
                evaluated, held < 0 ? -1 : Math.min(held, evaluated));
    }

    /** This rule's counts plus another model's. */
    public RuleCount plus(RuleCount o) {
        long h = held < 0 || o.held < 0 ? Math.max(held, 0) + Math.max(o.held, 0) : held + o.held;
        boolean unknown = held < 0 && o.held < 0;
        return new RuleCount(id, operator, kind, text, module, line, counted, evaluated + o.evaluated,
                unknown ? -1 : h);
    }

    /** The rule fired: it held (a branch or arm was taken), or, where coverage cannot tell, it was evaluated. */
    public boolean reached() {
        return !counted || held > 0 || (held < 0 && evaluated > 0);
    }

    /** How often a condition was FALSE; -1 for branches and arms, and where coverage cannot tell. */
    public long failed() {
        boolean condition = kind == Rule.Kind.CONJUNCT || kind == Rule.Kind.DISJUNCT;
        return condition && held >= 0 ? Math.max(0, evaluated - held) : -1;
    }
}
