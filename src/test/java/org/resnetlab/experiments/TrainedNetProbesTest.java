package org.resnetlab.experiments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.train.Checkpoint;
import org.resnetlab.train.Protocol;
import org.resnetlab.train.RunConfig;
import org.resnetlab.train.RunListener;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Notebook 02's probes on three briefly trained depth-8 nets; the trained-net tables survive losing the checkpoints. */
class TrainedNetProbesTest {
    @TempDir
    Path dir;

    @Test
    void probesTrainedNetsAndRecordTheirTables() throws Exception {
        List<Experiments.LabelledRun> runs = new ArrayList<>();
        for (String unit : List.of("plain", "original", "full-preact")) {
            RunConfig config = RunConfig.of("synthetic", ModelSpec.cifar(8, unit), dir.resolve("e").resolve(unit).resolve("seed0"))
                    .withProtocol(Protocol.paper().withBatchSize(16).withIterations(2)).withEvalEvery(2).withTestLimit(40);
            runs.add(new Experiments.LabelledRun(unit + "-8", config));
        }
        var experiment = new Experiments.Experiment("e", Experiments.Mode.QUICK, "test", runs);
        TrainedNetProbes probes = TrainedNetProbes.of(ExperimentResults.run(experiment, RunListener.NONE));

        Table checks = probes.equationChecks();
        assertEquals(3, checks.rowCount());
        assertTrue(checks.doubleColumn("eq. 4: max relative residual").get(2) < 1e-5, "full pre-activation: eq. 4 holds");
        assertTrue(checks.doubleColumn("eq. 5: max relative difference").get(2) < 1e-4, "full pre-activation: eq. 5 holds");

        Table lesions = probes.lesionsSideBySide();
        assertEquals(List.of("l", "plain-8", "original-8", "full-preact-8"), lesions.columnNames());
        assertEquals(List.of(-1, 0), lesions.intColumn("l").asList(), "depth 8: only unit 0 keeps the shape");
        Table gradients = probes.gradientNorms();
        assertEquals(7, gradients.columnCount());
        assertEquals(4, gradients.rowCount(), "x_0 … x_3");
        Table weights = probes.weightChanges("original-8");
        assertTrue(weights.doubleColumn(3).min() > 0, "every unit's weights moved");
        Table contributions = probes.contributions("full-preact-8");
        Table updates = probes.relativeUpdates("full-preact-8", "original-8");
        List<Double> expected = new ArrayList<>();
        for (String net : List.of("full-preact-8", "original-8")) {
            Table c = probes.contributions(net);
            for (int i = 0; i < c.rowCount(); i++) {
                if (c.stringColumn("term").get(i).startsWith("F(")) {
                    expected.add(c.doubleColumn("‖F(x_l)‖ / ‖x_l‖").get(i));
                }
            }
        }
        assertEquals(expected, updates.doubleColumn("‖F(x_l)‖ / ‖x_l‖").asList(), "each net's units in the order asked");
        assertEquals(List.of("full-preact-8", "original-8"), new ArrayList<>(new java.util.LinkedHashSet<>(updates.stringColumn("net").asList())));
        assertEquals(6, updates.rowCount(), "depth 8: three units per net");

        // without checkpoints (as in a fresh clone) the recorded tables are read back, equal
        for (var run : runs) {
            Checkpoint.delete(run.config().out());
        }
        TrainedNetProbes again = TrainedNetProbes.of(ExperimentResults.run(experiment, RunListener.NONE));
        assertEquals(lesions.doubleColumn("plain-8").asList(), again.lesionsSideBySide().doubleColumn("plain-8").asList());
        assertEquals(gradients.doubleColumn(6).asList(), again.gradientNorms().doubleColumn(6).asList());
        assertEquals(weights.doubleColumn(3).asList(), again.weightChanges("original-8").doubleColumn(3).asList());
        assertEquals(contributions.rowCount(), again.contributions("full-preact-8").rowCount());
        assertEquals("initial weights (no checkpoint in this clone)", again.weightsUsed("plain-8"));
        assertTrue(again.equationChecks().doubleColumn(3).get(2) < 1e-5, "checks fall back to the initial weights");
    }
}
