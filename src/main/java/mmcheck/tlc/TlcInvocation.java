package mmcheck.tlc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One TLC run to make: the module and cfg, how to explore, and where EXTENDS finds the specs.
 *
 * @param simulateDepth  -depth for mode simulate, else null
 * @param simulateNum    number of traces for mode simulate, else null
 * @param ignoreDeadlock pass -deadlock (TLC's switch that turns deadlock checking off); false leaves it to the cfg
 * @param libraryPath    directories on TLA-Library, searched for EXTENDed modules (the repository's spec/)
 * @param timeout        null for none
 */
public record TlcInvocation(Path module, Path config, ModelMode mode, Integer simulateDepth, Long simulateNum,
                            int workers, boolean ignoreDeadlock, List<Path> libraryPath, Duration timeout) {
    public TlcInvocation {
        libraryPath = List.copyOf(libraryPath);
        if (workers < 1) {
            throw new BadInputException("workers must be at least 1, not " + workers);
        }
        if (mode == ModelMode.SIMULATE && (simulateDepth == null || simulateNum == null)) {
            throw new IllegalArgumentException("mode simulate needs a depth and a number of traces");
        }
    }

    /** Exhaustive search of a module and cfg, deadlock checking as the cfg says. */
    public static TlcInvocation exhaustive(Path module, Path config, int workers, List<Path> libraryPath) {
        return new TlcInvocation(module, config, ModelMode.EXHAUSTIVE, null, null, workers, false, libraryPath, null);
    }

    /** The run a manifest entry describes; spec/ goes on the library path when the repository has one. */
    /** Below this many distinct states a model is checked with one worker. */
    static final long SMALL_MODEL_STATES = 50_000;

    public static TlcInvocation of(ModelManifest manifest, ManifestEntry entry, int workers, Duration timeout) {
        List<Path> library = new ArrayList<>();
        if (Files.isDirectory(manifest.specDir())) {
            library.add(manifest.specDir());
        }
        Path config = manifest.resolve(entry.path());
        // With a VIEW, which of two view-equal states TLC keeps depends on worker scheduling, and so may the
        // states reached from it: one worker keeps the counts the manifest records reproducible.
        // Under several workers TLC's depth depends on which worker reaches a state first (MCCompactionObsDefer
        // reported 8 and 9, MCCompactionObs 16 and 17); a model of a few ten thousand states gains little from a
        // second worker, so it keeps one and its recorded depth.
        boolean small = entry.distinctStates() != null && entry.distinctStates() < SMALL_MODEL_STATES;
        int n = CfgProperties.hasView(config) || small ? 1 : workers;
        return new TlcInvocation(manifest.resolve(entry.module()), config, entry.mode(),
                entry.depth(), entry.num(), n, Boolean.FALSE.equals(entry.checkDeadlock()), library, timeout);
    }

    public TlcInvocation withWorkers(int n) {
        return new TlcInvocation(module, config, mode, simulateDepth, simulateNum, n, ignoreDeadlock, libraryPath,
                timeout);
    }

    public TlcInvocation withTimeout(Duration t) {
        return new TlcInvocation(module, config, mode, simulateDepth, simulateNum, workers, ignoreDeadlock,
                libraryPath, t);
    }
}
