package mmcheck.tlc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import mmcheck.event.MigrateAction;

/**
 * A counterexample step of spec/Rmap.tla or spec/Migrate.tla named as the engine names it:
 * {@code TryToMigrateOne(proc=0, vpage=1)  [try_to_migrate_one: proc=0 vpage=1]  Migrate.tryToMigrateOne,
 * try_to_migrate_one()}.
 *
 * <p>TLC 2.18 prints only the action's name, so the arguments are read back from what the step changed: the PTE
 * it rewrote (a process and vpage), the page it listed, locked or wrote back (a pfn), the mode migrate_pages() took.
 * Where the change does not say (which PTE a fork copied from), the label keeps the action's names without
 * arguments.
 *
 * <p>A disjunct that conjoins an action with more (MigrateUserNext's {@code DoAnonymousPage(p, v) /\ UNCHANGED
 * migrateVars}, an MC module's role-narrowed {@code MCUserNext}) is named by TLC after the definition that holds
 * it. Such a step is named by the action whose change it is: which PTE changed and how, or which per-page count
 * moved; where two actions make the same change (a fault and the copy of a pinned page both map a new page), both
 * are named.
 */
final class MigrateStepLabel {
    private MigrateStepLabel() {
    }

    /** The label of a step of the named action, or empty for a name that is not a migration action. */
    static Optional<String> label(String action, Map<String, String> before, Map<String, String> after) {
        MigrateAction a = null;
        for (MigrateAction m : MigrateAction.values()) {
            if (m.specName().equals(action)) {
                a = m;
            }
        }
        if (a == null) {
            if (!action.endsWith("Next") || !after.containsKey("pte")) {
                return Optional.empty();
            }
            List<MigrateAction> made;
            try {
                made = actionsOfChange(before, after);
            } catch (RuntimeException unreadable) {
                return Optional.empty();
            }
            if (made.isEmpty()) {
                return Optional.empty();
            }
            String first = label(made.get(0).specName(), before, after).orElseThrow();
            return Optional.of(made.size() == 1 ? first : first + "  (or " + made.get(1).specName() + ")");
        }
        int[] args;
        try {
            args = args(a, before, after);
        } catch (RuntimeException unreadable) {
            args = null;
        }
        return Optional.of(args == null ? a.specName() + "  [" + a.traceName() + "]  " + names(a) : render(a, args));
    }

