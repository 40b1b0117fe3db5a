package org.resnetlab.experiments;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.resnetlab.experiments.RecordedRuns.row;

class TrainingDynamicsTest {

    private static ExperimentResults deeper() {
        return new RecordedRuns()
                // slow start: the loss stays high for the first 100 iterations
                .add("original-110", 110, "original", false,
                        row(50, 2.3, 88, 85), row(100, 2.1, 80, 70), row(150, 0.9, 30, 20), row(200, 0.4, 9, 14))
                .add("full-preact-110", 110, "full-preact", false,
                        row(50, 1.2, 45, 30), row(100, 0.7, 25, 18), row(150, 0.5, 15, 13), row(200, 0.45, 11, 12))
                .build("05-deeper");
    }

    @Test
    void earlyTrainingMeasuresTheSlowStart() {
        Table t = TrainingDynamics.earlyTraining(deeper(), 30, 100);
        System.out.println(t.print());
        assertEquals(List.of(2.3, 1.2), t.doubleColumn("train loss at first evaluation").asList());
        assertEquals(List.of(150, 100), t.intColumn("iterations to train error ≤ 30%").asList());
        assertEquals(2.2, t.doubleColumn("mean train loss, iterations 1–100").get(0), 1e-12);
        assertEquals(0.95, t.doubleColumn("mean train loss, iterations 1–100").get(1), 1e-12);

        Table never = TrainingDynamics.earlyTraining(deeper(), 5, 100);
        assertTrue(never.intColumn(4).isMissing(0), "never reached: missing, not 0");
    }

    @Test
    void meanTrainLossWeighsRowsByTheIterationsTheyCover() {
        var rows = deeper().results().get(0).rows();
        assertEquals((50 * 2.3 + 25 * 2.1) / 75, TrainingDynamics.meanTrainLoss(rows, 75), 1e-12, "a row counts in part");
        assertEquals((50 * 2.3 + 50 * 2.1 + 50 * 0.9 + 50 * 0.4) / 200, TrainingDynamics.meanTrainLoss(rows, 1000), 1e-12);
    }

    @Test
    void startKeepsOnlyTheFirstIterationsOfEveryRun() {
        Table start = TrainingDynamics.start(deeper(), 100);
        assertEquals(4, start.rowCount());
        assertEquals(List.of("original-110", "original-110", "full-preact-110", "full-preact-110"),
                start.stringColumn("run").asList());
    }

    @Test
    void generalisationGapIsTestMinusTrainError() {
        Table t = TrainingDynamics.generalisation(deeper());
        assertEquals(List.of(5.0, 1.0), t.doubleColumn("gap: test − train error (points)").asList());
        assertEquals(12.0, TrainingDynamics.finalTestError(deeper(), 110, "full-preact"));
        assertTrue(Double.isNaN(TrainingDynamics.finalTestError(deeper(), 56, "full-preact")));
    }

    @Test
    void finalErrorsByDepthHasOneRowPerDepthAndTwoColumnsPerUnit() {
        ExperimentResults r = new RecordedRuns()
                .add("original-56", 56, "original", false, row(100, 0.5, 10, 16))
                .add("full-preact-56", 56, "full-preact", false, row(100, 0.6, 13, 14))
                .add("original-20", 20, "original", false, row(100, 0.5, 9, 12))
                .build("05-deeper");
        Table t = TrainingDynamics.finalErrorsByDepth(r);
        assertEquals(List.of(20.0, 56.0), t.doubleColumn("depth").asList());
        assertEquals(List.of("depth", "original train %", "original test %", "full-preact train %", "full-preact test %"),
                t.columnNames());
        assertEquals(List.of(12.0, 16.0), t.doubleColumn("original test %").asList());
        assertTrue(t.doubleColumn("full-preact test %").isMissing(0), "no pre-act run at depth 20");
    }

    @Test
    void theEarlyWindowIsTheFirstThirdButAtLeastTwoEvaluations() {
        var cpu = Experiments.deeper(Experiments.Mode.CPU, java.nio.file.Path.of("results"));    // 6000 iterations, eval every 500
        assertEquals(2000, TrainingDynamics.earlyWindow(cpu));
        var quick = Experiments.deeper(Experiments.Mode.QUICK, java.nio.file.Path.of("results"));  // 30 iterations, eval every 10
        assertEquals(20, TrainingDynamics.earlyWindow(quick));
    }
}
