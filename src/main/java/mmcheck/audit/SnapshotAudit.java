package mmcheck.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import mmcheck.mm.proc.BuddyinfoParser;
import mmcheck.mm.proc.ExtfragDebugfsPrinter;
import mmcheck.mm.proc.PagetypeinfoParser;
import mmcheck.mm.proc.ZoneFreeInfo;
import mmcheck.tlc.BadInputException;

/**
 * The /proc snapshots of a dataset: each buddyinfo equal to its pagetypeinfo's per-zone sums, and the debugfs
 * unusable_index and extfrag_index recomputed from buddyinfo (mm/vmstat.c unusable_show(), extfrag_show()).
 * A live system changes between the reads of one snapshot's files, so a difference is a NOTE, never a violation.
 */
public final class SnapshotAudit {
    private final List<Finding> findings = new ArrayList<>();
    private final List<Snapshot> snapshots = new ArrayList<>();
    private int checks;

    /** One snapshot's buddyinfo, as the charts draw it. */
    public record Snapshot(String name, List<ZoneFreeInfo> zones) {
    }

    public SnapshotAudit run(List<Path> dirs) {
        for (Path dir : dirs) {
            audit(dir);
        }
        return this;
    }

    private void audit(Path dir) {
        String name = dir.getFileName().toString();
        Path buddyFile = dir.resolve("buddyinfo.txt");
        if (!Files.isRegularFile(buddyFile)) {
            return;
        }
        List<ZoneFreeInfo> buddy = BuddyinfoParser.parse(read(buddyFile), buddyFile.toString());
        snapshots.add(new Snapshot(name, buddy));
        Path ptFile = dir.resolve("pagetypeinfo.txt");
        if (Files.isRegularFile(ptFile)) {
            List<ZoneFreeInfo> pt = PagetypeinfoParser.parse(read(ptFile), ptFile.toString());
            for (ZoneFreeInfo b : buddy) {
                ZoneFreeInfo p = pt.stream().filter(z -> z.nodeId() == b.nodeId()
                        && z.zoneName().equals(b.zoneName())).findFirst().orElse(null);
                checks++;
                if (p == null) {
                    findings.add(new Finding(Finding.Kind.NOTE, "snapshot " + name, List.of(), "buddyinfo=pagetypeinfo",
                            "zone " + b.zoneName() + " is in buddyinfo.txt but not in pagetypeinfo.txt"));
                } else if (!(p.hasPageTypes() && p.pageTypes().capped()) && !Arrays.equals(b.nrFree(), p.nrFree())) {
                    findings.add(new Finding(Finding.Kind.NOTE, "snapshot " + name, List.of(), "buddyinfo=pagetypeinfo",
                            "zone " + b.zoneName() + ": buddyinfo.txt " + Arrays.toString(b.nrFree())
                                    + " but pagetypeinfo.txt sums to " + Arrays.toString(p.nrFree())
                                    + " (read one after the other on a live system)"));
                }
            }
        }
        compare(dir, name, "unusable_index.txt", ExtfragDebugfsPrinter.unusableShow(buddy));
        compare(dir, name, "extfrag_index.txt", ExtfragDebugfsPrinter.extfragShow(buddy));
    }

    private void compare(Path dir, String name, String file, String recomputed) {
        Path f = dir.resolve(file);
        if (!Files.isRegularFile(f)) {
            return;
        }
        checks++;
        String[] want = recomputed.split("\n");
        String[] got = read(f).split("\n");
        for (int i = 0; i < Math.max(want.length, got.length); i++) {
            String w = i < want.length ? want[i].strip() : "";
            String g = i < got.length ? got[i].strip() : "";
            if (!w.equals(g)) {
                findings.add(new Finding(Finding.Kind.NOTE, "snapshot " + name, List.of(i + 1), file,
                        "recomputed from buddyinfo.txt: '" + w + "', " + file + " says '" + g
                                + "' (read one after the other on a live system)"));
            }
        }
    }

    private static String read(Path f) {
        try {
            return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new BadInputException(f + ": cannot read: " + e.getMessage());
        }
    }

    public List<Finding> findings() {
        return findings;
    }

    public List<Snapshot> snapshots() {
        return snapshots;
    }

    public int checks() {
        return checks;
    }
}
