package mmcheck.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import mmcheck.conform.Binding;
import mmcheck.conform.Progress;
import mmcheck.conform.RefinementRun;
import mmcheck.conform.SpecCoverage;
import mmcheck.conform.SpecModel;
import mmcheck.conform.buddy.BuddyBinding;
import mmcheck.conform.buddy.BuddyEngineSteps;
import mmcheck.mm.MigrateType;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.tlc.ManifestEntry;
import mmcheck.tlc.ModelManifest;
import mmcheck.tlc.TlcInvocation;
import mmcheck.tlc.TlcOutcome;
import mmcheck.tlc.TlcResult;
import mmcheck.tlc.TlcRunner;

/**
 * Engine-side rule counts: TLC's own cost model, run on the states a refine run's engine was in, counts each rule
 * of Next as TLC's -coverage does. The engine that falls back makes RmqueueFallback's guard hold; an engine that
 * never falls back (__rmqueue() without __rmqueue_fallback()) never makes it hold, though TLC does on the same model.
 */
class EngineRuleCoverageTest {
    /** RmqueueFallback's first guard past the watermark: __rmqueue_smallest() found nothing (Buddy.tla). */
    private static final String FALLBACK_GUARD = "RmqueueFallback: /\\ ~CanRmqueueSmallest(order, migratetype)";
    private static final long REQUESTS = 1500;

    private static ModelManifest manifest;
    private static ManifestEntry entry;
    private static SpecModel spec;
    private static RuleCatalog catalog;

    @BeforeAll
    static void load() {
        // TLC reads its coverage switch once, when its evaluator loads: before the spec.
        SpecCoverage.switchOn();
        manifest = ModelManifest.read(Path.of("models", "manifest.json"));
        entry = manifest.find("MCBuddySmall");
        spec = SpecModel.load(manifest.resolve(entry.module()), manifest.resolve(entry.path()), manifest.specDir());
        catalog = RuleCatalog.load(manifest.resolve(entry.module()), List.of(manifest.specDir()), "Next");
    }

    /** __rmqueue() that never calls __rmqueue_fallback(): only __rmqueue_smallest(), -1 when it finds nothing. */
    static final class NeverFallsBack extends PageAlloc {
        NeverFallsBack(mmcheck.mm.Zone zone, mmcheck.event.EventSink sink) {
            super(zone, sink);
        }

        @Override
        public int rmqueue(int order, MigrateType migratetype, int owner) {
            try {
                return rmqueueSmallest(order, migratetype, owner);
            } catch (StepRefusedException e) {
                return -1;
            }
        }
    }

    private static Rule rule(String idPrefix) {
        return catalog.rules().stream().filter(r -> r.id().startsWith(idPrefix)).findFirst().orElseThrow();
    }

    private record Run(RefinementRun.Summary summary, EngineRun engine) {
    }

    /** A refine run of binding with rule counts, written and read back as the coverage command does. */
    private static Run refine(Binding<?> binding, Path dir) {
        SpecCoverage rules = new SpecCoverage(spec, binding);
        RefinementRun.Summary s = RefinementRun.run(spec, binding, REQUESTS, 1, true, Progress.NONE, rules);
        Path file = dir.resolve("engine.cov");
        EngineRun.write(file, "refine of MCBuddySmall.cfg", s.coverage(), rules.report());
        return new Run(s, EngineRun.read(file));
    }

    @Test
    void refine_engineThatFallsBack_countsTheFallbackGuardTrueAndFalse(@TempDir Path dir) {
        Run run = refine(new BuddyBinding(spec, new BuddyEngineSteps()), dir);
        assertTrue(run.summary().ok(), run.summary().failure());
        RuleCount guard = RuleCount.of(rule(FALLBACK_GUARD), run.engine().coverage());
        assertTrue(guard.held() > 0, "the engine fell back: " + guard);
        assertTrue(guard.failed() > 0, "and asked for a fallback that the spec refused too: " + guard);
        // Every fallback step the engine took is a TRUE of the guard (refusals count the rest).
        long fallbacks = run.summary().coverage().get("RmqueueFallback");
        assertTrue(guard.held() >= fallbacks, guard + " vs " + fallbacks + " fallback steps");
        assertEquals(run.summary().coverage(), run.engine().steps(), "steps per action travel with the counts");
    }

    @Test
    void refine_engineThatNeverFallsBack_fallbackGuardNeverTrue_whereTlcsIs(@TempDir Path dir) throws Exception {
        Run run = refine(new BuddyBinding(spec, new BuddyEngineSteps(NeverFallsBack::new)), dir);
        RuleCount engine = RuleCount.of(rule(FALLBACK_GUARD), run.engine().coverage());
        assertTrue(engine.evaluated() > 0, "the engine's refused fallbacks were evaluated: " + engine);
        assertEquals(0, engine.held(), "the engine never fell back: " + engine);

        TlcResult tlc = new TlcRunner().run(TlcInvocation.of(manifest, entry, 1, Duration.ofMinutes(2)),
                CoverageRun.TLC_ARGS);
        assertEquals(TlcOutcome.SUCCESS, tlc.outcome(), tlc.problem());
        CoverageRun cov = new CoverageRun(manifest);
        cov.add(entry, tlc);
        cov.addEngine(entry, run.engine());
        RuleCoverage c = cov.byModule().get(entry.module());
        RuleCount tlcCount = c.rules().stream().filter(r -> r.id().startsWith(FALLBACK_GUARD)).findFirst()
                .orElseThrow();
        assertTrue(tlcCount.held() > 0, "TLC makes the guard hold on MCBuddySmall: " + tlcCount);
        assertEquals(0, c.engine(tlcCount.id()).held());
        assertTrue(c.notExercisedByEngine().stream().anyMatch(r -> r.id().equals(tlcCount.id())),
                "listed as reached by TLC, never exercised by the engine");

        StringWriter out = new StringWriter();
        CoverageTable.print(new PrintWriter(out), cov, Map.of());
        String table = out.toString();
        assertTrue(table.contains("engine: refine of MCBuddySmall.cfg"), table);
        String listed = table.substring(table.indexOf("rules TLC reaches that the engine runs never exercise:"));
        assertTrue(listed.contains("    " + tlcCount.id() + " (line "), table);
    }
}
