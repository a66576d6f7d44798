package mmcheck.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TlcProgressTest {
    private static final long S = 1_000_000_000L;

    @Test
    void line_beforeAnyReport_saysTlcIsStarting() {
        TlcProgress p = new TlcProgress("MCBuddy", 0);
        assertEquals("MCBuddy: 00:00:10 elapsed, TLC is computing the initial states", p.line(10 * S));
    }

    @Test
    void line_carriesTlcsLatestReportAndWhenItCame() {
        TlcProgress p = new TlcProgress("MCBuddy", 0);
        p.accept("Progress(3) at 2026-11-22 00:38:15: 3 states generated (94 s/min), 3 distinct states found "
                + "(94 ds/min), 0 states left on queue.", 2 * S);
        p.accept("Progress(25) at 2026-11-22 00:39:15: 229,835 states generated (228,580 s/min), 35,127 distinct "
                + "states found (34,660 ds/min), 9,100 states left on queue.", 62 * S);
        p.accept("@!@!@ENDMSG 2200 @!@!@", 63 * S);
        assertEquals("MCBuddy: 01:01:05 elapsed, 229,835 states generated (228,580 s/min), 35,127 distinct states "
                + "found (34,660 ds/min), 9,100 states left on queue (TLC's report at 00:01:02)", p.line(3665 * S));
    }
}
