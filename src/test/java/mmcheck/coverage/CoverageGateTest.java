package mmcheck.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import mmcheck.tlc.BadInputException;
import mmcheck.tlc.ManifestEntry;
import mmcheck.tlc.ModelManifest;
import mmcheck.tlc.TlcInvocation;
import mmcheck.tlc.TlcOutcome;
import mmcheck.tlc.TlcResult;
import mmcheck.tlc.TlcRunner;

/**
 * The gate of ./check.sh over TLC's real coverage of Gate.tla (coverage/gate/models): its rule "Wrap: /\ x >= 2" is
 * reached only by the models with Top = 2. The gate fails when that rule loses its model, holds when another model
 * wrapper of the same spec reaches it, and accepts a per-rule reason, never a whole module's.
 */
class CoverageGateTest {
    private static final Path ROOT = Path.of("src", "test", "resources", "coverage", "gate");
    private static final String RULE = "Wrap: /\\ x >= 2";

    private static String entry(String cfg, String module, int distinct, int total) {
        return "{\"path\": \"models/" + cfg + ".cfg\", \"module\": \"models/" + module + ".tla\", "
                + "\"mode\": \"exhaustive search\", \"result\": \"success\", \"distinctStates\": " + distinct
                + ", \"totalStates\": " + total + ", \"stateDepth\": " + distinct + ", \"runtime\": \"00:00:01\"}";
    }

    private static final String LOW = entry("GateLow", "MCGate", 2, 2);
    private static final String HIGH = entry("GateHigh", "MCGate", 3, 4);
    private static final String OTHER_HIGH = entry("GateOtherHigh", "MCGateOther", 3, 4);
    /** SPECIFICATION FairSpec (Spec /\ WF_x(Next), Spec == Init /\ [][Next]_x) with a PROPERTY, no NEXT. */
    private static final String SPEC_HIGH = entry("GateSpecHigh", "MCGateSpec", 3, 4);

    /** TLC's run of each model, by cfg: each of the three is run once, under -coverage as ./check.sh runs it. */
    private static final Map<String, TlcResult> RUNS = new HashMap<>();

    /** The gate's view of the manifest's models, each run added as ./check.sh adds it. */
    private static CoverageRun gate(String unreachedRules, String... entries) throws Exception {
        ModelManifest m = ModelManifest.parse("{\"models\": [" + String.join(", ", entries) + "], "
                + "\"unreachedRules\": {" + unreachedRules + "}}", ROOT);
        CoverageRun run = new CoverageRun(m);
        for (ManifestEntry e : m.models()) {
            if (!CoverageRun.coverable(m, e)) {
                continue;
            }
            TlcResult r = RUNS.get(e.path());
            if (r == null) {
                r = new TlcRunner().run(TlcInvocation.of(m, e, 1, null), CoverageRun.TLC_ARGS);
                assertEquals(TlcOutcome.SUCCESS, r.outcome(), r.problem());
                RUNS.put(e.path(), r);
            }
            run.add(e, r);
        }
        return run;
    }

    private static List<String> unexplained(CoverageRun run) {
        return run.unexplained().stream().map(RuleCount::id).toList();
    }

    /** ./check.sh does not run an on-demand model, so its reaching the rule is no evidence the gate may use. */
    @Test
    void ruleReachedOnlyByAnOnDemandModel_gateNamesIt() throws Exception {
        String onDemandHigh = HIGH.substring(0, HIGH.length() - 1) + ", \"onDemand\": true}";
        assertEquals(List.of(RULE), unexplained(gate("", LOW, onDemandHigh)));
    }

    @Test
    void everyRuleHasAModel_gatePasses() throws Exception {
        assertEquals(List.of(), unexplained(gate("", LOW, HIGH)));
    }

    @Test
    void ruleLosesItsModel_gateNamesIt() throws Exception {
        assertEquals(List.of(RULE), unexplained(gate("", LOW)));
    }

    @Test
    void ruleReachedThroughAnotherWrapperOfTheSameSpec_gatePasses() throws Exception {
        CoverageRun run = gate("", LOW, OTHER_HIGH);
        assertEquals(List.of(), unexplained(run));
        RuleCount lowOnly = run.byModule().get("models/MCGate.tla").unreached().get(0);
        assertEquals(List.of("models/MCGateOther.tla"), run.reachedBy(lowOnly));
    }

    @Test
    void reasonForTheRule_gatePasses() throws Exception {
        String key = RULE.replace("\\", "\\\\");
        assertEquals(List.of(), unexplained(gate("\"" + key + "\": \"Top = 1 never wraps\"", LOW)));
    }

    @Test
    void reasonForTheWholeModule_doesNotExemptItsRules() throws Exception {
        assertEquals(List.of(RULE), unexplained(gate("\"models/MCGate.tla\": \"not gated yet\"", LOW)));
    }

    @Test
    void specificationCfg_countsWithTheNextOfItsSquareAction() throws Exception {
        ModelManifest m = ModelManifest.parse("{\"models\": [" + SPEC_HIGH + "]}", ROOT);
        ManifestEntry e = m.models().get(0);
        assertEquals(java.util.Optional.of("Next"), CoverageRun.nextOf(m, e));
        assertTrue(CoverageRun.coverable(m, e), "a liveness model with a SPECIFICATION has rule coverage");
        // Its rules are Gate's: the wrap that only Top = 2 reaches is reached through the SPECIFICATION model.
        assertEquals(List.of(), unexplained(gate("", LOW, SPEC_HIGH)));
    }

    @Test
    void specificationWithoutSquareAction_isOneLineOfBadInput() throws Exception {
        for (String cfg : List.of("GateSpecNoBox", "GateSpecTwoBoxes")) {
            ModelManifest m = ModelManifest.parse("{\"models\": [" + entry(cfg, "MCGateSpec", 3, 4) + "]}", ROOT);
            BadInputException ex = assertThrows(BadInputException.class,
                    () -> CoverageRun.coverable(m, m.models().get(0)), cfg);
            assertTrue(ex.getMessage().contains("[][N]_v") && !ex.getMessage().contains("\n"), ex.getMessage());
        }
    }
}
