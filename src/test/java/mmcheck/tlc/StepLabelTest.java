package mmcheck.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class StepLabelTest {
    private static Map<String, String> state(String allocated, String pageblockMt) {
        return Map.of("allocated", allocated, "pageblockMt", pageblockMt);
    }

    private static final String PB = "(0 :> \"MIGRATE_MOVABLE\" @@ 1 :> \"MIGRATE_MOVABLE\")";
    private static final String PB_ISO = "(0 :> \"MIGRATE_MOVABLE\" @@ 1 :> \"MIGRATE_ISOLATE\")";
    private static final String ONE = "{[pfn |-> 4, order |-> 1, mt |-> \"MIGRATE_MOVABLE\", owner |-> 2]}";

    @Test
    void label_rmqueueSmallest_readsTheNewAllocation() {
        assertEquals(Optional.of("RmqueueSmallest(order=1, migratetype=MIGRATE_MOVABLE, owner=2)"
                + "  [mm_page_alloc_zone_locked: order=1 migratetype=MIGRATE_MOVABLE owner=2 pfn=0x4]  PageAlloc.rmqueueSmallest, __rmqueue_smallest()"),
                StepLabel.label("RmqueueSmallest", state("{}", PB), state(ONE, PB)));
    }

    @Test
    void label_freeOnePage_readsTheFreedAllocation() {
        assertEquals(Optional.of("FreeOnePage(pfn=0x4, order=1)  [free_one_page: pfn=0x4 order=1]  PageAlloc.freeOnePage, __free_one_page()"),
                StepLabel.label("FreeOnePage", state(ONE, PB), state("{}", PB)));
    }

    @Test
    void label_isolation_readsThePageblock() {
        assertEquals(Optional.of("SetMigratetypeIsolate(pageblock=1)  [set_migratetype_isolate: pageblock=1]"
                + "  PageIsolation.setMigratetypeIsolate, set_migratetype_isolate()"),
                StepLabel.label("SetMigratetypeIsolate", state("{}", PB), state("{}", PB_ISO)));
        assertEquals(Optional.of("UnsetMigratetypeIsolate(pageblock=1, migratetype=MIGRATE_MOVABLE)"
                + "  [unset_migratetype_isolate: pageblock=1 migratetype=MIGRATE_MOVABLE]"
                + "  PageIsolation.unsetMigratetypeIsolate, unset_migratetype_isolate()"),
                StepLabel.label("UnsetMigratetypeIsolate", state("{}", PB_ISO), state("{}", PB)));
    }

    private static Map<String, String> mig(String pte, String fromList) {
        return Map.of("pte", pte, "fromList", fromList, "written", "(0 :> (0 :> 1))");
    }

    @Test
    void label_migrationSteps_readTheirArgumentsFromWhatChanged() {
        String present = "(0 :> (0 :> [type |-> \"present\", pfn |-> 2, excl |-> TRUE]))";
        String entry = "(0 :> (0 :> [type |-> \"migration\", pfn |-> 2, excl |-> TRUE]))";
        assertEquals(Optional.of("TryToMigrateOne(proc=0, vpage=0)  [try_to_migrate_one: proc=0 vpage=0]"
                + "  Migrate.tryToMigrateOne, try_to_migrate_one()"),
                StepLabel.label("TryToMigrateOne", mig(present, "{2}"), mig(entry, "{2}")));
        assertEquals(Optional.of("FolioIsolateLru(pfn=0x2)  [folio_isolate_lru: pfn=0x2]"
                + "  Migrate.folioIsolateLru, folio_isolate_lru()"),
                StepLabel.label("FolioIsolateLru", mig(present, "{}"), mig(present, "{2}")));
        assertEquals(Optional.of("MoveToNewFolio  [move_to_new_folio]  Migrate.moveToNewFolio, move_to_new_folio()"),
                StepLabel.label("MoveToNewFolio", mig(entry, "{2}"), mig(entry, "{2}")));
        // Two PTEs cannot be told apart: the names stay, without arguments.
        assertEquals(Optional.of("TryToMigrateOne  [try_to_migrate_one]  Migrate.tryToMigrateOne, try_to_migrate_one()"),
                StepLabel.label("TryToMigrateOne", mig(present, "{2}"), mig(present, "{2}")));
    }

    @Test
    void label_unknownActionOrUnreadableChange_keepsBareName() {
        assertEquals(Optional.empty(), StepLabel.label("Tick", state("{}", PB), state("{}", PB)));
        assertEquals(Optional.empty(), StepLabel.label("FreeOnePage", state("{}", PB), state("{}", PB)));
    }
}
