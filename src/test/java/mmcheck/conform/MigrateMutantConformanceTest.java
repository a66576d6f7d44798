package mmcheck.conform;

import mmcheck.conform.migrate.MigrateAbstraction;
import mmcheck.conform.migrate.MigrateModel;
import mmcheck.conform.migrate.MigrateStep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import mmcheck.event.MigrateAction;
import mmcheck.mm.Zone;
import mmcheck.mm.migrate.AddressSpaces;
import mmcheck.mm.migrate.Migrate;
import mmcheck.mm.migrate.MigrateInvariants;
import mmcheck.mm.migrate.MigrateMode;
import mmcheck.mm.migrate.MigrateMutant;
import mmcheck.mm.migrate.MigrationWindow;
import mmcheck.mm.migrate.PageList;

/**
 * Each seeded-bug migration engine of {@link MigrateMutant} (one per invariant of Rmap.tla and Migrate.tla), bounded
 * by MCMigrateSim and driven through one scripted workload with the step checker attached, is caught by TLC at its
 * first bad step: the report names the mutant's invariant among the invariants false after the step, or, for the two
 * bugs whose first bad step breaks no invariant yet, the step is not the spec action the engine says it took.
 *
 * <p>The workload is a fixed script, so which step catches which bug is exact, and the expectations say so.
 */
class MigrateMutantConformanceTest {
    private static final SpecModel SPEC = Models.load("MCMigrateSim");
    private static final StepChecker CHECKER = new StepChecker(SPEC);
    private static final MigrateModel MODEL = MigrateModel.of(SPEC);

    /**
     * Where the step checker catches a mutant: the step (trace form) and the invariants false after it, in cfg
     * order; the action never holds for a bad step, so it is not listed.
     */
    record Caught(String step, List<String> invariants) {
    }

    private static final Map<MigrateMutant, Caught> EXPECTED = new EnumMap<>(MigrateMutant.class);

