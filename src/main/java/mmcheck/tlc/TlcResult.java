package mmcheck.tlc;

import java.util.List;

/**
 * What one TLC run reported.
 *
 * @param violatedProperty the invariant (or action property) TLC names as violated, else null
 * @param distinctStates   distinct states found; null when TLC did not say (simulation, early failure)
 * @param totalStates      states generated; null when TLC did not say
 * @param depth            depth of the state graph search (exhaustive) or null
 * @param seconds          run time as TLC reports it, or measured around the process when TLC did not finish
 * @param trace            the counterexample, first state first; empty when there is none
 * @param problem          one line saying what went wrong; null on success
 * @param output           TLC's complete -tool output, for diagnosis
 */
public record TlcResult(TlcOutcome outcome, int exitCode, String violatedProperty, Long distinctStates,
                        Long totalStates, Long depth, double seconds, List<TraceState> trace, String problem,
                        String output) {
    public TlcResult {
        trace = List.copyOf(trace);
    }
}
