package mmcheck.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class StepEventTest {

    @Test
    void toString_usesTraceFormWithHexPfnAndKernelMigratetypeNames() {
        assertEquals("mm_page_alloc_zone_locked: order=1 migratetype=MIGRATE_MOVABLE owner=3 pfn=0x40",
                new StepEvent(MmAction.RMQUEUE_SMALLEST, new int[] {1, 1, 3}, 0x40).toString());
        assertEquals("free_one_page: pfn=0x1a order=0", StepEvent.of(MmAction.FREE_ONE_PAGE, 0x1a, 0).toString());
        assertEquals("unset_migratetype_isolate: pageblock=3 migratetype=MIGRATE_MOVABLE",
                StepEvent.of(MmAction.UNSET_MIGRATETYPE_ISOLATE, 3, 1).toString());
        assertEquals("mm_page_alloc_extfrag: order=0 migratetype=MIGRATE_UNMOVABLE",
                StepEvent.describe(MmAction.RMQUEUE_FALLBACK, 0, 0));
    }

    @Test
    void parse_readsWhatToStringWrites() {
        for (StepEvent e : List.of(new StepEvent(MmAction.RMQUEUE_SMALLEST, new int[] {10, 2, 7}, 0x3ff00),
                new StepEvent(MmAction.RMQUEUE_FALLBACK, new int[] {3, 0}, 0x200),
                StepEvent.of(MmAction.FREE_ONE_PAGE, 0x1, 0),
                StepEvent.of(MmAction.SET_MIGRATETYPE_ISOLATE, 12),
                StepEvent.of(MmAction.UNSET_MIGRATETYPE_ISOLATE, 12, 1))) {
            assertEquals(e, StepEvent.parse(e.toString()));
        }
    }

    @Test
    void parse_acceptsKernelStyleNumbersAndAnySpelling() {
        assertEquals(StepEvent.of(MmAction.RMQUEUE_FALLBACK, 9, 1),
                StepEvent.parse("RmqueueFallback: order=9 migratetype=1"));
    }

    @Test
    void parse_namesWhatIsWrong() {
        assertEquals("'free_one_page: pfn=0x1' lacks order=",
                assertThrows(IllegalArgumentException.class, () -> StepEvent.parse("free_one_page: pfn=0x1")).getMessage());
        assertEquals("free_one_page has no parameter 'owner' in 'free_one_page: pfn=0x1 order=0 owner=2'",
                assertThrows(IllegalArgumentException.class,
                        () -> StepEvent.parse("free_one_page: pfn=0x1 order=0 owner=2")).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> StepEvent.parse("mm_page_alloc_extfrag: order=0 migratetype=MIGRATE_CMA"));
        assertThrows(IllegalArgumentException.class, () -> new StepEvent(MmAction.FREE_ONE_PAGE, new int[] {1}, -1));
    }

    @Test
    void recordingSink_keepsEventsInOrder() {
        RecordingSink sink = new RecordingSink();
        sink.step(MmAction.SET_MIGRATETYPE_ISOLATE, 4, 0, 0, -1);
        sink.step(MmAction.RMQUEUE_SMALLEST, 0, 2, 5, 17);

        assertEquals(List.of(StepEvent.of(MmAction.SET_MIGRATETYPE_ISOLATE, 4),
                new StepEvent(MmAction.RMQUEUE_SMALLEST, new int[] {0, 2, 5}, 17)), sink.events());
        assertEquals(17, sink.last().result());
        assertEquals(5, sink.last().arg("owner"));
        sink.clear();
        assertEquals(List.of(), sink.events());
    }
}