    /** The actions of a role-narrowed Next whose change this step is, most likely first. */
    private static List<MigrateAction> actionsOfChange(Map<String, String> before, Map<String, String> after) {
        for (String[] counted : new String[][] {{"pinCount", "PIN_USER_PAGES", "UNPIN_USER_PAGE"},
            {"transientRefs", "FOLIO_TRY_GET", "FOLIO_PUT"}, {"pageLocked", "LOCK_PAGE", "UNLOCK_PAGE"},
            {"pageWriteback", "SET_PAGE_WRITEBACK", "END_PAGE_WRITEBACK"}}) {
            if (!after.containsKey(counted[0]) || before.get(counted[0]).equals(after.get(counted[0]))) {
                continue;
            }
            int k = onlyChangedKey(before, after, counted[0]);
            TlaValue b = at(parse(before, counted[0]), k);
            TlaValue t = at(parse(after, counted[0]), k);
            boolean up = t instanceof TlaValue.Int ti ? ti.value() > ((TlaValue.Int) b).value() : t.equals(TRUE);
            return List.of(MigrateAction.valueOf(counted[up ? 1 : 2]));
        }
        if (!before.get("waitPte").equals(after.get("waitPte")) && before.get("pte").equals(after.get("pte"))) {
            return List.of(MigrateAction.MIGRATION_ENTRY_WAIT);
        }
        TlaValue pb = parse(before, "pte");
        TlaValue pa = parse(after, "pte");
        List<int[]> changed = new ArrayList<>();
        for (int p : keys(pa)) {
            for (int v : keys(at(pa, p))) {
                if (!at(at(pa, p), v).equals(at(at(pb, p), v))) {
                    changed.add(new int[] {p, v});
                }
            }
        }
        if (changed.isEmpty()) {
            boolean reused = !before.get("anonExclusive").equals(after.get("anonExclusive"));
            boolean stored = !before.get("opParity").equals(after.get("opParity"));
            return reused ? List.of(MigrateAction.WP_PAGE_REUSE) : stored ? List.of(MigrateAction.USER_WRITE)
                    : List.of(MigrateAction.USER_READ);
        }
        for (int[] s : changed) {
            TlaValue.Rec was = (TlaValue.Rec) at(at(pb, s[0]), s[1]);
            TlaValue.Rec now = (TlaValue.Rec) at(at(pa, s[0]), s[1]);
            if (type(was).equals("none") && type(now).equals("migration")) {
                return List.of(MigrateAction.COPY_NONPRESENT_PTE);
            }
        }
        if (changed.size() != 1) {
            return List.of();
        }
        TlaValue.Rec was = (TlaValue.Rec) at(at(pb, changed.get(0)[0]), changed.get(0)[1]);
        TlaValue.Rec now = (TlaValue.Rec) at(at(pa, changed.get(0)[0]), changed.get(0)[1]);
        if (type(now).equals("none")) {
            return List.of(MigrateAction.ZAP_PTE_RANGE);
        }
        int pfn = num(now.fields().get("pfn"));
        boolean newPage = ((TlaValue.SetV) at(parse(before, "rmap"), pfn)).elements().isEmpty();
        if (type(was).equals("present")) {
            return List.of(MigrateAction.WP_PAGE_COPY);
        }
        if (!newPage) {
            return List.of(MigrateAction.COPY_PRESENT_PTE);
        }
        boolean anyPinned = false;
        TlaValue pins = parse(before, "pinCount");
        for (int f : keys(pins)) {
            anyPinned |= num(at(pins, f)) > 0;
        }
        return anyPinned ? List.of(MigrateAction.DO_ANONYMOUS_PAGE, MigrateAction.COPY_PRESENT_PAGE)
                : List.of(MigrateAction.DO_ANONYMOUS_PAGE);
    }

    private static final TlaValue TRUE = new TlaValue.Bool(true);

    private static String type(TlaValue.Rec pte) {
        return ((TlaValue.Str) pte.fields().get("type")).value();
    }

    private static int[] args(MigrateAction a, Map<String, String> before, Map<String, String> after) {
        List<String> params = a.params();
        if (params.isEmpty()) {
            return new int[0];
        }
        if (params.equals(List.of("mode"))) {
            String mode = ((TlaValue.Str) parse(after, "migrateMode")).value();
            return new int[] {List.of("MIGRATE_ASYNC", "MIGRATE_SYNC_LIGHT", "MIGRATE_SYNC").indexOf(mode)};
        }
        if (params.equals(List.of("pfn"))) {
            String var = switch (a) {
                case FOLIO_ISOLATE_LRU, PUTBACK_MOVABLE_PAGES -> "fromList";
                case UNMAP_AND_MOVE -> "passTodo";
                case LOCK_PAGE, UNLOCK_PAGE -> "pageLocked";
                case SET_PAGE_WRITEBACK, END_PAGE_WRITEBACK -> "pageWriteback";
                case FOLIO_TRY_GET, FOLIO_PUT -> "transientRefs";
                default -> "pinCount";
            };
            int pfn = var.endsWith("List") || var.equals("passTodo") ? onlyChangedMember(before, after, var)
                    : onlyChangedKey(before, after, var);
            return new int[] {pfn};
        }
        if (a == MigrateAction.MIGRATION_ENTRY_WAIT) {
            int p = onlyChangedKey(before, after, "waitPte");
            return new int[] {p, num(at(parse(after, "waitPte"), p))};
        }
        if (params.get(0).equals("proc") && params.size() <= 3) {
            int[] slot = onlyChangedSlot(before, after);
            if (params.size() == 2) {
                return slot;
            }
            return new int[] {slot[0], slot[1], num(at(at(parse(after, "written"), slot[0]), slot[1]))};
        }
        return null;
    }

