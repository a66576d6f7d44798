package mmcheck.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** RecordingSink - keeps every step as a {@link StepEvent}, in order. Not for hot paths: it allocates. */
public final class RecordingSink implements EventSink {

    private final List<StepEvent> events = new ArrayList<>();

    @Override
    public void step(MmAction action, int a0, int a1, int a2, int result) {
        int[] args;
        switch (action.arity()) {
            case 1:
                args = new int[] {a0};
                break;
            case 2:
                args = new int[] {a0, a1};
                break;
            default:
                args = new int[] {a0, a1, a2};
                break;
        }
        events.add(new StepEvent(action, args, result));
    }

    /** The events so far, oldest first; a read-only view. */
    public List<StepEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /** The latest event, or null if none. */
    public StepEvent last() {
        return events.isEmpty() ? null : events.get(events.size() - 1);
    }

    /** Forgets all events. */
    public void clear() {
        events.clear();
    }
}
