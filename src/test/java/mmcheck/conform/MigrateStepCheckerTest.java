package mmcheck.conform;

import mmcheck.conform.migrate.MigrateMonitor;

import mmcheck.conform.migrate.MigrateAbstraction;
import mmcheck.conform.migrate.MigrateModel;
import mmcheck.conform.migrate.MigrateStep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import mmcheck.event.MigrateAction;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.migrate.AddressSpaces;
import mmcheck.mm.migrate.Migrate;
import mmcheck.mm.migrate.MigrateMode;
import mmcheck.mm.migrate.MigrateReason;
import mmcheck.mm.migrate.MigrationEntryWaitException;
import mmcheck.mm.migrate.PageList;
import tlc2.tool.TLCState;

/** The step checker on spec/Migrate.tla (MCMigrate.cfg): engine steps hold, misnamed or framed-wrong steps do not. */
class MigrateStepCheckerTest {
    private static final SpecModel SPEC = Models.load("MCMigrate");
    private static final StepChecker CHECKER = new StepChecker(SPEC);
    private static final MigrateModel MODEL = MigrateModel.of(SPEC);
    private static final MigrateAbstraction ABS = new MigrateAbstraction(SPEC);

    private static Migrate monitored(StepMonitor[] out) {
        Migrate m = MODEL.newEngine();
        out[0] = new StepMonitor(CHECKER, () -> ABS.abstraction(m));
        m.addressSpaces().setSink(new MigrateMonitor(out[0]));
        return m;
    }

    @Test
    void checkInit_engineInitIsSpecInit() {
        StepReport r = CHECKER.checkInit(ABS.abstraction(MODEL.newEngine()));
        assertTrue(r.ok(), r.render());
    }

    @Test
    void aWholeMigration_everyStepIsASpecStep() {
        StepMonitor[] mon = new StepMonitor[1];
        Migrate m = monitored(mon);
        AddressSpaces as = m.addressSpaces();
        int pfn = as.doAnonymousPage(0, 0);
        as.userWrite(0, 0, 1);
        as.copyPresentPte(0, 0, 1, 0);
        PageList list = new PageList();
        m.folioIsolateLru(pfn, list);
        m.setWindow((mig, point, src, dst) -> {
            if (point == mmcheck.mm.migrate.MigrationWindow.Point.MIGRATION_ENTRIES) {
                assertThrows(MigrationEntryWaitException.class, () -> as.userRead(1, 0));
            }
        });
        assertEquals(0, m.migratePages(list, as::allocMigrationTarget, null, MigrateMode.MIGRATE_SYNC,
                MigrateReason.MR_COMPACTION));
        assertEquals(1, as.userRead(1, 0));
        as.zapPteRange(0, 0);
        as.zapPteRange(1, 0);
        assertTrue(mon[0].steps() > 15, "steps: " + mon[0].steps());
        assertEquals(1L, mon[0].coverage().get(MigrateAction.MIGRATION_ENTRY_WAIT.specName()));
        assertEquals(2L, mon[0].coverage().get(MigrateAction.TRY_TO_MIGRATE_ONE.specName()));
    }

    @Test
    void aRefusedRequest_theSpecRefusesItToo() {
        StepMonitor[] mon = new StepMonitor[1];
        Migrate m = monitored(mon);
        assertThrows(StepRefusedException.class, () -> m.addressSpaces().userRead(0, 0));
        mon[0].refused(MigrateStep.of(MigrateAction.USER_READ, 0, 0));
        assertEquals(1, mon[0].refusals());
    }

    /** The checker skips, after a good state, the invariants that read no changed variable: their reads. */
    @Test
    void variableReads_followDefinitionsToTheVariables() {
        String[] names = SPEC.tool().getInvNames();
        java.util.Map<String, java.util.Set<String>> reads = new java.util.HashMap<>();
        for (int i = 0; i < names.length; i++) {
            reads.put(names[i], VariableReads.of(SPEC.tool().getInvariants()[i].pred, java.util.Set.of()));
        }
        assertEquals(java.util.Set.of("pte", "rmap"), reads.get("RmapInv"));
        assertEquals(java.util.Set.of("pte", "mapcount"), reads.get("MapcountInv"));
        // UserPage(f) reads Buddy's allocated: the reads go through definitions of another module.
        assertEquals(java.util.Set.of("pte", "allocated"), reads.get("NoPteToFreeFrameInv"));
        assertTrue(reads.get("RefcountInv").containsAll(java.util.Set.of("refcount", "mapcount", "pinCount",
                "fromList", "retPages", "mig", "pageLocked", "pageWriteback")), reads.get("RefcountInv").toString());
        // A definition the cfg replaces (Def <- MCDef) may read anything: such an invariant is always evaluated.
        assertTrue(VariableReads.of(SPEC.tool().getInvariants()[0].pred, java.util.Set.of("Pfns"))
                .contains(VariableReads.ALL));
    }

    /** A kernel step (opParity unchanged) that changes what a process reads breaks the refinement's step part. */
    @Test
    void aKernelStepThatChangesWhatAProcessReads_breaksTheRefinement() {
        assertEquals(java.util.Set.of("pte", "content", "opParity"),
                new java.util.HashSet<>(SPEC.stepPropertyReads().get(0)), "what [PM!Next]_AbsMem reads");
        Migrate m = MODEL.newEngine();
        int pfn = m.addressSpaces().doAnonymousPage(0, 0);
        TLCState s = ABS.abstraction(m);
        java.util.Map<String, tlc2.value.impl.Value> after = ABS.values(m);
        after.put("content", TlcValues.fcn(MODEL.geometry().zoneStart(), new tlc2.value.impl.Value[] {
            tlc2.value.impl.IntValue.gen(pfn == 1 ? 1 : 0), tlc2.value.impl.IntValue.gen(pfn == 2 ? 1 : 0),
            tlc2.value.impl.IntValue.gen(pfn == 3 ? 1 : 0)}));
        StepReport r = CHECKER.check(1, MigrateStep.of(MigrateAction.FOLIO_TRYLOCK), s, SPEC.state(after));
        assertTrue(r.violatedInvariants().stream().anyMatch(v -> v.startsWith("ProcessMemoryRefinement")),
                r.render());
    }

    @Test
    void aUserStepThatMovesMigrationState_isCaughtByNextsFrame() {
        Migrate m = MODEL.newEngine();
        AddressSpaces as = m.addressSpaces();
        as.doAnonymousPage(0, 0);
        TLCState s = ABS.abstraction(m);
        as.userRead(0, 0);
        // A read after which migrate_pages() counts a retry: UserRead itself does not mention retry, MigrateNext's
        // UNCHANGED migrateVars does.
        java.util.Map<String, tlc2.value.impl.Value> after = ABS.values(m);
        after.put("retry", tlc2.value.impl.BoolValue.ValTrue);
        StepReport r = CHECKER.check(1, MigrateStep.of(MigrateAction.USER_READ, 0, 0), s, SPEC.state(after));
        assertFalse(r.actionHolds(), r.render());
        assertTrue(r.falseConjunct().contains("UNCHANGED migrateVars"), r.render());
        assertTrue(CHECKER.check(1, MigrateStep.of(MigrateAction.USER_READ, 0, 0), s, ABS.abstraction(m)).ok());
    }
}
