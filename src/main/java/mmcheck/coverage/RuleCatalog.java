package mmcheck.coverage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

import mmcheck.conform.SpecSource;
import mmcheck.tlc.BadInputException;
import tla2sany.drivers.FrontEndException;
import tla2sany.drivers.SANY;
import tla2sany.modanalyzer.SpecObj;
import tla2sany.semantic.ASTConstants;
import tla2sany.semantic.ExprNode;
import tla2sany.semantic.ExprOrOpArgNode;
import tla2sany.semantic.LetInNode;
import tla2sany.semantic.ModuleNode;
import tla2sany.semantic.OpApplNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tla2sany.st.Location;
import util.SimpleFilenameToStream;

/**
 * The rules of a spec's Next, found in its syntax tree as SANY parses it: every guard conjunct and disjunct, IF
 * branch and CASE arm of the actions and of the operators they use, transitively. Counts come from TLC's coverage
 * of the same nodes: a conjunct held as often as the next conjunct was evaluated (TLC evaluates a conjunction left
 * to right and stops at FALSE), a disjunct failed as often as the next disjunct was evaluated, an IF's condition
 * held as often as the THEN branch was evaluated; the last conjunct of a list holds as often as the list does,
 * where the context tells (an IF's condition, a conjunct of an enclosing list).
 */
public final class RuleCatalog {
    private static final Set<String> STANDARD = Set.of("Naturals", "Integers", "Sequences", "FiniteSets", "TLC",
            "Bags", "Reals", "TLCExt", "Json", "Randomization");
    private static final ToLongFunction<TlcCoverage> UNKNOWN = c -> -1;
    private static final ToLongFunction<TlcCoverage> ZERO = c -> 0;

    private final List<Rule> rules = new ArrayList<>();
    private final List<String> actions = new ArrayList<>();
    private final ArrayDeque<OpDefNode> pending = new ArrayDeque<>();
    private final SpecSource source;
    /** Depth of function constructors around the node being walked; rules there are not counted by TLC. */
    private int lazy;
    private final Set<OpDefNode> seen = new HashSet<>();

    private RuleCatalog(List<Path> dirs) {
        this.source = new SpecSource(dirs);
    }

    /** load() - parses module (and what it EXTENDS, from its directory and libraryDirs) and collects Next's rules. */
    public static RuleCatalog load(Path module, List<Path> libraryDirs, String next) {
        List<String> dirs = searchDirs(module, libraryDirs);
        OpDefNode nextDef = definition(parse(module, dirs), next);
        if (nextDef == null) {
            throw new BadInputException(module + " defines no " + next);
        }
        RuleCatalog c = new RuleCatalog(dirs.stream().map(Path::of).toList());
        c.seen.add(nextDef);
        c.collectActions(nextDef.getBody());
        while (!c.pending.isEmpty()) {
            OpDefNode d = c.pending.poll();
            c.walk(d.getBody(), d.getName().toString(), UNKNOWN);
        }
        return c;
    }

    /**
     * nextOfSpec() - the Next of a SPECIFICATION: the N of the [][N]_v its body conjoins, through the zero-arity
     * operators it names (MCLayoutQuietFairSpec == MCLayoutQuietSpec /\ WF_vars(...)), as TLC's SpecProcessor finds
     * the next-state relation of a cfg's SPECIFICATION. TLC offers that (FastTool.getNextStateSpec()) only after
     * loading the whole model with its cfg and constants, in the JVM that runs TLC; SANY's tree of the module suffices.
     */
    public static String nextOfSpec(Path module, List<Path> libraryDirs, String specName) {
        OpDefNode spec = definition(parse(module, searchDirs(module, libraryDirs)), specName);
        if (spec == null) {
            throw new BadInputException(module + " defines no " + specName);
        }
        List<String> found = new ArrayList<>();
        squareActions(spec.getBody(), found, new HashSet<>());
        if (found.size() != 1) {
            throw new BadInputException(module + ": SPECIFICATION " + specName + " conjoins "
                    + (found.isEmpty() ? "no [][N]_v" : found.size() + " [][N]_v (" + String.join(", ", found) + ")")
                    + "; rule coverage needs exactly one named next-state operator N");
        }
        return found.get(0);
    }

