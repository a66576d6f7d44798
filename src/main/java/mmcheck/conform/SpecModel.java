package mmcheck.conform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tla2sany.semantic.FormalParamNode;
import tla2sany.semantic.OpDeclNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.semantic.SemanticNode;
import tlc2.tool.Action;
import tlc2.tool.StateVec;
import tlc2.tool.TLCState;
import tlc2.tool.impl.FastTool;
import tlc2.util.Context;
import tlc2.value.IValue;
import tlc2.value.impl.Value;
import util.SimpleFilenameToStream;
import util.ToolIO;
import util.UniqueString;

/**
 * One TLA+ model (an MC module with its .cfg) loaded into this JVM through TLC's in-process API.
 *
 * <p>TLC keeps static state per loaded spec (variable slots, TLCState.Empty, model values), so a JVM
 * holds exactly one model: {@link #load} returns the same instance for the same files and refuses
 * another. Evaluation is thread-safe once loaded; loading is not, hence the lock.
 */
public final class SpecModel {
    private static SpecModel loaded;

    private final Path module;
    private final Path cfg;
    private final List<Path> sourceDirs;
    private final FastTool tool;
    private final Map<String, OpDefNode> opDefs = new HashMap<>();
    private final Map<String, OpDeclNode> constants = new HashMap<>();
    private final UniqueString[] varNames;
    /**
     * varNames as interned strings: the abstractions key their maps by string literals, which are interned, so a
     * lookup by these is decided by identity (by the parser's own copies, each lookup compared the strings' bytes:
     * 5% of a compaction refine run).
     */
    private final String[] varNameStrings;
    private final Action[] invariants;
    private final String[] invariantNames;
    private final Action[] impliedActions;
    /** Per invariant, the indexes (in varNames) of the variables it reads. */
    private final int[][] invariantReads;
    private final int[][] impliedActionReads;
    private final String[] impliedActionNames;
    /** The definitions the cfg replaces (their reads are unknown, see {@link VariableReads#ALL}). */
    private final Set<String> overridden;

    private SpecModel(Path module, Path cfg, Path specDir) {
        this.module = module;
        this.cfg = cfg;
        String modName = stripTla(module.getFileName().toString());
        String cfgName = stripExt(cfg.getFileName().toString(), ".cfg");
        Path modelDir = module.toAbsolutePath().getParent();
        this.sourceDirs = List.of(modelDir, specDir.toAbsolutePath());
        // TLC's fingerprints are zero until the polynomial table is set up, as tlc2.TLC does first.
        tlc2.util.FP64.Init();
        ToolIO.setMode(ToolIO.TOOL);
        ToolIO.reset();
        String[] libs = {modelDir.toString(), specDir.toAbsolutePath().toString(),
                TlaLibrary.directory().toString()};
        try {
            this.tool = new FastTool(modelDir.toString(), modName,
                    cfg.toAbsolutePath().getParent().resolve(cfgName).toString(),
                    new SimpleFilenameToStream(libs));
        } catch (RuntimeException | Error e) {
            throw new SpecLoadException(module + " with " + cfg.getFileName() + ": " + firstProblem(e));
        }
        for (OpDefNode d : tool.getRootModule().getOpDefs()) {
            opDefs.put(d.getName().toString(), d);
        }
        for (OpDeclNode c : tool.getRootModule().getConstantDecls()) {
            constants.put(c.getName().toString(), c);
        }
        OpDeclNode[] vars = tool.getRootModule().getVariableDecls();
        varNames = new UniqueString[vars.length];
        for (int i = 0; i < vars.length; i++) {
            varNames[i] = vars[i].getName();
        }
        varNameStrings = Arrays.stream(varNames).map(v -> v.toString().intern()).toArray(String[]::new);
        invariants = tool.getInvariants();
        invariantNames = tool.getInvNames();
        invariantReads = new int[invariants.length][];
        overridden = new java.util.HashSet<>(tool.getModelConfig().getOverrides().keySet());
        for (int i = 0; i < invariants.length; i++) {
            invariantReads[i] = reads(invariants[i].pred, overridden);
        }
        impliedActions = tool.getImpliedActions();
        impliedActionReads = new int[impliedActions.length][];
        for (int i = 0; i < impliedActions.length; i++) {
            impliedActionReads[i] = reads(impliedActions[i].pred, overridden);
        }
        impliedActionNames = stepPropertyNames(tool.getImpliedActNames(),
                mmcheck.tlc.CfgProperties.properties(cfg));
        checkAssumptions();
    }

    /** TLC names a property's step part by its location; with one PROPERTY in the cfg, that is its name. */
    private static String[] stepPropertyNames(String[] locations, List<String> properties) {
        String[] out = new String[locations.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = properties.size() == 1 ? properties.get(0) + " (its step at " + locations[i] + ")"
                    : "PROPERTY at " + locations[i];
        }
        return out;
    }

