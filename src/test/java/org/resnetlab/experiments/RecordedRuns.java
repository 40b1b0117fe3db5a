package org.resnetlab.experiments;

import org.resnetlab.experiments.Experiments.Experiment;
import org.resnetlab.experiments.Experiments.LabelledRun;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.train.MetricRow;
import org.resnetlab.train.Outcome;
import org.resnetlab.train.RunConfig;
import org.resnetlab.train.RunResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Experiment results written by hand (no training): each run's curve and how it ended. */
public final class RecordedRuns {
    private final List<LabelledRun> runs = new ArrayList<>();
    private final List<RunResult> results = new ArrayList<>();

    /**
     * Adds a run whose rows are (iteration, train loss, train error %, test error %) quadruples; it ends as
     * {@link Outcome#atEnd} says, or diverged.
     */
    public RecordedRuns add(String label, int depth, String unit, boolean diverged, double[]... rows) {
        RunConfig config = RunConfig.of("fashion-mnist", ModelSpec.fashionMnist(depth, unit),
                Path.of("results", label.replace(' ', '_'), "seed" + runs.size()));
        List<MetricRow> metricRows = new ArrayList<>();
        for (double[] r : rows) {
            metricRows.add(new MetricRow((int) r[0], 0, 0.1, r[1], r[2], r[1] * 1.1, r[3], 100, r[0]));
        }
        int last = metricRows.isEmpty() ? 0 : metricRows.get(metricRows.size() - 1).iteration();
        Outcome outcome = diverged ? Outcome.diverged(last + 1, Double.NaN)
                : Outcome.atEnd(last, metricRows.isEmpty() ? Double.NaN : metricRows.get(metricRows.size() - 1).testError());
        runs.add(new LabelledRun(label, config));
        results.add(new RunResult(config, outcome, metricRows, true));
        return this;
    }

    public ExperimentResults build(String name) {
        return new ExperimentResults(new Experiment(name, Experiments.Mode.CPU, "CPU mode: by hand", runs), results);
    }

    public static double[] row(double iteration, double trainLoss, double trainError, double testError) {
        return new double[] {iteration, trainLoss, trainError, testError};
    }
}
