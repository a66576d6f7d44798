package mmcheck.conform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import mmcheck.event.EventSink;
import mmcheck.event.MmAction;
import mmcheck.mm.MigrateType;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.sim.RandomWorkload;
import tlc2.value.impl.Value;

/**
 * A refinement run: the engine serves a seeded random workload on the model's zone while a
 * {@link RefinementMonitor} checks every step it takes, and every request it refuses, against
 * the spec.
 */
public final class RefinementRun {
    /** What a run checked; failure (the rendered report) and report are null when every step was a spec step. */
    public record Summary(String model, long seed, long steps, long refusals, double seconds,
            Map<MmAction, Long> coverage, long cacheHits, long cacheMisses, String failure, StepReport report) {
        public double stepsPerSecond() {
            return seconds > 0 ? steps / seconds : 0;
        }

        public boolean ok() {
            return failure == null;
        }

        /** Actions of the engine that no step exercised. */
        public List<MmAction> uncovered() {
            List<MmAction> out = new ArrayList<>();
            for (MmAction a : MmAction.values()) {
                if (coverage.getOrDefault(a, 0L) == 0) {
                    out.add(a);
                }
            }
            return out;
        }
    }

    private RefinementRun() {
    }

    /** run() - requests workload steps on a fresh zone with every step checked; stops at the first violation. */
    public static Summary run(SpecModel spec, long requests, long seed, boolean cached) {
        return run(spec, requests, seed, cached, PageAlloc::new);
    }

    /** run() on the allocator that engine makes, e.g. a seeded-bug allocator in a test. */
    public static Summary run(SpecModel spec, long requests, long seed, boolean cached,
            BiFunction<Zone, EventSink, PageAlloc> engine) {
        StepChecker checker = new StepChecker(spec, cached);
        Zone zone = Zone.init(Concretization.geometryOf(spec));
        RefinementMonitor monitor = new RefinementMonitor(checker, zone);
        PageAlloc alloc = engine.apply(zone, monitor);
        List<MigrateType> types = new ArrayList<>();
        for (Value t : TlcValues.elements(spec.value("AllocTypes"))) {
            types.add(MigrateType.valueOf(TlcValues.str(t)));
        }
        int[] owners = TlcValues.ints(spec.value("Owners"));
        RandomWorkload workload = new RandomWorkload(alloc, types, owners, seed,
                (action, args) -> monitor.refused(new ActionInstance(action, args)));
        String failure = null;
        StepReport report = null;
        long t0 = System.nanoTime();
        try {
            for (long i = 0; i < requests; i++) {
                workload.next();
            }
        } catch (RefinementViolation v) {
            failure = v.getMessage();
            report = v.report();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Summary(spec.cfg().getFileName().toString(), seed, monitor.steps(), monitor.refusals(),
                seconds, monitor.coverage(), checker.cacheHits(), checker.cacheMisses(), failure, report);
    }
}
