package mmcheck.bench;

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

import mmcheck.mm.MmGeometry;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.compaction.AtomicMigration;
import mmcheck.mm.compaction.CompactControl;
import mmcheck.mm.compaction.CompactResult;
import mmcheck.mm.compaction.Compaction;
import mmcheck.mm.compaction.CompactionCounters;
import mmcheck.sim.FragmentedZone;

/**
 * {@code ./check.sh bench CompactionBenchmark -f 1 -wi 2 -i 3}
 *
 * <p>A whole-zone compaction (compact_node(): order -1, MIGRATE_SYNC) of a 2^24-page (64 GiB) zone with
 * {@code pct}% of its pages allocated at random, each run on a freshly fragmented zone: {@code compactZone} times
 * compact_zone() alone, {@code fragmentAndCompact} times building the fragmented zone too. {@code naiveCompact} is
 * the baseline in the same run: the same layout as one byte per page, compacted by two fingers that move each
 * allocated page from the bottom into the highest free page, without buddy lists, pageblocks or migration; it is the
 * least work any compactor must do (one read per page, one write per move).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class CompactionBenchmark {

    @Param({"16777216"})
    int pages;

    @Param({"50"})
    int pct;

    Compaction compaction;
    byte[] naive;

    @Setup(Level.Invocation)
    public void setUp() {
        Zone zone = FragmentedZone.build(MmGeometry.linux(0, pages), pct, 1);
        PageAlloc pa = new PageAlloc(zone);
        compaction = new Compaction(pa, new AtomicMigration(pa), new CompactionCounters());
        naive = new byte[pages];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < pages; i++) {
            naive[i] = (byte) (rnd.nextInt(100) < pct ? 1 : 0);
        }
    }

    @Benchmark
    public CompactResult compactZone() {
        return compaction.compactZone(CompactControl.compactMemory());
    }

    @Benchmark
    public CompactResult fragmentAndCompact() {
        Zone zone = FragmentedZone.build(MmGeometry.linux(0, pages), pct, 2);
        PageAlloc pa = new PageAlloc(zone);
        Compaction c = new Compaction(pa, new AtomicMigration(pa), new CompactionCounters());
        return c.compactZone(CompactControl.compactMemory());
    }

    @Benchmark
    public int naiveCompact() {
        byte[] m = naive;
        int lo = 0;
        int hi = m.length - 1;
        int moved = 0;
        while (true) {
            while (lo < hi && m[lo] == 0) {
                lo++;
            }
            while (lo < hi && m[hi] != 0) {
                hi--;
            }
            if (lo >= hi) {
                return moved;
            }
            m[hi] = m[lo];
            m[lo] = 0;
            moved++;
        }
    }
}
