package mmcheck.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;

/**
 * Entry point of the mmcheck command line. With no subcommand, or with only options, it runs check.
 */
@Command(name = "mmcheck", mixinStandardHelpOptions = true, version = "mmcheck 0.1.0",
        description = {"Model checks and conformance checks for the Linux physical-memory defragmentation model.",
                "Without a subcommand: check."},
        // Every subcommand, THE place to register one: a new subcommand is one line here.
        subcommands = {
            CheckCommand.class,
            TlcCommand.class,
            ModelsCommand.class,
            FragCommand.class,
            RefineCommand.class,
            ReplayCommand.class,
            TlcWorkerCommand.class,
            CompactCommand.class,
            ScenarioCommand.class,
            AuditCommand.class,
            CoverageCommand.class,
        })
public final class Main {
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
                ChildJvm.postStep("reverse replay (merging, claiming)", "replay", "--model", "MCBuddyMerge"),
                ChildJvm.postStep("reverse replay (fallbacks, zone end)", "replay", "--model", "MCBuddyFallback"),
                ChildJvm.postStep("reverse replay (order-0 steals, watermark)", "replay", "--model", "MCBuddySteal"),
                ChildJvm.postStep("refinement (fallbacks, zone end)", "refine", "--model", "MCBuddyFallback", "--steps",
                        "100000", "--seed", "1"),
                // Migration states rarely repeat, so the verdict cache costs more fingerprints than it saves.
                // MCMigrateSim: the migration model where every action of MigrateNext is enabled, speculative
                // references (FolioTryGet, FolioPut) included.
                ChildJvm.postStep("migration refinement", "refine", "--model", "MCMigrateSim", "--steps",
                        "40000", "--seed", "1", "--no-cache"),
                ChildJvm.postStep("migration reverse replay", "replay", "--model", "MCMigrateSmall"),
                // MIGRATE_SYNC_LIGHT against writeback, with MaxVmEvents 1: the pgmigrate counters replayed too.
                ChildJvm.postStep("migration reverse replay (SYNC_LIGHT, counters)", "replay", "--model",
                        "MCMigrateSyncLight"),
                ChildJvm.postStep("compaction refinement", "refine", "--model", "MCCompactionBind", "--steps",
                        "50000", "--seed", "1"),
                ChildJvm.postStep("compaction refinement (seed 4)", "refine", "--model", "MCCompactionBind",
                        "--steps", "50000", "--seed", "4"),
                // lowmem_reserve 1: compaction_suitable() and every allocation count it (seed 1 misses an action).
                ChildJvm.postStep("compaction refinement (lowmem reserve)", "refine", "--model",
                        "MCCompactionBindReserve", "--steps", "50000", "--seed", "4"),
                // kcompactd's and proactive compaction's steps (CompactionNode), each run reaching all of them.
                ChildJvm.postStep("kcompactd refinement", "refine", "--model", "MCCompactionBindKcompactd", "--steps",
                        "30000", "--seed", "1"),
                ChildJvm.postStep("kcompactd refinement (seed 2)", "refine", "--model", "MCCompactionBindKcompactd",
                        "--steps", "30000", "--seed", "2"),
                // Direct async compaction with skip_on_failure: both arms and migrate_pages() (seed 1 misses
                // release_freepages(), which needs a page freed under the run).
                ChildJvm.postStep("skip_on_failure refinement", "refine", "--model", "MCCompactionBindSkipOnFailure",
                        "--steps", "30000", "--seed", "4"),
                // The same workload at CostlyOrder 0: fast_find_migrateblock()'s hits as steps of their own, its misses.
                ChildJvm.postStep("fast_find_migrateblock refinement", "refine", "--model",
                        "MCCompactionBindFastFind", "--steps", "30000", "--seed", "2"),
                // Every state of a small compact_memory model, every instance of BindNext on it (wrong pfns too).
                ChildJvm.postStep("compaction reverse replay", "replay", "--model", "MCCompactionBindReplay"),
                // The same zone under kcompactd and proactive compaction: wakeups, kcompactd_do_work() going back to
                // sleep, proactive runs, their deferral and its long timeout, each built from the spec's node state.
                ChildJvm.postStep("kcompactd reverse replay", "replay", "--model",
                        "MCCompactionBindReplayKcompactd"));
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
        } catch (StackOverflowError | OutOfMemoryError e) {
            // Inputs are bounded where they are read; an input that still exhausts the JVM is too big for it.
            err.println(commandName(args) + ": " + OneLineErrors.describeExhaustion(e));
            err.flush();
            return OneLineErrors.EXIT_BAD_INPUT;
        } catch (LinkageError e) {
            // A class missing or changed under a running JVM: the build was replaced while this ran.
            err.println(commandName(args) + ": internal error, the build changed while running (" + e.getMessage()
                    + "); run it again");
            err.flush();
            return 1;
        }
    }

    /** The command tree; CheckCommand gets the post-steps through the factory. */
    static CommandLine commandLine(List<CheckCommand.PostStep> postSteps) {
        return new CommandLine(new Main(), new Factory(postSteps));
    }

    private static String commandName(String[] args) {
        String[] all = withDefaultSubcommand(args);
        return all.length > 0 && !all[0].startsWith("-") ? "mmcheck " + all[0] : "mmcheck";
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
