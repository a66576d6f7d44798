package mmcheck.mm.compaction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * FtraceWriter - writes events as lines of /sys/kernel/tracing/trace, so one parser reads the engine and the kernel.
 * Kernel: the default trace output of kernel/trace/trace_output.c ("%16s-%-7d [%03d] %s %5lu.%06lu: name: fields").
 *
 * <p>The task is the caller the run stands for (a compact_memory writer, kcompactd0, a faulting process), the flags
 * are "....." and the timestamp is a logical clock: one microsecond per event.
 */
public final class FtraceWriter implements CompactionTracer {

    private final Appendable out;
    private String comm = "mmcheck";
    private int pid = 1;
    private int cpu;
    private long micros;

    public FtraceWriter(Appendable out) {
        this.out = out;
    }

    /** The task and cpu the next lines name, e.g. ("kcompactd0", 34, 1). */
    public FtraceWriter task(String comm, int pid, int cpu) {
        this.comm = comm;
        this.pid = pid;
        this.cpu = cpu;
        return this;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public void event(String name, String fields) {
        micros++;
        try {
            out.append(line(comm, pid, cpu, micros, name, fields)).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One trace line. */
    public static String line(String comm, int pid, int cpu, long micros, String name, String fields) {
        return String.format(Locale.ROOT, "%16s-%-7d [%03d] ..... %5d.%06d: %s: %s", comm, pid, cpu,
                micros / 1_000_000, micros % 1_000_000, name, fields);
    }
}
