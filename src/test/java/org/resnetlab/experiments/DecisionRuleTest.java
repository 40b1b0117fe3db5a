package org.resnetlab.experiments;

import org.junit.jupiter.api.Test;
import org.resnetlab.experiments.DecisionRule.Decision;
import org.resnetlab.experiments.DecisionRule.Kind;
import org.resnetlab.experiments.DecisionRule.Verdict;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decision rule on synthetic seed sets whose answer is known. */
class DecisionRuleTest {

    private static Verdict verdict(Kind kind, double[]... cells) {
        return DecisionRule.decide(kind, List.of(cells)).verdict();
    }

    private static double[] v(double... values) {
        return values;
    }

    @Test
    void higherIsReproducedOnlyWhenThreeAgainstThreeSeedsSeparateInThePapersDirection() {
        assertEquals(Verdict.REPRODUCED, verdict(Kind.HIGHER, v(10, 11, 12), v(7, 8, 9)));
        assertEquals(Verdict.REPRODUCED, verdict(Kind.HIGHER, v(9.01, 11, 12), v(7, 8, 9)), "just separated");
        assertEquals(Verdict.INCONCLUSIVE, verdict(Kind.HIGHER, v(8.5, 11, 12), v(7, 8, 9)), "one seed overlaps");
        assertEquals(Verdict.INCONCLUSIVE, verdict(Kind.HIGHER, v(9, 11, 13), v(8, 10, 12)), "medians apart, ranges overlap");
        assertEquals(Verdict.NOT_REPRODUCED, verdict(Kind.HIGHER, v(7, 8, 9), v(10, 11, 12)), "the opposite order");
        assertEquals(Verdict.NOT_REPRODUCED, verdict(Kind.HIGHER, v(8, 10, 12), v(9, 10, 11)), "equal medians");
        assertEquals(Verdict.N_TOO_SMALL, verdict(Kind.HIGHER, v(10, 11), v(7, 8, 9)));
        assertEquals(Verdict.N_TOO_SMALL, verdict(Kind.HIGHER, v(10, 11, 12), v()));
    }

    @Test
    void theContrastAndItsIntervalArePrinted() {
        Decision d = DecisionRule.decide(Kind.HIGHER, List.of(v(10, 11, 12), v(7, 8, 9)));
        assertEquals(3.0, d.observed(), 1e-12);
        assertTrue(d.low() > 0 && d.low() <= 3 && d.high() >= 3 && d.high() <= 5, d.toString());
        assertEquals(d.low() + "", DecisionRule.decide(Kind.HIGHER, List.of(v(10, 11, 12), v(7, 8, 9))).low() + "", "repeatable");
        assertTrue(d.contrastText().startsWith("+3.00 ["), d.contrastText());
    }

    @Test
    void divergedSeedsCountAboveEveryNumber() {
        double nan = Double.NaN;
        assertEquals(Verdict.REPRODUCED, verdict(Kind.HIGHER, v(nan, nan, 30), v(7, 8, 9)));
        assertEquals(Verdict.NOT_REPRODUCED, verdict(Kind.HIGHER, v(nan, nan, nan), v(nan, nan, nan)), "two failures do not differ");
    }

    @Test
    void highestAndLowestCompareWithEveryOtherCell() {
        double[] a = v(6.5, 6.6, 6.7), c = v(7.7, 7.8, 7.9), d = v(6.6, 6.7, 6.8), e = v(6.2, 6.3, 6.4);
        assertEquals(Verdict.REPRODUCED, verdict(Kind.HIGHEST, v(8.1, 8.2, 8.3), a, c, d, e));
        assertEquals(Verdict.NOT_REPRODUCED, verdict(Kind.HIGHEST, v(7.0, 7.1, 7.2), a, c, d, e), "(c) is higher");
        assertEquals(Verdict.REPRODUCED, verdict(Kind.LOWEST, e, a, c, d));
        assertEquals(Verdict.INCONCLUSIVE, verdict(Kind.LOWEST, v(6.2, 6.3, 6.65), a, c, d));
    }

