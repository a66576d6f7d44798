package mmcheck.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import mmcheck.tlc.TlaValue;

/**
 * The pfns of one counterexample state and what each holds, read from the spec's variables: Buddy.tla's freeList,
 * allocated and pageblockMt; Migrate.tla's fromList, mig (src, dst), pinCount and pte; Compaction's scanners.
 */
final class Cells {
    long[] pfns;
    String[] cls;
    String[] what;
    int[] freeOrder;
    boolean[] head;
    long migratePfn = -1;
    long freePfn = -1;
    String ptes = "";

    static Cells of(Map<String, TlaValue> v, int pageblockOrder) {
        Cells c = new Cells();
        TreeSet<Long> pfns = new TreeSet<>();
        for (String name : List.of("pageBuddy", "pageOrder", "refcount", "pinCount")) {
            pfns.addAll(domain(v.get(name)));
        }
        c.pfns = pfns.stream().mapToLong(Long::longValue).toArray();
        int n = c.pfns.length;
        c.cls = new String[n];
        c.what = new String[n];
        c.freeOrder = new int[n];
        c.head = new boolean[n];
        for (int k = 0; k < n; k++) {
            c.cls[k] = "unknown";
            c.what[k] = "not on a free list, not allocated";
            c.freeOrder[k] = -1;
        }
        if (v.get("freeList") != null) {
            for (Map.Entry<TlaValue, TlaValue> byOrder : entries(v.get("freeList"))) {
                int o = (int) num(byOrder.getKey());
                for (Map.Entry<TlaValue, TlaValue> byType : entries(byOrder.getValue())) {
                    String mt = text(byType.getKey());
                    for (TlaValue h : elements(byType.getValue())) {
                        long head = num(h);
                        for (long p = head; p < head + (1L << o); p++) {
                            int i = c.index(p);
                            if (i >= 0) {
                                c.cls[i] = mt.equals("MIGRATE_ISOLATE") ? "isolated" : "free-o" + Math.min(o, 3);
                                c.what[i] = "free, order " + o + ", " + mt + (p == head ? " (head)" : "");
                                c.freeOrder[i] = o;
                                c.head[i] = p == head;
                            }
                        }
                    }
                }
            }
        }
        if (v.get("allocated") != null) {
            for (TlaValue a : elements(v.get("allocated"))) {
                if (a instanceof TlaValue.Rec r) {
                    long pfn = num(r.fields().get("pfn"));
                    int o = (int) num(r.fields().get("order"));
                    String mt = text(r.fields().get("mt"));
                    for (long p = pfn; p < pfn + (1L << o); p++) {
                        int i = c.index(p);
                        if (i >= 0) {
                            c.cls[i] = "alloc-" + switch (mt) {
                                case "MIGRATE_MOVABLE" -> "movable";
                                case "MIGRATE_UNMOVABLE" -> "unmovable";
                                case "MIGRATE_RECLAIMABLE" -> "reclaimable";
                                default -> "other";
                            };
                            c.what[i] = "allocated, order " + o + ", " + mt + ", owner " + r.fields().get("owner");
                        }
                    }
                }
            }
        }
        TlaValue pbMt = v.get("pageblockMt");
        for (int k = 0; k < n; k++) {
            TlaValue mt = at(pbMt, c.pfns[k] >> pageblockOrder);
            if (mt != null && "MIGRATE_ISOLATE".equals(text(mt))) {
                c.cls[k] = "isolated";
                c.what[k] += ", pageblock MIGRATE_ISOLATE";
            }
        }
        for (TlaValue f : elements(v.get("fromList"))) {
            mark(c, num(f), "isolated", "isolated for migration (on the from list)");
        }
        if (v.get("mig") instanceof TlaValue.Rec mig && !"idle".equals(text(mig.fields().get("step")))) {
            mark(c, num(mig.fields().get("src")), "migrating", "migration source (" + text(mig.fields().get("step")) + ")");
            mark(c, num(mig.fields().get("dst")), "migrating", "migration target (" + text(mig.fields().get("step")) + ")");
        }
        for (int k = 0; k < n; k++) {
            TlaValue pins = at(v.get("pinCount"), c.pfns[k]);
            if (pins != null && num(pins) > 0) {
                c.cls[k] = "pinned";
                c.what[k] += ", pinned x" + num(pins);
            }
        }
        c.migratePfn = scalar(v.get("migratePfn"));
        c.freePfn = scalar(v.get("freePfn"));
        c.ptes = ptes(v.get("pte"));
        return c;
    }

