package org.resnetlab.experiments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnetlab.experiments.Claims.Claim;
import org.resnetlab.experiments.Experiments.Mode;
import org.resnetlab.train.MetricRow;
import org.resnetlab.train.Outcome;
import org.resnetlab.train.RunConfig;
import org.resnetlab.train.RunRecord;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scorecard reads whatever runs are recorded on disk and gives a verdict only where every cell has its seeds. */
class ScorecardTest {

    /** Records a finished run of {@code config} with one metric row. */
    static void record(RunConfig config, double trainError, double testError) throws Exception {
        Files.createDirectories(config.out());
        RunRecord record = RunRecord.open(config);
        record.addSession(Map.of("engine", "test"));
        RunRecord.writeMetrics(config.out(), List.of(new MetricRow(config.protocol().iterations(), 1, 0.001, 0.5,
                trainError, 0.5, testError, 100, 1)));
        record.finish(Outcome.atEnd(config.protocol().iterations(), testError));
    }

    @Test
    void verdictsComeFromTheRecordedSeedsAndMissingSeedsSayNTooSmall(@TempDir Path results) throws Exception {
        Experiments.Experiment deg = Experiments.degradation(Mode.QUICK, results);
        List<RunConfig> plainDeep = deg.seedsOf("plain-14"), plainShallow = deg.seedsOf("plain-8");
        assertEquals(1, plainDeep.size(), "quick mode: one seed, too few for a verdict");
        record(plainDeep.get(0), 30, 31);
        record(plainShallow.get(0), 10, 11);
        List<Claim> claims = Claims.ofNotebook("01", Mode.QUICK, results);
        Table t = Scorecard.table(Mode.QUICK, claims);
        assertEquals(List.of("F1-plain", "F1-resnet"), t.stringColumn("claim").asList());
        assertEquals("n too small (1/1, 1/1 seeds recorded)", t.stringColumn("verdict").get(0));
        assertEquals("n too small (0/2, 0/1 seeds recorded)", t.stringColumn("verdict").get(1));
        assertEquals("plain-14 30.00 [30.00–30.00], n=1; plain-8 10.00 [10.00–10.00], n=1",
                t.stringColumn("ours: median [min–max], n seeds").get(0), "training error, as [1] Fig. 1");
        assertTrue(t.name().startsWith("Scorecard (quick mode)"), t.name());
    }

    @Test
    void threeSeparatedSeedsAgainstThreeReproduceAndAnInterruptedRunDoesNotCount(@TempDir Path results) throws Exception {
        Experiments.Experiment deg = Experiments.degradation(Mode.CPU, results);
        List<RunConfig> deep = deg.seedsOf("plain-56"), shallow = deg.seedsOf("plain-20");
        double[] deepErrors = {30, 31, 32}, shallowErrors = {12, 11, 10};
        for (int s = 0; s < 3; s++) {
            record(deep.get(s), deepErrors[s], 20);
            record(shallow.get(s), shallowErrors[s], 20);
        }
        Claim plain = Claims.ofNotebook("01", Mode.CPU, results).get(0);
        Scorecard.Row row = Scorecard.evaluate(List.of(plain)).get(0);
        assertEquals(DecisionRule.Verdict.REPRODUCED, row.decision().verdict());
        assertEquals(20.0, row.decision().observed(), 1e-9, "median 31 − median 11");

        // the deep net's third seed interrupted (no outcome): n too small again
        Files.writeString(deep.get(2).out().resolve(RunRecord.RUN), Files.readString(deep.get(2).out().resolve(RunRecord.RUN))
                .replaceAll("(?s)\"outcome\": \\{.*?\\}", "\"outcome\": null"));
        row = Scorecard.evaluate(List.of(plain)).get(0);
        assertEquals(DecisionRule.Verdict.N_TOO_SMALL, row.decision().verdict());
        assertEquals(2, row.values().get(0).length);
    }

    @Test
    void aVerdictBeforeEveryPlannedSeedIsInIsMarkedProvisional(@TempDir Path results) throws Exception {
        Experiments.Experiment deg = Experiments.degradation(Mode.CPU, results);
        List<RunConfig> shallow = deg.seedsOf("ResNet-20"), deep = deg.seedsOf("ResNet-56");
        assertEquals(5, deep.size(), "the ResNet-56 baseline plans five seeds");
        for (int s = 0; s < 3; s++) {
            record(shallow.get(s), 5, 10 + s);
            record(deep.get(s), 5, 8 + s / 2.0);
        }
        Table t = Scorecard.table(Mode.CPU, Claims.ofNotebook("01", Mode.CPU, results));
        assertEquals("reproduced (provisional: 3/3, 3/5 seeds recorded)", t.stringColumn("verdict").get(1));
        record(deep.get(3), 5, 8);
        record(deep.get(4), 5, 8);
        assertEquals("reproduced", Scorecard.table(Mode.CPU, Claims.ofNotebook("01", Mode.CPU, results)).stringColumn("verdict").get(1));
    }

    @Test
    void recordedOnlyResultsKeepTheRecordedRunsAndSayHowManyAreMissing(@TempDir Path results) throws Exception {
        Experiments.Experiment deg = Experiments.degradation(Mode.CPU, results);
        record(deg.seedsOf("plain-56").get(1), 30, 31);
        ExperimentResults recorded = ExperimentResults.recorded(deg, org.resnetlab.train.RunListener.NONE);
        assertEquals(1, recorded.results().size());
        assertEquals("plain-56", recorded.experiment().runs().get(0).label());
        assertEquals(1, recorded.results().get(0).config().seed());
        assertTrue(recorded.experiment().reductions().contains("1 of its 14 runs recorded so far"), recorded.experiment().reductions());
    }