    private static String render(MigrateAction a, int[] args) {
        if (args.length == 0) {
            return a.specName() + "  [" + a.traceName() + "]  " + names(a);
        }
        StringBuilder spec = new StringBuilder(a.specName()).append('(');
        String[] trace = a.describe(args).substring(a.traceName().length() + 1).trim().split(" ");
        for (int i = 0; i < args.length; i++) {
            spec.append(i == 0 ? "" : ", ").append(trace[i]);
        }
        return spec.append(')') + "  [" + a.describe(args) + "]  " + names(a);
    }

    private static String names(MigrateAction a) {
        return a.javaMethod() + (a.kernelName().isEmpty() ? "" : ", " + a.kernelName() + "()");
    }

    /** The one (proc, vpage) whose PTE differs. */
    private static int[] onlyChangedSlot(Map<String, String> before, Map<String, String> after) {
        TlaValue b = parse(before, "pte");
        TlaValue t = parse(after, "pte");
        List<int[]> changed = new ArrayList<>();
        for (int p : keys(t)) {
            for (int v : keys(at(t, p))) {
                if (!at(at(t, p), v).equals(at(at(b, p), v))) {
                    changed.add(new int[] {p, v});
                }
            }
        }
        if (changed.size() != 1) {
            throw new IllegalArgumentException(changed.size() + " PTEs changed");
        }
        return changed.get(0);
    }

    /** The one key of a function variable whose value differs. */
    private static int onlyChangedKey(Map<String, String> before, Map<String, String> after, String var) {
        TlaValue b = parse(before, var);
        TlaValue t = parse(after, var);
        List<Integer> changed = new ArrayList<>();
        for (int k : keys(t)) {
            if (!at(t, k).equals(at(b, k))) {
                changed.add(k);
            }
        }
        if (changed.size() != 1) {
            throw new IllegalArgumentException(changed.size() + " entries of " + var + " changed");
        }
        return changed.get(0);
    }

    /** The one element a set variable gained or lost. */
    private static int onlyChangedMember(Map<String, String> before, Map<String, String> after, String var) {
        List<TlaValue> b = ((TlaValue.SetV) parse(before, var)).elements();
        List<TlaValue> t = ((TlaValue.SetV) parse(after, var)).elements();
        List<TlaValue> changed = new ArrayList<>(t);
        changed.removeAll(b);
        List<TlaValue> lost = new ArrayList<>(b);
        lost.removeAll(t);
        changed.addAll(lost);
        if (changed.size() != 1) {
            throw new IllegalArgumentException(changed.size() + " members of " + var + " changed");
        }
        return num(changed.get(0));
    }

    private static TlaValue parse(Map<String, String> state, String var) {
        String text = state.get(var);
        if (text == null) {
            throw new IllegalArgumentException("no variable " + var);
        }
        return TlaValueParser.parse(text);
    }

    /** The keys of a function: TLC prints one over 1..n as a tuple. */
    private static List<Integer> keys(TlaValue f) {
        List<Integer> out = new ArrayList<>();
        if (f instanceof TlaValue.Seq s) {
            for (int i = 1; i <= s.elements().size(); i++) {
                out.add(i);
            }
        } else {
            for (TlaValue k : ((TlaValue.Fcn) f).mapping().keySet()) {
                out.add(num(k));
            }
        }
        return out;
    }

    private static TlaValue at(TlaValue f, int key) {
        if (f instanceof TlaValue.Seq s) {
            return s.elements().get(key - 1);
        }
        return ((TlaValue.Fcn) f).mapping().get(new TlaValue.Int(key));
    }

    private static int num(TlaValue v) {
        return (int) ((TlaValue.Int) v).value();
    }
}