    static {
        // Dropping the sharer's reference frees a page another PTE maps: the PTE names a free frame with
        // references, mapcount and PTEs (PageRefsInv, FreePageStateInv), and the counts disagree (RefcountInv).
        expect(MigrateMutant.ZAP_DROPS_EVERY_REFERENCE, "zap_pte_range: proc=0 vpage=1",
                MigrateInvariants.NO_PTE_TO_FREE_FRAME_INV, MigrateInvariants.PAGE_REFS_INV,
                MigrateInvariants.REFCOUNT_INV, MigrateInvariants.FREE_PAGE_STATE_INV);
        expect(MigrateMutant.FORK_SKIPS_ANON_VMA, "copy_present_pte: proc=0 vpage=0 child=1 cvpage=0",
                MigrateInvariants.RMAP_INV);
        // page_remove_rmap() forgotten: mapcount counts a PTE that is now a migration entry, and RefcountInv,
        // which counts one reference per mapcount, sees the dropped reference as missing.
        expect(MigrateMutant.UNMAP_KEEPS_MAPCOUNT, "try_to_migrate_one: proc=0 vpage=0",
                MigrateInvariants.MAPCOUNT_INV, MigrateInvariants.REFCOUNT_INV);
        // One reference short: fewer than mapcount (PageRefsInv), and not the sum RefcountInv expects.
        expect(MigrateMutant.FORK_SKIPS_GET_PAGE, "copy_present_pte: proc=0 vpage=0 child=1 cvpage=0",
                MigrateInvariants.PAGE_REFS_INV, MigrateInvariants.REFCOUNT_INV);
        expect(MigrateMutant.FREE_KEEPS_ANON_EXCLUSIVE, "zap_pte_range: proc=0 vpage=1",
                MigrateInvariants.FREE_PAGE_STATE_INV);
        expect(MigrateMutant.FORK_KEEPS_ANON_EXCLUSIVE, "copy_present_pte: proc=0 vpage=0 child=1 cvpage=0",
                MigrateInvariants.ANON_EXCLUSIVE_INV);
        expect(MigrateMutant.PIN_WITHOUT_UNSHARE, "pin_user_pages: proc=0 vpage=0",
                MigrateInvariants.PINNED_EXCLUSIVE_INV);
        // folio_copy() forgotten: the step checker catches it at move_to_new_folio itself, whose spec action says
        // content' = FolioCopy(dst, src). No invariant is false yet: the PTEs are migration entries naming the
        // source, which still holds the data; PteContentInv fails only at the next step, when
        // remove_migration_pte() maps the stale destination (see staleDestination_breaksPteContentInvOneStepLater).
        expect(MigrateMutant.MIGRATION_SKIPS_COPY, "move_to_new_folio:");
        // A reused frame keeps its last data: every PTE content invariant fails at once. ReadsOwnWritesInv is
        // PteContentInv restricted to present PTEs, so both fail; and what the process sees is not ProcessMemory's
        // zeros, so the refinement's step fails too.
        expect(MigrateMutant.FAULT_SKIPS_ZEROING, "do_anonymous_page: proc=1 vpage=1",
                MigrateInvariants.PTE_CONTENT_INV, MigrateInvariants.READS_OWN_WRITES_INV, "ProcessMemoryRefinement");
        expect(MigrateMutant.ISOLATION_TAKES_NO_REFERENCE, "folio_isolate_lru: pfn=0x2",
                MigrateInvariants.REFCOUNT_INV);
        expect(MigrateMutant.MIGRATE_LIST_UNCHECKED, "mm_migrate_pages_start: mode=MIGRATE_SYNC",
                MigrateInvariants.MIGRATE_LIST_INV);
        // The entry left in the PTE is a migration entry for the destination, which no migration works on
        // (MigrationEntryInv), and the mapcount remove_migration_pte() added has no present PTE (MapcountInv).
        expect(MigrateMutant.REMOVE_MIGRATION_PTE_KEEPS_ENTRY, "remove_migration_pte: proc=0 vpage=0",
                MigrateInvariants.MAPCOUNT_INV, MigrateInvariants.MIGRATION_ENTRY_INV);
        // The skipped remove_migration_pte() is a step that changes nothing, while the spec's action maps the
        // destination: the step checker catches it there. No invariant is false yet (migration entries are
        // allowed while the page migrates); NoMigrationEntryAfterMigratePagesInv fails only when migrate_pages()
        // returns, after unmap_and_move_out has freed the source under the entries
        // (see skippedEntries_breakTheirInvariantOnceMigratePagesReturns).
        expect(MigrateMutant.REMOVE_SKIPS_SHARED_ENTRIES, "remove_migration_pte: proc=0 vpage=0");
        expect(MigrateMutant.MAPPING_IGNORES_PINS, "move_to_new_folio:",
                MigrateInvariants.PINNED_PAGE_NEVER_MIGRATED_INV);
        // The undo maps the destination, which holds no copy: the process reads stale data.
        expect(MigrateMutant.UNDO_RESTORES_TO_DST, "remove_migration_pte: proc=2 vpage=0",
                MigrateInvariants.DST_UNMAPPED_UNTIL_COPIED_INV, MigrateInvariants.PTE_CONTENT_INV,
                MigrateInvariants.READS_OWN_WRITES_INV, "ProcessMemoryRefinement");
        // The pinned page's -EAGAIN is not counted in nr_retry_pages: UnmapAndMoveOut says it is, before any
        // other page of the pass could show it to MigrateStatsInv.
        expect(MigrateMutant.RETRY_NOT_COUNTED, "unmap_and_move_out:");
        expect(MigrateMutant.ASYNC_SLEEPS_ON_LOCK, "folio_trylock:", MigrateInvariants.MIGRATE_MODE_WAIT_INV);
        expect(MigrateMutant.TRYLOCK_IGNORES_HOLDER, "folio_trylock:", MigrateInvariants.FOLIO_LOCK_INV);
    }

    private static void expect(MigrateMutant mutant, String step, String... invariants) {
        EXPECTED.put(mutant, new Caught(step, List.of(invariants)));
    }

    /** The mutant's engine over the model's zone, with the model's bounds. */
    static Migrate mutantEngine(MigrateMutant mutant) {
        Migrate m = mutant.newMigrate(Zone.init(MODEL.geometry()), MODEL.nrProcs(), MODEL.nrVpages());
        if (m.addressSpaces().anonOwner() != MODEL.anonOwner()) {
            throw new IllegalStateException("the mutants' AnonOwner is not the model's");
        }
        m.addressSpaces().setMaxPins(MODEL.maxPins());
        return MODEL.bound(m);
    }