    /**
     * The N of every [][N]_v among the conjuncts of a spec's body, following zero-arity user operators; an N that is
     * no operator's name is reported by its source location, which no module defines.
     */
    private static void squareActions(SemanticNode node, List<String> found, Set<OpDefNode> visiting) {
        if (!(node instanceof OpApplNode a)) {
            return;
        }
        String name = a.getOperator().getName().toString();
        switch (name) {
            case "$ConjList", "\\land" -> {
                for (ExprOrOpArgNode arg : a.getArgs()) {
                    squareActions(arg, found, visiting);
                }
            }
            case "[]" -> {
                if (a.getArgs()[0] instanceof OpApplNode sq
                        && sq.getOperator().getName().toString().equals("$SquareAct")) {
                    ExprOrOpArgNode n = sq.getArgs()[0];
                    OpDefNode d = n instanceof OpApplNode na ? userDefined(na) : null;
                    found.add(d != null && d.getArity() == 0 ? d.getName().toString()
                            : "an expression at " + n.getLocation());
                }
            }
            default -> {
                OpDefNode d = userDefined(a);
                if (d != null && d.getArity() == 0 && visiting.add(d)) {
                    squareActions(d.getBody(), found, visiting);
                }
            }
        }
    }

    /**
     * costModelNodes() - the expression nodes of TLC's -coverage cost model of next: TLC's CostModelCreator copies
     * a user operator's (and a LET definition's) whole tree into every place that names it, so a definition named
     * k times costs k copies. TLC builds this tree before the first state (per split action, at least once), so a
     * Next of millions of nodes keeps a -coverage run from starting at all.
     */
    public static long costModelNodes(Path module, List<Path> libraryDirs, String next) {
        OpDefNode d = definition(parse(module, searchDirs(module, libraryDirs)), next);
        if (d == null) {
            throw new BadInputException(module + " defines no " + next);
        }
        return unfolded(d, new java.util.HashMap<>());
    }

    private static long unfolded(OpDefNode d, Map<OpDefNode, Long> sizes) {
        Long known = sizes.get(d);
        if (known != null) {
            return known;
        }
        // A RECURSIVE operator's own applications count once: TLC wraps them without unfolding them again.
        sizes.put(d, 1L);
        long n = unfolded(d.getBody(), sizes);
        sizes.put(d, n);
        return n;
    }

    private static long unfolded(SemanticNode node, Map<OpDefNode, Long> sizes) {
        if (node instanceof LetInNode let) {
            return unfolded(let.getBody(), sizes);
        }
        long n = 1;
        if (node instanceof OpApplNode a) {
            if (a.getOperator() instanceof OpDefNode d && d.getKind() == ASTConstants.UserDefinedOpKind
                    && d.getBody() != null) {
                n = Math.addExact(n, unfolded(d, sizes));
            }
            if (a.getBdedQuantBounds() != null) {
                for (ExprNode b : a.getBdedQuantBounds()) {
                    n = Math.addExact(n, unfolded(b, sizes));
                }
            }
            for (ExprOrOpArgNode arg : a.getArgs()) {
                if (arg != null) {
                    n = Math.addExact(n, unfolded(arg, sizes));
                }
            }
        }
        return n;
    }

    private static List<String> searchDirs(Path module, List<Path> libraryDirs) {
        List<String> dirs = new ArrayList<>();
        dirs.add(module.toAbsolutePath().getParent().toString());
        libraryDirs.forEach(d -> dirs.add(d.toAbsolutePath().toString()));
        return dirs;
    }

    /** The root module of module as SANY parses it from dirs; a parse error is bad input. */
    private static ModuleNode parse(Path module, List<String> dirs) {
        SpecObj spec = new SpecObj(module.toAbsolutePath().toString(),
                new SimpleFilenameToStream(dirs.toArray(String[]::new)));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(log, true, StandardCharsets.UTF_8);
        // SANY prints "Parsing file ..." on ToolIO.out; the report's stdout is for the table.
        PrintStream out = util.ToolIO.out;
        util.ToolIO.out = quiet;
        try {
            SANY.frontEndMain(spec, module.toAbsolutePath().toString(), quiet);
        } catch (FrontEndException e) {
            throw new BadInputException("SANY cannot parse " + module + ": " + e.getMessage());
        } finally {
            util.ToolIO.out = out;
        }
        if (spec.getErrorLevel() > 0 || spec.getExternalModuleTable() == null
                || spec.getExternalModuleTable().getRootModule() == null) {
            throw new BadInputException("SANY cannot parse " + module + ": "
                    + firstLine(log.toString(StandardCharsets.UTF_8)));
        }
        return spec.getExternalModuleTable().getRootModule();
    }

