package mmcheck.conform;

import mmcheck.event.NamedStep;
import tlc2.value.impl.Value;

/** One engine step as the spec names it: an action and its arguments, as engine ints and as TLC values. */
public interface SpecStep {

    /** The kind of step, with its four spellings. */
    NamedStep action();

    /** The arguments as the engine passes them (pfns, orders, processes; migratetypes and modes as ordinals). */
    int[] args();

    /** The arguments as TLC values, in the TLA+ formal parameter order. */
    Value[] specArgs();

    /** The spec form, e.g. {@code FreeOnePage(pfn=0x4, order=1)}. */
    String specForm();

    /** The TLA+ action's name. */
    default String specName() {
        return action().specName();
    }
}
