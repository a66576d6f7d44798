package mmcheck.mm.buddy;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import mmcheck.mm.MmGeometry;
import mmcheck.mm.Zone;

/**
 * BuddyValidation - checks every invariant on every zone a test created, after the test, so each example test
 * also checks that the steps it ran left a valid zone. Register with {@code @RegisterExtension}.
 */
public final class BuddyValidation implements AfterEachCallback {

    private final List<Zone> zones = new ArrayList<>();
    private boolean expectViolations;

    /** Validates this zone after the test; returns it. */
    public Zone track(Zone zone) {
        zones.add(zone);
        return zone;
    }

    /** A tracked Init zone. */
    public Zone init(MmGeometry geometry) {
        return track(Zone.init(geometry));
    }

    /** The test builds invalid zones on purpose. */
    public void expectViolations() {
        expectViolations = true;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (expectViolations || context.getExecutionException().isPresent()) {
                return;
            }
            for (Zone z : zones) {
                List<String> violations = BuddyInvariants.check(z);
                if (!violations.isEmpty()) {
                    fail("after " + context.getDisplayName() + ":\n  " + String.join("\n  ", violations)
                            + "\n" + z.dump());
                }
            }
        } finally {
            zones.clear();
            expectViolations = false;
        }
    }
}