    /** The root module's definition of name, or null. */
    private static OpDefNode definition(ModuleNode root, String name) {
        OpDefNode found = null;
        for (OpDefNode d : root.getOpDefs()) {
            if (d.getName().toString().equals(name)) {
                found = d;
            }
        }
        return found;
    }

    /** Every rule, operators in the order Next reaches them. */
    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    /** The actions of Next, as TLC's coverage names them. */
    public List<String> actions() {
        return List.copyOf(actions);
    }

    private void collectActions(SemanticNode node) {
        if (node instanceof OpApplNode a) {
            if (userDefined(a) != null) {
                actions.add(a.getOperator().getName().toString());
                enqueue(userDefined(a));
                return;
            }
            for (ExprOrOpArgNode arg : a.getArgs()) {
                collectActions(arg);
            }
        }
    }

    private void enqueue(OpDefNode d) {
        if (seen.add(d)) {
            pending.add(d);
        }
    }

    /** The user-defined operator an application calls, or null (a built-in, a standard module's, a parameter). */
    private static OpDefNode userDefined(OpApplNode a) {
        if (a.getOperator() instanceof OpDefNode d && d.getKind() == ASTConstants.UserDefinedOpKind
                && !STANDARD.contains(d.getLocation().source())) {
            return d;
        }
        return null;
    }

    private void walk(SemanticNode node, String op, ToLongFunction<TlcCoverage> held) {
        walk(node, op, held, ZERO);
    }

