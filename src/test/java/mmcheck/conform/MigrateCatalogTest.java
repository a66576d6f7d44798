package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import mmcheck.event.MigrateAction;
import mmcheck.event.NamedStep;

/**
 * Migrate.tla's catalogue is TLC's split of MigrateNext, each disjunct with its frame: on the first reachable
 * states of MCMigrateReplay (whose NEXT is MigrateNext itself), the catalogue has exactly TLC's successors, and
 * every engine action is an instance of it.
 */
class MigrateCatalogTest {
    private static final SpecModel SPEC = Models.load("MCMigrateReplay");
    private static final int STATES = 1_500;

    @Test
    void catalogue_isTlcsSplitOfMigrateNext() {
        Catalog c = Catalog.of(SPEC, Binding.of(SPEC));
        assertEquals(SPEC.tool().getActions().length, c.entries().size());
        Set<NamedStep> all = new HashSet<>();
        c.entries().forEach(e -> all.add(e.step().action()));
        assertEquals(Set.of(MigrateAction.values()), all, "every engine action is an instance of MigrateNext");
        Set<NamedStep> fired = new HashSet<>();
        int states = NextEquivalence.assertInstancesAreNext(SPEC, c, STATES, inst -> fired.add(inst.action()));
        assertEquals(STATES, states);
        assertTrue(fired.size() > MigrateAction.values().length / 2, "actions that fired: " + fired);
    }
}
