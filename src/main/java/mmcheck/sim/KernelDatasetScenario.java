package mmcheck.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import mmcheck.mm.MigrateType;
import mmcheck.mm.MmGeometry;
import mmcheck.mm.Zone;
import mmcheck.mm.ZoneBuilder;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.buddy.Watermarks;
import mmcheck.mm.compaction.AtomicMigration;
import mmcheck.mm.compaction.CompactPriority;
import mmcheck.mm.compaction.Compaction;
import mmcheck.mm.compaction.CompactionCounters;
import mmcheck.mm.compaction.CompactionNode;
import mmcheck.mm.compaction.CompactionTracer;

/**
 * KernelDatasetScenario - the engine set up like one of the real kernel datasets (512 MiB QEMU guests running
 * Linux 6.1) and driven by the same workload, so that its compaction trace statistics can be set beside the
 * kernel's.
 *
 * <p>Setup, per populated zone of the dataset's fragmented /proc/zoneinfo: the zone's span and watermarks; its
 * spanned-minus-managed pages reserved at the zone start (memmap and kernel image); the kernel's own allocations
 * (managed minus the free pages of the "before" snapshot, recorded here) as unmovable order-0 pages. Workload, from
 * the dataset's README: the fragmenter allocates kept+freed order-0 movable pages (anonymous memory touched page by
 * page) and frees every second one; then compact_memory (m512-compact-memory-65pct), or a process faulting 60 THPs
 * with MADV_HUGEPAGE, defrag=madvise: direct compaction at COMPACT_PRIO_ASYNC, falling back to 512 small pages
 * (m512-thp-direct).
 */
public final class KernelDatasetScenario {

    /** A dataset: its name, the kernel pages allocated per zone before the workload, and the workload's size. */
    public record Dataset(String name, long[] kernelPagesBefore, int fragmenterPages, boolean compactMemory,
            int thpFaults) {
    }

    public static final Dataset COMPACT_MEMORY_65PCT = new Dataset("m512-compact-memory-65pct",
            new long[] {3840 - 3808, 112700 - 95183}, 2 * 29873, true, 0);
    public static final Dataset THP_DIRECT = new Dataset("m512-thp-direct",
            new long[] {3840 - 3808, 112700 - 95218}, 2 * 41421, false, 60);
    public static final List<Dataset> DATASETS = List.of(COMPACT_MEMORY_65PCT, THP_DIRECT);

    static final int KERNEL_OWNER = 3;
    static final int USER_OWNER = FragmentedZone.USER_OWNER;
    static final int THP_OWNER = 4;

    private KernelDatasetScenario() {
    }

