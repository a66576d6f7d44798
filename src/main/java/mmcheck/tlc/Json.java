package mmcheck.tlc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Minimal JSON reader and writer for models/manifest.json.
 * Objects become {@code LinkedHashMap<String, Object>} (key order is kept so a rewritten manifest diffs cleanly),
 * arrays {@code List<Object>}, integers {@code Long}, other numbers {@code Double}, and JSON null Java null.
 */
public final class Json {
    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** Parses one JSON document; trailing non-blank text is an error. */
    public static Object parse(String text) {
        Json p = new Json(text);
        Object value = p.value();
        p.skipBlank();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "' after the document");
        }
        return value;
    }

    /** Writes a value as indented JSON ending in a newline. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, "");
        return out.append('\n').toString();
    }

    private Object value() {
        skipBlank();
        char c = peek();
        if (pos >= text.length()) {
            throw error("unexpected end of input, expected a value");
        } else if (c == '{') {
            return object();
        } else if (c == '[') {
            return array();
        } else if (c == '"') {
            return string();
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        }
        for (Object literal : new Object[] {true, false, null}) {
            String word = String.valueOf(literal);
            if (text.startsWith(word, pos)) {
                pos += word.length();
                return literal;
            }
        }
        throw error("unexpected '" + c + "', expected a value");
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        if (opensEmpty('}')) {
            return map;
        }
        do {
            skipBlank();
            if (peek() != '"') {
                throw error("expected a string key");
            }
            int keyPos = pos;
            String key = string();
            if (map.containsKey(key)) {
                pos = keyPos;
                throw error("duplicate key \"" + key + "\"");
            }
            skipBlank();
            if (peek() != ':') {
                throw error("expected ':'");
            }
            pos++;
            map.put(key, value());
        } while (separator('}', "object"));
        return map;
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        if (opensEmpty(']')) {
            return list;
        }
        do {
            list.add(value());
        } while (separator(']', "array"));
        return list;
    }

    /** Consumes the opening bracket; true (and consumes the close) when the container is empty. */
    private boolean opensEmpty(char close) {
        pos++;
        skipBlank();
        if (peek() == close) {
            pos++;
            return true;
        }
        return false;
    }

    /** After an element: true on ',', false on the closing bracket. */
    private boolean separator(char close, String container) {
        skipBlank();
        char c = peek();
        if (c != ',' && c != close) {
            throw error("expected ',' or '" + close + "' in " + container);
        }
        pos++;
        return c == ',';
    }

    private String string() {
        StringBuilder sb = new StringBuilder();
        for (pos++; ; ) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            } else if (c < 0x20) {
                pos--;
                throw error("control character in string");
            } else if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = peek();
            pos++;
            int simple = "\"\\/bfnrt".indexOf(e);
            if (simple >= 0) {
                sb.append("\"\\/\b\f\n\r\t".charAt(simple));
            } else if (e == 'u' && pos + 4 <= text.length()
                    && text.substring(pos, pos + 4).matches("[0-9a-fA-F]{4}")) {
                sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                pos += 4;
            } else {
                pos--;
                throw error(e == 'u' ? "bad \\u escape" : "bad escape '\\" + e + "'");
            }
        }
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int digits = skipDigits();
        if (digits == 0) {
            throw error("expected a digit");
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            skipDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            skipDigits();
        }
        String s = text.substring(start, pos);
        try {
            return integral ? (Object) Long.parseLong(s) : (Object) Double.parseDouble(s);
        } catch (NumberFormatException ex) {
            pos = start;
            throw error("bad number " + s);
        }
    }

    private int skipDigits() {
        int start = pos;
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
        return pos - start;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipBlank() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private JsonException error(String problem) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new JsonException("line " + line + ", column " + (pos - lineStart + 1) + ": " + problem);
    }

    private static void write(StringBuilder out, Object value, String indent) {
        String inner = indent + "  ";
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                writeString(out.append(inner), String.valueOf(e.getKey()));
                write(out.append(": "), e.getValue(), inner);
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                write(out.append(inner), list.get(i), inner);
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (value instanceof Map || value instanceof List) {
            out.append(value instanceof Map ? "{}" : "[]");
        } else if (value instanceof String s) {
            writeString(out, s);
        } else if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            throw new IllegalArgumentException("JSON cannot hold " + d);
        } else if (value == null || value instanceof Boolean || value instanceof Number) {
            out.append(value);
        } else {
            throw new IllegalArgumentException("JSON cannot hold a " + value.getClass().getName());
        }
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (char c : s.toCharArray()) {
            int simple = "\"\\\n\r\t".indexOf(c);
            if (simple >= 0) {
                out.append('\\').append("\"\\nrt".charAt(simple));
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
