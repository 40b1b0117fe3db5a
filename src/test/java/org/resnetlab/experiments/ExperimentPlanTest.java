package org.resnetlab.experiments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExperimentPlanTest {

    @Test
    void oneRowPerRunWithSizeScheduleAndStatus(@TempDir Path results) throws Exception {
        var experiment = Experiments.orderings(Experiments.Mode.CPU, results);
        Path first = experiment.runs().get(0).config().out();
        Path second = experiment.runs().get(1).config().out();
        Files.createDirectories(first);
        Files.writeString(first.resolve("run.json"), "{\"outcome\": {\"status\": \"completed\"}}");
        Files.createDirectories(second);
        Files.writeString(second.resolve("run.json"), "{\"outcome\": null}");

        Table plan = ExperimentPlan.table(experiment);
        System.out.println(plan.print());
        assertEquals(experiment.runs().size(), plan.rowCount());
        assertEquals(5 + 3 + 3 + 3 + 5, plan.rowCount(), "5 seeds of the baselines (a) and (e), 3 of the others");
        assertEquals(List.of("recorded", "interrupted", "to train"), plan.stringColumn("status").asList().subList(0, 3));
        assertEquals(List.of(0, 1, 2, 3, 4, 0), plan.intColumn("seed").asList().subList(0, 6));
        assertEquals("fashion-mnist", plan.stringColumn("dataset").get(0));
        assertEquals(56, plan.intColumn("depth").get(0));
        assertEquals("4/8/16", plan.stringColumn("channels").get(0));
        assertEquals(0.05, plan.doubleColumn("parameters (M)").get(0), 1e-9, "ResNet-56 at width 0.25: 54,214");
        assertEquals(6000, plan.intColumn("iterations").get(0));
    }

    @Test
    void costPerIterationComesFromRecordedRunsOfTheSameUnit(@TempDir Path results) throws Exception {
        var runs = Experiments.orderings(Experiments.Mode.CPU, results).runs().stream().map(r -> r.config()).toList();
        var original = runs.get(0);                    // (a) original, seed 0
        var bnAfter = runs.get(5);                     // (b) bn-after-addition, seed 0
        var reluBefore = runs.get(8);                  // (c) relu-before-addition: nothing recorded of its unit
        assertEquals("bn-after-addition", bnAfter.model().unit());
        assertEquals("relu-before-addition", reluBefore.model().unit());
        int units = 27;                                // ResNet-56: 3 stages of 9 basic units
        record(original, 6000 * units * 0.010);       // 0.010 s per unit-iteration
        record(bnAfter, 6000 * units * 0.030);
        assertEquals(0.010, ExperimentPlan.secondsPerUnitIteration(runs, runs.get(1)), 1e-12, "same unit");
        assertEquals(0.030, ExperimentPlan.secondsPerUnitIteration(runs, runs.get(6)), 1e-12, "same unit");
        assertEquals(0.030, ExperimentPlan.secondsPerUnitIteration(runs, reluBefore), 1e-12,
                "no run of its unit: the upper median of all recorded runs of the width");
        assertEquals(ExperimentPlan.measuredSecondsPerUnitIteration(0.25),
                ExperimentPlan.secondsPerUnitIteration(List.of(reluBefore), reluBefore), 1e-12, "nothing recorded");
        assertEquals(6000 * units * 0.010, ExperimentPlan.remainingSeconds(runs.get(1), 0.010), 1e-6);
        assertEquals(0, ExperimentPlan.remainingSeconds(original, 0.010), 1e-12, "recorded: nothing left");
    }

    private static void record(org.resnetlab.train.RunConfig run, double elapsedSeconds) throws Exception {
        Files.createDirectories(run.out());
        Files.writeString(run.out().resolve("run.json"), "{\"outcome\": {\"status\": \"completed\"}}");
        Files.writeString(run.out().resolve("metrics.csv"), "iteration,epoch,lr,train_loss,train_error,test_loss,"
                + "test_error,images_per_s,elapsed_s\n6000,12.8,0.001,0.2,7.0,0.3,9.0,300," + elapsedSeconds + "\n");
    }
}
