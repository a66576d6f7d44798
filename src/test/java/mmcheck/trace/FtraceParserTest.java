package mmcheck.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FtraceParserTest {
    static final Path DATA = Path.of("src/test/resources/kernel-traces");

    @Test
    void everyEventOfBothDatasetsParses() {
        for (String d : new String[] {"m512-compact-memory-65pct", "m512-thp-direct"}) {
            FtraceTrace t = FtraceParser.read(DATA.resolve(d).resolve("trace.txt"));
            assertEquals(t.entriesInBuffer(), t.events().size(), d);
            assertEquals(t.events().size(), t.knownEvents(), d + ": every event is of the three subsystems");
            assertTrue(!t.lostAny(), d);
        }
    }

    @Test
    void fieldsAreReadAsTheFormatPrintsThem() {
        FtraceTrace t = FtraceParser.parse(String.join("\n",
                "# tracer: nop",
                "            frag-161     [000] .....    12.339080: mm_compaction_begin: zone_start=0x1000 "
                        + "migrate_pfn=0x1000 free_pfn=0x1fe00 zone_end=0x1ffe0, mode=async",
                "            frag-161     [000] .....    12.338770: mm_compaction_suitable: node=0 zone=DMA32    "
                        + "order=9 ret=continue",
                "      kcompactd0-34      [001] .....     6.282153: mm_compaction_defer_reset: node=0 zone=DMA      "
                        + "order=-1 order_failed=0 consider=0 limit=1",
                "            frag-161     [000] d..3.    12.186798: mm_page_alloc_extfrag: page=00000000c987d8bb "
                        + "pfn=0x3200 alloc_order=9 fallback_order=9 pageblock_order=9 alloc_migratetype=1 "
                        + "fallback_migratetype=2 fragmenting=0 change_ownership=1",
                "            init-1       [001] .....    11.476026: tracing_mark_write: phase=compact_memory-start",
                ""), "t");
        TraceEvent begin = t.events().get(0);
        assertEquals(0x1fe00, begin.num("free_pfn"));
        assertEquals("async", begin.str("mode"));
        assertEquals(161, begin.pid());
        assertEquals(0, begin.cpu());
        assertEquals("DMA32", t.events().get(1).str("zone"));
        assertEquals(-1, t.events().get(2).num("order"));
        assertEquals(0x3200, t.events().get(3).num("pfn"));
        assertTrue(!t.events().get(4).known(), "another subsystem's event is kept, not judged");
    }

    /** 6.1's DEFINE_EVENT(mm_compaction_isolate_template, mm_compaction_fast_isolate_freepages, ...). */
    @Test
    void fastIsolateFreepages_isParsedWithTheIsolateTemplatesFormat() {
        FtraceTrace t = FtraceParser.parse(
                "            frag-161     [000] .....    12.340101: mm_compaction_fast_isolate_freepages: "
                        + "range=(0x1f000 ~ 0x1fe00) nr_scanned=512 nr_taken=512\n", "t");
        TraceEvent e = t.events().get(0);
        assertTrue(e.known(), "a known event of the compaction subsystem");
        assertEquals(0x1f000, e.num("start_pfn"));
        assertEquals(0x1fe00, e.num("end_pfn"));
        assertEquals(512, e.num("nr_scanned"));
        assertEquals(512, e.num("nr_taken"));
        assertEquals("FastIsolateFreepages", mmcheck.audit.ObsAction.of(e).action());
    }

    @Test
    void markersAreUnderstood() {
        FtraceTrace t = FtraceParser.parse(String.join("\n",
                "# entries-in-buffer/entries-written: 2/9   #P:2",
                "##### CPU 1 buffer started ####",
                "CPU:0 [LOST 7 EVENTS]",
                "      kcompactd0-34      [001] .....     6.282153: mm_compaction_kcompactd_sleep: nid=0"), "t");
        assertEquals(Map.of(2, 1), t.bufferStarts());
        assertEquals(Map.of(3, 7L), t.lostEvents());
        assertTrue(t.lostAny());
        assertEquals(1, t.events().size());
    }

    @Test
    void aLineThatDoesNotParseIsNamedByFileAndLine() {
        String good = "      kcompactd0-34      [001] .....     6.282153: mm_compaction_kcompactd_sleep: nid=0";
        TraceFormatException bad = assertThrows(TraceFormatException.class,
                () -> FtraceParser.parse(good + "\ngarbage here\n", "x.txt"));
        assertTrue(bad.getMessage().startsWith("x.txt:2: not an ftrace line"), bad.getMessage());
        TraceFormatException field = assertThrows(TraceFormatException.class, () -> FtraceParser.parse(
                good.replace("mm_compaction_kcompactd_sleep: nid=0", "mm_compaction_migratepages: nr_migrated=x"),
                "y.txt"));
        assertTrue(field.getMessage().startsWith("y.txt:1: mm_compaction_migratepages: fields do not match"),
                field.getMessage());
        TraceFormatException unknown = assertThrows(TraceFormatException.class, () -> FtraceParser.parse(
                good.replace("mm_compaction_kcompactd_sleep", "mm_compaction_bogus"), "z.txt"));
        assertTrue(unknown.getMessage().startsWith("z.txt:1: unknown event 'mm_compaction_bogus'"),
                unknown.getMessage());
    }

    @Test
    void everyFormatHasItsFieldsOnce() {
        int n = 0;
        for (EventFormat f : EventFormats.all()) {
            assertEquals(f.fields().size(), f.fields().stream().distinct().count(), f.name());
            n++;
        }
        // compaction 15 (the 14 the datasets' 6.1 kernel lists in available_events, and
        // mm_compaction_fast_isolate_freepages of 6.1's compaction.h), migrate 4, kmem 11
        assertEquals(30, n);
    }
}
