package mmcheck.mm;

/**
 * StepRefusedException - a step was asked for whose spec action is not enabled in the current state. The engine
 * state is unchanged. The one-line message names the kernel function and why, e.g.
 * {@code __free_one_page: no allocated block of order 2 at pfn 0x40}.
 */
public class StepRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StepRefusedException(String kernelFunction, String reason) {
        super(kernelFunction + ": " + reason);
    }
}