    @Test
    void similarNeedsTheIntervalInsideTenPercentOfTheReference() {
        assertEquals(Verdict.REPRODUCED, verdict(Kind.SIMILAR, v(8.0, 8.1, 8.2), v(8.05, 8.1, 8.15)));
        assertEquals(Verdict.NOT_REPRODUCED, verdict(Kind.SIMILAR, v(12.0, 12.1, 12.2), v(8.0, 8.1, 8.2)));
        assertEquals(Verdict.INCONCLUSIVE, verdict(Kind.SIMILAR, v(7.0, 8.1, 9.5), v(8.0, 8.1, 8.2)), "too spread to tell");
        assertEquals(0.81, DecisionRule.decide(Kind.SIMILAR, List.of(v(8.0, 8.1, 8.2), v(8.05, 8.1, 8.15))).margin(), 1e-9);
    }

    @Test
    void failsMeansAboveTheBaselinesWorstSeedByHalfItsMedian() {
        double[] identity = v(8, 9, 10);   // threshold 10 + 0.5 · 9 = 14.5
        assertEquals(14.5, FailRule.threshold(identity), 1e-12);
        assertEquals(Verdict.REPRODUCED, verdict(Kind.FAILS, v(40, 45, 50), identity));
        assertEquals(Verdict.REPRODUCED, verdict(Kind.FAILS, v(Double.NaN, Double.NaN, Double.NaN), identity), "diverged");
        assertEquals(Verdict.NOT_REPRODUCED, verdict(Kind.FAILS, v(9, 9.5, 10), identity));
        assertEquals(Verdict.NOT_REPRODUCED, verdict(Kind.FAILS, v(12, 13, 14), identity), "worse, but no failure");
        assertEquals(Verdict.INCONCLUSIVE, verdict(Kind.FAILS, v(11, 16, 40), identity), "one seed does not fail");
        assertTrue(FailRule.fails(25, true, identity) && !FailRule.fails(19, true, identity), "paper mode: 20%");
        assertTrue(!FailRule.fails(14, false, identity) && FailRule.fails(15, false, identity));
    }

    @Test
    void oneTextForAMedianOverSeedsInEveryTable() {
        double[] identity = v(8, 9, 10);   // threshold 14.5
        assertEquals("14.00", FailRule.text(14, false, identity));
        assertEquals("fail (15.00)", FailRule.text(15, false, identity));
        assertEquals("15.00", FailRule.text(15, true, identity), "paper mode: 20%");
        assertEquals("fail (20.50)", FailRule.text(20.5, true, identity));
        assertEquals("fail (diverged)", FailRule.text(DecisionRule.median(v(7, Double.POSITIVE_INFINITY)), true, identity),
                "of two middle values the upper one when it is no number");
        assertEquals("fail", FailRule.text(DecisionRule.median(v(7, FailRule.FAIL_WITHOUT_NUMBER)), true, identity));
        assertEquals("fail (diverged)", FailRule.text(DecisionRule.median(
                v(7, FailRule.FAIL_WITHOUT_NUMBER, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)), true, identity));
        assertEquals(7.5, DecisionRule.median(v(8, 7)), 1e-12);
    }

    @Test
    void gapGrowsComparesTheGainAtTwoDepths() {
        double[] orig110 = v(9.0, 9.2, 9.4), pre110 = v(7.0, 7.1, 7.2), orig56 = v(8.0, 8.1, 8.2), pre56 = v(7.8, 7.9, 8.0);
        assertEquals(Verdict.REPRODUCED, verdict(Kind.GAP_GROWS, orig110, pre110, orig56, pre56));
        assertEquals(Verdict.NOT_REPRODUCED, verdict(Kind.GAP_GROWS, orig56, pre56, orig110, pre110));
    }

    @Test
    void withoutAnEffectThreeAgainstThreeSeedsReproduceAboutOneClaimInTwenty() {
        // the rule's false-positive rate: both cells from one distribution; complete separation in the paper's
        // direction has probability 1/20 for 3 vs 3 exchangeable seeds
        Random random = new Random(7);
        int reproduced = 0;
        int trials = 1000;
        for (int t = 0; t < trials; t++) {
            double[] a = new double[3], b = new double[3];
            for (int i = 0; i < 3; i++) {
                a[i] = 10 + random.nextGaussian();
                b[i] = 10 + random.nextGaussian();
            }
            reproduced += verdict(Kind.HIGHER, a, b) == Verdict.REPRODUCED ? 1 : 0;
        }
        double rate = reproduced / (double) trials;
        assertTrue(rate > 0.02 && rate < 0.08, "false-positive rate " + rate + " (expected ≈ 0.05)");
    }
}
