package org.resnetlab.experiments;

import org.resnetlab.train.MetricRow;
import org.resnetlab.train.RunResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/**
 * What the recorded curves say about how a net trains, beyond its final error ([2] Fig. 1, Fig. 6): how hard the
 * first iterations are (the original unit at great depth reduces the training loss slowly at the start) and how far
 * test error sits above training error at the end (pre-activation's regularisation effect). Computed from the metric
 * rows of an {@link ExperimentResults}, so recorded runs are analysed without retraining.
 */
public final class TrainingDynamics {
    private TrainingDynamics() {}

    /**
     * The "start of training" window of an experiment: its first third, but at least two evaluations so the curve
     * has a slope (notebooks 04 and 05).
     */
    public static int earlyWindow(Experiments.Experiment experiment) {
        var config = experiment.runs().get(0).config();
        return Math.max(config.protocol().iterations() / 3, 2 * config.evalEvery());
    }

    /** The curves of every run up to and including {@code lastIteration} (the start of training, for a chart). */
    public static Table start(ExperimentResults results, int lastIteration) {
        Table curves = results.curves();
        return curves.where(curves.intColumn("iteration").isLessThanOrEqualTo(lastIteration))
                .setName(results.experiment().name() + ": the first " + lastIteration + " iterations");
    }

    /**
     * One row per run label (median over its seeds): the training loss at the first evaluation, the first iteration at which the training error
     * (averaged since the previous evaluation) fell to {@code trainErrorPercent} or below (missing if never), and the
     * area under the training-loss curve over the first {@code lastIteration} iterations divided by their number (the
     * mean training loss there: lower means faster early progress).
     */
    public static Table earlyTraining(ExperimentResults results, double trainErrorPercent, int lastIteration) {
        results = results.medians();   // one row per configuration: the median over its seeds
        StringColumn label = StringColumn.create("run");
        IntColumn depth = IntColumn.create("depth");
        StringColumn unit = StringColumn.create("unit");
        DoubleColumn firstLoss = DoubleColumn.create("train loss at first evaluation");
        IntColumn reached = IntColumn.create("iterations to train error ≤ " + format(trainErrorPercent) + "%");
        DoubleColumn meanLoss = DoubleColumn.create("mean train loss, iterations 1–" + lastIteration);
        for (int i = 0; i < results.results().size(); i++) {
            RunResult r = results.results().get(i);
            label.append(results.experiment().runs().get(i).label());
            depth.append(r.config().model().depth());
            unit.append(r.config().model().unit());
            List<MetricRow> rows = r.rows();
            firstLoss.append(rows.isEmpty() ? Double.NaN : round(rows.get(0).trainLoss(), 3));
            Integer first = null;
            for (MetricRow row : rows) {
                if (row.trainError() <= trainErrorPercent) {
                    first = row.iteration();
                    break;
                }
            }
            if (first == null) {
                reached.appendMissing();
            } else {
                reached.append(first);
            }
            meanLoss.append(round(meanTrainLoss(rows, lastIteration), 3));
        }
        return Table.create(results.experiment().name() + ": early training", label, depth, unit, firstLoss, reached,
                meanLoss);
    }

    /**
     * The mean training loss over iterations 1…{@code lastIteration}: each metric row averages the iterations since
     * the previous one, so rows are weighted by the iterations they cover (a row straddling the limit counts in part).
     */
    public static double meanTrainLoss(List<MetricRow> rows, int lastIteration) {
        double sum = 0;
        int covered = 0;
        int previous = 0;
        for (MetricRow row : rows) {
            if (previous >= lastIteration) {
                break;
            }
            int span = Math.min(row.iteration(), lastIteration) - previous;
            sum += span * row.trainLoss();
            covered += span;
            previous = row.iteration();
        }
        return covered == 0 ? Double.NaN : sum / covered;
    }

    /**
     * One row per run label (median over its seeds): final training and test loss (3 decimals) and error (%, 2 decimals) and the gap test − train
     * (points). A unit that regularises ends with a higher training error but the same or lower test error: a smaller gap.
     */
    public static Table generalisation(ExperimentResults results) {
        results = results.medians();   // one row per configuration: the median over its seeds
        StringColumn label = StringColumn.create("run");
        IntColumn depth = IntColumn.create("depth");
        StringColumn unit = StringColumn.create("unit");
        DoubleColumn trainLoss = DoubleColumn.create("final train loss");
        DoubleColumn testLoss = DoubleColumn.create("final test loss");
        DoubleColumn trainError = DoubleColumn.create("final train error %");
        DoubleColumn testError = DoubleColumn.create("final test error %");
        DoubleColumn gap = DoubleColumn.create("gap: test − train error (points)");
        for (int i = 0; i < results.results().size(); i++) {
            RunResult r = results.results().get(i);
            label.append(results.experiment().runs().get(i).label());
            depth.append(r.config().model().depth());
            unit.append(r.config().model().unit());
            MetricRow last = r.lastRow();
            trainLoss.append(last == null ? Double.NaN : round(last.trainLoss(), 3));
            testLoss.append(last == null ? Double.NaN : round(last.testLoss(), 3));
            trainError.append(last == null ? Double.NaN : round(last.trainError(), 2));
            testError.append(last == null ? Double.NaN : round(last.testError(), 2));
            gap.append(last == null ? Double.NaN : round(last.testError() - last.trainError(), 2));
        }
        return Table.create(results.experiment().name() + ": train vs test at the end", label, depth, unit,
                trainLoss, testLoss, trainError, testError, gap);
    }

    /**
     * Final errors against depth, one row per depth and two columns per unit ("original train %", "original test %",
     * …), units in the order the experiment lists them: the data of an error-vs-depth chart.
     */
    public static Table finalErrorsByDepth(ExperimentResults results) {
        results = results.medians();   // one row per configuration: the median over its seeds
        List<Integer> depths = results.results().stream().map(r -> r.config().model().depth()).distinct().sorted().toList();
        List<String> units = results.results().stream().map(r -> r.config().model().unit()).distinct().toList();
        Table table = Table.create(results.experiment().name() + ": final error vs depth",
                DoubleColumn.create("depth", depths.stream().mapToDouble(Integer::doubleValue).toArray()));
        for (String unit : units) {
            DoubleColumn train = DoubleColumn.create(unit + " train %");
            DoubleColumn test = DoubleColumn.create(unit + " test %");
            for (int depth : depths) {
                RunResult run = find(results, depth, unit);
                MetricRow last = run == null ? null : run.lastRow();
                train.append(last == null ? Double.NaN : last.trainError());
                test.append(last == null ? Double.NaN : last.testError());
            }
            table.addColumns(train, test);
        }
        return table;
    }

    private static RunResult find(ExperimentResults results, int depth, String unit) {
        for (RunResult r : results.results()) {
            if (r.config().model().depth() == depth && r.config().model().unit().equals(unit)) {
                return r;
            }
        }
        return null;
    }

    /** The final test error of one unit at one depth, NaN when no such run is in the results. */
    public static double finalTestError(ExperimentResults results, int depth, String unit) {
        results = results.medians();   // one row per configuration: the median over its seeds
        RunResult run = find(results, depth, unit);
        return run == null ? Double.NaN : run.finalTestError();
    }

    /** Rounded for display (tables show what a reader can compare); NaN stays NaN. */
    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Double.isFinite(value) ? Math.round(value * scale) / scale : value;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
