package mmcheck.tlc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One model of models/manifest.json: which cfg and module TLC runs, how, and what it is expected to report.
 * Paths are relative to the repository root as written in the manifest. Optional fields are null when absent:
 * violatedInvariant (failures), distinctStates/totalStates/stateDepth (exhaustive search), depth/num (simulate),
 * description, and checkDeadlock (false turns deadlock checking off; null leaves it to the cfg). onDemand marks a
 * model too long for ./check.sh and mvn verify: it is listed, run only by name, and left out of the rule-coverage gate.
 */
public record ManifestEntry(String path, String module, ModelMode mode, TlcOutcome result,
                            String violatedInvariant, Long distinctStates, Long totalStates, Long stateDepth,
                            Duration runtime, Integer depth, Long num, String description, Boolean checkDeadlock,
                            boolean onDemand) {

    private static final Pattern RUNTIME = Pattern.compile("(\\d{2,4}):([0-5]\\d):([0-5]\\d)");

    /** The name users type: the cfg file name without ".cfg" (models/MCBuddy.cfg is MCBuddy). */
    public String name() {
        String file = Path.of(path).getFileName().toString();
        return file.endsWith(".cfg") ? file.substring(0, file.length() - 4) : file;
    }

    /** How a user runs this on-demand model by hand: both cores of the 2-core machine its figures were taken on. */
    public String onDemandCommand() {
        return "./check.sh tlc " + name() + " --workers 2";
    }

    /** Parses the manifest's "HH:MM:SS"; null when the text is not of that shape. */
    public static Duration parseRuntime(String text) {
        Matcher m = RUNTIME.matcher(text);
        if (!m.matches()) {
            return null;
        }
        return Duration.ofHours(Long.parseLong(m.group(1)))
                .plusMinutes(Long.parseLong(m.group(2)))
                .plusSeconds(Long.parseLong(m.group(3)));
    }

    public static String formatRuntime(Duration d) {
        long s = d.getSeconds();
        return String.format("%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    /** This entry as a JSON object, fields in the manifest's conventional order, absent ones left out. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        m.put("module", module);
        m.put("mode", mode.label());
        putIfSet(m, "checkDeadlock", checkDeadlock);
        putIfSet(m, "depth", depth == null ? null : depth.longValue());
        putIfSet(m, "num", num);
        m.put("result", result.label());
        putIfSet(m, "violatedInvariant", violatedInvariant);
        putIfSet(m, "distinctStates", distinctStates);
        putIfSet(m, "totalStates", totalStates);
        putIfSet(m, "stateDepth", stateDepth);
        m.put("runtime", formatRuntime(runtime));
        putIfSet(m, "description", description);
        putIfSet(m, "onDemand", onDemand ? Boolean.TRUE : null);
        return m;
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
