package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import mmcheck.conform.buddy.BuddyStep;
import mmcheck.conform.buddy.ZoneAbstraction;
import mmcheck.conform.buddy.ZoneConcretization;
import mmcheck.event.EventSink;
import mmcheck.event.MmAction;
import mmcheck.mm.MigrateType;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.buddy.PageIsolation;
import tlc2.tool.TLCState;

/**
 * The catalogue of steps is TLC's split of Next, and a step is checked against the instance of Next TLC built, so
 * Next's domains and fixed arguments are checked too: MCBuddySmall's Next allocates for Owners {1, 2} and
 * AllocTypes {MOVABLE, UNMOVABLE}, and unisolates only to MIGRATE_MOVABLE. The bare operators accept any owner and
 * any migratetype; the checker that evaluated them accepted these steps.
 */
class CatalogTest {
    private static final SpecModel SPEC = Models.load("MCBuddySmall");
    private static final StepChecker CHECKER = new StepChecker(SPEC);
    private static final ZoneAbstraction ABS = new ZoneAbstraction(SPEC);
    private static final int MOVABLE = MigrateType.MIGRATE_MOVABLE.ordinal();

    @Test
    void catalogue_isTlcsSplitOfNext() {
        Catalog c = CHECKER.actions();
        assertEquals(SPEC.tool().getActions().length, c.entries().size());
        int states = NextEquivalence.assertInstancesAreNext(SPEC, c, Integer.MAX_VALUE, inst -> { });
        assertEquals(2116, states);
    }

    @Test
    void check_ownerOutsideNextsDomain_isNotAStepOfNext() {
        Zone z = Zone.init(ZoneConcretization.geometryOf(SPEC));
        TLCState s = ABS.abstraction(z);
        new PageAlloc(z, EventSink.NONE).rmqueueSmallest(0, MigrateType.MIGRATE_MOVABLE, 7);
        BuddyStep step = new BuddyStep(MmAction.RMQUEUE_SMALLEST, new int[] {0, MOVABLE, 7});
        assertNull(CHECKER.actions().entry(step));
        StepReport r = CHECKER.check(1, step, s, ABS.abstraction(z));
        assertFalse(r.actionHolds(), r.render());
        assertTrue(r.falseConjunct().startsWith("no instance of Next is RmqueueSmallest("), r.render());
        assertTrue(SPEC.isValid(SPEC.action("RmqueueSmallest", tlc2.value.impl.IntValue.gen(0),
                new tlc2.value.impl.StringValue("MIGRATE_MOVABLE"), tlc2.value.impl.IntValue.gen(7)), s,
                ABS.abstraction(z)), "the bare operator accepts the step: only Next's domain refuses it");
    }

    @Test
    void check_unisolateToAnotherTypeThanNextFixes_isNotAStepOfNext() {
        Zone z = Zone.init(ZoneConcretization.geometryOf(SPEC));
        PageAlloc alloc = new PageAlloc(z, EventSink.NONE);
        int pb = z.geometry().firstPageblock() + 1;
        new PageIsolation(alloc).setMigratetypeIsolate(pb);
        TLCState s = ABS.abstraction(z);
        new PageIsolation(alloc).unsetMigratetypeIsolate(pb, MigrateType.MIGRATE_UNMOVABLE);
        BuddyStep step = new BuddyStep(MmAction.UNSET_MIGRATETYPE_ISOLATE,
                new int[] {pb, MigrateType.MIGRATE_UNMOVABLE.ordinal()});
        StepReport r = CHECKER.check(1, step, s, ABS.abstraction(z));
        assertFalse(r.actionHolds(), r.render());
        assertTrue(r.falseConjunct().contains("outside the domains"), r.render());
        assertFalse(CHECKER.isEnabled(step, s), "a refused request outside Next is not one Next enables");
        assertTrue(CHECKER.check(1, new BuddyStep(MmAction.UNSET_MIGRATETYPE_ISOLATE, new int[] {pb, MOVABLE}), s,
                ABS.abstraction(isolatedThenUnset(pb))).ok());
    }

    private static Zone isolatedThenUnset(int pb) {
        Zone z = Zone.init(ZoneConcretization.geometryOf(SPEC));
        PageAlloc alloc = new PageAlloc(z, EventSink.NONE);
        new PageIsolation(alloc).setMigratetypeIsolate(pb);
        new PageIsolation(alloc).unsetMigratetypeIsolate(pb, MigrateType.MIGRATE_MOVABLE);
        return z;
    }
}
