package org.resnetlab.experiments;

import org.junit.jupiter.api.Test;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.train.MetricRow;
import org.resnetlab.train.Outcome;
import org.resnetlab.train.RunConfig;
import org.resnetlab.train.RunResult;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PaperComparisonTest {

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
