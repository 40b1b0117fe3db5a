package org.resnetlab.experiments;

import org.resnetlab.units.ShortcutOption;
import org.resnetlab.units.Body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.train.PaperResults;
import org.resnetlab.train.Protocol;
import org.resnetlab.train.RunConfig;
import org.resnetlab.train.TinyNets;
import org.resnetlab.train.TrainingRun;
import tech.tablesaw.api.Table;

class ReportTest {
    @TempDir
    Path dir;

    @Test
    void medianOfSeedsBesideThePapersNumber() {
        // three seeds of the "ResNet-110 original on CIFAR-10" cell, trained briefly on synthetic data by a tiny net
        ModelSpec spec = new ModelSpec(110, "original", Body.BASIC, 10, 3, 16, ShortcutOption.A, false);
        List<Double> errors = new ArrayList<>();
        for (int seed = 0; seed < 3; seed++) {
            RunConfig config = RunConfig.of("cifar10", spec, dir.resolve("table2/c10-110/seed" + seed))
                    .withProtocol(Protocol.paper().withBatchSize(32).withIterations(30)).withSeed(seed).withEvalEvery(15);
            errors.add(TrainingRun.of(config).withModelFactory(TinyNets::build).withData(TinyNets.data()).run().finalTestError());
        }
        Table table = Report.table(dir);
        System.out.println(table.print());
        assertEquals(1, table.rowCount());
        assertEquals("[2] Table 2", table.stringColumn("paper table").get(0));
        assertEquals("6.61", table.stringColumn("paper error %").get(0));
        assertEquals(3, table.intColumn("runs").get(0));
        errors.sort(null);
        double median = errors.get(1);
        String expected = String.format(Locale.ROOT, "%.2f", median);
        assertEquals(median > 20 ? "fail (" + expected + ")" : expected, table.stringColumn("ours (median) %").get(0));
        assertEquals(30, table.intColumn("iterations").get(0));
        Table seed1 = Report.metrics(dir.resolve("table2/c10-110/seed1"));
        assertEquals(List.of(15, 30), seed1.intColumn("iteration").asList());
        assertEquals(errors.contains(seed1.doubleColumn("test_error").get(1)), true);
    }

    private Report.Run run(long seed, String status, double error) {
        return new Report.Run(dir, "cifar10", 110, "basic", "original", seed, 10, java.util.Map.of("depth", "110"),
                status, error, 10);
    }

    @Test
    void divergedRunsRankAboveEveryNumber() {
        List<Report.Run> runs = List.of(run(0, "completed", 7.0), run(1, "diverged", Double.NaN), run(2, "completed", 6.0));
        assertEquals("7.00", Report.median(runs));
        assertEquals("fail (diverged)", Report.median(runs.subList(1, 2)));
        assertEquals("6.50", Report.median(List.of(runs.get(0), runs.get(2))));
        assertEquals("fail (diverged)", Report.median(List.of(runs.get(0), runs.get(1))), "the upper middle is no number");
    }

    @Test
    void anOutcomeWithoutItsErrorIsNotADivergedRun() {
        assertEquals("no final error recorded", Report.median(List.of(run(0, "completed", Double.NaN))));
        assertEquals("7.00", Report.median(List.of(run(0, "completed", Double.NaN), run(1, "completed", 7.0))),
                "a completed run without a number is left out of the median");
        assertEquals("fail", Report.median(List.of(run(0, "fail", Double.NaN))), "a fail without its number is still a fail");
        assertEquals("fail (30.00)", Report.median(List.of(run(0, "fail", Double.NaN), run(1, "completed", 7.0), run(2, "fail", 30.0))),
                "a fail without its number ranks above every number: median of 7, 30, fail");
        assertEquals("fail", Report.median(List.of(run(0, "fail", Double.NaN), run(1, "completed", 7.0), run(2, "fail", Double.NaN))),
                "median of 7, fail, fail");
        assertEquals("in progress", Report.median(List.of(run(0, "in progress", Double.NaN))));
    }

    @Test
    void paperConstantsMatchTheReference() {
        assertEquals(8.75, PaperResults.find("cifar10", 20, "basic", "original").error());
        assertEquals(6.61, PaperResults.find("cifar10", 110, "basic", "original").error());
        assertEquals(null, PaperResults.find("cifar10", 110, "basic", "constant-scaling:0/1").error());
        assertEquals(22.71, PaperResults.find("cifar100", 1001, "bottleneck", "full-preact").error());
        assertTrue(PaperResults.ALL.stream().allMatch(e -> Report.canonicalUnit(e.unit()).equals(e.unit())),
                "paper rows use the zoo's canonical unit names");
    }

    @Test
    void oneLookupOfThePapersRowForBothTables() {
        assertEquals("[2] Table 2", PaperResults.find("cifar10", 110, "basic", "original").table(),
                "the report cites Table 2 for the original unit");
        assertEquals("[2] Table 1", PaperComparison.entry("[2] Table 1", 110, "original").table(),
                "a notebook's column prefers its own table");
        assertEquals("[2] Table 2", PaperComparison.entry("[2] Table 2", 110, "original").table());
        assertEquals("[1] Table 6", PaperComparison.entry("[2] Table 1", 56, "original").table(), "then [1]");
        assertEquals("8.70", PaperComparison.entry("[2] Table 1", 110, "Exclusive-Gating:-6").errorText(),
                "units by their canonical name; errors as printed, two decimals");
        assertEquals("fail", PaperResults.find("cifar10", 110, null, "dropout-shortcut:0.5", "[2] Table 1").errorText());
        assertEquals(null, PaperResults.find("cifar10", 110, "bottleneck", "original"), "the body must match when given");
    }
}
