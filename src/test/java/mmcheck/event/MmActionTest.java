package mmcheck.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import mmcheck.mm.MigrateType;

class MmActionTest {

    @Test
    void spellings_matchTheDesignTable() {
        assertEquals(List.of("__rmqueue_smallest", "RmqueueSmallest", "rmqueueSmallest", "mm_page_alloc_zone_locked"),
                spellings(MmAction.RMQUEUE_SMALLEST));
        assertEquals(List.of("__rmqueue_fallback", "RmqueueFallback", "rmqueueFallback", "mm_page_alloc_extfrag"),
                spellings(MmAction.RMQUEUE_FALLBACK));
        assertEquals(List.of("__free_one_page", "FreeOnePage", "freeOnePage", "free_one_page"),
                spellings(MmAction.FREE_ONE_PAGE));
        assertEquals(List.of("set_migratetype_isolate", "SetMigratetypeIsolate", "setMigratetypeIsolate",
                "set_migratetype_isolate"), spellings(MmAction.SET_MIGRATETYPE_ISOLATE));
        assertEquals(List.of("unset_migratetype_isolate", "UnsetMigratetypeIsolate", "unsetMigratetypeIsolate",
                "unset_migratetype_isolate"), spellings(MmAction.UNSET_MIGRATETYPE_ISOLATE));
    }

    private static List<String> spellings(MmAction a) {
        return List.of(a.kernelName(), a.specName(), a.javaName(), a.traceName());
    }

    @Test
    void params_followTheTlaFormalParameterOrder() {
        assertEquals(List.of("order", "migratetype", "owner"), MmAction.RMQUEUE_SMALLEST.paramNames());
        assertEquals(List.of("order", "migratetype"), MmAction.RMQUEUE_FALLBACK.paramNames());
        assertEquals(List.of("pfn", "order"), MmAction.FREE_ONE_PAGE.paramNames());
        assertEquals(List.of("pageblock"), MmAction.SET_MIGRATETYPE_ISOLATE.paramNames());
        assertEquals(List.of("pageblock", "migratetype"), MmAction.UNSET_MIGRATETYPE_ISOLATE.paramNames());
        assertEquals(List.of(ParamKind.PFN, ParamKind.ORDER), MmAction.FREE_ONE_PAGE.params());
    }

    @Test
    void fromName_acceptsEverySpelling() {
        for (MmAction a : MmAction.values()) {
            for (String s : spellings(a)) {
                assertEquals(a, MmAction.fromName(s));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> MmAction.fromName("mm_page_free"));
    }

    @Test
    void migratetypeNames_matchTheMigrateTypeEnum() {
        for (MigrateType mt : MigrateType.values()) {
            assertEquals(mt.name(), ParamKind.migratetypeName(mt.ordinal()));
            assertEquals(mt.specName(), ParamKind.MIGRATETYPE.render(mt.ordinal()));
        }
    }
}
