package mmcheck.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TlaValueParserTest {
    private static TlaValue.Int i(long v) {
        return new TlaValue.Int(v);
    }

    @Test
    void scalars() {
        assertEquals(i(-12), TlaValueParser.parse(" -12 "));
        assertEquals(new TlaValue.Bool(true), TlaValueParser.parse("TRUE"));
        assertEquals(new TlaValue.Bool(false), TlaValueParser.parse("FALSE"));
        assertEquals(new TlaValue.Str("MIGRATE_MOVABLE"), TlaValueParser.parse("\"MIGRATE_MOVABLE\""));
        assertEquals(new TlaValue.Str("a\"b\\c\nd"), TlaValueParser.parse("\"a\\\"b\\\\c\\nd\""));
        assertEquals(new TlaValue.Atom("m1"), TlaValueParser.parse("m1"));
    }

    @Test
    void collections() {
        assertEquals(new TlaValue.SetV(List.of()), TlaValueParser.parse("{}"));
        assertEquals(new TlaValue.SetV(List.of(i(1), i(2))), TlaValueParser.parse("{1, 2}"));
        assertEquals(new TlaValue.SetV(List.of(i(2), i(3), i(4))), TlaValueParser.parse("2..4"));
        assertEquals(new TlaValue.Seq(List.of()), TlaValueParser.parse("<<>>"));
        assertEquals(new TlaValue.Seq(List.of(i(1), new TlaValue.Str("x"))), TlaValueParser.parse("<<1, \"x\">>"));
        Map<String, TlaValue> fields = new LinkedHashMap<>();
        fields.put("pfn", i(4));
        fields.put("mt", new TlaValue.Str("MIGRATE_MOVABLE"));
        assertEquals(new TlaValue.Rec(fields), TlaValueParser.parse("[pfn |-> 4, mt |-> \"MIGRATE_MOVABLE\"]"));
        assertEquals(new TlaValue.Rec(Map.of()), TlaValueParser.parse("[]"));
    }

    @Test
    void functionsAsTlcWrapsThem() {
        TlaValue f = TlaValueParser.parse("( 0 :> FALSE @@\n  1 :> TRUE @@\n  2 :> FALSE )");
        Map<TlaValue, TlaValue> m = ((TlaValue.Fcn) f).mapping();
        assertEquals(List.of(i(0), i(1), i(2)), List.copyOf(m.keySet()));
        assertEquals(new TlaValue.Bool(true), m.get(i(1)));
        assertEquals("(0 :> FALSE @@ 1 :> TRUE @@ 2 :> FALSE)", f.toString());
    }

    @Test
    void nestedValuesPrintBackAsTlcSyntax() {
        String text = "(0 :> [MIGRATE_UNMOVABLE |-> {}, MIGRATE_MOVABLE |-> {0, 8}] @@ 1 :> [MIGRATE_UNMOVABLE |-> "
                + "{<<1, \"a\">>}, MIGRATE_MOVABLE |-> {}])";
        assertEquals(text, TlaValueParser.parse(text).toString());
    }

    @Test
    void hugeIntervalsStaySymbolic() {
        assertEquals(new TlaValue.Atom("0..100000"), TlaValueParser.parse("0..100000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{1, 2", "[a |-> ]", "(1 :> 2", "\"open", "<<1 2>>", "1 2", "[a 1]", "+"})
    void malformedValuesAreRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> TlaValueParser.parse(text));
    }
}