    /** A claim of the CPU mode's list with synthetic per-seed values, evaluated by the decision rule. */
    private static Scorecard.Row row(Path results, String id, double[]... values) {
        Claim claim = Claims.all(Mode.CPU, results).stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
        return new Scorecard.Row(claim, List.of(values), DecisionRule.decide(claim.kind(), List.of(values)));
    }

    @Test
    void findingsReadTheVerdictOffTheMediansAndTheContrast(@TempDir Path results) {
        Scorecard.Row r = row(results, "T2-c-vs-a", new double[] {14.0, 15.0, 16.0}, new double[] {9.0, 8.0, 10.0, 9.5, 8.5});
        String s = Scorecard.finding(Mode.CPU, r);
        assertTrue(s.startsWith("T2-c-vs-a ((c) ReLU before addition is worse than (a) the original): reproduced. "), s);
        // medians by hand: 15 and 9; contrast 6
        assertTrue(s.contains("median (c) relu-before-addition 15.00 vs (a) original 9.00; contrast +6.00 ["), s);
        assertTrue(s.endsWith("the whole interval lies on the paper's side of zero."), "a reproduced row points nowhere else: " + s);

        // the same verdict with three of the original's five planned seeds is marked provisional
        String partial = Scorecard.finding(Mode.CPU, row(results, "T2-c-vs-a", new double[] {14.0, 15.0, 16.0}, new double[] {9.0, 8.0, 10.0}));
        assertTrue(partial.endsWith("the whole interval lies on the paper's side of zero. Provisional: (a) original has 3 of 5 planned seeds."),
                partial);
    }

    @Test
    void aWorstOfFiveClaimNamesTheCellThatBeatItAndWhereThePaperScaleTestIs(@TempDir Path results) {
        double[] a = {9, 9, 9, 9, 9}, b = {11, 11.5, 12}, c = {14, 15, 16}, d = {9, 9.1, 9.2}, e = {9, 9.3, 9.4, 9.5, 9.6};
        String s = Scorecard.finding(Mode.CPU, row(results, "T2-b-worst", b, a, c, d, e));
        assertTrue(s.contains(": not reproduced. median (b) bn-after-addition 11.50 vs the highest of the others, "
                + "(c) relu-before-addition 15.00; contrast −3.50".replace("−", "-")), s);
        assertTrue(s.contains("the contrast is zero or of the opposite sign"), s);
        assertTrue(s.endsWith("(RESNETLAB_MODE=paper: CIFAR-10, the paper's depth, 5 seeds)."), s);
        assertTrue(!Scorecard.finding(Mode.PAPER, row(results, "T2-b-worst", b, a, c, d, e)).contains("RESNETLAB_MODE=paper"),
                "in paper mode there is no larger scale to point at");

        String best = Scorecard.finding(Mode.CPU, row(results, "T2-e-best", e, a, b, c, d));
        assertTrue(best.contains("median (e) full-preact 9.40 vs the lowest of the others, (a) original 9.00; contrast -0.40"), best);
    }

    @Test
    void aFailClaimStatesTheThresholdAndDivergedMedians(@TempDir Path results) {
        double inf = Double.POSITIVE_INFINITY;
        String s = Scorecard.finding(Mode.CPU, row(results, "T1-scale-0.5/1", new double[] {inf, inf, 20},
                new double[] {8, 9, 10, 9, 9}));
        // threshold: worst seed 10 + half the median 9 = 14.5; a resampled median is 20 or diverged, so the low end is 20 - 14.5
        assertTrue(s.contains("reproduced. median constant-scaling:0.5/1 diverged vs the fail threshold 14.50 (original's worst "
                + "seed plus half its median 9.00); contrast +∞ [+5.50, +∞]"), s);
    }

    @Test
    void aSimilarityClaimReadsTheBandAndShortCellsAreNamed(@TempDir Path results) {
        String s = Scorecard.finding(Mode.CPU, row(results, "T2-d-vs-a", new double[] {12, 12.5, 13}, new double[] {9, 9, 9, 9, 9}));
        assertTrue(s.contains("not reproduced. median (d) relu-only-preact 12.50 vs (a) original 9.00; contrast +3.50 ["), s);
        assertTrue(s.contains("(≈ band ±0.90): the interval lies wholly outside the band."), s);

        String missing = Scorecard.finding(Mode.CPU, row(results, "T3-gap-grows", new double[] {9, 9.1}, new double[] {8, 8, 8},
                new double[] {9, 9, 9}, new double[] {}));
        assertEquals("T3-gap-grows (the gain of pre-activation grows with depth (56 → 110)): no verdict yet: original-110 has 2 of 3 "
                + "seeds, full-preact-56 has 0 of 5 seeds recorded.", missing);
    }

    @Test
    void theTallyCountsEachVerdictOfTheTableAndNamesTheClaimsThatDidNotReproduce() {
        Table t = Table.create("card",
                tech.tablesaw.api.StringColumn.create("claim", "A", "B", "C", "D", "E", "F"),
                tech.tablesaw.api.StringColumn.create("verdict", "reproduced", "not reproduced", "inconclusive",
                        "reproduced (provisional: 2/3, 5/5 seeds recorded)", "n too small (0/3 seeds recorded)",
                        "not reproduced (provisional: 3/5 seeds recorded)"));
        assertEquals("6 claims: 2 reproduced; 2 not reproduced (B, F); 1 inconclusive (C); 1 n too small (E)",
                Scorecard.tally(t));
        Table odd = Table.create("card", tech.tablesaw.api.StringColumn.create("claim", "A"),
                tech.tablesaw.api.StringColumn.create("verdict", "reproducedish"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Scorecard.tally(odd));
    }
}
