package mmcheck.cli;

import java.io.PrintWriter;
import java.util.List;

import mmcheck.tlc.CheckRow;
import mmcheck.tlc.CounterexampleRenderer;
import mmcheck.tlc.ManifestEntry;
import mmcheck.tlc.ResultComparator;
import mmcheck.tlc.TextTable;
import mmcheck.tlc.TlcResult;

/** A model's TLC result next to its manifest entry, and how check and tlc print a list of them. */
record ModelRun(ManifestEntry entry, TlcResult result, CheckRow row) {
    static ModelRun of(ManifestEntry entry, TlcResult result) {
        return new ModelRun(entry, result, ResultComparator.compare(entry, result));
    }

    boolean ok() {
        return row.verdict() == CheckRow.Verdict.OK;
    }

    /**
     * The table, then why each surprise is one, with its counterexample when {@code allTraces} is set or the
     * run surprised us.
     */
    static void print(PrintWriter out, List<ModelRun> runs, boolean allTraces) {
        out.print(TextTable.format(CheckRow.HEADER, runs.stream().map(r -> r.row().cells()).toList()));
        for (ModelRun r : runs) {
            for (String reason : r.row().reasons()) {
                out.println(r.row().model() + ": " + reason);
            }
            if (allTraces || !r.ok()) {
                String trace = CounterexampleRenderer.render(r.result());
                if (!trace.isEmpty()) {
                    out.println();
                    out.println(r.row().model() + " " + trace.stripTrailing());
                }
            }
        }
        out.flush();
    }
}
