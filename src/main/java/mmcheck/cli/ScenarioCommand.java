package mmcheck.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import mmcheck.sim.CompactionSelftestScenario;
import mmcheck.sim.CompactionTraceStats;
import mmcheck.sim.HugepageReclaimScenario;
import mmcheck.sim.KernelDatasetScenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * ScenarioCommand - {@code mmcheck scenario NAME}: a real-world compaction scenario run on the engine.
 */
@Command(name = "scenario",
        description = "Run a compaction scenario on the engine: compaction_test (the kernel selftest "
                + "tools/testing/selftests/mm/compaction_test.c), gorman (huge pages with and without compaction, "
                + "Mel Gorman's measurement from LWN), m512-compact-memory-65pct or m512-thp-direct (the engine set up "
                + "like a real kernel dataset, its trace statistics beside the kernel's).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the scenario ran (and compaction_test passed)", "1:compaction_test failed",
            "2:unknown scenario or bad arguments"})
public final class ScenarioCommand implements Callable<Integer> {

    static final String[] NAMES = {"compaction_test", "gorman", "m512-compact-memory-65pct", "m512-thp-direct"};

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    @Parameters(index = "0", paramLabel = "NAME", description = "compaction_test, gorman, m512-compact-memory-65pct "
            + "or m512-thp-direct")
    private String name;

    @Option(names = "--pages", paramLabel = "N", defaultValue = "262144",
            description = "zone size for compaction_test and gorman (default 262144, 1 GiB)")
    private int pages;

    public ScenarioCommand() {
        // picocli instantiates subcommands reflectively.
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (pages < 1 << 12 || pages > 1 << 26) {
            err.println("mmcheck scenario: --pages " + pages + " is outside " + (1 << 12) + ".." + (1 << 26));
            err.flush();
            return 2;
        }
        switch (name) {
            case "compaction_test" -> {
                CompactionSelftestScenario.Result with = CompactionSelftestScenario.run(pages, true);
                CompactionSelftestScenario.Result without = CompactionSelftestScenario.run(pages, false);
                out.println(with.report());
                out.print(with.counters().vmstatLines());
                out.println(without.report());
                out.flush();
                return with.passed() ? 0 : 1;
            }
            case "gorman" -> {
                out.println(HugepageReclaimScenario.Result.header());
                for (int target : new int[] {25, 50, 75, 90}) {
                    for (HugepageReclaimScenario.Strategy s : HugepageReclaimScenario.Strategy.values()) {
                        out.println(HugepageReclaimScenario.run(pages, s, target, 1).row());
                        out.flush();
                    }
                }
                return 0;
            }
            default -> {
                KernelDatasetScenario.Dataset d = KernelDatasetScenario.dataset(name);
                if (d == null) {
                    err.println("mmcheck scenario: unknown scenario '" + name + "' (known: "
                            + String.join(", ", NAMES) + ")");
                    err.flush();
                    return 2;
                }
                KernelDatasetScenario.Result r = KernelDatasetScenario.run(d);
                out.println(CompactionTraceStats.header());
                out.println(KernelDatasetScenario.kernelStats(d).row(d.name() + " kernel"));
                out.println(r.stats().row(d.name() + " engine"));
                if (d.thpFaults() > 0) {
                    out.println("engine: " + r.thpAllocated() + " of " + d.thpFaults() + " THP faults got a huge page, "
                            + r.thpFallback() + " fell back to small pages");
                }
                out.println("engine /proc/vmstat:");
                out.print(r.counters().vmstatLines());
                out.flush();
                return 0;
            }
        }
    }
}