    /** The spec's ASSUMEs hold for the cfg's constants, or the model is refused in one line. */
    private void checkAssumptions() {
        SpecSource source = new SpecSource(sourceDirs);
        for (tla2sany.semantic.ExprNode assumption : tool.getAssumptions()) {
            boolean holds;
            try {
                holds = tool.eval(assumption, Context.Empty, TLCState.Empty) == tlc2.value.impl.BoolValue.ValTrue;
            } catch (RuntimeException e) {
                holds = false;
            }
            if (!holds) {
                throw new SpecLoadException(cfg.getFileName() + ": the constants break the assumption at "
                        + source.quote(assumption));
            }
        }
    }

    /** load() - load a model once per JVM; a second, different model is refused. */
    public static synchronized SpecModel load(Path module, Path cfg, Path specDir) {
        for (Path p : List.of(module, cfg)) {
            if (!Files.isRegularFile(p)) {
                throw new SpecLoadException("no such file: " + p);
            }
        }
        if (loaded != null) {
            if (loaded.module.toAbsolutePath().normalize().equals(module.toAbsolutePath().normalize())
                    && loaded.cfg.toAbsolutePath().normalize().equals(cfg.toAbsolutePath().normalize())) {
                return loaded;
            }
            throw new SpecLoadException("this JVM already holds " + loaded.cfg.getFileName()
                    + "; TLC keeps one spec per JVM, so " + cfg.getFileName() + " needs its own JVM");
        }
        loaded = new SpecModel(module, cfg, specDir);
        return loaded;
    }

    public Path cfg() {
        return cfg;
    }

    /** The directories the modules were read from: the model's, then spec/. */
    public List<Path> sourceDirs() {
        return sourceDirs;
    }

    public FastTool tool() {
        return tool;
    }

    /** The value of a CONSTANT (after the cfg's substitution) or of a zero-arity definition. */
    public Value value(String name) {
        OpDeclNode c = constants.get(name);
        if (c != null) {
            Object v = tool.lookup(c, Context.Empty, false);
            if (v instanceof Value) {
                return (Value) v;
            }
            OpDefNode replacement = opDefs.get(String.valueOf(v));
            if (v instanceof OpDefNode) {
                replacement = (OpDefNode) v;
            }
            if (replacement != null) {
                return evalDef(replacement);
            }
            throw new SpecLoadException(cfg.getFileName() + ": constant " + name + " has no value");
        }
        OpDefNode d = opDefs.get(name);
        if (d == null || d.getArity() != 0) {
            throw new SpecLoadException(module.getFileName() + ": no constant or definition named " + name);
        }
        // A cfg may give a definition a value (WmarkLow = 1); TLC keeps it as the definition's tool object.
        Object v = tool.lookup(d, Context.Empty, false);
        return v instanceof Value value ? value : evalDef(d);
    }

    private Value evalDef(OpDefNode d) {
        return (Value) tool.eval(d.getBody(), Context.Empty, TLCState.Empty);
    }

    /** Whether the model has a constant or a definition of that name, so that {@link #value} finds it. */
    public boolean hasValue(String name) {
        return constants.containsKey(name) || opDefs.containsKey(name);
    }

    /** Whether the model (or a module it extends) defines an operator of that name. */
    public boolean defines(String name) {
        return opDefs.containsKey(name);
    }

    /** The operator definition of an action, e.g. "RmqueueSmallest". */
    public OpDefNode operator(String name) {
        OpDefNode d = opDefs.get(name);
        if (d == null) {
            throw new SpecLoadException(module.getFileName() + ": no operator named " + name);
        }
        return d;
    }

    /** A directed action: the named operator with its formal parameters bound to args. */
    public Action action(String name, Value... args) {
        OpDefNode d = operator(name);
        FormalParamNode[] params = d.getParams();
        if (params.length != args.length) {
            throw new IllegalArgumentException(name + " takes " + params.length + " arguments, got "
                    + args.length);
        }
        Context ctx = Context.Empty;
        for (int i = 0; i < params.length; i++) {
            ctx = ctx.cons(params[i], args[i]);
        }
        return new Action(d.getBody(), ctx, d);
    }

