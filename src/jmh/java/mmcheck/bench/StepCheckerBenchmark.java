package mmcheck.bench;

import mmcheck.conform.buddy.BuddyStep;
import mmcheck.conform.buddy.ZoneAbstraction;
import mmcheck.conform.buddy.ZoneConcretization;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
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
import mmcheck.event.EventSink;
import mmcheck.mm.MigrateType;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.tlc.ManifestEntry;
import mmcheck.tlc.ModelManifest;
import tlc2.tool.TLCState;

/**
 * {@code ./check.sh bench StepCheckerBenchmark} - engine steps checked against spec/Buddy.tla per
 * second, on one thread.
 *
 * <p>One operation = one engine step of a recorded random workload on the MCBuddy zone: the
 * abstraction of the zone after the step, the directed check of the named action and every
 * invariant of the model. {@code cached=true} is what {@code ./check.sh refine} does (verdicts of
 * states and steps already found good are reused, keyed by TLC fingerprint); {@code false}
 * evaluates the spec every time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StepCheckerBenchmark {
    private static final int TRACE = 20_000;

    @Param({"false", "true"})
    public boolean cached;

    private SpecModel spec;
    private StepChecker checker;
    private ZoneAbstraction abstraction;
    private Zone[] zones;
    private BuddyStep[] steps;
    private TLCState[] before;
    private int next;

    @Setup(Level.Trial)
    public void record() {
        ModelManifest m = ModelManifest.read(Path.of("models", "manifest.json"));
        ManifestEntry e = m.find("MCBuddy");
        spec = SpecModel.load(m.resolve(e.module()), m.resolve(e.path()), m.specDir());
        checker = new StepChecker(spec, cached);
        abstraction = new ZoneAbstraction(spec);
        // Record a workload as (state before, step, zone after) so the measurement is the checking alone
        // plus the abstraction of the zone after each step.
        List<Zone> after = new ArrayList<>();
        List<BuddyStep> insts = new ArrayList<>();
        List<TLCState> pre = new ArrayList<>();
        Zone zone = Zone.init(ZoneConcretization.geometryOf(spec));
        TLCState[] last = {abstraction.abstraction(zone)};
        EventSink recorder = (action, a0, a1, a2, result) -> {
            insts.add(new BuddyStep(action, Arrays.copyOf(new int[] {a0, a1, a2}, action.arity())));
            pre.add(last[0]);
            after.add(zone.copy());
            last[0] = abstraction.abstraction(zone);
        };
        PageAlloc alloc = new PageAlloc(zone, recorder);
        SplittableRandom r = new SplittableRandom(1);
        List<int[]> blocks = new ArrayList<>();
        MigrateType[] types = {MigrateType.MIGRATE_MOVABLE, MigrateType.MIGRATE_UNMOVABLE};
        while (insts.size() < TRACE) {
            if (blocks.isEmpty() || r.nextInt(100) < 50) {
                int order = r.nextInt(3);
                int pfn = alloc.rmqueue(order, types[r.nextInt(2)], 1);
                if (pfn >= 0) {
                    blocks.add(new int[] {pfn, order});
                }
            } else {
                int[] b = blocks.remove(r.nextInt(blocks.size()));
                alloc.freeOnePage(b[0], b[1]);
            }
        }
        zones = after.toArray(new Zone[0]);
        steps = insts.toArray(new BuddyStep[0]);
        before = pre.toArray(new TLCState[0]);
    }

    @Benchmark
    public boolean checkStep() {
        int i = next;
        next = i + 1 == steps.length ? 0 : i + 1;
        StepReport r = checker.check(i + 1, steps[i], before[i], abstraction.abstraction(zones[i]));
        if (!r.ok()) {
            throw new IllegalStateException(r.render());
        }
        return r.actionHolds();
    }
}
