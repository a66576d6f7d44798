package mmcheck.coverage;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import mmcheck.tlc.CfgProperties;
import mmcheck.tlc.ManifestEntry;
import mmcheck.tlc.ModelManifest;
import mmcheck.tlc.ModelMode;
import mmcheck.tlc.TlcOutcome;
import mmcheck.tlc.TlcResult;

/**
 * Rule coverage gathered over the TLC runs of a manifest's models, one {@link RuleCoverage} per spec module
 * (models/MCBuddy.tla, models/MCMigrate.tla ...). Only models expected to succeed count: a seeded-bug model runs a
 * changed spec and stops at its first violation.
 */
public final class CoverageRun {
    /** TLC's switch: report coverage, every 10,000 minutes (so once, at the end). */
    public static final List<String> TLC_ARGS = List.of("-coverage", "10000");

    /** Next per module and SPECIFICATION, found once per JVM: check and coverage ask for every model. */
    private static final Map<String, String> SPEC_NEXT = new java.util.concurrent.ConcurrentHashMap<>();

    private final ModelManifest manifest;
    private final Map<String, RuleCoverage> byModule = new LinkedHashMap<>();
    private final Map<String, RuleCatalog> catalogs = new HashMap<>();

    public CoverageRun(ModelManifest manifest) {
        this.manifest = manifest;
    }

    /**
     * Whether TLC can report the entry's rule coverage: an exhaustive model expected to succeed (liveness models
     * too: TLC's -coverage reports Next's actions beside a PROPERTY). TLC's simulation mode prints no coverage
     * report. Its Next comes from the cfg's NEXT or, failing that, its SPECIFICATION's [][N]_v. An on-demand model
     * is not: check.sh does not run it, so a rule only it reaches would pass a gate whose evidence nobody reproduces.
     */
    public static boolean coverable(ModelManifest manifest, ManifestEntry e) {
        return !e.onDemand() && e.result() == TlcOutcome.SUCCESS && e.mode() == ModelMode.EXHAUSTIVE
                && nextOf(manifest, e).isPresent();
    }

    /**
     * Whether the entry's run counts for the gate (./check.sh, ./check.sh coverage without models): a coverable
     * model, with its cfg's NEXT or its SPECIFICATION's. A cfg that cannot be read does not count: the model's own
     * TLC run fails and reports it.
     */
    public static boolean counts(ModelManifest manifest, ManifestEntry e) {
        try {
            return coverable(manifest, e);
        } catch (mmcheck.tlc.BadInputException unreadable) {
            return false;
        }
    }

    /** Adds a finished TLC run (made with TLC_ARGS) of a model that {@link #counts}. */
    public void add(ManifestEntry e, TlcResult r) {
        byModule.computeIfAbsent(e.module(), m -> new RuleCoverage()).add(e.name(), catalog(e),
                TlcCoverage.parse(r.output()));
    }

    /** The rule catalogue of the entry's module and NEXT, loaded once. */
    private RuleCatalog catalog(ManifestEntry e) {
        String next = nextOf(manifest, e).orElseThrow();
        return catalogs.computeIfAbsent(e.module() + "#" + next,
                k -> RuleCatalog.load(manifest.resolve(e.module()), List.of(manifest.specDir()), next));
    }

    /** Adds an engine run (refine or replay with --rule-coverage) on a model that {@link #counts}. */
    public void addEngine(ManifestEntry e, EngineRun run) {
        byModule.computeIfAbsent(e.module(), m -> new RuleCoverage()).addEngine(catalog(e), run);
    }

    /** Coverage per module, in the order the models were added. */
    public Map<String, RuleCoverage> byModule() {
        return byModule;
    }

    /**
     * Unreached rules over all modules that the manifest does not explain, each once. A rule is one place in a spec
     * (its module, line and text): Buddy.tla's merge rules are reached by the buddy models, though the migration
     * models, whose zones have no pageblock to merge across, never reach them. Every module is gated, rule by
     * rule; a module as a whole cannot be exempted.
     */
    public List<RuleCount> unexplained() {
        Map<String, String> reasons = manifest.unreachedRules();
        Map<String, RuleCount> out = new LinkedHashMap<>();
        for (RuleCoverage c : byModule.values()) {
            for (RuleCount r : c.unreached()) {
                if (reachedBy(r).isEmpty() && !reasons.containsKey(r.id())) {
                    out.putIfAbsent(place(r), r);
                }
            }
        }
        return List.copyOf(out.values());
    }

    /** The modules (models/MCBuddy.tla ...) whose models reach the rule, at the same place in the same spec. */
    public List<String> reachedBy(RuleCount rule) {
        String at = place(rule);
        return byModule.entrySet().stream()
                .filter(m -> m.getValue().rules().stream().anyMatch(r -> r.reached() && place(r).equals(at)))
                .map(Map.Entry::getKey).toList();
    }

    private static String place(RuleCount r) {
        return r.module() + ":" + r.line() + ":" + r.id();
    }

    /**
     * The Next of an entry: its cfg's NEXT, else the N of the [][N]_v its SPECIFICATION conjoins; empty when the cfg
     * names neither. Looked up once per cfg, module and specification: SANY parses the module for it.
     */
    static Optional<String> nextOf(ModelManifest manifest, ManifestEntry e) {
        Path cfg = manifest.resolve(e.path());
        CfgProperties props = CfgProperties.read(cfg);
        Optional<String> next = props.next();
        if (next.isPresent() || props.specification().isEmpty()) {
            return next;
        }
        Path module = manifest.resolve(e.module());
        String spec = props.specification().get();
        return Optional.of(SPEC_NEXT.computeIfAbsent(module.toAbsolutePath() + "#" + spec,
                k -> RuleCatalog.nextOfSpec(module, List.of(manifest.specDir()), spec)));
    }
}
