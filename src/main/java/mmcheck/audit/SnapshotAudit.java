package mmcheck.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import mmcheck.mm.proc.BuddyinfoParser;
import mmcheck.mm.proc.ExtfragDebugfsPrinter;
import mmcheck.mm.proc.PagetypeinfoParser;
import mmcheck.mm.proc.ZoneFreeInfo;
import mmcheck.tlc.BadInputException;

/**
 * The /proc snapshots of a dataset: each buddyinfo equal to its pagetypeinfo's per-zone sums, and the debugfs
 * unusable_index and extfrag_index recomputed from buddyinfo (mm/vmstat.c unusable_show(), extfrag_show()).
 * A live system changes between the reads of one snapshot's files, so a difference is a NOTE, never a violation;
 * zoneinfo is also checked against itself ({@link ZoneinfoAudit}), where an impossible zone is a violation.
 */
public final class SnapshotAudit {
    private static final Pattern BLOCK_ROW = Pattern.compile("^Node\\s+(\\d+), zone\\s+(\\S+)((\\s+\\d+)+)\\s*$");
    private final List<Finding> findings = new ArrayList<>();
    private final List<Snapshot> snapshots = new ArrayList<>();
    private int checks;

    /** One snapshot's buddyinfo, as the charts draw it. */
    public record Snapshot(String name, List<ZoneFreeInfo> zones) {
    }

    public SnapshotAudit run(List<Path> dirs) {
        return run(dirs, 512);
    }

    /** @param blockPages pageblock_nr_pages, for zoneinfo's span against pagetypeinfo's pageblock counts */
    public SnapshotAudit run(List<Path> dirs, int blockPages) {
        for (Path dir : dirs) {
            audit(dir);
            zoneinfo(dir, blockPages);
        }
        return this;
    }

    private void zoneinfo(Path dir, int blockPages) {
        Path zi = dir.resolve("zoneinfo.txt");
        if (!Files.isRegularFile(zi)) {
            return;
        }
        Path buddyFile = dir.resolve("buddyinfo.txt");
        List<ZoneFreeInfo> buddy = Files.isRegularFile(buddyFile)
                ? BuddyinfoParser.parse(read(buddyFile), buddyFile.toString()) : null;
        Path ptFile = dir.resolve("pagetypeinfo.txt");
        Map<String, Long> blocks = Files.isRegularFile(ptFile) ? blockCounts(read(ptFile)) : null;
        checks += new ZoneinfoAudit(dir.getFileName().toString(), findings)
                .run(ZoneinfoAudit.parse(read(zi), zi.toString()), buddy, blocks, blockPages);
    }

    /** pagetypeinfo's "Number of blocks type" table: pageblocks per "node zone". */
    static Map<String, Long> blockCounts(String pagetypeinfo) {
        Map<String, Long> out = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : pagetypeinfo.split("\n")) {
            if (line.startsWith("Number of blocks type")) {
                inTable = true;
                continue;
            }
            Matcher m = BLOCK_ROW.matcher(line);
            if (inTable && m.matches()) {
                long n = 0;
                for (String v : m.group(3).trim().split("\\s+")) {
                    n += Long.parseLong(v);
                }
                out.put(m.group(1) + " " + m.group(2), n);
            } else if (inTable && !line.isBlank()) {
                inTable = false;
            }
        }
        return out;
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
