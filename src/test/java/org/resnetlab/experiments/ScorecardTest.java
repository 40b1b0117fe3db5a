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
    void recordedOnlyResultsKeepTheRecordedRunsAndSayHowManyAreMissing(@TempDir Path results) throws Exception {
        Experiments.Experiment deg = Experiments.degradation(Mode.CPU, results);
        record(deg.seedsOf("plain-56").get(1), 30, 31);
        ExperimentResults recorded = ExperimentResults.recorded(deg, org.resnetlab.train.RunListener.NONE);
        assertEquals(1, recorded.results().size());
        assertEquals("plain-56", recorded.experiment().runs().get(0).label());
        assertEquals(1, recorded.results().get(0).config().seed());
        assertTrue(recorded.experiment().reductions().contains("1 of its 14 runs recorded so far"), recorded.experiment().reductions());
    }
}
