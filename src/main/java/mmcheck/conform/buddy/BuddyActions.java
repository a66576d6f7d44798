package mmcheck.conform.buddy;

import mmcheck.conform.ActionCatalog;

import mmcheck.conform.SpecModel;
import mmcheck.conform.SpecStep;
import mmcheck.conform.TlcValues;

import java.util.ArrayList;
import java.util.List;

import mmcheck.event.MmAction;
import mmcheck.event.ParamKind;
import mmcheck.mm.MigrateType;
import tlc2.tool.Action;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.Value;

/**
 * Buddy.tla's actions as the engine names them: directed TLC actions for one instance, and the list of
 * every instance that Next quantifies over.
 */
public final class BuddyActions implements ActionCatalog {
    private final SpecModel spec;
    private final List<BuddyStep> all;

    public BuddyActions(SpecModel spec) {
        this.spec = spec;
        this.all = enumerate();
    }

    /** The TLC action for one instance: the operator with its parameters bound (Buddy's actions frame all). */
    @Override
    public Action action(SpecStep inst) {
        return spec.action(inst.specName(), inst.specArgs());
    }

    static Value value(ParamKind kind, int v) {
        if (kind == ParamKind.MIGRATETYPE) {
            return ZoneAbstraction.migratetype(MigrateType.values()[v]);
        }
        return IntValue.gen(v);
    }

    /** Every instance Next quantifies over, in Next's order. */
    @Override
    public List<BuddyStep> all() {
        return all;
    }

    /*
     * Mirrors Next in spec/Buddy.tla:
     *   \E o \in Orders, t \in AllocTypes, w \in Owners : RmqueueSmallest(o, t, w)
     *   \E o \in Orders, t \in AllocTypes : RmqueueFallback(o, t)
     *   \E p \in Pfns, o \in Orders : FreeOnePage(p, o)
     *   \E pb \in Pageblocks : SetMigratetypeIsolate(pb)
     *   \E pb \in Pageblocks : UnsetMigratetypeIsolate(pb, MOVABLE)
     * SpecActionsTest checks that these instances have exactly Next's successors.
     */
    private List<BuddyStep> enumerate() {
        int[] orders = TlcValues.ints(spec.value("Orders"));
        int[] owners = TlcValues.ints(spec.value("Owners"));
        int[] pfns = TlcValues.ints(spec.value("Pfns"));
        int[] pageblocks = TlcValues.ints(spec.value("Pageblocks"));
        List<Integer> types = new ArrayList<>();
        for (Value t : TlcValues.elements(spec.value("AllocTypes"))) {
            types.add(MigrateType.valueOf(TlcValues.str(t)).ordinal());
        }
        List<BuddyStep> out = new ArrayList<>();
        for (int o : orders) {
            for (int t : types) {
                for (int w : owners) {
                    out.add(new BuddyStep(MmAction.RMQUEUE_SMALLEST, new int[] {o, t, w}));
                }
            }
        }
        for (int o : orders) {
            for (int t : types) {
                out.add(new BuddyStep(MmAction.RMQUEUE_FALLBACK, new int[] {o, t}));
            }
        }
        for (int p : pfns) {
            for (int o : orders) {
                out.add(new BuddyStep(MmAction.FREE_ONE_PAGE, new int[] {p, o}));
            }
        }
        for (int pb : pageblocks) {
            out.add(new BuddyStep(MmAction.SET_MIGRATETYPE_ISOLATE, new int[] {pb}));
        }
        for (int pb : pageblocks) {
            out.add(new BuddyStep(MmAction.UNSET_MIGRATETYPE_ISOLATE,
                    new int[] {pb, MigrateType.MIGRATE_MOVABLE.ordinal()}));
        }
        return List.copyOf(out);
    }
}
