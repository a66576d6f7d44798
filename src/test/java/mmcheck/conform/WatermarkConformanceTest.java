package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import mmcheck.conform.buddy.ZoneConcretization;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.Watermarks;
import tla2sany.semantic.FormalParamNode;
import tla2sany.semantic.OpDefNode;
import tlc2.tool.Action;
import tlc2.tool.StateVec;
import tlc2.tool.TLCState;
import tlc2.util.Context;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.Value;

/**
 * The engine's Watermarks.zoneWatermarkOk() and the spec's ZoneWatermarkOk (__zone_watermark_ok() of 6.1, with
 * lowmem_reserve and the ALLOC_HIGH/HARDER/OOM flags) agree on every state of MCBuddyMerge's first BFS levels, for
 * every order, a range of marks and reserves around the zone's free pages, and each flag combination; TLC
 * evaluates the operator on the state, the engine on its concretization.
 */
class WatermarkConformanceTest {
    private static final SpecModel SPEC = Models.load("MCBuddyMerge");
    private static final int STATES = 400;
    private static final int[][] FLAGS = {{}, {Watermarks.ALLOC_HIGH}, {Watermarks.ALLOC_HARDER},
            {Watermarks.ALLOC_HIGH, Watermarks.ALLOC_HARDER}, {Watermarks.ALLOC_OOM},
            {Watermarks.ALLOC_HIGH, Watermarks.ALLOC_OOM}};

    /** An engine-side watermark check, to compare with the spec (the engine's own, or a seeded bug). */
    interface WatermarkCheck {
        boolean ok(Zone z, int order, long mark, long lowmemReserve, int allocFlags);
    }

    @Test
    void zoneWatermarkOk_engineAndSpecAgreeOnGeneratedStates() {
        Result r = compare((z, o, m, lr, f) -> Watermarks.zoneWatermarkOk(z, o, m, lr, f, z.freePages()));
        assertNull(r.disagreement(), r.disagreement());
        assertEquals(STATES, r.states(), "the model has at least " + STATES + " states");
        assertTrue(r.trueVerdicts() > 0 && r.falseVerdicts() > 0, "both verdicts occur: " + r);
    }

    @Test
    void zoneWatermarkOk_engineIgnoringTheLowmemReserve_disagrees() {
        Result r = compare((z, o, m, lr, f) -> Watermarks.zoneWatermarkOk(z, o, m, 0, f, z.freePages()));
        assertNotNull(r.disagreement(), "a check without lowmem_reserve must disagree with ZoneWatermarkOk");
        assertTrue(r.disagreement().contains("ZoneWatermarkOk"), r.disagreement());
    }

    @Test
    void zoneWatermarkOk_engineIgnoringAllocHigh_disagrees() {
        Result r = compare((z, o, m, lr, f) -> Watermarks.zoneWatermarkOk(z, o, m, lr, f & ~Watermarks.ALLOC_HIGH,
                z.freePages()));
        assertNotNull(r.disagreement(), "a check that ignores ALLOC_HIGH must disagree with ZoneWatermarkOk");
    }

    record Result(int states, long trueVerdicts, long falseVerdicts, String disagreement) {
    }

    private static Result compare(WatermarkCheck engine) {
        OpDefNode def = SPEC.operator("ZoneWatermarkOk");
        FormalParamNode[] params = def.getParams();
        ZoneConcretization conc = new ZoneConcretization(ZoneConcretization.geometryOf(SPEC));
        int maxOrder = conc.geometry().maxOrder();
        long yes = 0;
        long no = 0;
        List<TLCState> states = reachable(STATES);
        for (TLCState s : states) {
            Zone z = conc.concretization(s, null);
            long free = z.freePages();
            for (int order = 0; order < maxOrder; order++) {
                for (long mark = 0; mark <= free + 1; mark++) {
                    for (long reserve = 0; reserve <= 2; reserve++) {
                        for (int[] flags : FLAGS) {
                            int bits = 0;
                            Value[] names = new Value[flags.length];
                            for (int i = 0; i < flags.length; i++) {
                                bits |= flags[i];
                                names[i] = new StringValue(flagName(flags[i]));
                            }
                            Context ctx = Context.Empty.cons(params[0], IntValue.gen(order))
                                    .cons(params[1], IntValue.gen((int) mark))
                                    .cons(params[2], IntValue.gen((int) reserve))
                                    .cons(params[3], new SetEnumValue(names, false));
                            boolean spec = ((BoolValue) SPEC.tool().eval(def.getBody(), ctx, s)).val;
                            boolean eng = engine.ok(z, order, mark, reserve, bits);
                            if (spec != eng) {
                                return new Result(states.size(), yes, no, "ZoneWatermarkOk(" + order + ", " + mark
                                        + ", " + reserve + ", " + List.of(names) + ") is " + spec
                                        + " in the spec, the engine says " + eng + ", on " + SPEC.values(s));
                            }
                            if (spec) {
                                yes++;
                            } else {
                                no++;
                            }
                        }
                    }
                }
            }
        }
        return new Result(states.size(), yes, no, null);
    }

    private static String flagName(int flag) {
        return switch (flag) {
            case Watermarks.ALLOC_HIGH -> "ALLOC_HIGH";
            case Watermarks.ALLOC_HARDER -> "ALLOC_HARDER";
            case Watermarks.ALLOC_OOM -> "ALLOC_OOM";
            default -> throw new IllegalArgumentException("flag " + flag);
        };
    }

    /** The first n states of the model in breadth-first order, by TLC's own split of Next. */
    private static List<TLCState> reachable(int n) {
        List<TLCState> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        ArrayDeque<TLCState> queue = new ArrayDeque<>();
        StateVec init = SPEC.initStates();
        for (int i = 0; i < init.size(); i++) {
            if (seen.add(init.elementAt(i).fingerPrint())) {
                queue.add(init.elementAt(i));
            }
        }
        Action[] actions = SPEC.tool().getActions();
        while (!queue.isEmpty() && out.size() < n) {
            TLCState s = queue.poll();
            out.add(s);
            for (Action a : actions) {
                StateVec next = SPEC.nextStates(a, s);
                for (int i = 0; i < next.size(); i++) {
                    if (seen.add(next.elementAt(i).fingerPrint())) {
                        queue.add(next.elementAt(i));
                    }
                }
            }
        }
        return out;
    }
}
