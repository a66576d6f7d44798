package mmcheck.tlc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the values TLC prints in states: integers, strings, TRUE/FALSE, model values, sets {..}, intervals a..b
 * (as sets), sequences <<..>>, records [f |-> v], and functions (k :> v @@ ...).
 */
public final class TlaValueParser {
    private final String text;
    private int pos;

    private TlaValueParser(String text) {
        this.text = text;
    }

    public static TlaValue parse(String text) {
        TlaValueParser p = new TlaValueParser(text);
        TlaValue v = p.value();
        p.blank();
        if (p.pos < text.length()) {
            throw p.error("unexpected text after the value");
        }
        return v;
    }

    private TlaValue value() {
        blank();
        if (pos >= text.length()) {
            throw error("expected a value");
        }
        char c = text.charAt(pos);
        if (c == '{') {
            pos++;
            return new TlaValue.SetV(list("}"));
        }
        if (text.startsWith("<<", pos)) {
            pos += 2;
            return new TlaValue.Seq(list(">>"));
        }
        if (c == '[') {
            return record();
        }
        if (c == '(') {
            return function();
        }
        if (c == '"') {
            return string();
        }
        if (c == '-' || Character.isDigit(c)) {
            TlaValue.Int lo = integer();
            int save = pos;
            blank();
            if (text.startsWith("..", pos)) {
                pos += 2;
                blank();
                return interval(lo.value(), integer().value());
            }
            pos = save;
            return lo;
        }
        if (Character.isLetter(c) || c == '_') {
            String word = identifier();
            return switch (word) {
                case "TRUE" -> new TlaValue.Bool(true);
                case "FALSE" -> new TlaValue.Bool(false);
                default -> new TlaValue.Atom(word);
            };
        }
        throw error("unexpected '" + c + "'");
    }

    private List<TlaValue> list(String close) {
        List<TlaValue> items = new ArrayList<>();
        blank();
        if (text.startsWith(close, pos)) {
            pos += close.length();
            return items;
        }
        while (true) {
            items.add(value());
            blank();
            if (text.startsWith(",", pos)) {
                pos++;
            } else if (text.startsWith(close, pos)) {
                pos += close.length();
                return items;
            } else {
                throw error("expected ',' or '" + close + "'");
            }
        }
    }

    private TlaValue record() {
        pos++;
        Map<String, TlaValue> fields = new LinkedHashMap<>();
        blank();
        if (text.startsWith("]", pos)) {
            pos++;
            return new TlaValue.Rec(fields);
        }
        while (true) {
            blank();
            String name = identifier();
            expect("|->");
            fields.put(name, value());
            blank();
            if (text.startsWith(",", pos)) {
                pos++;
            } else if (text.startsWith("]", pos)) {
                pos++;
                return new TlaValue.Rec(fields);
            } else {
                throw error("expected ',' or ']' in a record");
            }
        }
    }

    private TlaValue function() {
        pos++;
        Map<TlaValue, TlaValue> mapping = new LinkedHashMap<>();
        while (true) {
            TlaValue key = value();
            expect(":>");
            mapping.put(key, value());
            blank();
            if (text.startsWith("@@", pos)) {
                pos += 2;
            } else if (text.startsWith(")", pos)) {
                pos++;
                return new TlaValue.Fcn(mapping);
            } else {
                throw error("expected '@@' or ')' in a function");
            }
        }
    }

    private TlaValue string() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return new TlaValue.Str(sb.toString());
            }
            if (c == '\\' && pos < text.length()) {
                char e = text.charAt(pos++);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'f' -> '\f';
                    default -> e;
                });
            } else {
                sb.append(c);
            }
        }
        throw error("unterminated string");
    }

    private TlaValue.Int integer() {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        try {
            return new TlaValue.Int(Long.parseLong(text.substring(start, pos)));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("bad integer");
        }
    }

    /** Beyond this an interval stays symbolic: listing it would help no reader. */
    private static final long MAX_EXPANDED_INTERVAL = 10_000;

    private static TlaValue interval(long lo, long hi) {
        if (hi - lo >= MAX_EXPANDED_INTERVAL) {
            return new TlaValue.Atom(lo + ".." + hi);
        }
        List<TlaValue> members = new ArrayList<>();
        for (long i = lo; i <= hi; i++) {
            members.add(new TlaValue.Int(i));
        }
        return new TlaValue.SetV(members);
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        if (pos == start) {
            throw error("expected a name");
        }
        return text.substring(start, pos);
    }

    private void expect(String token) {
        blank();
        if (!text.startsWith(token, pos)) {
            throw error("expected '" + token + "'");
        }
        pos += token.length();
    }

    private void blank() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException("TLA+ value at offset " + pos + ": " + problem);
    }
}
