package mmcheck.conform;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import mmcheck.event.EventSink;
import mmcheck.mm.Zone;
import mmcheck.mm.buddy.PageAlloc;
import mmcheck.mm.buddy.mutants.ClaimThresholdQuarter;
import mmcheck.mm.buddy.mutants.FallbackMovableBeforeReclaimable;
import mmcheck.mm.buddy.mutants.MergeStopsEarly;
import mmcheck.mm.buddy.mutants.MovePastZoneEnd;
import mmcheck.mm.buddy.mutants.NoMergeAcrossPageblocks;

/**
 * Why MCBuddyMerge and MCBuddyFallback exist: the reverse replay of MCBuddySmall (zone from pfn 1, 2-page
 * pageblocks, two request types, the end on a pageblock boundary) reaches none of these rules, so every one of
 * these seeded bugs conforms there. If a change to MCBuddySmall makes one fire, this test says so and the
 * per-rule model may be dropped.
 */
class SmallModelMissesRuleBugsTest {
    private static final SpecModel SPEC = Models.load("MCBuddySmall");

    static Stream<Arguments> bugs() {
        return Stream.of(
                Arguments.of("NoMergeAcrossPageblocks", (BiFunction<Zone, EventSink, PageAlloc>) NoMergeAcrossPageblocks::new),
                Arguments.of("MergeStopsEarly", (BiFunction<Zone, EventSink, PageAlloc>) MergeStopsEarly::new),
                Arguments.of("ClaimThresholdQuarter", (BiFunction<Zone, EventSink, PageAlloc>) ClaimThresholdQuarter::new),
                Arguments.of("FallbackMovableBeforeReclaimable",
                        (BiFunction<Zone, EventSink, PageAlloc>) FallbackMovableBeforeReclaimable::new),
                Arguments.of("MovePastZoneEnd", (BiFunction<Zone, EventSink, PageAlloc>) MovePastZoneEnd::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bugs")
    void replay_ruleBug_goesUnseenOnMCBuddySmall(String name, BiFunction<Zone, EventSink, PageAlloc> engine) {
        ReverseReplay.Report r = RuleBugReplay.replay(SPEC, engine);
        assertTrue(r.ok(), () -> name + " is now caught on MCBuddySmall: " + r.failures());
    }
}
