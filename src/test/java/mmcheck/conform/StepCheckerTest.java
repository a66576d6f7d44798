package mmcheck.conform;

import mmcheck.conform.buddy.BuddyStep;
import mmcheck.conform.buddy.ZoneAbstraction;
import mmcheck.conform.buddy.ZoneConcretization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import mmcheck.event.EventSink;
import mmcheck.event.MmAction;
import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import tlc2.tool.TLCState;

class StepCheckerTest {
    private static final SpecModel SPEC = Models.load("MCBuddySmall");
    private static final StepChecker CHECKER = new StepChecker(SPEC);
    private static final ZoneAbstraction ABS = new ZoneAbstraction(SPEC);
    private static final MmGeometry G = ZoneConcretization.geometryOf(SPEC);
    private static final int MOVABLE = MigrateType.MIGRATE_MOVABLE.ordinal();

    @Test
    void checkInit_engineInitIsSpecInit() {
        StepReport r = CHECKER.checkInit(ABS.abstraction(Zone.init(G)));
        assertTrue(r.ok(), r.render());
    }

    @Test
    void check_realStep_holds() {
        Zone z = Zone.init(G);
        TLCState s = ABS.abstraction(z);
        new PageAlloc(z, EventSink.NONE).rmqueueSmallest(0, MigrateType.MIGRATE_MOVABLE, 1);
        StepReport r = CHECKER.check(1, new BuddyStep(MmAction.RMQUEUE_SMALLEST, new int[] {0, MOVABLE, 1}),
                s, ABS.abstraction(z));
        assertTrue(r.ok(), r.render());
    }

    @Test
    void check_stepUnderTheWrongName_namesConjunctAndTheRealAction() {
        Zone z = Zone.init(G);
        TLCState s = ABS.abstraction(z);
        new PageAlloc(z, EventSink.NONE).rmqueueSmallest(0, MigrateType.MIGRATE_MOVABLE, 1);
        StepReport r = CHECKER.check(1, new BuddyStep(MmAction.FREE_ONE_PAGE, new int[] {1, 0}),
                s, ABS.abstraction(z));
        assertFalse(r.actionHolds());
        assertEquals("action", r.caughtBy());
        assertTrue(r.falseConjunct().contains("\\E a \\in allocated"), r.falseConjunct());
        assertTrue(r.matchedInstead().contains("RmqueueSmallest(order=0, migratetype=MIGRATE_MOVABLE, owner=1)"),
                r.render());
        assertTrue(r.differences().contains("the action is not enabled in the state before the step"), r.render());
    }

    @Test
    void check_wrongCounter_namesVariableAndInvariant() {
        Zone z = Zone.init(G);
        TLCState s = ABS.abstraction(z);
        new PageAlloc(z, EventSink.NONE).rmqueueSmallest(0, MigrateType.MIGRATE_MOVABLE, 1);
        // The right lists, but NR_FREE_PAGES off by one: a bookkeeping bug.
        TLCState t = ABS.abstraction(z);
        Zone bad = new ZoneConcretization(G).concretization(t, null);
        TLCState tampered = ABS.abstraction(rebuiltWithFreePages(bad, t));
        StepReport r = CHECKER.check(1, new BuddyStep(MmAction.RMQUEUE_SMALLEST, new int[] {0, MOVABLE, 1}),
                s, tampered);
        assertFalse(r.ok());
        assertEquals("FreePagesInv", r.caughtBy());
        // The diagnosis names the false sub-condition, not RmqueueSmallest's whole LET body.
        assertTrue(r.falseConjunct().contains("freePages' ="), r.render());
        assertFalse(r.falseConjunct().contains("LET"), r.render());
        assertTrue(r.differences().stream().anyMatch(d -> d.startsWith("freePages: 4 -> 5")), r.render());
        assertTrue(r.render().contains("step 1: mm_page_alloc_zone_locked: order=0 migratetype=MIGRATE_MOVABLE owner=1"),
                r.render());
    }

    private static Zone rebuiltWithFreePages(Zone z, TLCState t) {
        var values = new java.util.HashMap<>(SPEC.values(t));
        values.put("freePages", tlc2.value.impl.IntValue.gen((int) z.freePages() + 1));
        return new ZoneConcretization(G).concretization(SPEC.state(values), null);
    }
}
