package mmcheck.conform;

import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import mmcheck.event.EventSink;
import mmcheck.event.MigrateAction;
import mmcheck.event.MmAction;
import mmcheck.event.NamedStep;
import mmcheck.mm.MigrateType;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.migrate.Migrate;
import mmcheck.sim.MigrateWorkload;
import mmcheck.sim.RandomWorkload;
import tlc2.value.impl.Value;

/**
 * A refinement run: the engine serves a seeded random workload on the model's zone while a
 * {@link RefinementMonitor} checks every step it takes, and every request it refuses, against
 * the spec.
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

    /** Steps per spec action in the engine's enum order, and the actions with none. */
    private static <A extends Enum<A> & NamedStep> Summary summary(SpecModel spec, long seed, long steps,
            long refusals, double seconds, Map<A, Long> byAction, A[] universe, StepChecker checker, String failure,
            StepReport report) {
        Map<String, Long> coverage = new LinkedHashMap<>();
        List<String> uncovered = new ArrayList<>();
        for (A a : universe) {
            long n = byAction.getOrDefault(a, 0L);
            if (n > 0) {
                coverage.put(a.specName(), n);
            } else {
                uncovered.add(a.specName());
            }
        }
        return new Summary(spec.cfg().getFileName().toString(), seed, steps, refusals, seconds, coverage, uncovered,
                checker.cacheHits(), checker.cacheMisses(), failure, report);
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
        Drive d = drive(requests, workload::next);
        return summary(spec, seed, monitor.steps(), monitor.refusals(), d.seconds(), monitor.coverage(),
                MmAction.values(), checker, d.failure(), d.report());
    }

    /**
     * runMigrate() - requests of a {@link MigrateWorkload} on the model's machine (spec/Migrate.tla) with every step
     * checked; stops at the first violation.
     */
    public static Summary runMigrate(SpecModel spec, long requests, long seed, boolean cached) {
        return runMigrate(spec, requests, seed, cached, MigrateModel.of(spec).newEngine());
    }

    /** runMigrate() on the engine given, in its initial state (a seeded-bug engine in a test). */
    public static Summary runMigrate(SpecModel spec, long requests, long seed, boolean cached, Migrate engine) {
        StepChecker checker = new StepChecker(spec, cached);
        MigrateRefinementMonitor monitor = new MigrateRefinementMonitor(checker, engine);
        engine.addressSpaces().setSink(monitor);
        MigrateWorkload workload = new MigrateWorkload(engine, TlcValues.ints(spec.value("Contents")), seed,
                (action, args) -> monitor.refused(MigrateStep.of(action, args)));
        Drive d = drive(requests, workload::next);
        return summary(spec, seed, monitor.steps(), monitor.refusals(), d.seconds(), monitor.coverage(),
                MigrateAction.values(), checker, d.failure(), d.report());
    }

    /** How a run of requests ended: its time, and the first violation (null when there was none). */
    private record Drive(double seconds, String failure, StepReport report) {
    }

    /** Runs the requests until the first RefinementViolation a monitor throws out of the engine. */
    private static Drive drive(long requests, Runnable next) {
        long t0 = System.nanoTime();
        try {
            for (long i = 0; i < requests; i++) {
                next.run();
            }
        } catch (RefinementViolation v) {
            return new Drive((System.nanoTime() - t0) / 1e9, v.getMessage(), v.report());
        }
        return new Drive((System.nanoTime() - t0) / 1e9, null, null);
    }

    /** run() on whichever engine the model describes: the migration engine for Migrate.tla, else the allocator. */
    public static Summary runModel(SpecModel spec, long requests, long seed, boolean cached) {
        return spec.defines("MigrateNext") ? runMigrate(spec, requests, seed, cached)
                : run(spec, requests, seed, cached);
    }
}
