package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import mmcheck.conform.buddy.BuddyStep;
import mmcheck.conform.compaction.CompactionBinding;
import mmcheck.event.MmAction;
import mmcheck.mm.MigrateType;
import mmcheck.mm.compaction.CompactZoneSteps;
import tlc2.tool.TLCState;

/**
 * The cached step checker's part verdicts (model MCCompactionBind): an allocator step found good is answered from
 * its body's variables whatever the compaction control holds, but only while the step keeps its UNCHANGED frame; an
 * engine whose allocation also moved the compaction control (a frame variable) is still caught by TLC.
 */
class PartVerdictsTest {
    private static final SpecModel SPEC = Models.load("MCCompactionBind");
    private static final CompactionBinding BINDING = (CompactionBinding) Binding.of(SPEC);
    private static final int ALLOCATOR_OWNER = 4;
    private static final BuddyStep ALLOC = new BuddyStep(MmAction.RMQUEUE_SMALLEST,
            new int[] {1, MigrateType.MIGRATE_MOVABLE.ordinal(), ALLOCATOR_OWNER});

    @Test
    void actionFrames_allocatorStepKeepsTheCompactionVariables() {
        Catalog catalog = Catalog.of(SPEC, BINDING);
        Catalog.Entry e = catalog.entry(ALLOC);
        ActionFrame f = ActionFrame.of(e.disjuncts().get(0), SPEC);
        int cc = SPEC.variableNames().indexOf("cc");
        int freeList = SPEC.variableNames().indexOf("freeList");
        assertTrue(contains(f.frame(), cc), "cc is in RmqueueSmallest's UNCHANGED frame");
        assertFalse(contains(f.body().vars, cc), "RmqueueSmallest's body does not read cc");
        assertTrue(contains(f.body().vars, freeList), "RmqueueSmallest's body reads freeList");
    }

    @Test
    void check_sameBodyWithTheFrameChanged_isEvaluatedAndCaught() {
        StepChecker checker = new StepChecker(SPEC, BINDING, true);
        CompactZoneSteps engine = BINDING.initialEngine();
        TLCState s = BINDING.abstraction(engine);
        allocate(engine);
        TLCState t = BINDING.abstraction(engine);
        assertTrue(checker.check(1, ALLOC, s, t).ok());

        // The same allocation from the same state, by an engine that also started a compact_memory run: the
        // allocator's variables are those of the good step, cc is not.
        CompactZoneSteps bad = BINDING.initialEngine();
        bad.compactMemory();
        allocate(bad);
        TLCState tampered = BINDING.abstraction(bad);
        StepReport r = checker.check(2, ALLOC, s, tampered);
        assertFalse(r.ok(), "a step that changed a frame variable must not be answered from the body's verdict");
        assertEquals("action", r.caughtBy());
        assertTrue(r.differences().stream().anyMatch(d -> d.startsWith("cc")), r.render());
    }

    @Test
    void check_sameBodyUnderAnotherCompactionControl_holds() {
        StepChecker checker = new StepChecker(SPEC, BINDING, true);
        CompactZoneSteps idle = BINDING.initialEngine();
        TLCState s = BINDING.abstraction(idle);
        allocate(idle);
        assertTrue(checker.check(1, ALLOC, s, BINDING.abstraction(idle)).ok());

        CompactZoneSteps running = BINDING.initialEngine();
        running.compactMemory();
        TLCState s2 = BINDING.abstraction(running);
        allocate(running);
        StepReport r = checker.check(2, ALLOC, s2, BINDING.abstraction(running));
        assertTrue(r.ok(), r.render());
    }

    @Test
    void check_invariantsSplitIntoConjuncts_stillReportTheInvariant() {
        int typeOk = java.util.Arrays.asList(SPEC.invariantNames()).indexOf("TypeOK");
        java.util.List<tla2sany.semantic.SemanticNode> conjuncts = new java.util.ArrayList<>();
        Conjuncts.evaluable(SPEC.invariant(typeOk).pred, SPEC, conjuncts);
        assertEquals(7, conjuncts.size(), "TypeOK's conjuncts, one per Buddy.tla variable");

        StepChecker checker = new StepChecker(SPEC, BINDING, true);
        CompactZoneSteps engine = BINDING.initialEngine();
        TLCState s = BINDING.abstraction(engine);
        allocate(engine);
        TLCState t = BINDING.abstraction(engine);
        assertTrue(checker.check(1, ALLOC, s, t).ok());
        // The state after the good step with only freePages changed, to a value outside Nat: the conjunct
        // freePages \in Nat, not cached for this value, must be evaluated and named by its invariant.
        java.util.Map<String, tlc2.value.impl.Value> v = SPEC.values(t);
        v.put("freePages", tlc2.value.impl.IntValue.gen(-1));
        StepReport r = checker.check(2, ALLOC, s, SPEC.state(v));
        assertFalse(r.ok());
        assertTrue(r.violatedInvariants().contains("TypeOK"), r.render());
    }

    /**
     * A step that keeps the action's frame is judged by the action's conjuncts without its UNCHANGED over the frame
     * (ActionFrame.bodyAlone): a wrong body value must still fail there, named by its conjunct, not be waved through
     * because the frame was kept.
     */
    @Test
    void check_frameKeptButBodyWrong_isCaughtByTheBody() {
        Catalog.Entry e = Catalog.of(SPEC, BINDING).entry(ALLOC);
        assertTrue(ActionFrame.of(e.disjuncts().get(0), SPEC).bodyAlone() != null,
                "RmqueueSmallest has UNCHANGED conjuncts over its frame to leave out");
        StepChecker checker = new StepChecker(SPEC, BINDING, true);
        CompactZoneSteps engine = BINDING.initialEngine();
        TLCState s = BINDING.abstraction(engine);
        allocate(engine);
        // The allocation with NR_FREE_PAGES left as it was: every frame variable (cc among them) is kept.
        java.util.Map<String, tlc2.value.impl.Value> v = SPEC.values(BINDING.abstraction(engine));
        v.put("freePages", SPEC.values(s).get("freePages"));
        StepReport r = checker.check(1, ALLOC, s, SPEC.state(v));
        assertFalse(r.ok(), "an allocation that left NR_FREE_PAGES unchanged was not caught");
        assertFalse(r.actionHolds(), "RmqueueSmallest held with NR_FREE_PAGES unchanged: " + r.render());
        assertTrue(r.falseConjunct().contains("freePages"), r.render());
    }

    private static void allocate(CompactZoneSteps engine) {
        engine.compaction().pageAlloc().rmqueueSmallest(1, MigrateType.MIGRATE_MOVABLE, ALLOCATOR_OWNER);
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
