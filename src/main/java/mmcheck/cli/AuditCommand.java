package mmcheck.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import mmcheck.audit.Audit;
import mmcheck.audit.AuditReport;
import mmcheck.render.AuditPage;
import mmcheck.render.TextMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mmcheck audit DATASET|TRACEFILE}: a real kernel's compaction trace judged against CompactionObs by TLC. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Judge a Linux 6.1 compaction trace (a kernel-traces dataset folder or a bare ftrace file) "
                + "against spec/CompactionObs.tla by TLC, check its snapshots and vmstat deltas.",
                "Exit status: 0 nothing violated, 1 a violation, 2 unreadable input."})
public final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DATASET|TRACEFILE", description = "a dataset folder (trace.txt, phases.txt, "
            + "before/ fragmented/ after/) or a trace file")
    Path input;

    @Option(names = "--html", paramLabel = "FILE", description = "write the memory-map page (one self-contained HTML)")
    Path html;

    @Option(names = "--map", description = "print the text memory map of every run")
    boolean map;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Audit audit = Audit.of(input, Path.of("."));
        AuditReport.print(out, audit);
        if (map) {
            out.print(TextMap.of(audit));
        }
        if (html != null) {
            AuditPage.write(audit, html);
            out.println("html         " + html);
        }
        out.flush();
        return audit.violations() == 0 ? 0 : 1;
    }
}