    /**
     * Collects the rules under node, inside operator op; held counts how often node held (or UNKNOWN), atLeast how
     * often it was evaluated at least: its parent's count where the parent evaluates it once per evaluation of its
     * own (TLC reports an action's x' = IF ... as the assignment only, not its IF).
     */
    private void walk(SemanticNode node, String op, ToLongFunction<TlcCoverage> held,
            ToLongFunction<TlcCoverage> atLeast) {
        ToLongFunction<TlcCoverage> reported = count(node);
        ToLongFunction<TlcCoverage> self = c -> Math.max(reported.applyAsLong(c), atLeast.applyAsLong(c));
        if (node instanceof LetInNode let) {
            for (OpDefNode d : let.getLets()) {
                if (seen.add(d)) {
                    walk(d.getBody(), op + "." + d.getName(), UNKNOWN);
                }
            }
            walk(let.getBody(), op, held, self);
            return;
        }
        if (!(node instanceof OpApplNode a)) {
            return;
        }
        OpDefNode user = userDefined(a);
        if (user != null) {
            enqueue(user);
        }
        ExprOrOpArgNode[] args = a.getArgs();
        String name = a.getOperator().getName().toString();
        if (name.equals("$FcnConstructor")) {
            // TLC builds [x \in S |-> e] lazily, outside the coverage count: no rule under it can be counted.
            lazy++;
        }
        switch (name) {
            case "$ConjList", "\\land" -> conjunction(args, op, held, self);
            case "$DisjList", "\\lor" -> disjunction(args, op, held, self);
            case "$IfThenElse" -> {
                // The condition is evaluated once per evaluation of the IF.
                ToLongFunction<TlcCoverage> cond = self;
                ToLongFunction<TlcCoverage> taken = branch(cond, args[1], args[2]);
                rules.add(rule(op, Rule.Kind.THEN, args[0], cond, taken));
                rules.add(rule(op, Rule.Kind.ELSE, args[0], cond, branch(cond, args[2], args[1])));
                walk(args[0], op, taken, cond);
                walk(args[1], op, UNKNOWN);
                walk(args[2], op, UNKNOWN);
            }
            case "$Case" -> {
                List<ToLongFunction<TlcCoverage>> tries = new ArrayList<>();
                for (int i = 0; i < args.length; i++) {
                    OpApplNode arm = (OpApplNode) args[i];
                    SemanticNode guard = arm.getArgs()[0] == null ? arm : arm.getArgs()[0];
                    // TLC reports an arm as a whole ("guard -> value"), as often as its guard was tried.
                    ToLongFunction<TlcCoverage> whole = count(arm);
                    ToLongFunction<TlcCoverage> guardCount = count(guard);
                    tries.add(c -> Math.max(guardCount.applyAsLong(c), whole.applyAsLong(c)));
                }
                for (int i = 0; i < args.length; i++) {
                    OpApplNode arm = (OpApplNode) args[i];
                    ExprOrOpArgNode[] pair = arm.getArgs();
                    SemanticNode guard = pair[0] == null ? arm : pair[0];
                    ToLongFunction<TlcCoverage> value = count(pair[1]);
                    // The last arm is taken whenever tried (else the CASE has no value).
                    ToLongFunction<TlcCoverage> whole = i + 1 == args.length ? count(arm) : c -> 0;
                    ToLongFunction<TlcCoverage> tried = tries.get(i);
                    // TLC tries the arms in order and stops at the first guard that holds, so an arm held as often
                    // as its guard was tried less the next arm's tries: this counts an arm whose value TLC does
                    // not report (a constant, an instance's action applied to a bound event).
                    ToLongFunction<TlcCoverage> next = i + 1 < args.length ? tries.get(i + 1) : null;
                    ToLongFunction<TlcCoverage> taken = c -> Math.max(Math.max(value.applyAsLong(c),
                            whole.applyAsLong(c)), next == null ? 0 : tried.applyAsLong(c) - next.applyAsLong(c));
                    rules.add(rule(op, Rule.Kind.CASE_ARM, guard, tried, taken));
                    if (pair[0] != null) {
                        walk(pair[0], op, taken);
                    }
                    walk(pair[1], op, UNKNOWN);
                }
            }
            default -> {
                ExprNode[] bounds = a.getBdedQuantBounds() == null ? new ExprNode[0] : a.getBdedQuantBounds();
                for (ExprNode b : bounds) {
                    walk(b, op, UNKNOWN, self);
                }
                // A built-in operator evaluates each argument once; a quantifier's body and a spec operator's
                // (lazily passed) arguments may run any number of times.
                boolean strict = bounds.length == 0 && user == null && !name.equals("$FcnConstructor");
                for (ExprOrOpArgNode arg : args) {
                    walk(arg, op, UNKNOWN, strict ? self : ZERO);
                }
            }
        }
        if (name.equals("$FcnConstructor")) {
            lazy--;
        }
    }

    /**
     * How often an IF took branch: its own count, or, where TLC counts no evaluation of it (a constant such as
     * "none" or 0), the condition's evaluations less the other branch's; -1 when neither branch is counted.
     */
    private static ToLongFunction<TlcCoverage> branch(ToLongFunction<TlcCoverage> cond, ExprOrOpArgNode branch,
            ExprOrOpArgNode other) {
        ToLongFunction<TlcCoverage> self = count(branch);
        ToLongFunction<TlcCoverage> rest = count(other);
        boolean selfCounted = !isConstant(branch);
        boolean otherCounted = !isConstant(other);
        return c -> {
            long n = self.applyAsLong(c);
            if (n > 0) {
                return n;
            }
            if (!selfCounted) {
                return otherCounted ? Math.max(0, cond.applyAsLong(c) - rest.applyAsLong(c)) : -1;
            }
            return n;
        };
    }

    /** A constant expression, which TLC evaluates once when it loads the spec and never counts. */
    private static boolean isConstant(SemanticNode n) {
        return n instanceof ExprNode e && e.getLevel() == tla2sany.semantic.LevelConstants.ConstantLevel;
    }

    private void conjunction(ExprOrOpArgNode[] args, String op, ToLongFunction<TlcCoverage> held,
            ToLongFunction<TlcCoverage> self) {
        for (int i = 0; i < args.length; i++) {
            ToLongFunction<TlcCoverage> h = i + 1 < args.length ? count(args[i + 1]) : held;
            ToLongFunction<TlcCoverage> evaluated = i == 0 ? atLeast(count(args[0]), self) : count(args[i]);
            if (isCondition(args[i])) {
                rules.add(rule(op, Rule.Kind.CONJUNCT, args[i], evaluated, h));
            }
            walk(args[i], op, h, evaluated);
        }
    }