    /**
     * split() - TLC's own decomposition of an action operator: one {@link Action} per disjunct and per value of an
     * {@code \E} over a constant set, each with the Context that binds it. For the cfg's NEXT this is
     * {@code tool.getActions()}; for another operator (the spec's own Next under an MC module that narrows it to
     * roles) the same splitter of TLC's Tool is run on that operator's body.
     */
    public Action[] split(String operator) {
        if (operator.equals(tool.getModelConfig().getNext())) {
            return tool.getActions();
        }
        OpDefNode next = operator(operator);
        try {
            java.lang.reflect.Field vec = tlc2.tool.impl.Tool.class.getDeclaredField("actionVec");
            java.lang.reflect.Method splitter = tlc2.tool.impl.Tool.class.getDeclaredMethod("getActions",
                    SemanticNode.class, Context.class, OpDefNode.class, tlc2.tool.coverage.CostModel.class);
            vec.setAccessible(true);
            splitter.setAccessible(true);
            synchronized (tool) {
                Object saved = vec.get(tool);
                tlc2.util.Vect<Action> out = new tlc2.util.Vect<>();
                vec.set(tool, out);
                try {
                    splitter.invoke(tool, next.getBody(), Context.Empty, next,
                            tlc2.tool.coverage.CostModel.DO_NOT_RECORD);
                } finally {
                    vec.set(tool, saved);
                }
                Action[] actions = new Action[out.size()];
                for (int i = 0; i < actions.length; i++) {
                    actions[i] = out.elementAt(i);
                }
                return actions;
            }
        } catch (ReflectiveOperationException e) {
            throw new SpecLoadException("this TLC cannot split " + operator + " into its actions: " + e);
        }
    }

    /** Formal parameter names of an operator, in order. */
    public String[] paramNames(String name) {
        return Arrays.stream(operator(name).getParams()).map(p -> p.getName().toString())
                .toArray(String[]::new);
    }

    /** A state with every variable bound, in the spec's variable order. */
    public TLCState state(Map<String, ? extends IValue> values) {
        TLCState s = TLCState.Empty.createEmpty();
        for (int i = 0; i < varNames.length; i++) {
            IValue val = values.get(varNameStrings[i]);
            if (val == null) {
                throw new IllegalArgumentException("no value for variable " + varNames[i]);
            }
            s = s.bind(varNames[i], val);
        }
        return s;
    }