    /**
     * The workload of MigrateSeededBugTest on MCMigrateSim's machine (three processes of two vpages, values 1 and
     * 2, two pins, batches of three): each step exposes at least one bug, every request is checked.
     */
    static CheckedMigrate runWorkload(Migrate engine) {
        CheckedMigrate c = new CheckedMigrate(CHECKER, MODEL, engine, true);
        AddressSpaces as = c.as;
        // A freed frame comes straight back from the buddy allocator, so a missing zero-fill shows.
        c.fault(0, 1);
        c.write(0, 1, 2);
        c.zap(0, 1);
        c.fault(1, 1);
        // A page shared by fork, then copied on write by the child; the parent's mapping stays write-protected.
        c.fault(0, 0);
        int shared = as.ptePfn(0, 0);
        c.write(0, 0, 1);
        c.fork(0, 0, 1, 0);
        c.pin(0, 0);
        c.write(1, 0, 2);
        int copy = as.ptePfn(1, 0);
        // A page shared by fork, then unmapped by one of its two processes.
        c.fault(2, 1);
        int unshared = as.ptePfn(2, 1);
        c.write(2, 1, 1);
        c.fork(2, 1, 0, 1);
        c.zap(0, 1);
        // Migrate all three (shared-readable entries, an exclusive entry) while process 0 touches its entry.
        c.isolate(shared);
        c.isolate(copy);
        c.isolate(unshared);
        c.migrate(MigrateMode.MIGRATE_SYNC, Map.of(MigrationWindow.Point.MIGRATION_ENTRIES,
                List.<CheckedMigrate.WindowOp>of((cc, src, dst) -> cc.read(0, 0))));
        c.putback();
        // A pinned page nobody maps: its pin's reference must stop the move in every pass.
        c.fault(2, 0);
        int pinned = as.ptePfn(2, 0);
        c.write(2, 0, 2);
        c.pin(2, 0);
        c.zap(2, 0);
        c.isolate(pinned);
        c.migrate(MigrateMode.MIGRATE_SYNC, Map.of());
        c.putback();
        c.unpin(pinned);
        // A page another path holds locked: MIGRATE_ASYNC must give up on it without sleeping.
        c.fault(0, 1);
        int locked = as.ptePfn(0, 1);
        c.write(0, 1, 1);
        c.contend(0, locked);
        c.isolate(locked);
        c.migrate(MigrateMode.MIGRATE_ASYNC, Map.of());
        c.putback();
        c.contend(1, locked);
        // A shared page whose migration meets a speculative reference once its PTEs are migration entries: the
        // move fails and remove_migration_ptes(src, src) undoes the unmap, in every pass; the page after it in the
        // list finds one retry counted.
        c.fork(0, 1, 2, 0);
        int speculative = as.ptePfn(0, 1);
        c.isolate(speculative);
        c.isolate(as.ptePfn(1, 0));
        c.migrate(MigrateMode.MIGRATE_SYNC, Map.of(MigrationWindow.Point.MIGRATION_ENTRIES,
                List.<CheckedMigrate.WindowOp>of((cc, src, dst) -> {
                    if (src == speculative && cc.migrate.transientRefs(speculative) == 0) {
                        cc.contend(4, speculative);
                    }
                })));
        c.putback();
        c.contend(5, speculative);
        // A list naming a page nobody isolated, with nothing isolated: the spec's MigratePages is disabled.
        c.isolated.add(locked);
        try {
            c.migrate(MigrateMode.MIGRATE_SYNC, Map.of());
        } finally {
            c.isolated.clear();
        }
        return c;
    }

    @Test
    void workload_correctEngine_everyStepRefinesTheSpec() {
        CheckedMigrate c = runWorkload(MODEL.newEngine());

        Map<String, Long> cov = c.monitor.coverage();
        for (MigrateAction a : List.of(MigrateAction.COPY_PRESENT_PTE, MigrateAction.WP_PAGE_COPY,
                MigrateAction.MIGRATION_ENTRY_WAIT, MigrateAction.TRY_TO_MIGRATE_ONE, MigrateAction.MOVE_TO_NEW_FOLIO,
                MigrateAction.REMOVE_MIGRATION_PTE, MigrateAction.MIGRATE_PAGES_PASS, MigrateAction.LOCK_PAGE)) {
            assertTrue(cov.containsKey(a.specName()), a + " is not in the workload: " + cov);
        }
        // pin_user_pages of the shared page, and migrate_pages of the unisolated one.
        assertEquals(2, c.monitor.refusals(), c.outcomes().toString());
        assertEquals(10L, cov.get(MigrateAction.REMOVE_MIGRATION_PTE.specName()), "three pages migrated in the first call, the"
                + " shared page's two entries undone in each of three passes, one page migrated in the last call");
        assertTrue(cov.containsKey(MigrateAction.FOLIO_TRY_GET.specName()) && cov.containsKey(MigrateAction.FOLIO_PUT.specName()));
        assertFalse(c.migrate.inMigratePages());
    }

