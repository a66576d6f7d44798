package mmcheck.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import mmcheck.tlc.BadInputException;

/**
 * A kernel-traces dataset folder (trace.txt, phases.txt, before/ fragmented/ after/ snapshots), or a bare trace file.
 */
public record Dataset(Path trace, Path phases, List<Path> snapshots) {
    /** The snapshot folders in the order they were taken. */
    static final List<String> SNAPSHOTS = List.of("before", "fragmented", "after");

    public static Dataset of(Path path) {
        if (Files.isDirectory(path)) {
            Path trace = path.resolve("trace.txt");
            if (!Files.isRegularFile(trace)) {
                throw new BadInputException(path + ": a dataset folder needs trace.txt");
            }
            Path phases = path.resolve("phases.txt");
            List<Path> snaps = new ArrayList<>();
            for (String s : SNAPSHOTS) {
                if (Files.isDirectory(path.resolve(s))) {
                    snaps.add(path.resolve(s));
                }
            }
            return new Dataset(trace, Files.isRegularFile(phases) ? phases : null, List.copyOf(snaps));
        }
        if (!Files.exists(path)) {
            throw new BadInputException(path + ": no such file or dataset folder");
        }
        return new Dataset(path, null, List.of());
    }
}
