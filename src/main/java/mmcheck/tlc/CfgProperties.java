package mmcheck.tlc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the runner needs to know of a TLC cfg: its PROPERTY names and whether it has a VIEW.
 * The PROPERTY names a TLC cfg lists. TLC names a violated action property (a refinement, say) only
 * by its source location; when the cfg checks exactly one property, that is its name.
 */
public final class CfgProperties {
    private static final java.util.Set<String> KEYWORDS = java.util.Set.of("CONSTANT", "CONSTANTS", "INIT", "NEXT",
            "SPECIFICATION", "INVARIANT", "INVARIANTS", "CONSTRAINT", "CONSTRAINTS", "ACTION_CONSTRAINT",
            "ACTION_CONSTRAINTS", "SYMMETRY", "VIEW", "CHECK_DEADLOCK", "POSTCONDITION", "ALIAS");
    private CfgProperties() {
    }

    /** The result with a location-only property violation named after the cfg's single PROPERTY. */
    static TlcResult named(TlcResult r, Path cfg) {
        String v = r.violatedProperty();
        if (v == null || !v.startsWith("line ")) {
            return r;
        }
        List<String> props = properties(cfg);
        if (props.size() != 1) {
            return r;
        }
        return new TlcResult(r.outcome(), r.exitCode(), props.get(0), r.distinctStates(), r.totalStates(),
                r.depth(), r.seconds(), r.trace(), r.problem(), r.output());
    }

    /** Whether the cfg declares a VIEW. */
    static boolean hasView(Path cfg) {
        try {
            for (String raw : Files.readString(cfg).split("\\R")) {
                String line = raw.replaceAll("\\\\\\*.*$", "").strip();
                if (line.equals("VIEW") || line.startsWith("VIEW ")) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Names after PROPERTY or PROPERTIES, up to the next cfg keyword. */
    public static List<String> properties(Path cfg) {
        List<String> out = new ArrayList<>();
        String text;
        try {
            text = Files.readString(cfg);
        } catch (IOException e) {
            return out;
        }
        boolean inProperties = false;
        for (String raw : text.split("\\R")) {
            String line = raw.replaceAll("\\\\\\*.*$", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            int from = 0;
            if (words[0].equals("PROPERTY") || words[0].equals("PROPERTIES")) {
                inProperties = true;
                from = 1;
            } else if (KEYWORDS.contains(words[0])) {
                inProperties = false;
            }
            if (inProperties) {
                for (int i = from; i < words.length; i++) {
                    out.add(words[i]);
                }
            }
        }
        return out;
    }
}