    int index(long pfn) {
        for (int k = 0; k < pfns.length; k++) {
            if (pfns[k] == pfn) {
                return k;
            }
        }
        return -1;
    }

    private static void mark(Cells c, long pfn, String cls, String what) {
        int i = c.index(pfn);
        if (i >= 0) {
            c.cls[i] = cls;
            c.what[i] += ", " + what;
        }
    }

    /** "PTEs: P0 v0->1, P1 v0->migration(1)": the present and migration entries. */
    private static String ptes(TlaValue pte) {
        if (pte == null) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<TlaValue, TlaValue> proc : entries(pte)) {
            for (Map.Entry<TlaValue, TlaValue> vp : entries(proc.getValue())) {
                if (vp.getValue() instanceof TlaValue.Rec r) {
                    String type = text(r.fields().get("type"));
                    if (!"none".equals(type)) {
                        out.add("P" + proc.getKey() + " v" + vp.getKey() + (type.equals("present") ? "->"
                                : "->" + type + "(") + r.fields().get("pfn") + (type.equals("present") ? "" : ")"));
                    }
                }
            }
        }
        return out.isEmpty() ? "PTEs: none" : "PTEs: " + String.join(", ", out);
    }

    private static long scalar(TlaValue v) {
        return v instanceof TlaValue.Int i ? i.value() : -1;
    }

    static List<Long> domain(TlaValue f) {
        List<Long> out = new ArrayList<>();
        if (f instanceof TlaValue.Seq s) {
            for (int i = 1; i <= s.elements().size(); i++) {
                out.add((long) i);
            }
        } else if (f instanceof TlaValue.Fcn fn) {
            for (TlaValue k : fn.mapping().keySet()) {
                if (k instanceof TlaValue.Int i) {
                    out.add(i.value());
                }
            }
        }
        return out;
    }

    static List<Map.Entry<TlaValue, TlaValue>> entries(TlaValue f) {
        List<Map.Entry<TlaValue, TlaValue>> out = new ArrayList<>();
        if (f instanceof TlaValue.Fcn fn) {
            out.addAll(fn.mapping().entrySet());
        } else if (f instanceof TlaValue.Seq s) {
            for (int i = 0; i < s.elements().size(); i++) {
                out.add(Map.entry(new TlaValue.Int(i + 1), s.elements().get(i)));
            }
        } else if (f instanceof TlaValue.Rec r) {
            r.fields().forEach((k, val) -> out.add(Map.entry(new TlaValue.Str(k), val)));
        }
        return out;
    }

    static TlaValue at(TlaValue f, long key) {
        for (Map.Entry<TlaValue, TlaValue> e : entries(f)) {
            if (e.getKey() instanceof TlaValue.Int i && i.value() == key) {
                return e.getValue();
            }
        }
        return null;
    }

    static List<TlaValue> elements(TlaValue s) {
        if (s instanceof TlaValue.SetV set) {
            return set.elements();
        }
        if (s instanceof TlaValue.Seq seq) {
            return seq.elements();
        }
        return List.of();
    }

    static long num(TlaValue v) {
        return v instanceof TlaValue.Int i ? i.value() : -1;
    }

    static String text(TlaValue v) {
        if (v instanceof TlaValue.Str s) {
            return s.value();
        }
        return v == null ? "" : v.toString();
    }
}
