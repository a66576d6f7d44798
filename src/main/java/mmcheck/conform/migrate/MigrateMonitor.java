package mmcheck.conform.migrate;

import mmcheck.conform.Binding;
import mmcheck.event.MigrateAction;
import mmcheck.event.MigrateEventSink;

/** The migration engine's event sink, as the core's {@link Binding.StepListener} hears it. */
public final class MigrateMonitor implements MigrateEventSink {
    private final Binding.StepListener listener;

    public MigrateMonitor(Binding.StepListener listener) {
        this.listener = listener;
    }

    @Override
    public void step(MigrateAction action, int a0, int a1, int a2, int a3) {
        MigrateStep step = MigrateStep.of(action, a0, a1, a2, a3);
        listener.step(step, step.toString());
    }

    @Override
    public void betweenSteps() {
        listener.between();
    }

    /** A request the engine refused. */
    public void refused(MigrateStep request) {
        listener.refused(request);
    }

    /** A request the engine refused, for its own reason. */
    public void refused(MigrateStep request, String reason) {
        listener.refused(request, reason);
    }
}
