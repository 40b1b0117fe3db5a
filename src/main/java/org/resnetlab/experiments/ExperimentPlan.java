package org.resnetlab.experiments;

import org.resnetlab.experiments.Experiments.Experiment;
import org.resnetlab.experiments.Experiments.LabelledRun;
import org.resnetlab.units.Cost;
import org.resnetlab.models.Models;
import org.resnetlab.train.RunConfig;
import org.resnetlab.train.RunRecord;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.resnetlab.train.MetricRow;

/**
 * What an experiment is about to do, for a notebook's parameter cell: one row per run with its data, network, size,
 * schedule and whether it is already recorded (read back, not retrained), interrupted (resumed) or still to train.
 */
public final class ExperimentPlan {
    private ExperimentPlan() {}

    public static Table table(Experiment experiment) {
        StringColumn label = StringColumn.create("run");
        StringColumn dataset = StringColumn.create("dataset");
        IntColumn depth = IntColumn.create("depth");
        StringColumn unit = StringColumn.create("unit");
        StringColumn channels = StringColumn.create("channels");
        DoubleColumn parameters = DoubleColumn.create("parameters (M)");
        DoubleColumn macs = DoubleColumn.create("MACs per image (M)");
        IntColumn iterations = IntColumn.create("iterations");
        IntColumn batch = IntColumn.create("batch");
        IntColumn seed = IntColumn.create("seed");
        StringColumn status = StringColumn.create("status");
        for (LabelledRun run : experiment.runs()) {
            RunConfig c = run.config();
            label.append(run.label());
            dataset.append(c.dataset());
            depth.append(c.model().depth());
            unit.append(c.model().unit());
            int[] w = c.model().stageWidths();
            channels.append(w[0] + "/" + w[1] + "/" + w[2]);
            Cost cost = Models.cost(c.model());
            parameters.append(Math.round(cost.parameters() / 1e4) / 100.0);
            macs.append(Math.round(cost.macs() / 1e5) / 10.0);
            iterations.append(c.protocol().iterations());
            batch.append(c.protocol().batchSize());
            seed.append((int) c.seed());
            status.append(status(c.out()));
        }
        return Table.create(experiment.name() + " (" + experiment.mode().name().toLowerCase() + " mode)", label,
                dataset, depth, unit, channels, parameters, macs, iterations, batch, seed, status);
    }

    /**
     * Seconds of training {@code run} still needs on a 2-core CPU: its iterations not yet recorded times a cost per
     * unit-iteration, taken from recorded runs of the same dataset and width under {@code results} when there are any
     * (their elapsed time includes evaluation), else from {@link #measuredSecondsPerUnitIteration} (PyTorch engine, 2-core
     * Xeon, 2026-12-01, batch 128, evaluation excluded).
     */
    public static double remainingSeconds(RunConfig run, double secondsPerUnitIteration) {
        String state = status(run.out());
        if (state.equals("recorded")) {
            return 0;
        }
        int done = 0;
        try {
            List<MetricRow> rows = RunRecord.readMetrics(run.out());
            done = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).iteration();
        } catch (IOException | RuntimeException e) {
            done = 0;
        }
        return (run.protocol().iterations() - done) * units(run) * secondsPerUnitIteration * run.protocol().batchSize() / 128.0;
    }

    /** Measured 2026-12-01 (ResNet-56 on Fashion-MNIST, batch 128, PyTorch engine): 0.23 s/iteration at width 0.25 = 27 units. */
    public static double measuredSecondsPerUnitIteration(double width) {
        return width <= 0.25 ? 0.0084 : width <= 0.5 ? 0.011 : 0.020 * width;
    }

    /**
     * The cost per unit-iteration of recorded runs like {@code like}: the median over the recorded runs of the same
     * dataset, width and unit (a gated or 1x1-conv unit costs more than an identity one) at the recorded depth nearest
     * to its own (a shallow net's stem and evaluation weigh more per unit); without such runs, over the runs of the
     * same dataset and width at the nearest depth; without those, the measured constant.
     */
    public static double secondsPerUnitIteration(List<RunConfig> recorded, RunConfig like) {
        List<double[]> sameUnit = new java.util.ArrayList<>();   // {depth, cost}
        List<double[]> sameWidth = new java.util.ArrayList<>();
        for (RunConfig r : recorded) {
            if (!r.dataset().equals(like.dataset()) || r.model().width() != like.model().width() || !status(r.out()).equals("recorded")) {
                continue;
            }
            try {
                List<MetricRow> rows = RunRecord.readMetrics(r.out());
                if (!rows.isEmpty()) {
                    MetricRow last = rows.get(rows.size() - 1);
                    double[] cost = {r.model().depth(), last.elapsedSeconds() / last.iteration() / units(r)};
                    sameWidth.add(cost);
                    if (r.model().unit().equals(like.model().unit())) {
                        sameUnit.add(cost);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // an unreadable run says nothing about cost
            }
        }
        List<double[]> costs = sameUnit.isEmpty() ? sameWidth : sameUnit;
        if (costs.isEmpty()) {
            return measuredSecondsPerUnitIteration(like.model().width());
        }
        int depth = like.model().depth();
        double nearest = costs.stream().mapToDouble(c -> Math.abs(c[0] - depth)).min().orElseThrow();
        List<Double> atDepth = costs.stream().filter(c -> Math.abs(c[0] - depth) == nearest).map(c -> c[1]).sorted().toList();
        return atDepth.get(atDepth.size() / 2);
    }

    private static int units(RunConfig run) {
        return Models.network(run.model()).units().size();
    }

    /** "recorded" (finished: read back), "interrupted" (resumes from its checkpoint) or "to train". */
    public static String status(Path runFolder) {
        Path runJson = runFolder.resolve(RunRecord.RUN);
        if (!Files.isRegularFile(runJson)) {
            return "to train";
        }
        try {
            return RunRecord.hasOutcome(runJson) ? "recorded" : "interrupted";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + runJson, e);
        }
    }
}
