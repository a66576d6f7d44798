package mmcheck.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * MigrateEventSink - receives one call per step of the page-table and migration engine, after the step (a
 * MigrationEntryWait step is reported before its refusal is thrown: the process now sleeps, nothing else changed).
 * Primitive arguments, as {@link EventSink}, so that {@link #NONE} costs nothing on hot paths.
 */
@FunctionalInterface
public interface MigrateEventSink {

    /** Discards every event. */
    MigrateEventSink NONE = (action, a0, a1, a2, a3) -> { };

    /**
     * A step ran.
     *
     * @param action the step
     * @param a0 first parameter in {@link MigrateAction#params()} order (a mode as its ordinal), 0 if absent
     * @param a1 second parameter, 0 if absent
     * @param a2 third parameter, 0 if absent
     * @param a3 fourth parameter, 0 if absent
     */
    void step(MigrateAction action, int a0, int a1, int a2, int a3);

    /**
     * The engine is between two steps of one call (migrate_pages() with its passes and walks): nothing may have
     * changed since the last step it reported. A checker compares; the default ignores it.
     */
    default void betweenSteps() {
    }

    /** Keeps every step in trace form, in order. Not for hot paths: it allocates. */
    final class Recording implements MigrateEventSink {
        private final List<String> lines = new ArrayList<>();

        @Override
        public void step(MigrateAction action, int a0, int a1, int a2, int a3) {
            int[] all = {a0, a1, a2, a3};
            int[] args = new int[action.arity()];
            System.arraycopy(all, 0, args, 0, args.length);
            lines.add(action.describe(args));
        }

        /** The steps so far in trace form, oldest first; a read-only view. */
        public List<String> lines() {
            return Collections.unmodifiableList(lines);
        }

        public void clear() {
            lines.clear();
        }
    }
}
