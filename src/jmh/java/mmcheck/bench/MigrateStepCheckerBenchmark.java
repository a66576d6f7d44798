package mmcheck.bench;

import mmcheck.conform.migrate.MigrateAbstraction;
import mmcheck.conform.migrate.MigrateModel;
import mmcheck.conform.migrate.MigrateStep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import mmcheck.conform.SpecModel;
import mmcheck.conform.StepChecker;
import mmcheck.conform.StepReport;
import mmcheck.mm.migrate.Migrate;
import mmcheck.sim.MigrateWorkload;
import mmcheck.tlc.ManifestEntry;
import mmcheck.tlc.ModelManifest;
import tlc2.tool.TLCState;

/**
 * {@code ./check.sh bench MigrateStepCheckerBenchmark} - steps of the page-table and migration engine checked against
 * spec/Migrate.tla per second, on one thread.
 *
 * <p>One operation = the check of one step of a recorded {@link MigrateWorkload} run (the one {@code refine} runs):
 * the step's disjunct of MigrateNext, every invariant of the model (26) and the step part of its refinement PROPERTY.
 * The abstraction of the engine is done while recording (it costs about 40 µs a step, measured apart).
 * {@code cached=true} is what {@code ./check.sh refine} does; {@code false} evaluates the spec every time.
 * MCMigrateReplay is a 2-page machine whose states repeat; MCMigrateSim an 11-page, 3-process one whose states
 * rarely do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MigrateStepCheckerBenchmark {
    private static final int TRACE = 5_000;

    @Param({"MCMigrateReplay", "MCMigrateSim"})
    public String model;

    @Param({"false", "true"})
    public boolean cached;

    private StepChecker checker;
    private MigrateStep[] steps;
    private TLCState[] states;
    private int next;

    @Setup(Level.Trial)
    public void record() {
        ModelManifest m = ModelManifest.read(Path.of("models", "manifest.json"));
        ManifestEntry e = m.find(model);
        SpecModel spec = SpecModel.load(m.resolve(e.module()), m.resolve(e.path()), m.specDir());
        checker = new StepChecker(spec, cached);
        MigrateAbstraction abstraction = new MigrateAbstraction(spec);
        Migrate engine = MigrateModel.of(spec).newEngine();
        List<MigrateStep> insts = new ArrayList<>();
        List<TLCState> after = new ArrayList<>();
        after.add(abstraction.abstraction(engine));
        engine.addressSpaces().setSink((action, a0, a1, a2, a3) -> {
            insts.add(MigrateStep.of(action, a0, a1, a2, a3));
            after.add(abstraction.abstraction(engine));
        });
        MigrateWorkload w = new MigrateWorkload(engine, new int[] {0, 1}, 1, (action, args) -> { });
        while (insts.size() < TRACE) {
            w.next();
        }
        steps = insts.toArray(new MigrateStep[0]);
        states = after.toArray(new TLCState[0]);
    }

    @Benchmark
    public boolean checkStep() {
        int i = next;
        next = i + 1 == steps.length ? 0 : i + 1;
        StepReport r = checker.check(i + 1, steps[i], states[i], states[i + 1]);
        if (!r.ok()) {
            throw new IllegalStateException(r.render());
        }
        return r.actionHolds();
    }
}
