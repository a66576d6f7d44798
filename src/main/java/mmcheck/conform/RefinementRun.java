package mmcheck.conform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refinement run: the engine serves its binding's seeded random workload while a {@link StepMonitor} checks every
 * step it takes, and every request it refuses, against the spec.
 */
public final class RefinementRun {
    /**
     * What a run checked: coverage counts the steps per spec action, uncovered lists the engine's actions no step
     * exercised; failure (the rendered report) and report are null when every step was a spec step.
     */
    public record Summary(String model, long seed, long steps, long refusals, double seconds,
            Map<String, Long> coverage, List<String> uncovered, long cacheHits, long cacheMisses, String failure,
            StepReport report) {
        public double stepsPerSecond() {
            return seconds > 0 ? steps / seconds : 0;
        }

        public boolean ok() {
            return failure == null;
        }
    }

    private RefinementRun() {
    }

    /** run() - requests of the model's binding's workload with every step checked; stops at the first violation. */
    public static Summary run(SpecModel spec, long requests, long seed, boolean cached) {
        return run(spec, Binding.of(spec), requests, seed, cached);
    }

    /** run() on the engine a binding builds (a seeded-bug engine, in a test). */
    public static <E> Summary run(SpecModel spec, Binding<E> binding, long requests, long seed, boolean cached) {
        return run(spec, binding, requests, seed, cached, Progress.NONE);
    }

    /** run() with the steps checked reported to progress as the run goes. */
    public static <E> Summary run(SpecModel spec, Binding<E> binding, long requests, long seed, boolean cached,
            Progress progress) {
        return run(spec, binding, requests, seed, cached, progress, null);
    }

    /** run() with, when rules is not null, TLC's coverage counts of every step and refusal taken into rules. */
    public static <E> Summary run(SpecModel spec, Binding<E> binding, long requests, long seed, boolean cached,
            Progress progress, SpecCoverage rules) {
        StepChecker checker = new StepChecker(spec, binding, cached);
        E engine = binding.initialEngine();
        StepMonitor monitor = new StepMonitor(checker, () -> binding.abstraction(engine));
        Runnable next = binding.workload(engine, rules == null ? monitor : rules.counting(monitor), seed);
        long t0 = System.nanoTime();
        String failure = null;
        StepReport report = null;
        try {
            for (long i = 0; i < requests; i++) {
                monitor.checkUnreported();
                next.run();
                progress.tick(monitor.steps());
            }
            monitor.checkUnreported();
        } catch (RefinementViolation v) {
            failure = v.getMessage();
            report = v.report();
        } catch (RuntimeException e) {
            // The engine (or TLC, on a state the abstraction could not make sense of) threw: a finding, exit 1.
            failure = "step " + (monitor.steps() + 1) + ": the engine threw during the request after step "
                    + monitor.steps() + (monitor.lastStep() == null ? "" : " (" + monitor.lastStep() + ")") + ": "
                    + EngineFault.describe(e) + "\n" + monitor.trace();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Long> coverage = new LinkedHashMap<>();
        List<String> uncovered = new ArrayList<>();
        for (String a : binding.actionNames()) {
            long n = monitor.coverage().getOrDefault(a, 0L);
            if (n > 0) {
                coverage.put(a, n);
            } else {
                uncovered.add(a);
            }
        }
        // Steps the engine takes inside a turn it chooses (the fast searches) count too, though not required.
        monitor.coverage().forEach(coverage::putIfAbsent);
        return new Summary(spec.cfg().getFileName().toString(), seed, monitor.steps(), monitor.refusals(), seconds,
                coverage, uncovered, checker.cacheHits(), checker.cacheMisses(), failure, report);
    }
}
