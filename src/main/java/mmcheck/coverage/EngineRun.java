package mmcheck.coverage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import mmcheck.tlc.BadInputException;

/**
 * One engine run's rule coverage (a refine or replay run made with --rule-coverage), as the run writes it for the
 * coverage command: which run it was, the engine steps it checked per spec action, and TLC's coverage report of the
 * spec's evaluations on the engine's states ({@code conform.SpecCoverage}), read as a TLC run's report is.
 *
 * @param run      what ran, e.g. "refine of MCBuddySmall.cfg, seed 1, 5000 requests: 4401 steps, 2010 refusals"
 * @param steps    engine steps checked per spec action
 * @param coverage the counts
 */
public record EngineRun(String run, Map<String, Long> steps, TlcCoverage coverage) {
    private static final String RUN = "run: ";
    private static final String STEPS = "steps:";
    private static final long MAX_BYTES = 64L << 20;

    /** write() - the run, its steps per action and TLC's report lines into file. */
    public static void write(Path file, String run, Map<String, Long> steps, List<String> report) {
        List<String> lines = new ArrayList<>();
        lines.add(RUN + run);
        lines.add(STEPS + " " + perAction(steps));
        lines.addAll(report);
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("cannot write rule coverage to " + file + ": " + e.getMessage());
        }
    }

    /** read() - a file write() made; one-line error when it is not one. */
    public static EngineRun read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new BadInputException(file + ": an engine run's rule coverage above " + MAX_BYTES + " bytes");
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 2 || !lines.get(0).startsWith(RUN) || !lines.get(1).startsWith(STEPS)) {
                throw new BadInputException(file + ": not an engine run's rule coverage (no run: and steps: lines)");
            }
            Map<String, Long> steps = new LinkedHashMap<>();
            for (String item : lines.get(1).substring(STEPS.length()).split(",")) {
                String[] w = item.strip().split("\\s+");
                if (w.length == 2) {
                    steps.put(w[0], Long.parseLong(w[1]));
                }
            }
            TlcCoverage c;
            try {
                c = TlcCoverage.parse(String.join("\n", lines));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(file + ": " + e.getMessage());
            }
            return new EngineRun(lines.get(0).substring(RUN.length()), steps, c);
        } catch (NumberFormatException e) {
            throw new BadInputException(file + ": a step count that is not a number");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** "A 3, B 4": counts per action, as refine and replay print them. */
    public static String perAction(Map<String, Long> steps) {
        StringJoiner j = new StringJoiner(", ");
        steps.forEach((a, n) -> j.add(a + " " + n));
        return j.toString();
    }
}
