package mmcheck.cli;

import java.io.PrintWriter;
import java.util.List;

import mmcheck.tlc.BadInputException;
import mmcheck.tlc.CheckRow;
import mmcheck.tlc.CounterexampleRenderer;
import mmcheck.tlc.ManifestEntry;
import mmcheck.tlc.ResultComparator;
import mmcheck.tlc.TextTable;
import mmcheck.tlc.TlcOutcome;
import mmcheck.tlc.TlcResult;
import mmcheck.tlc.TlcRunner;

/** A model's TLC result next to its manifest entry, and how check and tlc print a list of them. */
record ModelRun(ManifestEntry entry, TlcResult result, CheckRow row) {
    /**
     * The result next to its entry; a model TLC could not even start on (a spec that does not parse, a constant
     * the cfg leaves out, an assumption on the constants that fails where the manifest expects none) is bad
     * input, and its one line is TLC's or SANY's own message, which names the module and line.
     */
    static ModelRun of(ManifestEntry entry, TlcResult result) {
        return of(entry, result, false);
    }

    /** As {@link #of(ManifestEntry, TlcResult)}; a distributed run is compared on distinct states only. */
    static ModelRun of(ManifestEntry entry, TlcResult result, boolean distributed) {
        boolean unexpectedAssumption = result.outcome() == TlcOutcome.ASSUMPTION_FAILURE
                && entry.result() != TlcOutcome.ASSUMPTION_FAILURE;
        if (result.outcome() == TlcOutcome.PARSE_FAILURE || unexpectedAssumption) {
            throw new BadInputException(entry.path() + ": " + (result.problem() == null
                    ? result.outcome().label() : result.problem()));
        }
        return new ModelRun(entry, result, ResultComparator.compare(entry, result, distributed));
    }

    /** A TLC runner that prints its progress line on err (stdout keeps the table). */
    static TlcRunner runner(PrintWriter err) {
        return new TlcRunner().withProgress(line -> {
            err.println(line);
            err.flush();
        }, TlcRunner.PROGRESS_EVERY);
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
