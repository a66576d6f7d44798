package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import mmcheck.conform.migrate.MigrateBinding;
import mmcheck.conform.migrate.MigrateModel;
import mmcheck.event.MigrateEventSink;
import mmcheck.mm.StepRefusedException;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.migrate.AddressSpaces;
import mmcheck.mm.migrate.Migrate;

/**
 * What refine reports on MCMigrate: an engine change made without a reported step as such, before the next request,
 * not blamed on the next step the engine reports (a missed unmap used to read as a fault in copy_nonpresent_pte); a
 * refusal with the engine's own reason; and nothing for the correct engine, whose workload keeps to the model's
 * MigrateModes (it used to call migrate_pages(MIGRATE_ASYNC), outside MCMigrate's MigrateNext).
 */
class MigrateRefineFindingsTest {
    private static final SpecModel SPEC = Models.load("MCMigrate");
    private static final MigrateModel MODEL = MigrateModel.of(SPEC);

    @Test
    void refine_correctEngine_everyStepIsAStepOfTheModelsNext() {
        RefinementRun.Summary s = RefinementRun.run(SPEC, 5_000, 1, true);
        assertTrue(s.ok(), s.failure());
        assertTrue(s.coverage().containsKey("MigratePages"), s.coverage().toString());
    }

    /** zap_pte_range() that unmaps but emits no event. */
    static final class SilentZap extends AddressSpaces {
        SilentZap(PageAlloc alloc) {
            super(alloc, MODEL.nrProcs(), MODEL.nrVpages(), MODEL.anonOwner());
        }

        @Override
        public void zapPteRange(int proc, int vpage) {
            MigrateEventSink reporting = sink;
            sink = MigrateEventSink.NONE;
            try {
                super.zapPteRange(proc, vpage);
            } finally {
                sink = reporting;
            }
        }
    }

    /** pin_user_pages() that refuses every pin, for a reason of its own. */
    static final class NoPins extends AddressSpaces {
        NoPins(PageAlloc alloc) {
            super(alloc, MODEL.nrProcs(), MODEL.nrVpages(), MODEL.anonOwner());
        }

        @Override
        public int pinUserPages(int proc, int vpage) {
            throw new StepRefusedException("pin_user_pages", "this engine takes no pins");
        }
    }

    @Test
    void refine_refusalOfAnEnabledStep_keepsTheEnginesReason() {
        MigrateBinding mutant = new MigrateBinding(SPEC, zone -> {
            NoPins as = new NoPins(new PageAlloc(zone));
            as.setMaxPins(MODEL.maxPins());
            return MODEL.bound(new Migrate(as));
        });
        RefinementRun.Summary s = RefinementRun.run(SPEC, mutant, 20_000, 3, true);
        assertFalse(s.ok(), "refused pins went unnoticed for " + s.steps() + " steps");
        assertTrue(s.failure().contains("the engine refused a step the spec enables; the engine's reason: "
                + "pin_user_pages: this engine takes no pins"), s.failure());
    }

    @Test
    void refine_silentUnmap_isReportedAsAnUnreportedChange() {
        MigrateBinding mutant = new MigrateBinding(SPEC, zone -> {
            SilentZap as = new SilentZap(new PageAlloc(zone));
            as.setMaxPins(MODEL.maxPins());
            return MODEL.bound(new Migrate(as));
        });
        RefinementRun.Summary s = RefinementRun.run(SPEC, mutant, 20_000, 3, true);
        assertFalse(s.ok(), "a silent unmap went unnoticed for " + s.steps() + " steps");
        assertTrue(s.failure().contains(StepMonitor.UNREPORTED), s.failure());
        assertTrue(s.failure().contains("pte["), s.failure());
        assertFalse(s.failure().contains("the spec does not allow this step"), s.failure());
    }
}
