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
    void costPerIterationComesFromRecordedRunsOfTheSameUnitAndNearestDepth(@TempDir Path results) throws Exception {
        var runs = Experiments.campaign(Experiments.Mode.CPU, results);
        var original20 = find(runs, 20, "original", 0);
        var original56 = find(runs, 56, "original", 0);
        var bnAfter56 = find(runs, 56, "bn-after-addition", 0);
        var reluBefore56 = find(runs, 56, "relu-before-addition", 0);    // nothing recorded of its unit
        record(original20, 6000 * 9 * 0.050);                             // ResNet-20: 9 units, 0.050 s per unit-iteration
        record(original56, 6000 * 27 * 0.010);                            // ResNet-56: 27 units
        record(bnAfter56, 6000 * 27 * 0.030);
        assertEquals(0.010, ExperimentPlan.secondsPerUnitIteration(runs, find(runs, 56, "original", 1)), 1e-12,
                "same unit and depth");
        assertEquals(0.010, ExperimentPlan.secondsPerUnitIteration(runs, find(runs, 110, "original", 0)), 1e-12,
                "same unit, nearest recorded depth (56, not 20)");
        assertEquals(0.050, ExperimentPlan.secondsPerUnitIteration(runs, find(runs, 20, "original", 1)), 1e-12);
        assertEquals(0.030, ExperimentPlan.secondsPerUnitIteration(runs, find(runs, 56, "bn-after-addition", 1)), 1e-12);
        assertEquals(0.030, ExperimentPlan.secondsPerUnitIteration(runs, reluBefore56), 1e-12,
                "no run of its unit: the upper median of the width's recorded runs at the nearest depth");
        assertEquals(ExperimentPlan.measuredSecondsPerUnitIteration(0.25),
                ExperimentPlan.secondsPerUnitIteration(List.of(reluBefore56), reluBefore56), 1e-12, "nothing recorded");
        assertEquals(6000 * 27 * 0.010, ExperimentPlan.remainingSeconds(find(runs, 56, "original", 1), 0.010), 1e-6);
        assertEquals(0, ExperimentPlan.remainingSeconds(original56, 0.010), 1e-12, "recorded: nothing left");
    }

    private static org.resnetlab.train.RunConfig find(List<org.resnetlab.train.RunConfig> runs, int depth, String unit,
                                                      long seed) {
        return runs.stream().filter(r -> r.model().depth() == depth && r.model().unit().equals(unit) && r.seed() == seed)
                .findFirst().orElseThrow(() -> new AssertionError("no " + unit + "-" + depth + " seed " + seed));
    }

    private static void record(org.resnetlab.train.RunConfig run, double elapsedSeconds) throws Exception {
        Files.createDirectories(run.out());
        Files.writeString(run.out().resolve("run.json"), "{\"outcome\": {\"status\": \"completed\"}}");
        Files.writeString(run.out().resolve("metrics.csv"), "iteration,epoch,lr,train_loss,train_error,test_loss,"
                + "test_error,images_per_s,elapsed_s\n6000,12.8,0.001,0.2,7.0,0.3,9.0,300," + elapsedSeconds + "\n");
    }
}
