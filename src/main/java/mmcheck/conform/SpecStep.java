package mmcheck.conform;

import mmcheck.event.NamedStep;

/**
 * One engine step as the spec names it: an action and its arguments as engine ints. Equal steps are equal records
 * (action and arguments), so a step keys the {@link Catalog} and the verdict caches.
 */
public interface SpecStep {

    /** The kind of step, with its four spellings. */
    NamedStep action();

    /** The arguments as the engine passes them (pfns, orders, processes; migratetypes and modes as ordinals). */
    int[] args();

    /** The spec form, e.g. {@code FreeOnePage(pfn=0x4, order=1)}. */
    String specForm();

    /** The TLA+ action's name. */
    default String specName() {
        return action().specName();
    }
}
