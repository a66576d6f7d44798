package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import mmcheck.conform.migrate.MigrateBinding;
import mmcheck.conform.migrate.MigrateModel;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.migrate.AddressSpaces;
import mmcheck.mm.migrate.Migrate;
import mmcheck.mm.migrate.MigrateBuilder;

/**
 * The replay tells states apart by every variable, not by the cfg's VIEW: MCMigrateSmall's MCView leaves out
 * opParity, so an engine whose user writes forget to flip it differs from the spec only where the view does not
 * look. TLC's own fingerprint (the view's) passed this engine; {@link StateId} does not.
 */
class ReplayStateIdentityTest {
    private static final SpecModel SPEC = Models.load("MCMigrateSmall");
    private static final MigrateModel MODEL = MigrateModel.of(SPEC);

    /** userWrite() that stores the value but does not count the user operation (opParity stays as it was). */
    static final class WriteForgetsOpParity extends AddressSpaces {
        private Migrate owner;

        WriteForgetsOpParity(PageAlloc alloc) {
            super(alloc, MODEL.nrProcs(), MODEL.nrVpages(), MODEL.anonOwner());
        }

        @Override
        public void userWrite(int proc, int vpage, int val) {
            int parity = opParity();
            super.userWrite(proc, vpage, val);
            new MigrateBuilder(owner).opParity(parity);
        }
    }

    @Test
    void replay_engineWrongOnlyWhereTheViewDoesNotLook_isCaught() {
        MigrateBinding mutant = new MigrateBinding(SPEC, zone -> {
            WriteForgetsOpParity as = new WriteForgetsOpParity(new PageAlloc(zone));
            as.setMaxPins(MODEL.maxPins());
            Migrate m = MODEL.bound(new Migrate(as));
            as.owner = m;
            return m;
        });
        ReverseReplay.Report r = new ReverseReplay(SPEC, mutant).run(Long.MAX_VALUE, 1);
        assertFalse(r.ok(), "a user write that leaves opParity alone conforms on all " + r.states() + " states");
        String failure = r.failures().get(0);
        assertTrue(failure.startsWith("UserWrite(") && failure.contains("not a spec successor")
                && failure.matches(".*opParity: [01] -> [01].*"), failure);
    }

    /** Two states that differ only in what MCView drops are two states to the replay, one to TLC's fingerprint. */
    @Test
    void stateId_seesWhatTheViewDrops() {
        tlc2.tool.TLCState s = SPEC.initStates().elementAt(0);
        java.util.Map<String, tlc2.value.impl.Value> flipped = new java.util.HashMap<>(SPEC.values(s));
        flipped.put("opParity", tlc2.value.impl.IntValue.gen(1 - TlcValues.toInt(flipped.get("opParity"))));
        tlc2.tool.TLCState t = SPEC.state(flipped);
        assertTrue(s.fingerPrint() == t.fingerPrint(), "TLC's fingerprint follows MCView, which drops opParity");
        assertFalse(StateId.of(s).equals(StateId.of(t)));
    }
}
