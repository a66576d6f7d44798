package mmcheck.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ValueDiffTest {
    private static List<String> diff(String name, String before, String after) {
        return ValueDiff.diff(name, TlaValueParser.parse(before), TlaValueParser.parse(after));
    }

    @Test
    void equalValuesHaveNoDiff() {
        assertEquals(List.of(), diff("x", "(0 :> {1} @@ 1 :> {})", "( 0 :> {1} @@\n 1 :> {} )"));
    }

    @Test
    void functionOverPfnsShowsOnlyChangedPfns() {
        assertEquals(List.of("pageBuddy[5]: FALSE -> TRUE"),
                diff("pageBuddy", "(4 :> TRUE @@ 5 :> FALSE @@ 6 :> FALSE)", "(4 :> TRUE @@ 5 :> TRUE @@ 6 :> FALSE)"));
    }

    @Test
    void freeListsShowAddedAndRemovedBlocks() {
        String before = "(2 :> [MIGRATE_UNMOVABLE |-> {}, MIGRATE_MOVABLE |-> {0, 8}] @@ "
                + "3 :> [MIGRATE_UNMOVABLE |-> {}, MIGRATE_MOVABLE |-> {16}])";
        String after = "(2 :> [MIGRATE_UNMOVABLE |-> {}, MIGRATE_MOVABLE |-> {4, 8}] @@ "
                + "3 :> [MIGRATE_UNMOVABLE |-> {}, MIGRATE_MOVABLE |-> {}])";
        assertEquals(List.of("freeList[2][\"MIGRATE_MOVABLE\"]: +{4} -{0}",
                "freeList[3][\"MIGRATE_MOVABLE\"]: +{} -{16}"), diff("freeList", before, after));
    }

    @Test
    void recordFieldsReadAsFields() {
        assertEquals(List.of("last.order: 0 -> 2"),
                diff("last", "[pfn |-> 4, order |-> 0]", "[pfn |-> 4, order |-> 2]"));
    }

    @Test
    void setOfRecordsAndScalars() {
        assertEquals(List.of("allocated: +{[pfn |-> 4, order |-> 2]} -{}"),
                diff("allocated", "{[pfn |-> 0, order |-> 2]}", "{[pfn |-> 0, order |-> 2], [pfn |-> 4, order |-> 2]}"));
        assertEquals(List.of("freePages: 16 -> 12"), diff("freePages", "16", "12"));
    }

    @Test
    void sequencesOfEqualLengthDiffPerIndexOtherwiseWhole() {
        assertEquals(List.of("q[2]: 5 -> 6"), diff("q", "<<1, 5>>", "<<1, 6>>"));
        assertEquals(List.of("q: <<1>> -> <<1, 6>>"), diff("q", "<<1>>", "<<1, 6>>"));
    }

    @Test
    void changedDomainOrKindShowsTheWholeValue() {
        assertEquals(List.of("f: (0 :> 1) -> (0 :> 1 @@ 1 :> 2)"), diff("f", "(0 :> 1)", "(0 :> 1 @@ 1 :> 2)"));
        assertEquals(List.of("v: {} -> <<>>"), diff("v", "{}", "<<>>"));
    }
}