    /** The index of a variable in the spec's order (as {@link #variables()}), or -1: the spec has no such variable. */
    public int variableIndex(String name) {
        for (int i = 0; i < varNameStrings.length; i++) {
            if (varNameStrings[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The state of these values, one per variable in the spec's order: no lookup by name (see {@link #state(Map)}). */
    public TLCState state(IValue[] values) {
        if (values.length != varNames.length) {
            throw new IllegalArgumentException(values.length + " values for " + varNames.length + " variables");
        }
        TLCState s = TLCState.Empty.createEmpty();
        for (int i = 0; i < varNames.length; i++) {
            if (values[i] == null) {
                throw new IllegalArgumentException("no value for variable " + varNames[i]);
            }
            s = s.bind(varNames[i], values[i]);
        }
        return s;
    }

    public List<String> variableNames() {
        List<String> names = new ArrayList<>();
        for (UniqueString v : varNames) {
            names.add(v.toString());
        }
        return names;
    }

    /** Values of a state by variable name, in the spec's variable order. */
    public Map<String, Value> values(TLCState s) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (UniqueString v : varNames) {
            m.put(v.toString(), (Value) s.lookup(v));
        }
        return m;
    }

    /** Where the engine's state differs from the spec's, variable by variable: "path: spec -> engine" lines. */
    public List<String> diff(TLCState specState, TLCState engineState, int limitPerVariable) {
        List<String> out = new ArrayList<>();
        Map<String, Value> sv = values(specState);
        values(engineState).forEach((var, v) -> out.addAll(
                mmcheck.tlc.ValueDiff.diff(var, sv.get(var), v, limitPerVariable)));
        return out;
    }

    public boolean isInit(TLCState s) {
        var inits = tool.getInitStateSpec();
        for (int i = 0; i < inits.size(); i++) {
            if (!tool.isValid(inits.elementAt(i), s)) {
                return false;
            }
        }
        return true;
    }

    public StateVec initStates() {
        return tool.getInitStates();
    }

    public String[] invariantNames() {
        return invariantNames.clone();
    }

    /** The variables each step part of the cfg's PROPERTY reads, in cfg order. */
    List<List<String>> stepPropertyReads() {
        List<List<String>> out = new ArrayList<>();
        for (int[] reads : impliedActionReads) {
            out.add(Arrays.stream(reads).mapToObj(v -> varNames[v].toString()).toList());
        }
        return out;
    }

    /** The indexes (in varNames) of the variables expr reads, through every definition. */
    private int[] reads(SemanticNode expr, Set<String> overridden) {
        Set<String> reads = VariableReads.of(expr, overridden);
        return java.util.stream.IntStream.range(0, varNames.length)
                .filter(v -> reads.contains(VariableReads.ALL) || reads.contains(varNames[v].toString()))
                .toArray();
    }

    /** The spec's variables, in its order (the order of {@link StateId}'s fingerprints). */
    UniqueString[] variables() {
        return varNames.clone();
    }

    /** Whether the cfg replaces the definition of that name (its reads are then unknown). */
    boolean overridden(String definition) {
        return overridden.contains(definition);
    }

    /** The indexes (in the spec's variable order) of the variables expr reads, through every definition. */
    int[] variablesRead(SemanticNode expr) {
        return reads(expr, overridden);
    }

    /**
     * What the expressions read together, variables whole or by field ({@link VariableReads#fields}): a verdict on
     * them is a function of these parts of a state.
     */
    Reads fieldReads(List<? extends SemanticNode> exprs) {
        Map<String, java.util.Set<String>> reads = new HashMap<>();
        for (SemanticNode e : exprs) {
            VariableReads.fields(e, overridden, reads);
        }
        boolean all = reads.containsKey(VariableReads.ALL);
        List<Integer> whole = new ArrayList<>();
        List<Integer> fieldVar = new ArrayList<>();
        List<UniqueString> field = new ArrayList<>();
        for (int v = 0; v < varNames.length; v++) {
            String name = varNames[v].toString();
            if (all || (reads.containsKey(name) && reads.get(name) == null)) {
                whole.add(v);
            } else if (reads.containsKey(name)) {
                for (String f : reads.get(name)) {
                    fieldVar.add(v);
                    field.add(UniqueString.uniqueStringOf(f));
                }
            }
        }
        return new Reads(whole.stream().mapToInt(Integer::intValue).toArray(),
                fieldVar.stream().mapToInt(Integer::intValue).toArray(), field.toArray(UniqueString[]::new));
    }

    int invariantCount() {
        return invariants.length;
    }

    /** The variables the i-th invariant of the cfg reads. */
    int[] invariantReads(int i) {
        return invariantReads[i].clone();
    }

    String invariantName(int i) {
        return invariantNames[i];
    }

    /** The i-th invariant of the cfg, as TLC evaluates it. */
    Action invariant(int i) {
        return invariants[i];
    }

    int stepPropertyCount() {
        return impliedActions.length;
    }

    /** The variables the i-th step part of the cfg's PROPERTY reads. */
    int[] stepPropertyReads(int i) {
        return impliedActionReads[i].clone();
    }

    /** The i-th step part of the cfg's PROPERTY, as TLC evaluates it ([A]_v). */
    Action stepProperty(int i) {
        return impliedActions[i];
    }

    String stepPropertyName(int i) {
        return impliedActionNames[i];
    }

    /** Whether the step s -> t satisfies the i-th step part of the cfg's PROPERTY. */
    boolean stepPropertyHolds(int i, TLCState s, TLCState t) {
        try {
            return tool.isValid(impliedActions[i], s, t);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * sameState() - whether two states give every variable an equal value: exact, where {@link StateId}s agree up
     * to their 64-bit fingerprint.
     */
    public boolean sameState(TLCState a, TLCState b) {
        if (a == b) {
            return true;
        }
        for (UniqueString v : varNames) {
            if (!KnownState.sameValue(a.lookup(v), b.lookup(v))) {
                return false;
            }
        }
        return true;
    }

    /** The names of the cfg's invariants that s violates, in cfg order. */
    public List<String> violatedInvariants(TLCState s) {
        List<String> out = new ArrayList<>(0);
        for (int i = 0; i < invariants.length; i++) {
            if (!holds(invariants[i], s)) {
                out.add(invariantNames[i]);
            }
        }
        return out;
    }

    /** Whether a state predicate holds in s (a state TLC cannot evaluate it in breaks it). */
    boolean holds(Action inv, TLCState s) {
        try {
            return tool.isValid(inv, s);
        } catch (RuntimeException e) {
            // A malformed engine state (say, a pfn outside the zone) makes TLC throw while
            // evaluating; for the invariant that is as good as false.
            return false;
        }
    }

    public boolean isValid(Action a, TLCState s, TLCState t) {
        return tool.isValid(a, s, t);
    }

    public StateVec nextStates(Action a, TLCState s) {
        return tool.getNextStates(a, s);
    }

    private static String stripTla(String f) {
        return stripExt(f, ".tla");
    }

    private static String stripExt(String f, String ext) {
        return f.endsWith(ext) ? f.substring(0, f.length() - ext.length()) : f;
    }

    private static String firstProblem(Throwable e) {
        for (String m : ToolIO.getAllMessages()) {
            String line = m.strip();
            if (!line.isEmpty() && !line.startsWith("Parsing file") && !line.startsWith("Semantic processing")) {
                return oneLine(line);
            }
        }
        return oneLine(String.valueOf(e.getMessage()));
    }

    static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }
}
