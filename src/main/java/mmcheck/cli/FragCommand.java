package mmcheck.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import mmcheck.mm.proc.ExtfragDebugfsPrinter;
import mmcheck.mm.proc.ProcFormat;
import mmcheck.mm.proc.ProcFormatException;
import mmcheck.mm.proc.ZoneFreeInfo;
import mmcheck.tlc.BadInputException;
import mmcheck.tlc.BoundedFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * FragCommand - {@code mmcheck frag FILE}: the kernel's extfrag debugfs files computed from a /proc/buddyinfo or
 * /proc/pagetypeinfo snapshot. Kernel: unusable_show() and extfrag_show() in mm/vmstat.c.
 */
@Command(name = "frag",
        description = "Print what /sys/kernel/debug/extfrag/unusable_index and extfrag_index would show for a "
                + "/proc/buddyinfo or /proc/pagetypeinfo snapshot (Linux 6.1 arithmetic and format).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "2:missing, unreadable or malformed FILE, or bad usage"})
public final class FragCommand implements Callable<Integer> {

    static final String UNUSABLE_PATH = "/sys/kernel/debug/extfrag/unusable_index";
    static final String EXTFRAG_PATH = "/sys/kernel/debug/extfrag/extfrag_index";
    static final int EXIT_BAD_INPUT = 2;
    /**
     * /proc/pagetypeinfo of a 64-node machine with every zone is some 100 KB; anything past 16 MiB (or an endless
     * /dev/zero) is not a snapshot, and is refused before it fills the heap.
     */
    static final int MAX_BYTES = 16 << 20;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    @Parameters(index = "0", paramLabel = "FILE", description = "a copy of /proc/buddyinfo or /proc/pagetypeinfo")
    private Path file;

    @ArgGroup(exclusive = true)
    private Only only;

    /** At most one of the two files. */
    static final class Only {
        @Option(names = "--unusable", required = true, description = "print only unusable_index, byte for byte")
        boolean unusable;

        @Option(names = "--extfrag", required = true, description = "print only extfrag_index, byte for byte")
        boolean extfrag;
    }

    public FragCommand() {
        // picocli instantiates subcommands reflectively.
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<ZoneFreeInfo> zones;
        try {
            zones = readZones();
        } catch (ProcFormatException | InputException e) {
            err.println("mmcheck frag: " + e.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean both = only == null;
        if (both) {
            out.print("# " + UNUSABLE_PATH + "\n");
        }
        if (both || only.unusable) {
            out.print(ExtfragDebugfsPrinter.unusableShow(zones));
        }
        if (both) {
            out.print("# " + EXTFRAG_PATH + "\n");
        }
        if (both || only.extfrag) {
            out.print(ExtfragDebugfsPrinter.extfragShow(zones));
        }
        out.flush();
        return 0;
    }

    private List<ZoneFreeInfo> readZones() {
        String name = file.toString();
        String text;
        try {
            // /proc text is ASCII; Latin-1 maps every byte to a char, so stray bytes reach the parser and are named.
            text = BoundedFile.read(file, MAX_BYTES, StandardCharsets.ISO_8859_1);
        } catch (BadInputException e) {
            throw new InputException(e.getMessage());
        }
        ProcFormat format = ProcFormat.detect(text, name);
        List<ZoneFreeInfo> zones = format.parse(text, name);
        for (ZoneFreeInfo zone : zones) {
            if (zone.hasPageTypes() && zone.pageTypes().capped()) {
                throw new InputException(name + ": Node " + zone.nodeId() + ", zone " + zone.zoneName()
                        + " has a free list longer than pagetypeinfo counts ('>100000'); use /proc/buddyinfo");
            }
        }
        return zones;
    }

    /** A problem with FILE other than its format; the message is the one line to print. */
    private static final class InputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InputException(String message) {
            super(message);
        }
    }
}