    @Test
    void expectations_coverEveryMutant() {
        assertEquals(Arrays.asList(MigrateMutant.values()), List.copyOf(EXPECTED.keySet()));
    }

    @ParameterizedTest
    @EnumSource(MigrateMutant.class)
    void mutant_isCaughtByTheStepChecker(MigrateMutant mutant) {
        Caught expected = EXPECTED.get(mutant);

        RefinementViolation v = assertThrows(RefinementViolation.class, () -> runWorkload(mutantEngine(mutant)),
                mutant + " ran the workload unnoticed by the step checker");

        StepReport r = v.report();
        assertEquals(expected.step(), r.instance(), v.getMessage());
        assertFalse(r.actionHolds(), v.getMessage());
        assertEquals(expected.invariants(), r.violatedInvariants().stream().map(MigrateMutantConformanceTest::name)
                .toList(), v.getMessage());
        if (expected.invariants().isEmpty()) {
            assertEquals("action", r.caughtBy(), v.getMessage());
        } else {
            assertTrue(r.violatedInvariants().contains(mutant.invariant()), mutant + " should break "
                    + mutant.invariant() + ":\n" + v.getMessage());
        }
    }

    /** A step property is named by its location; the name is what precedes it. */
    private static String name(String violated) {
        int i = violated.indexOf(" (");
        return i < 0 ? violated : violated.substring(0, i);
    }

    // ---------------------------------------------------------------------------------------------- invariants alone

    /**
     * Runs one page's migration on an engine with only TLC's invariants checked after each step (no action check):
     * the first step after which each invariant was false, in the order they first failed.
     */
    private static Map<String, String> invariantsAlone(Migrate m, boolean shared) {
        MigrateAbstraction abs = new MigrateAbstraction(SPEC);
        Map<String, String> first = new LinkedHashMap<>();
        AddressSpaces as = m.addressSpaces();
        as.setSink((action, a0, a1, a2, a3) -> {
            for (String inv : SPEC.violatedInvariants(abs.abstraction(m))) {
                first.putIfAbsent(inv, MigrateStep.of(action, a0, a1, a2, a3).toString());
            }
        });
        int pfn = as.doAnonymousPage(0, 0);
        as.userWrite(0, 0, 1);
        if (shared) {
            as.copyPresentPte(0, 0, 1, 0);
        }
        PageList list = new PageList();
        m.folioIsolateLru(pfn, list);
        m.migratePages(list, as::allocMigrationTarget, null, MigrateMode.MIGRATE_SYNC, CheckedMigrate.REASON);
        return first;
    }

    @Test
    void staleDestination_breaksPteContentInvOneStepLater() {
        Map<String, String> first = invariantsAlone(mutantEngine(MigrateMutant.MIGRATION_SKIPS_COPY), false);

        assertEquals(List.of(MigrateInvariants.PTE_CONTENT_INV, MigrateInvariants.READS_OWN_WRITES_INV),
                List.copyOf(first.keySet()).subList(0, 2), first.toString());
        assertEquals("remove_migration_pte: proc=0 vpage=0", first.get(MigrateInvariants.PTE_CONTENT_INV));
    }

    @Test
    void skippedEntries_breakTheirInvariantOnceMigratePagesReturns() {
        Map<String, String> first = invariantsAlone(mutantEngine(MigrateMutant.REMOVE_SKIPS_SHARED_ENTRIES), true);

        // unmap_and_move_out frees the source under the entries and leaves no migration running: entries that
        // name a free frame, outside a migration, come first.
        assertEquals("unmap_and_move_out:", first.get(MigrateInvariants.NO_PTE_TO_FREE_FRAME_INV), first.toString());
        assertEquals("unmap_and_move_out:", first.get(MigrateInvariants.MIGRATION_ENTRY_INV), first.toString());
        assertEquals("mm_migrate_pages:", first.get(MigrateInvariants.NO_MIGRATION_ENTRY_AFTER_MIGRATE_PAGES_INV),
                first.toString());
    }
}