    private static ToLongFunction<TlcCoverage> atLeast(ToLongFunction<TlcCoverage> a, ToLongFunction<TlcCoverage> b) {
        return c -> Math.max(a.applyAsLong(c), b.applyAsLong(c));
    }

    private void disjunction(ExprOrOpArgNode[] args, String op, ToLongFunction<TlcCoverage> held,
            ToLongFunction<TlcCoverage> whole) {
        List<ToLongFunction<TlcCoverage>> earlier = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            ToLongFunction<TlcCoverage> h;
            ToLongFunction<TlcCoverage> evaluated = i == 0 ? atLeast(count(args[0]), whole) : count(args[i]);
            if (i + 1 < args.length) {
                ToLongFunction<TlcCoverage> self = evaluated;
                ToLongFunction<TlcCoverage> failed = count(args[i + 1]);
                h = c -> self.applyAsLong(c) - failed.applyAsLong(c);
            } else {
                List<ToLongFunction<TlcCoverage>> before = List.copyOf(earlier);
                h = c -> {
                    long all = held.applyAsLong(c);
                    if (all < 0) {
                        return -1;
                    }
                    for (ToLongFunction<TlcCoverage> e : before) {
                        all -= e.applyAsLong(c);
                    }
                    return all;
                };
            }
            earlier.add(h);
            if (isCondition(args[i])) {
                rules.add(rule(op, Rule.Kind.DISJUNCT, args[i], evaluated, h));
            }
            walk(args[i], op, h, evaluated);
        }
    }

    /** A state-level expression: a condition. A conjunct that primes a variable is a step's effect, not a rule. */
    private static boolean isCondition(SemanticNode n) {
        return n instanceof ExprNode e && e.getLevel() < tla2sany.semantic.LevelConstants.ActionLevel;
    }

    /**
     * Evaluations of a node in TLC's coverage. TLC does not report every node, and reports some (a comparison
     * such as x &lt; 3) fewer times than their operands were evaluated; so a node counts at least as often as the
     * part evaluated once per evaluation of it: a LET's body, a quantifier's first bound, a spec operator's body
     * (over all its callers), else its first argument.
     */
    private static ToLongFunction<TlcCoverage> count(SemanticNode n) {
        return count(n, 0);
    }

    private static ToLongFunction<TlcCoverage> count(SemanticNode n, int depth) {
        SemanticNode target = n;
        while (target instanceof LetInNode let) {
            target = let.getBody();
        }
        String loc = target.getLocation().toString();
        ToLongFunction<TlcCoverage> lower = c -> 0;
        // The chain of first parts is short in any spec; the bound stops a recursive operator's self-reference.
        if (target instanceof OpApplNode a && depth < 32) {
            ExprNode[] bounds = a.getBdedQuantBounds();
            OpDefNode user = userDefined(a);
            ExprOrOpArgNode[] args = a.getArgs();
            if (bounds != null && bounds.length > 0) {
                lower = count(bounds[0], depth + 1);
            } else if (a.getOperator().getName().toString().equals("$FcnConstructor")) {
                lower = c -> 0;
            } else if (user != null && user.getBody() != null) {
                lower = count(user.getBody(), depth + 1);
            } else if (args.length > 0 && args[0] != null) {
                lower = count(args[0], depth + 1);
            }
        }
        ToLongFunction<TlcCoverage> atLeast = lower;
        return c -> Math.max(c.evaluations(loc), atLeast.applyAsLong(c));
    }

    private Rule rule(String op, Rule.Kind kind, SemanticNode at, ToLongFunction<TlcCoverage> evaluated,
            ToLongFunction<TlcCoverage> held) {
        Location loc = at.getLocation();
        return new Rule(op, kind, quote(loc), loc.source(), loc.beginLine(), lazy == 0, evaluated, held);
    }

    /** The source text at loc, folded onto one line and cut at 70 characters. */
    private String quote(Location loc) {
        String text = source.text(loc, 70);
        return text == null ? loc.toString() : text;
    }

    private static String firstLine(String s) {
        for (String line : s.split("\\R")) {
            if (line.contains("rror") || line.contains("line")) {
                return line.trim();
            }
        }
        return s.isBlank() ? "unknown error" : s.split("\\R")[0];
    }
}
