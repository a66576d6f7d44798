package mmcheck.tlc;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * Jackson, set up for models/manifest.json: duplicate keys are errors (a hand-edited manifest that names a
 * field twice would silently keep one), nesting is shallow (a manifest is three levels deep; a deep one is not a
 * manifest and must not cost a deep recursion), and the output keeps the manifest's own layout.
 */
final class ManifestJson {
    /** A manifest is objects in an array in an object; anything deeper is refused on the spot. */
    static final int MAX_NESTING = 8;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
            .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n")));

    private ManifestJson() {
    }

    /** One JSON document; malformed text is a JsonException "line L, column C: problem". */
    static JsonNode parse(String text) {
        try (JsonParser parser = MAPPER.createParser(text)) {
            try {
                JsonNode node = MAPPER.readTree(parser);
                if (node == null) {
                    throw new JsonException("line 1, column 1: no JSON value");
                }
                if (parser.nextToken() != null) {
                    throw error(parser.currentTokenLocation(), "unexpected text after the document");
                }
                return node;
            } catch (StreamConstraintsException e) {
                throw error(parser.currentLocation(), "nested deeper than " + MAX_NESTING + " levels");
            }
        } catch (JsonProcessingException e) {
            // Jackson names a character by its code as well ('}' (code 125)); the character is enough.
            throw error(e.getLocation(), e.getOriginalMessage().lines().findFirst().orElse("malformed JSON")
                    .replaceAll(" \\(code -?\\d+\\)", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tree of maps, lists, strings and numbers as indented JSON ending in a newline. */
    static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonException error(JsonLocation at, String problem) {
        String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        return new JsonException(where + problem);
    }
}
