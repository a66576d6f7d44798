package mmcheck.conform;

import java.util.List;

import tlc2.tool.Action;

/** A spec's actions as the engine names them: the directed TLC action of one step, and every step Next offers. */
public interface ActionCatalog {

    /** The TLC action for one step: the spec's operator with its parameters bound, framed as Next frames it. */
    Action action(SpecStep step);

    /** Every action instance Next quantifies over, in Next's order. */
    List<? extends SpecStep> all();
}
