package mmcheck.mm.migrate;

import java.util.function.Function;

/**
 * DriverMutant - seeded bugs in the whole-call drivers of migration (migrate_pages() with its passes, the rmap walks,
 * the copy): each a {@link Migrate} with one helper overridden, as {@link MigrateMutant}'s are. They live where the
 * per-action replay does not look: in the loops between the steps, or in state the engine carries from one step to
 * the next, or in a rule only a driver's path reaches. The reverse replay's driver runs catch each at a named step.
 */
public enum DriverMutant {
    /** try_to_migrate()'s walk gives up after the first PTE it unmaps, as if every later page were maybe pinned. */
    WALK_STOPS_AFTER_ONE_PTE(WalkStopsAfterOnePte::new),
    /** One pass too many: for (pass = 0; pass <= 10 && retry; pass++). */
    EXTRA_EAGAIN_PASS(ExtraEagainPass::new),
    /** MIGRATE_SYNC_LIGHT waits for writeback as MIGRATE_SYNC does, where 6.1 gives up with -EBUSY. */
    SYNC_LIGHT_WAITS_ON_WRITEBACK(SyncLightWaitsOnWriteback::new),
    /** folio_copy() copies the data read when the lock was taken, before try_to_migrate(): a store between is lost. */
    COPY_TAKEN_TOO_EARLY(CopyTakenTooEarly::new),
    /** The pass loop clears PageAnonExclusive of the page it picks, outside any step. */
    CHANGE_WITHOUT_STEP(ChangeWithoutStep::new);

    private final Function<AddressSpaces, Migrate> engine;

    DriverMutant(Function<AddressSpaces, Migrate> engine) {
        this.engine = engine;
    }

    /** A Migrate with this bug over as. */
    public Migrate on(AddressSpaces as) {
        return engine.apply(as);
    }

    // ---------------------------------------------------------------------------------------------- the bugs

    static final class WalkStopsAfterOnePte extends Migrate {
        private int unmapped;

        WalkStopsAfterOnePte(AddressSpaces as) {
            super(as);
        }

        @Override
        protected boolean tryToMigrateOnePte(int f, int slot) {
            return unmapped++ == 0 && super.tryToMigrateOnePte(f, slot);
        }
    }

    static final class ExtraEagainPass extends Migrate {
        ExtraEagainPass(AddressSpaces as) {
            super(as);
        }

        @Override
        protected boolean anotherPass() {
            return retry > 0 && pass < migratePasses;
        }
    }

    static final class SyncLightWaitsOnWriteback extends Migrate {
        SyncLightWaitsOnWriteback(AddressSpaces as) {
            super(as);
        }

        @Override
        protected boolean waitsOnWriteback(MigrateMode mode) {
            return mode != MigrateMode.MIGRATE_ASYNC;
        }
    }

    static final class CopyTakenTooEarly extends Migrate {
        private int readFrame = -1;
        private int read;

        CopyTakenTooEarly(AddressSpaces as) {
            super(as);
        }

        @Override
        protected boolean folioTrylock(int f) {
            boolean locked = super.folioTrylock(f);
            if (locked) {
                readFrame = f;
                read = as.content[f];
            }
            return locked;
        }

        @Override
        protected void folioCopy(int dstFrame, int srcFrame) {
            as.content[dstFrame] = srcFrame == readFrame ? read : as.content[srcFrame];
        }
    }

    static final class ChangeWithoutStep extends Migrate {
        ChangeWithoutStep(AddressSpaces as) {
            super(as);
        }

        @Override
        int nextPassTodo() {
            int pfn = super.nextPassTodo();
            if (pfn >= 0) {
                as.flags[as.idx(pfn)] &= ~AddressSpaces.PG_ANON_EXCLUSIVE;
            }
            return pfn;
        }
    }
}