    /** The dataset by name, or null. */
    public static Dataset dataset(String name) {
        for (Dataset d : DATASETS) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** The kernel's statistics, from the dataset's trace.txt. */
    public static CompactionTraceStats kernelStats(Dataset d) {
        CompactionTraceStats s = new CompactionTraceStats();
        for (String line : resource(d.name() + "/trace.txt").split("\n")) {
            s.addLine(line);
        }
        return s;
    }

    /** The kernel's vmstat compaction lines after the run. */
    public static String kernelVmstatAfter(Dataset d) {
        return resource(d.name() + "/vmstat-compaction-after.txt");
    }

    /** The engine's statistics for the dataset's workload. */
    public static Result run(Dataset d) {
        return run(d, null);
    }

    /** The engine's statistics for the dataset's workload, every event also going to extra (if not null). */
    public static Result run(Dataset d, CompactionTracer extra) {
        List<ZoneinfoZone> info = ZoneinfoZone.parse(resource(d.name() + "/zoneinfo-fragmented.txt"));
        CompactionCounters counters = new CompactionCounters();
        List<Compaction> zones = new ArrayList<>();
        for (int i = 0; i < info.size(); i++) {
            zones.add(buildZone(info.get(i), d.kernelPagesBefore()[i], counters));
        }
        CompactionNode node = new CompactionNode(0, zones, counters);
        CompactionTraceStats stats = new CompactionTraceStats();
        CompactionTracer tracer = extra == null ? stats : stats.and(extra);
        node.setTracer(tracer);
        Compaction top = zones.get(zones.size() - 1);
        // The fragmenter: touch every page, then MADV_DONTNEED every second one.
        int[] user = new int[d.fragmenterPages()];
        int n = 0;
        while (n < user.length) {
            int pfn = allocSmall(top, USER_OWNER);
            if (pfn < 0) {
                break;
            }
            user[n++] = pfn;
        }
        for (int i = 1; i < n; i += 2) {
            top.pageAlloc().freeOnePage(user[i], 0);
        }
        int thp = 0;
        int fallback = 0;
        if (d.compactMemory()) {
            node.compactNode();
        } else {
            List<int[]> faults = new ArrayList<>();
            for (int f = 0; f < d.thpFaults(); f++) {
                int pfn = thpFault(node, top);
                if (pfn >= 0) {
                    thp++;
                    faults.add(new int[] {pfn, 9});
                } else {
                    fallback++;
                    for (int p = 0; p < 512; p++) {
                        int small = allocSmall(top, USER_OWNER);
                        if (small >= 0) {
                            faults.add(new int[] {small, 0});
                        }
                    }
                }
            }
            // The process exits: its memory goes back.
            for (int[] b : faults) {
                for (Compaction z : zones) {
                    if (z.zone().geometry().contains(b[0])) {
                        z.pageAlloc().freeOnePage(b[0], b[1]);
                    }
                }
            }
            node.kcompactd();
        }
        return new Result(stats, counters, thp, fallback, n);
    }

    /** What the engine did. */
    public record Result(CompactionTraceStats stats, CompactionCounters counters, int thpAllocated, int thpFallback,
            int fragmenterPages) {
    }

    /**
     * A THP fault with defrag=madvise on an MADV_HUGEPAGE area, as the trace shows it: the fast path, then
     * GFP_TRANSHUGE|__GFP_NORETRY|__GFP_THISNODE with one direct compaction at COMPACT_PRIO_ASYNC; if that ran and
     * failed, GFP_TRANSHUGE, compacting at COMPACT_PRIO_ASYNC and then COMPACT_PRIO_SYNC_LIGHT.
     */
    static int thpFault(CompactionNode node, Compaction top) {
        int pfn = top.pageAlloc().getPageFromFreelist(9, MigrateType.MIGRATE_MOVABLE, THP_OWNER,
                Watermarks.ALLOC_WMARK_LOW);
        if (pfn >= 0) {
            return pfn;
        }
        // kswapd's wakeup_kcompactd(): once kcompactd is awake it finds no sleeper and only raises the order.
        node.wakeupKcompactd(9, node.zones().size() - 1);
        long stalls = node.counters().compactStall;
        pfn = node.allocPagesDirectCompact(9, CompactPriority.COMPACT_PRIO_ASYNC, MigrateType.MIGRATE_MOVABLE,
                THP_OWNER);
        if (pfn >= 0 || node.counters().compactStall == stalls) {
            return pfn;
        }
        // The retry without __GFP_NORETRY: async, then should_compact_retry() raises the priority to
        // MIN_COMPACT_COSTLY_PRIORITY (COMPACT_PRIO_SYNC_LIGHT) for costly orders.
        for (CompactPriority prio : new CompactPriority[] {CompactPriority.COMPACT_PRIO_ASYNC,
                CompactPriority.COMPACT_PRIO_SYNC_LIGHT}) {
            pfn = node.allocPagesDirectCompact(9, prio, MigrateType.MIGRATE_MOVABLE, THP_OWNER);
            if (pfn >= 0) {
                return pfn;
            }
        }
        return -1;
    }

    /** An order-0 page above the low watermark, as the fast path takes it (get_page_from_freelist()). */
    static int allocSmall(Compaction c, int owner) {
        return c.pageAlloc().getPageFromFreelist(0, MigrateType.MIGRATE_MOVABLE, owner, Watermarks.ALLOC_WMARK_LOW);
    }

    static Compaction buildZone(ZoneinfoZone zi, long kernelPages, CompactionCounters counters) {
        int start = (int) zi.startPfn();
        int end = (int) (zi.startPfn() + zi.spanned());
        MmGeometry g = MmGeometry.linux(start, end);
        ZoneBuilder b = Zone.builder(g, zi.name(), zi.node());
        int reserved = (int) (zi.spanned() - zi.managed());
        for (int pfn = start; pfn < start + reserved; pfn++) {
            b.allocatedBlock(pfn, 0, MigrateType.MIGRATE_UNMOVABLE, KERNEL_OWNER);
        }
        FragmentedZone.freeRun(b, g, start + reserved, end);
        b.watermarks(zi.min(), zi.low(), zi.high());
        Zone zone = b.build();
        PageAlloc pa = new PageAlloc(zone);
        for (long i = 0; i < kernelPages; i++) {
            pa.rmqueue(0, MigrateType.MIGRATE_UNMOVABLE, KERNEL_OWNER);
        }
        return new Compaction(pa, new AtomicMigration(pa), counters);
    }

    static String resource(String path) {
        try (InputStream in = KernelDatasetScenario.class.getResourceAsStream("/compaction/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource /compaction/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
