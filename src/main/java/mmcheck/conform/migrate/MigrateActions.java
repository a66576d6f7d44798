package mmcheck.conform.migrate;

import mmcheck.conform.SpecModel;
import mmcheck.conform.SpecStep;
import mmcheck.conform.TlcValues;
import mmcheck.conform.SpecLoadException;
import mmcheck.conform.ActionCatalog;

import java.util.ArrayList;
import java.util.List;

import mmcheck.event.MigrateAction;
import mmcheck.mm.migrate.MigrateMode;
import tlc2.tool.Action;
import tlc2.value.impl.Value;

/**
 * Migrate.tla's actions as the engine names them. A step is checked against its disjunct of MigrateNext, so the
 * processes' steps carry MigrateUserNext's {@code UNCHANGED migrateVars}; the list of instances mirrors MigrateNext
 * over the model's constants (not the roles an MC module's Next may narrow it to).
 */
public final class MigrateActions implements ActionCatalog {
    private final NextActions next;
    private final List<MigrateStep> all;

    public MigrateActions(SpecModel spec) {
        this.next = new NextActions(spec, "MigrateNext");
        this.all = enumerate(spec);
        for (MigrateAction a : MigrateAction.values()) {
            if (!next.has(a.specName())) {
                throw new SpecLoadException("MigrateNext has no disjunct for " + a.specName());
            }
        }
    }

    @Override
    public Action action(SpecStep step) {
        return next.action(step.specName(), step.specArgs());
    }

    @Override
    public List<MigrateStep> all() {
        return all;
    }

    /*
     * Mirrors MigrateNext in spec/Migrate.tla: MigrateUserNext (proc, vpage, val, child, cvpage over Procs, Vpages,
     * Contents), MigrateKernelNext (pfn over Pfns, mode over MigrateModes, proc and vpage over Procs and Vpages) and
     * ContentionNext (pfn over Pfns). MigrateSpecActionsTest checks that these instances have exactly
     * MigrateNext's successors.
     */
    private static List<MigrateStep> enumerate(SpecModel spec) {
        int[] procs = TlcValues.ints(spec.value("Procs"));
        int[] vpages = TlcValues.ints(spec.value("Vpages"));
        int[] contents = TlcValues.ints(spec.value("Contents"));
        int[] pfns = TlcValues.ints(spec.value("Pfns"));
        List<Integer> modes = new ArrayList<>();
        for (Value m : TlcValues.elements(spec.value("MigrateModes"))) {
            modes.add(MigrateMode.valueOf(TlcValues.str(m)).ordinal());
        }
        List<MigrateStep> out = new ArrayList<>();
        for (MigrateAction a : MigrateAction.values()) {
            List<String> params = a.params();
            List<int[]> domains = new ArrayList<>();
            for (String p : params) {
                domains.add(switch (p) {
                    case "proc", "child" -> procs;
                    case "vpage", "cvpage" -> vpages;
                    case "val" -> contents;
                    case "pfn" -> pfns;
                    case "mode" -> modes.stream().mapToInt(Integer::intValue).toArray();
                    default -> throw new IllegalStateException(a + " has a parameter " + p + " Next does not bind");
                });
            }
            product(a, domains, new int[params.size()], 0, out);
        }
        return List.copyOf(out);
    }

    private static void product(MigrateAction a, List<int[]> domains, int[] args, int i, List<MigrateStep> out) {
        if (i == args.length) {
            out.add(new MigrateStep(a, args));
            return;
        }
        for (int v : domains.get(i)) {
            args[i] = v;
            product(a, domains, args, i + 1, out);
        }
    }
}
