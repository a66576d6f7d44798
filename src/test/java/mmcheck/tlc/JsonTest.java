package mmcheck.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {
    @Test
    void parsesEveryKindOfValue() {
        Object v = Json.parse(" {\"a\": [1, -2, 3.5, 1e3], \"b\": {\"c\": true, \"d\": false, \"e\": null},"
                + " \"s\": \"q\\\"\\\\\\/\\n\\t\\u00e9\"} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of(1L, -2L, 3.5, 1000.0), m.get("a"));
        Map<?, ?> b = (Map<?, ?>) m.get("b");
        assertEquals(Boolean.TRUE, b.get("c"));
        assertEquals(Boolean.FALSE, b.get("d"));
        assertTrue(b.containsKey("e"));
        assertNull(b.get("e"));
        assertEquals("q\"\\/\n\t\u00e9", m.get("s"));
    }

    @Test
    void keepsKeyOrder() {
        Map<?, ?> m = (Map<?, ?>) Json.parse("{\"z\": 1, \"a\": 2, \"m\": 3}");
        assertEquals(List.of("z", "a", "m"), List.copyOf(m.keySet()));
    }

    @Test
    void writtenJsonParsesBackToTheSameValue() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "tab\there \"quoted\" back\\slash \u0001");
        m.put("n", 42L);
        m.put("x", 0.25);
        m.put("list", Arrays.asList(1L, null, true, List.of(), Map.of()));
        m.put("empty", new LinkedHashMap<>());
        String text = Json.write(m);
        assertEquals(m, Json.parse(text));
        assertTrue(text.endsWith("}\n"));
        assertTrue(text.contains("\n  \"n\": 42,\n"), text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"a\": tru}                  | line 1, column 7: unexpected 't', expected a value",
        "{\"a\": 1,}                   | line 1, column 9: expected a string key",
        "[1 2]                         | line 1, column 4: expected ',' or ']' in array",
        "{\"a\" 1}                     | line 1, column 6: expected ':'",
        "\"abc                         | line 1, column 5: unterminated string",
        "{\"a\": 1} x                  | line 1, column 10: unexpected 'x' after the document",
        "{\"a\": 1, \"a\": 2}          | line 1, column 10: duplicate key \"a\"",
        "\"\\x\"                       | line 1, column 3: bad escape '\\x'",
        "-                             | line 1, column 2: expected a digit",
        "''                            | line 1, column 1: unexpected end of input, expected a value",
    })
    void malformedInputIsOneLineNamingLineAndColumn(String text, String message) {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void errorPositionCountsLines() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\n  \"models\": [\n    {,\n  ]\n}"));
        assertEquals("line 3, column 6: expected a string key", e.getMessage());
    }
}
