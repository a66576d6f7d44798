package mmcheck.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import mmcheck.mm.MmGeometry;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.compaction.AtomicMigration;
import mmcheck.mm.compaction.CompactControl;
import mmcheck.mm.compaction.CompactResult;
import mmcheck.mm.compaction.Compaction;
import mmcheck.mm.compaction.CompactionCounters;
import mmcheck.mm.compaction.FtraceWriter;
import mmcheck.mm.migrate.MigrateMode;
import mmcheck.mm.proc.BuddyinfoPrinter;
import mmcheck.mm.proc.ExtfragDebugfsPrinter;
import mmcheck.mm.proc.ZoneFreeInfo;
import mmcheck.render.PageStates;
import mmcheck.sim.FragmentedZone;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * CompactCommand - {@code mmcheck compact}: fragment a zone, compact it, and show the zone before and after as
 * /proc/buddyinfo and extfrag_index show it, with the compaction lines of /proc/vmstat.
 * Kernel: compact_zone() of mm/compaction.c, run as compact_node() (order -1) or for one order.
 */
@Command(name = "compact",
        description = "Fragment a zone (order-0 movable pages scattered over it), compact it with the engine of "
                + "mm/compaction.c, and print buddyinfo and extfrag_index before and after, and the compact_* "
                + "counters of /proc/vmstat.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "2:bad arguments, or a trace file that cannot be written"})
public final class CompactCommand implements Callable<Integer> {

    static final int EXIT_BAD_INPUT = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    @Option(names = "--pages", required = true, paramLabel = "N", description = "pages in the zone (4 KiB each)")
    private long pages;

    @Option(names = "--fragment", required = true, paramLabel = "PCT",
            description = "percentage of the zone's pages left allocated, scattered (0..100)")
    private int fragment;

    @Option(names = "--order", required = true, paramLabel = "K",
            description = "order to compact for; -1 compacts the whole zone as /proc/sys/vm/compact_memory does")
    private int order;

    @Option(names = "--mode", paramLabel = "sync|async", defaultValue = "sync",
            description = "migration mode: sync (MIGRATE_SYNC) or async (MIGRATE_ASYNC); default sync")
    private String mode;

    @Option(names = "--trace", paramLabel = "FILE", description = "write the tracepoints, ftrace text, to FILE")
    private Path trace;

    @Option(names = "--page-states", description = "with --trace, also write every page's state before and after "
            + "the run (tracing_mark_write mmcheck_page_states lines), which audit --html draws")
    private boolean withPageStates;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of the fragmentation (default 1)")
    private long seed;

    public CompactCommand() {
        // picocli instantiates subcommands reflectively.
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String problem = problem();
        if (problem != null) {
            err.println("mmcheck compact: " + problem);
            err.flush();
            return EXIT_BAD_INPUT;
        }
        MigrateMode migrateMode = mode.equals("sync") ? MigrateMode.MIGRATE_SYNC : MigrateMode.MIGRATE_ASYNC;
        MmGeometry g = MmGeometry.linux(0, (int) pages);
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        long cpu0 = cpu.getCurrentThreadCpuTime();
        Zone zone = FragmentedZone.build(g, fragment, seed);
        long built = System.nanoTime();
        long cpuBuilt = cpu.getCurrentThreadCpuTime();
        PageAlloc pa = new PageAlloc(zone);
        AtomicMigration migration = new AtomicMigration(pa);
        CompactionCounters counters = new CompactionCounters();
        Compaction compaction = new Compaction(pa, migration, counters);
        BufferedWriter traceOut = null;
        // with --page-states, every page's state before and after the run, for the audit to draw pages
        java.util.function.Consumer<String> pageStates = when -> { };
        if (trace != null) {
            try {
                traceOut = Files.newBufferedWriter(trace, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("mmcheck compact: cannot write trace file " + trace + ": " + e.getMessage());
                err.flush();
                return EXIT_BAD_INPUT;
            }
            FtraceWriter w = new FtraceWriter(traceOut).task(order == -1 ? "bash" : "mmcheck", 1, 0);
            compaction.setTracer(w);
            if (withPageStates) {
                pageStates = when -> w.event("tracing_mark_write", PageStates.mark(when, zone.pageArray()));
            }
        }
        out.printf(Locale.ROOT, "zone Normal: %d pages (%s), pfn [0x0, 0x%x), %d%% allocated (seed %d), built in %.2f s "
                + "(%.2f s of CPU)%n", pages, size(pages), pages, fragment, seed, (built - t0) / 1e9,
                (cpuBuilt - cpu0) / 1e9);
        printZone(out, "before", compaction);
        out.flush();
        long[] lastReport = {System.nanoTime()};
        compaction.setProgress(pfn -> {
            long now = System.nanoTime();
            if (now - lastReport[0] > 1_000_000_000L) {
                lastReport[0] = now;
                err.printf(Locale.ROOT, "compact: migrate_pfn 0x%x of 0x%x (%d%%)%n", pfn, pages, pfn * 100L / pages);
                err.flush();
            }
        });
        CompactControl cc = order == -1 ? CompactControl.compactMemory()
                : CompactControl.builder(order, migrateMode).wholeZone(true).ignoreSkipHint(true).build();
        if (order == -1 && migrateMode == MigrateMode.MIGRATE_ASYNC) {
            cc = CompactControl.builder(-1, migrateMode).wholeZone(true).ignoreSkipHint(true).build();
        }
        pageStates.accept("before");
        long c0 = System.nanoTime();
        long cpuC0 = cpu.getCurrentThreadCpuTime();
        CompactResult result = compaction.compactZone(cc);
        long c1 = System.nanoTime();
        long cpuC1 = cpu.getCurrentThreadCpuTime();
        pageStates.accept("after");
        if (traceOut != null) {
            traceOut.close();
        }
        out.printf(Locale.ROOT, "compact_zone: order=%d mode=%s result=%s migrate_pfn=0x%x free_pfn=0x%x in %.3f s "
                + "(%.3f s of CPU; pgmigrate_success %d, pgmigrate_fail %d)%n", order, migrateMode, result,
                cc.migratePfn, cc.freePfn, (c1 - c0) / 1e9, (cpuC1 - cpuC0) / 1e9, migration.pgmigrateSuccess(),
                migration.pgmigrateFail());
        printZone(out, "after", compaction);
        out.println("/proc/vmstat:");
        out.print(counters.vmstatLines());
        out.flush();
        return 0;
    }

    private String problem() {
        if (pages < 1 << MmGeometry.LINUX_PAGEBLOCK_ORDER || pages > MmGeometry.PFN_LIMIT) {
            return "--pages " + pages + " is outside " + (1 << MmGeometry.LINUX_PAGEBLOCK_ORDER) + ".."
                    + MmGeometry.PFN_LIMIT;
        }
        if (fragment < 0 || fragment > 100) {
            return "--fragment " + fragment + " is outside 0..100";
        }
        if (order < -1 || order >= MmGeometry.LINUX_MAX_ORDER) {
            return "--order " + order + " is outside -1.." + (MmGeometry.LINUX_MAX_ORDER - 1)
                    + " (MAX_ORDER " + MmGeometry.LINUX_MAX_ORDER + "; -1 compacts the whole zone)";
        }
        if (withPageStates && trace == null) {
            return "--page-states needs --trace FILE";
        }
        if (!mode.equals("sync") && !mode.equals("async")) {
            return "--mode " + mode + " is neither sync nor async";
        }
        return null;
    }

    private static void printZone(PrintWriter out, String when, Compaction c) {
        List<ZoneFreeInfo> z = List.of(ZoneFreeInfo.ofNrFree(c.zone().nodeId(), c.zone().name(), c.nrFree()));
        out.println(when + ": /proc/buddyinfo");
        out.print(BuddyinfoPrinter.print(z));
        out.println(when + ": /sys/kernel/debug/extfrag/extfrag_index");
        out.print(ExtfragDebugfsPrinter.extfragShow(z));
    }

    private static String size(long pages) {
        long kib = pages * 4;
        if (kib >= 1 << 20) {
            return String.format(Locale.ROOT, "%.1f GiB", kib / (double) (1 << 20));
        }
        return String.format(Locale.ROOT, "%.1f MiB", kib / 1024.0);
    }
}
