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
        assertEquals(5, plan.rowCount());
        assertEquals(List.of("recorded", "interrupted", "to train", "to train", "to train"),
                plan.stringColumn("status").asList());
        assertEquals("fashion-mnist", plan.stringColumn("dataset").get(0));
        assertEquals(20, plan.intColumn("depth").get(0));
        assertEquals(0.27, plan.doubleColumn("parameters (M)").get(0), 1e-9, "ResNet-20, [1] Table 6");
        assertEquals(600, plan.intColumn("iterations").get(0));
    }
}
