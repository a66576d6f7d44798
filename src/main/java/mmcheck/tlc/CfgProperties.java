package mmcheck.tlc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tlc2.TLCGlobals;
import tlc2.tool.ConfigFileException;
import tlc2.tool.impl.ModelConfig;
import tlc2.util.Vect;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.SetEnumValue;

/**
 * What the runner needs to know of a TLC cfg (its PROPERTY names, whether it has a VIEW, its constants), as
 * TLC's own parser, tlc2.tool.impl.ModelConfig, reads it. Reading it here, before TLC starts, turns a malformed
 * cfg into one line of bad input instead of a failed model run.
 */
public final class CfgProperties {
    /** A cfg is a few hundred bytes; the bound keeps a misnamed device or log from being read whole. */
    static final long MAX_BYTES = 1 << 20;

    private final Path file;
    private final ModelConfig config;

    private CfgProperties(Path file, ModelConfig config) {
        this.file = file;
        this.config = config;
    }

    /** Parses a cfg; any problem is a BadInputException naming the file and, where TLC says it, the line. */
    public static CfgProperties read(Path cfg) {
        try {
            if (!Files.isRegularFile(cfg)) {
                throw new BadInputException(cfg + ": no such file");
            }
            if (Files.size(cfg) > MAX_BYTES) {
                throw new BadInputException(cfg + ": larger than " + (MAX_BYTES >> 20) + " MiB; not a TLC cfg");
            }
            ModelConfig config = new ModelConfig(cfg.toString(), null);
            config.parse();
            return new CfgProperties(cfg, config);
        } catch (ConfigFileException e) {
            throw new BadInputException(cfg + ": " + oneLine(e.getMessage()));
        } catch (java.io.IOException e) {
            throw new BadInputException(cfg + ": cannot read: " + oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            if (e instanceof BadInputException) {
                throw e;
            }
            // ModelConfig's token manager throws its own errors on bytes it has no token for.
            throw new BadInputException(cfg + ": not a TLC cfg: " + oneLine(e.getMessage()));
        } catch (Error e) {
            if (e.getClass().getName().startsWith("tla2sany.")) {
                throw new BadInputException(cfg + ": not a TLC cfg: " + oneLine(e.getMessage()));
            }
            throw e;
        }
    }

    /** The names after PROPERTY or PROPERTIES. */
    public List<String> propertyNames() {
        return strings(config.getProperties());
    }

    /** The operator after NEXT, if the cfg names one. */
    public java.util.Optional<String> next() {
        return nonEmpty(config.getNext());
    }

    /** The operator after SPECIFICATION, if the cfg names one. */
    public java.util.Optional<String> specification() {
        return nonEmpty(config.getSpec());
    }

    private static java.util.Optional<String> nonEmpty(String s) {
        return s == null || s.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(s);
    }

    /** Whether the cfg declares a VIEW. */
    public boolean hasView() {
        String view = config.getView();
        return view != null && !view.isEmpty();
    }

    /**
     * Refuses an integer constant TLC could not enumerate a range up to: TLC builds sets of at most
     * TLCGlobals.setBound elements, so a model with ZoneEnd = 2147483647 would run for ever (or until memory runs
     * out) instead of failing.
     */
    public void requireEnumerableConstants() {
        Vect<?> constants = config.getConstants();
        for (int i = 0; i < constants.size(); i++) {
            Vect<?> binding = (Vect<?>) constants.elementAt(i);
            Object value = binding.elementAt(binding.size() - 1);
            long largest = largestInteger(value);
            if (largest > TLCGlobals.setBound) {
                throw new BadInputException(file + ": constant " + binding.elementAt(0) + " = " + value
                        + " is beyond what TLC can enumerate (sets of at most " + TLCGlobals.setBound
                        + " elements); a model's constants must keep its state space small");
            }
        }
    }

    private static long largestInteger(Object value) {
        if (value instanceof IntValue n) {
            return Math.abs((long) n.val);
        }
        long largest = 0;
        if (value instanceof SetEnumValue set) {
            for (int i = 0; i < set.elems.size(); i++) {
                largest = Math.max(largest, largestInteger(set.elems.elementAt(i)));
            }
        }
        return largest;
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

    /** Whether the cfg declares a VIEW; false for a cfg that cannot be read (TLC will say why). */
    static boolean hasView(Path cfg) {
        try {
            return read(cfg).hasView();
        } catch (BadInputException e) {
            return false;
        }
    }

    /** Names after PROPERTY or PROPERTIES; none for a cfg that cannot be read. */
    public static List<String> properties(Path cfg) {
        try {
            return read(cfg).propertyNames();
        } catch (BadInputException e) {
            return List.of();
        }
    }

    private static List<String> strings(Vect<?> names) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            out.add(String.valueOf(names.elementAt(i)));
        }
        return out;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
