package mmcheck.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;

/**
 * Entry point of the mmcheck command line. With no subcommand, or with only options, it runs check.
 */
@Command(name = "mmcheck", mixinStandardHelpOptions = true, version = "mmcheck 0.1.0",
        description = {"Model checks and conformance checks for the Linux physical-memory defragmentation model.",
                "Without a subcommand: check."})
public final class Main {
    /**
     * Every subcommand, by class name; THE place to register a new one. A class that is not on the classpath is
     * left out, so subcommands written on other branches (frag, refine) appear once they are merged.
     */
    public static final List<String> SUBCOMMANDS = List.of(
            "mmcheck.cli.CheckCommand",
            "mmcheck.cli.TlcCommand",
            "mmcheck.cli.ModelsCommand",
            "mmcheck.cli.FragCommand",
            "mmcheck.cli.RefineCommand",
            "mmcheck.cli.ReplayCommand",
            "mmcheck.cli.CompactCommand",
            "mmcheck.cli.ScenarioCommand");

    private static final Set<String> OWN_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    private Main() {
    }

    /**
     * The steps check runs after its model table; THE place to register the refinement summary
     * (e.g. a PostStep that runs RefineCommand's summary and returns whether it passed).
     */
    static List<CheckCommand.PostStep> checkPostSteps() {
        return List.of(
                ChildJvm.postStep("refinement", "refine", "--model", "MCBuddy", "--steps", "200000", "--seed", "1"),
                ChildJvm.postStep("reverse replay", "replay", "--model", "MCBuddySmall"),
                // Migration states rarely repeat, so the verdict cache costs more fingerprints than it saves.
                ChildJvm.postStep("migration refinement", "refine", "--model", "MCMigrateReplay", "--steps",
                        "200000", "--seed", "1", "--no-cache"),
                ChildJvm.postStep("migration reverse replay", "replay", "--model", "MCMigrateSmall"));
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err));
    }

    /** Runs the command line and returns the exit status; never throws. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, checkPostSteps());
    }

    static int run(String[] args, PrintWriter out, PrintWriter err, List<CheckCommand.PostStep> postSteps) {
        try {
            CommandLine cl = commandLine(postSteps);
            cl.setOut(out);
            cl.setErr(err);
            OneLineErrors errors = new OneLineErrors();
            cl.setParameterExceptionHandler(errors);
            cl.setExecutionExceptionHandler(errors);
            return cl.execute(withDefaultSubcommand(args));
        } catch (RuntimeException e) {
            err.println("mmcheck: " + OneLineErrors.describe(e));
            err.flush();
            return OneLineErrors.EXIT_BAD_INPUT;
        }
    }

    /** The command tree with every subcommand found on the classpath. */
    static CommandLine commandLine(List<CheckCommand.PostStep> postSteps) {
        IFactory factory = new Factory(postSteps);
        CommandLine cl = new CommandLine(new Main(), factory);
        for (Class<?> cls : subcommandClasses()) {
            cl.addSubcommand(new CommandLine(create(factory, cls), factory));
        }
        return cl;
    }

    static List<Class<?>> subcommandClasses() {
        List<Class<?>> found = new ArrayList<>();
        for (String name : SUBCOMMANDS) {
            load(name).ifPresent(found::add);
        }
        return found;
    }

    private static Optional<Class<?>> load(String className) {
        try {
            return Optional.of(Class.forName(className));
        } catch (ClassNotFoundException absent) {
            return Optional.empty();
        }
    }

    /** "./check.sh --workers 1" means check with one worker, so leading options that are not Main's go to check. */
    static String[] withDefaultSubcommand(String[] args) {
        if (args.length > 0 && !(args[0].startsWith("-") && !OWN_OPTIONS.contains(args[0]))) {
            return args;
        }
        String[] all = new String[args.length + 1];
        all[0] = "check";
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    private static Object create(IFactory factory, Class<?> cls) {
        try {
            return factory.create(cls);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create subcommand " + cls.getName() + ": " + e.getMessage(), e);
        }
    }

    /** Builds CheckCommand with its post-steps; every other class as picocli would. */
    private static final class Factory implements IFactory {
        private final IFactory standard = CommandLine.defaultFactory();
        private final List<CheckCommand.PostStep> postSteps;

        Factory(List<CheckCommand.PostStep> postSteps) {
            this.postSteps = postSteps;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == CheckCommand.class) {
                return cls.cast(new CheckCommand(postSteps));
            }
            return standard.create(cls);
        }
    }
}
