package mmcheck.conform.buddy;

import mmcheck.conform.Binding;
import mmcheck.event.EventSink;
import mmcheck.event.MmAction;
import mmcheck.event.StepEvent;

/** The buddy allocator's event sink, as the core's {@link Binding.StepListener} hears it. */
public final class BuddyMonitor implements EventSink {
    private final Binding.StepListener listener;

    public BuddyMonitor(Binding.StepListener listener) {
        this.listener = listener;
    }

    @Override
    public void step(MmAction action, int a0, int a1, int a2, int result) {
        int[] args = java.util.Arrays.copyOf(new int[] {a0, a1, a2}, action.arity());
        listener.step(new BuddyStep(action, args), new StepEvent(action, args, result).toString());
    }

    /** A request the allocator refused. */
    public void refused(BuddyStep request) {
        listener.refused(request);
    }

    /** A request the allocator refused, for its own reason. */
    public void refused(BuddyStep request, String reason) {
        listener.refused(request, reason);
    }
}
