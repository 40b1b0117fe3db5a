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
}
