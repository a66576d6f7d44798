package mmcheck.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import mmcheck.audit.Audit;
import mmcheck.cli.Main;

/**
 * The memory-map pages opened in a real browser (headless Chromium): the DOM Chromium builds holds the cells, the
 * scanner markers and the highlighted invariant, and a screenshot is kept under target/browser/. Skipped only when
 * Chromium is absent and CI is not set; in CI it must run.
 */
class BrowserRenderTest {
    static final Path OUT = Path.of("target/browser");
    static String chromium;

    @BeforeAll
    static void findChromium() throws IOException {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(c))) {
                chromium = c;
            }
        }
        boolean ci = System.getenv("CI") != null;
        if (chromium == null && ci) {
            fail("CI is set but Chromium is not installed (.ci/run installs Debian's chromium)");
        }
        assumeTrue(chromium != null, "Chromium is not installed and CI is not set");
        Files.createDirectories(OUT);
    }

    @Test
    void seededBugCounterexampleShowsItsInvariantOnTheCells() throws Exception {
        Path page = OUT.resolve("MCBuddyBugMergeEarly.html");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"tlc", "MCBuddyBugMergeEarly", "--workers", "1", "--html", page.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, out + "\n" + err);
        String dom = dumpDom(page);
        int rows = count(dom, "<div class=\"row step\"");
        assertTrue(rows >= 2, "one row per state");
        assertEquals(rows * 7, count(dom, "<rect class=\"cell "), "one cell per pfn of the 7-page zone, per step");
        // the cells of two free buddies of one order that should have merged, all free and in the last row
        Matcher hit = Pattern.compile("<rect class=\"cell (free-o\\d) violated\" data-pfn=\"(\\d+)\" "
                + "data-rule=\"MaximalCoalescingInv\"").matcher(dom);
        int highlighted = 0;
        while (hit.find()) {
            highlighted++;
        }
        assertTrue(highlighted >= 2 && highlighted % 2 == 0, "buddy pair highlighted: " + highlighted);
        assertEquals(highlighted, count(dom, " violated\""), "only free buddies are highlighted");
        assertTrue(dom.contains("<code id=\"invariant\">MaximalCoalescingInv</code>"));
        assertTrue(dom.contains("FreeOnePage(pfn="), "the step in its spellings");
        assertTrue(dom.contains("free_one_page"), "the trace spelling");
        assertSelfContained(page);
        screenshot(page, OUT.resolve("MCBuddyBugMergeEarly.png"));
    }

    @Test
    void auditPageShowsRunsMarkersAndTheBrokenRule() throws Exception {
        // the real trace with one isolate_migratepages range moved into the free scanner's pageblocks
        List<String> lines = Files.readAllLines(
                Path.of("src/test/resources/kernel-traces/m512-compact-memory-65pct/trace.txt"));
        int mig = -1;
        for (int i = 130; i < lines.size() && mig < 0; i++) {
            if (lines.get(i).contains("mm_compaction_isolate_migratepages: range=(0x4e00 ~ 0x4e40)")) {
                mig = i;
            }
        }
        assertTrue(mig > 0);
        lines.set(mig, lines.get(mig).replace("range=(0x4e00 ~ 0x4e40)", "range=(0x19be5 ~ 0x19c00)")
                .replace("nr_scanned=64", "nr_scanned=27"));
        Path dataset = OUT.resolve("corrupted-dataset");
        Path source = Path.of("src/test/resources/kernel-traces/m512-compact-memory-65pct");
        try (var files = Files.walk(source)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = dataset.resolve(source.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.write(dataset.resolve("trace.txt"), lines);
        Audit audit = Audit.of(dataset, Path.of("."));
        Path page = OUT.resolve("audit-corrupted.html");
        AuditPage.write(audit, page);
        String dom = dumpDom(page);
        assertEquals(2, count(dom, "<div class=\"row run "), "one row per run");
        assertTrue(count(dom, "<rect class=\"cell ") > 250, "one cell per pageblock of DMA and DMA32");
        assertTrue(count(dom, "<polygon class=\"marker migrate") >= 2, "migrate scanner markers");
        assertTrue(count(dom, "<polygon class=\"marker free") >= 2, "free scanner markers");
        assertTrue(dom.contains("data-rule=\"MigrateBelowFreeScanner\""), "the finding names the rule");
        assertTrue(Pattern.compile("<rect class=\"cell [^\"]* violated\" data-pfn=\"0x19a00\"").matcher(dom).find(),
                "the pageblock of the broken range is highlighted");
        assertTrue(dom.contains(">MigrateBelowFreeScanner</text>"), "the rule is written on the map");
        assertTrue(dom.contains("buddychart"), "buddyinfo charts");
        assertSelfContained(page);
        screenshot(page, OUT.resolve("audit-corrupted.png"));
    }

    /** One file: no script, nothing fetched from the network. */
    private static void assertSelfContained(Path page) throws IOException {
        String html = Files.readString(page);
        assertFalse(html.contains("<script"), page + ": no script");
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), page + ": no network");
        assertTrue(html.contains("<style>"), page + ": inline CSS");
    }

    private static String dumpDom(Path page) throws Exception {
        String dom = chromium(List.of("--dump-dom", page.toUri().toString()));
        assertTrue(dom.contains("</svg>"), "Chromium rendered the page: " + dom.substring(0, Math.min(300, dom.length())));
        return dom;
    }

    private static void screenshot(Path page, Path png) throws Exception {
        Files.deleteIfExists(png);
        chromium(List.of("--hide-scrollbars", "--window-size=1300,900", "--screenshot=" + png.toAbsolutePath(),
                page.toUri().toString()));
        assertTrue(Files.size(png) > 10_000, "screenshot written: " + png);
    }

    private static String chromium(List<String> args) throws Exception {
        Path profile = Files.createTempDirectory("mmcheck-chromium");
        List<String> cmd = new java.util.ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + profile));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(buf);
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
