package mmcheck.cli;

import java.io.UncheckedIOException;
import java.util.List;

import mmcheck.tlc.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports bad arguments and bad input as one line, "mmcheck &lt;cmd&gt;: &lt;problem&gt;", with exit code 2.
 * A stack trace tells a user nothing about which file or argument to fix.
 */
final class OneLineErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
    static final int EXIT_BAD_INPUT = 2;

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println(prefix(cmd) + problem(ex, cmd));
        cmd.getErr().flush();
        return EXIT_BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        cmd.getErr().println(prefix(cmd) + describe(ex));
        cmd.getErr().flush();
        return EXIT_BAD_INPUT;
    }

    static String prefix(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName() + ": ";
    }

    private static String problem(ParameterException ex, CommandLine cmd) {
        if (ex instanceof UnmatchedArgumentException u && !cmd.getSubcommands().isEmpty()) {
            List<String> unmatched = u.getUnmatched();
            if (!unmatched.isEmpty() && !unmatched.get(0).startsWith("-")) {
                return "unknown subcommand '" + unmatched.get(0) + "' (known: "
                        + String.join(", ", cmd.getSubcommands().keySet()) + ")";
            }
        }
        return oneLine(ex.getMessage());
    }

    /** Input problems speak for themselves; anything else is a bug, so its type is named to find it. */
    static String describe(Throwable ex) {
        if (ex instanceof BadInputException || ex instanceof mmcheck.conform.SpecLoadException
                || ex instanceof mmcheck.mm.MmConfigException) {
            return oneLine(ex.getMessage());
        }
        if (ex instanceof UncheckedIOException && ex.getCause() != null) {
            return oneLine(ex.getMessage() + ": " + ex.getCause().getMessage());
        }
        return ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + oneLine(ex.getMessage()));
    }

    /** What a user can do about a JVM that ran out of stack or heap on their input. */
    static String describeExhaustion(VirtualMachineError e) {
        return e instanceof StackOverflowError
                ? "the input is nested too deeply to read (the JVM ran out of stack)"
                : "the input is too large for this JVM's memory (it ran out of heap; give java a larger -Xmx, "
                        + "or a smaller input)";
    }

    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
