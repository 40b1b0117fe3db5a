package org.resnetlab.cli;

import org.resnetlab.cli.Cli.Result;

import static org.resnetlab.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.train.Grids;
import org.resnetlab.train.Protocol;
import org.resnetlab.experiments.Report;
import org.resnetlab.train.RunConfig;
import tech.tablesaw.api.Table;

/** report: one row per full configuration (issue 14 item 7), run folders merged from many machines (issue 16). */
class ReportMergeTest {
    @TempDir
    Path dir;

    private static final String METRICS_HEADER = "iteration,epoch,lr,train_loss,train_error,test_loss,test_error,images_per_s,elapsed_s\n";

    /** Seeds 0..n-1 of table2's first cell (ResNet-110 original, CIFAR-10) at 5% of the paper's schedule. */
    private static List<RunConfig> seeds(Path results, int n, float learningRate) {
        RunConfig template = RunConfig.of("cifar10", ModelSpec.cifar(20, "original"), results)
                .withProtocol(Protocol.paper().scaled(0.05).withLearningRate(learningRate));
        return Grids.runs("table2", n, template, results).subList(0, n);
    }

    private static String median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        double m = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return String.format(Locale.ROOT, "%.2f", m);
    }

    @Test
    void runsThatDifferInAnyIdentityFieldAreDifferentRows() throws Exception {
        List<Double> fast = List.of(7.25, 9.5, 8.0);
        List<Double> slow = List.of(12.0, 10.75, 11.5);
        List<RunConfig> a = seeds(dir.resolve("lr-0.1"), 3, 0.1f);
        List<RunConfig> b = seeds(dir.resolve("lr-0.05"), 3, 0.05f);
        for (int i = 0; i < 3; i++) {
            GridJobsTest.record(a.get(i), "completed", fast.get(i));
            GridJobsTest.record(b.get(i), "completed", slow.get(i));
        }
        Table table = Report.table(dir);
        System.out.println(table.printAll());
        assertEquals(2, table.rowCount(), "one row per learning rate");
        List<String> medians = new ArrayList<>(table.stringColumn("ours (median) %").asList());
        medians.sort(null);
        List<String> expected = new ArrayList<>(List.of(median(fast), median(slow)));
        expected.sort(null);
        assertEquals(expected, medians);
        for (int row = 0; row < 2; row++) {
            assertEquals(3, table.intColumn("runs").get(row));
            String ours = table.stringColumn("ours (median) %").get(row);
            assertEquals(ours.equals(median(fast)) ? "learning_rate=0.1" : "learning_rate=0.05",
                    table.stringColumn("settings").get(row), "the row says what sets it apart");
        }
    }

    @Test
    void anOutcomeWithoutItsErrorIsNotReportedAsDiverged() throws Exception {
        RunConfig run = seeds(dir, 1, 0.1f).get(0);
        GridJobsTest.record(run, "completed", null);
        Table table = Report.table(dir);
        String ours = table.stringColumn("ours (median) %").get(0);
        assertNotEquals("fail (diverged)", ours);
        assertEquals("no final error recorded", ours);
        assertEquals("1 completed without a final error", table.stringColumn("outcomes").get(0));
    }

    @Test
    void reportMergesRunFoldersFromManyMachinesAndShowsRunsInProgress() throws Exception {
        Path a = dir.resolve("node-a");
        Path b = dir.resolve("node-b");
        List<RunConfig> onA = seeds(a, 4, 0.1f);
        List<RunConfig> onB = seeds(b, 4, 0.1f);
        GridJobsTest.record(onA.get(0), "completed", 6.5);
        GridJobsTest.record(onA.get(1), "completed", 7.5);
        GridJobsTest.record(onB.get(0), "completed", 6.5); // the same run copied to both machines: counted once
        GridJobsTest.record(onB.get(2), "completed", 9.25);
        GridJobsTest.record(onB.get(3), null, null);        // still training on node b
        Files.writeString(onB.get(3).out().resolve("metrics.csv"), METRICS_HEADER + "100,0.3,0.1,2.0,70.0,1.9,68.0,300.0,60.0\n");

        Result merged = run("report", a.toString(), b.toString());
        assertEquals(0, merged.code(), merged.err());
        String row = merged.out().lines().filter(l -> l.contains("cifar10")).findFirst().orElseThrow();
        assertEquals(1, merged.out().lines().filter(l -> l.contains("cifar10")).count(), merged.out());
        assertTrue(row.contains(" " + median(List.of(6.5, 7.5, 9.25)) + " "), row);
        assertTrue(row.contains("3 completed, 1 in progress (iteration 100 of 3200)"), row);
        assertTrue(row.matches(".*\\|\\s+4\\s+\\|.*"), "4 runs: " + row);
        assertTrue(merged.err().contains("hold the same run; counted once"), merged.err());

        Result missing = run("report", a.toString(), dir.resolve("node-c").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no results folder " + dir.resolve("node-c")), missing.err());
    }
}
