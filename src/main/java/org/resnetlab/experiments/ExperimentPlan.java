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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * same dataset and width at the nearest depth; without those, the measured constant. For many runs, read the
     * recorded runs once with {@link #recordedCosts} and ask it.
     */
    public static double secondsPerUnitIteration(List<RunConfig> recorded, RunConfig like) {
        return recordedCosts(recorded).secondsPerUnitIteration(like);
    }

    /** One recorded run's cost: what {@link #secondsPerUnitIteration} matches on, and its seconds per unit-iteration. */
    private record RecordedCost(String dataset, double width, String unit, int depth, double seconds) {}

    /** The costs of the recorded runs among {@code runs}, each folder read once (a folder listed twice counts once). */
    public static RecordedCosts recordedCosts(List<RunConfig> runs) {
        Map<Path, RecordedCost> costs = new LinkedHashMap<>();
        for (RunConfig r : runs) {
            if (costs.containsKey(r.out()) || !status(r.out()).equals("recorded")) {
                continue;
            }
            try {
                List<MetricRow> rows = RunRecord.readMetrics(r.out());
                if (!rows.isEmpty()) {
                    MetricRow last = rows.get(rows.size() - 1);
                    costs.put(r.out(), new RecordedCost(r.dataset(), r.model().width(), r.model().unit(),
                            r.model().depth(), last.elapsedSeconds() / last.iteration() / units(r)));
                }
            } catch (IOException | RuntimeException e) {
                // an unreadable run says nothing about cost
            }
        }
        return new RecordedCosts(List.copyOf(costs.values()));
    }

    /** The recorded runs' costs, read once; {@link #secondsPerUnitIteration} applies the rule above. */
    public static final class RecordedCosts {
        private final List<RecordedCost> costs;

        private RecordedCosts(List<RecordedCost> costs) {
            this.costs = costs;
        }

        public double secondsPerUnitIteration(RunConfig like) {
            List<RecordedCost> sameWidth = costs.stream()
                    .filter(c -> c.dataset().equals(like.dataset()) && c.width() == like.model().width()).toList();
            List<RecordedCost> sameUnit = sameWidth.stream().filter(c -> c.unit().equals(like.model().unit())).toList();
            List<RecordedCost> pool = sameUnit.isEmpty() ? sameWidth : sameUnit;
            if (pool.isEmpty()) {
                return measuredSecondsPerUnitIteration(like.model().width());
            }
            int depth = like.model().depth();
            int nearest = pool.stream().mapToInt(c -> Math.abs(c.depth() - depth)).min().orElseThrow();
            List<Double> atDepth = pool.stream().filter(c -> Math.abs(c.depth() - depth) == nearest)
                    .map(RecordedCost::seconds).sorted().toList();
            return atDepth.get(atDepth.size() / 2);
        }
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
