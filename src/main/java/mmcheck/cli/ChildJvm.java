package mmcheck.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a subcommand of this CLI in a child JVM. TLC keeps one spec per JVM, so each in-process
 * conformance check (refine, replay) of the main job gets its own.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /** A post-step of check that runs "mmcheck args..." in a child JVM and passes when it exits 0. */
    static CheckCommand.PostStep postStep(String name, String... args) {
        return new CheckCommand.PostStep(name, () -> run(new PrintWriter(System.out, true), args) == 0);
    }

    /** Runs the subcommand, copying its output to out; returns its exit status. */
    static int run(PrintWriter out, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        cmd.add("-Xss4m");
        // As check.sh launches the CLI: the serial collector for its one thread, C1 alone for a refine run (seconds
        // long, it never earns back C2's compilation of TLC's evaluator).
        cmd.add("-XX:+UseSerialGC");
        if (args.length > 0 && args[0].equals("refine")) {
            cmd.add("-XX:TieredStopAtLevel=1");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                out.println(line);
            }
        }
        out.flush();
        return p.waitFor();
    }
}
