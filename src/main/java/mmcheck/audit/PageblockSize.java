package mmcheck.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import mmcheck.trace.FtraceTrace;
import mmcheck.trace.TraceEvent;

/**
 * pageblock_nr_pages for the traced kernel: from pagetypeinfo's "Pages per block", else from an
 * mm_page_alloc_extfrag event's pageblock_order, else 512 (x86-64 with 4 KiB pages and 2 MiB huge pages).
 */
final class PageblockSize {
    private static final Pattern PER_BLOCK = Pattern.compile("Pages per block:\\s+(\\d+)");

    private PageblockSize() {
    }

    static int of(Dataset d, FtraceTrace trace) {
        for (Path snap : d.snapshots()) {
            Path pt = snap.resolve("pagetypeinfo.txt");
            if (Files.isRegularFile(pt)) {
                try {
                    Matcher m = PER_BLOCK.matcher(Files.readString(pt));
                    if (m.find()) {
                        return Integer.parseInt(m.group(1));
                    }
                } catch (IOException e) {
                    // the snapshot audit reports an unreadable file
                }
            }
        }
        for (TraceEvent e : trace.events()) {
            if (e.name().equals("mm_page_alloc_extfrag")) {
                return 1 << (int) e.num("pageblock_order");
            }
        }
        return 512;
    }
}
