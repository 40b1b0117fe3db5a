package org.resnetlab.experiments;

import org.junit.jupiter.api.Test;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.train.MetricRow;
import org.resnetlab.train.Outcome;
import org.resnetlab.train.RunConfig;
import org.resnetlab.train.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.resnetlab.experiments.RecordedRuns.row;

class PaperComparisonTest {

    private static ExperimentResults variants() {
        return new RecordedRuns()
                // three seeds of one label: median of 7, 9 and a diverged run is 9
                .add("original", 20, "original", false, row(50, 1.0, 30, 20), row(100, 0.5, 10, 7))
                .add("original", 20, "original", false, row(100, 0.6, 12, 9))
                .add("original", 20, "original", true, row(50, 2.3, 90, 90))
                .add("constant-scaling:0.5/1", 20, "constant-scaling:0.5/1", false, row(100, 1.5, 40, 25.5))
                .add("dropout-shortcut:0.5", 20, "dropout-shortcut:0.5", true)
                .add("plain", 20, "plain", false, row(100, 0.6, 14, 11))
                .build("03-shortcut-variants");
    }

    @Test
    void oursIsTheMedianOverSeedsWithFailWhereThePaperWouldSayFail() {
        Table t = PaperComparison.table(variants(), PaperComparison.paperAtDepth("[2] Table 1", 110));
        System.out.println(t.print());
        assertEquals(List.of("original", "constant-scaling:0.5/1", "dropout-shortcut:0.5", "plain"),
                t.stringColumn("run").asList());
        assertEquals(List.of(3, 1, 1, 1), t.intColumn("seeds").asList());
        assertEquals("9.00", t.stringColumn("ours: test error %").get(0), "median of 7, 9 and a diverged run");
        assertEquals("fail (25.50)", t.stringColumn("ours: test error %").get(1), "above 20%");
        assertEquals("fail (diverged)", t.stringColumn("ours: test error %").get(2));
        assertEquals("11.00", t.stringColumn("ours: test error %").get(3));
        assertEquals("12.00", t.stringColumn("ours: final train error %").get(0), "median of 10, 12 and a diverged run");
        assertEquals("diverged", t.stringColumn("ours: final train error %").get(2), "diverged before its first row");
    }

    @Test
    void aDivergedSeedCountsAboveEveryTrainingErrorAsItsTestErrorDoes() {
        ExperimentResults two = new RecordedRuns()
                .add("x", 56, "original", false, row(100, 0.5, 10, 9))
                .add("x", 56, "original", true, row(100, 0.4, 5, 6))   // its last row before it diverged is lower
                .add("y", 56, "plain", false, row(100, 0.5, 14, 12))
                .build("03-shortcut-variants");
        Table t = PaperComparison.table(two, PaperComparison.paperAtDepth("[2] Table 1", 110));
        assertEquals("diverged", t.stringColumn("ours: final train error %").get(0), "median of 10 and a diverged seed");
        assertEquals("14.00", t.stringColumn("ours: final train error %").get(1));
    }

    @Test
    void paperColumnsCiteTableAndRowAtThePapersDepth() {
        Table t = PaperComparison.table(variants(), PaperComparison.paperAtDepth("[2] Table 1", 110));
        assertEquals(List.of("6.61", "fail", "fail", "—"), t.stringColumn("paper ResNet-110 %").asList());
        assertEquals("[2] Table 1, original (identity shortcut)", t.stringColumn("paper ResNet-110: table, row").get(0));
        assertEquals("[2] Table 1, constant scaling 0.5 / 1", t.stringColumn("paper ResNet-110: table, row").get(1));
        assertEquals("not in the paper", t.stringColumn("paper ResNet-110: table, row").get(3));
        assertTrue(t.name().contains("CPU mode: by hand"), "the table states the mode's reductions: " + t.name());

        Table orderings = PaperComparison.table(variants(), PaperComparison.paperAtDepth("[2] Table 2", 110),
                PaperComparison.paperAtDepth("[2] Table 2", 164));
        assertEquals("[2] Table 2, (a) original", orderings.stringColumn("paper ResNet-110: table, row").get(0));
        assertEquals("5.93", orderings.stringColumn("paper ResNet-164 %").get(0));

        ExperimentResults b = new RecordedRuns().add("(b)", 20, "bn-after-addition", false, row(10, 1, 1, 1)).build("04");
        assertEquals("6.50", PaperComparison.table(b, PaperComparison.paperAtDepth("[2] Table 2", 164))
                .stringColumn("paper ResNet-164 %").get(0), "two decimals, as the paper prints them");
    }

    @Test
    void sameDepthFindsThePapersRowOnlyWhereItTrainedThatDepth() {
        ExperimentResults deeper = new RecordedRuns()
                .add("original-20", 20, "original", false, row(100, 0.5, 10, 8))
                .add("full-preact-20", 20, "full-preact", false, row(100, 0.5, 10, 8))
                .add("full-preact-110", 110, "full-preact", false, row(100, 0.5, 10, 8))
                .build("05-deeper");
        Table t = PaperComparison.table(deeper, PaperComparison.paperAtSameDepth());
        assertEquals(List.of("8.75", "—", "6.37"), t.stringColumn("paper, same depth %").asList());
        assertEquals("[1] Table 6, ResNet-20", t.stringColumn("paper, same depth: table, row").get(0));
    }

    @Test
    void citesTable6ForResNetsAndFigure6ForPlainNets() {
        List<Experiments.LabelledRun> runs = new ArrayList<>();
        List<RunResult> results = new ArrayList<>();
        String[][] nets = {{"plain", "20"}, {"original", "56"}, {"original", "14"}};
        for (String[] net : nets) {
            RunConfig config = RunConfig.of("fashion-mnist", ModelSpec.fashionMnist(Integer.parseInt(net[1]), net[0]),
                    Path.of("x", net[0] + net[1]));
            runs.add(new Experiments.LabelledRun(net[0] + "-" + net[1], config));
            results.add(new RunResult(config, Outcome.atEnd(10, 9.0),
                    List.of(new MetricRow(10, 0.1, 0.1, 1.0, 20.0, 1.0, 9.0, 100, 1)), true));
        }
        var experiment = new Experiments.Experiment("e", Experiments.Mode.CPU, "reduced", runs);
        Table t = PaperComparison.withPaper(new ExperimentResults(experiment, results));
        var paper = t.stringColumn("paper (CIFAR-10 test error %)");
        assertEquals(PaperComparison.PLAIN_NETS, paper.get(0));
        assertEquals("6.97 ([1] Table 6, row ResNet-56)", paper.get(1));
        assertEquals("no run of this depth in the papers", paper.get(2));
    }
}
