package org.resnetlab.experiments;

import org.resnetlab.experiments.Experiments.Experiment;
import org.resnetlab.experiments.Experiments.LabelledRun;
import org.resnetlab.train.RunListener;
import org.resnetlab.train.RunResult;
import org.resnetlab.train.TrainingRun;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import org.resnetlab.train.RunRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The runs of an {@link Experiment} after training (or after finding them recorded): one table of every curve, one
 * summary row per run. What a notebook plots and prints.
 */
public record ExperimentResults(Experiment experiment, List<RunResult> results) {

    public ExperimentResults {
        results = List.copyOf(results);
    }

    /**
     * Trains each run that is not complete (resuming interrupted ones) and reads the recorded ones; with
     * {@code RESNETLAB_TRAIN=recorded} (re-running notebooks while a campaign is still training, grading) it trains
     * nothing: {@link #recorded}.
     */
    public static ExperimentResults run(Experiment experiment, RunListener listener) {
        if (!Experiments.trainsMissingRuns()) {
            return recorded(experiment, listener);
        }
        List<RunResult> results = new ArrayList<>();
        for (LabelledRun run : experiment.runs()) {
            results.add(TrainingRun.of(run.config()).withListener(listener).run());
        }
        return new ExperimentResults(experiment, results);
    }

    /**
     * The runs of {@code experiment} that are recorded complete, read back, nothing trained; the experiment's
     * reductions then say how many of its runs are recorded so far.
     */
    public static ExperimentResults recorded(Experiment experiment, RunListener listener) {
        List<LabelledRun> kept = new ArrayList<>();
        List<RunResult> results = new ArrayList<>();
        for (LabelledRun run : experiment.runs()) {
            TrainingRun.recorded(run.config()).ifPresent(r -> {
                kept.add(run);
                results.add(r);
                listener.finished(r);
            });
        }
        String reductions = kept.size() == experiment.runs().size() ? experiment.reductions()
                : experiment.reductions() + "; " + kept.size() + " of its " + experiment.runs().size()
                        + " runs recorded so far (the rest: bin/resnetlab experiments --mode " + experiment.mode().lower() + ")";
        return new ExperimentResults(new Experiment(experiment.name(), experiment.mode(), reductions, kept), results);
    }

    /**
     * The engines that trained these runs, from the sessions in each run.json (e.g. "PyTorch 2.7.1"), distinct, in
     * order; empty when no run has a record (runs built in memory). Tables put it in their titles.
     */
    public List<String> engines() {
        Set<String> engines = new LinkedHashSet<>();
        for (RunResult r : results) {
            try {
                engines.addAll(RunRecord.engines(r.config().out()));
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("cannot read the engine of " + r.config().out().resolve(RunRecord.RUN)
                        + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(engines);
    }

    /** The experiment's reductions, plus the engine(s) that trained the runs when recorded. */
    public String description() {
        List<String> engines = engines();
        return experiment.reductions() + (engines.isEmpty() ? "" : ", trained on " + String.join(" and ", engines));
    }

    /**
     * The median final training error of each label over its seeds, in display order (a diverged seed or one
     * without rows counts as +∞): what "which run ends highest" questions are judged on.
     */
    public java.util.Map<String, Double> medianFinalTrainErrorByLabel() {
        java.util.Map<String, List<Double>> byLabel = new java.util.LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            byLabel.computeIfAbsent(experiment.runs().get(i).label(), k -> new ArrayList<>())
                    .add(Scorecard.value(results.get(i), Claims.Metric.TRAIN_ERROR));
        }
        java.util.Map<String, Double> medians = new java.util.LinkedHashMap<>();
        byLabel.forEach((label, errors) -> medians.put(label, DecisionRule.median(errors.stream().mapToDouble(Double::doubleValue).toArray())));
        return medians;
    }

    /** The label with the highest {@link #medianFinalTrainErrorByLabel()} (the first on ties), or null without runs. */
    public String highestMedianFinalTrainError() {
        return medianFinalTrainErrorByLabel().entrySet().stream()
                .reduce((a, b) -> b.getValue() > a.getValue() ? b : a).map(java.util.Map.Entry::getKey).orElse(null);
    }

    /**
     * One run per label: seeds of one configuration become one run whose every metric is the median over the seeds
     * at that iteration. A seed that diverged counts there as worse than any other seed (+∞ training and test loss
     * and error, as {@link DecisionRule} counts it) from the iteration it diverged at, so the curve ends where half
     * of the seeds or more have diverged and, with fewer diverged, runs through the worse survivors; its last point
     * is then the scorecard's median. A seed still training contributes only the rows it has. A run whose median is
     * a diverged seed is diverged. Labels with one seed are unchanged. What curves and dynamics tables show; the
     * scorecard and the paper comparison use the seeds themselves.
     */
    public ExperimentResults medians() {
        java.util.Map<String, List<Integer>> byLabel = new java.util.LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            byLabel.computeIfAbsent(experiment.runs().get(i).label(), k -> new ArrayList<>()).add(i);
        }
        if (byLabel.size() == results.size()) {
            return this;
        }
        List<LabelledRun> runs = new ArrayList<>();
        List<RunResult> merged = new ArrayList<>();
        byLabel.forEach((label, indices) -> {
            List<RunResult> seeds = indices.stream().map(results::get).toList();
            runs.add(experiment.runs().get(indices.get(0)));
            merged.add(median(seeds));
        });
        return new ExperimentResults(new Experiment(experiment.name(), experiment.mode(), experiment.reductions()
                + " (curves: median over seeds)", runs), merged);
    }

    private static RunResult median(List<RunResult> seeds) {
        java.util.TreeMap<Integer, List<org.resnetlab.train.MetricRow>> byIteration = new java.util.TreeMap<>();
        for (RunResult r : seeds) {
            r.rows().forEach(row -> byIteration.computeIfAbsent(row.iteration(), k -> new ArrayList<>()).add(row));
        }
        List<org.resnetlab.train.MetricRow> rows = new ArrayList<>();
        byIteration.forEach((iteration, at) -> {
            List<org.resnetlab.train.MetricRow> all = new ArrayList<>(at);
            for (RunResult r : seeds) {   // a diverged seed, past its last row: above every other seed
                if (!r.outcome().ok() && (r.rows().isEmpty() || r.lastRow().iteration() < iteration)) {
                    double inf = Double.POSITIVE_INFINITY;
                    all.add(new org.resnetlab.train.MetricRow(iteration, 0, 0, inf, inf, inf, inf, Double.NaN, Double.NaN));
                }
            }
            double trainError = med(all, org.resnetlab.train.MetricRow::trainError);
            double testError = med(all, org.resnetlab.train.MetricRow::testError);
            if (Double.isInfinite(trainError) || Double.isInfinite(testError)) {
                return;   // half of the seeds or more have diverged by here
            }
            rows.add(new org.resnetlab.train.MetricRow(iteration, at.get(0).epoch(), at.get(0).lr(),
                    med(all, org.resnetlab.train.MetricRow::trainLoss), trainError,
                    med(all, org.resnetlab.train.MetricRow::testLoss), testError,
                    med(at, org.resnetlab.train.MetricRow::imagesPerSecond), med(at, org.resnetlab.train.MetricRow::elapsedSeconds)));
        });
        long diverged = seeds.stream().filter(r -> !r.outcome().ok()).count();
        RunResult first = seeds.get(0);
        org.resnetlab.train.Outcome outcome = 2 * diverged >= seeds.size()   // the median final error is +∞
                ? seeds.stream().filter(r -> !r.outcome().ok()).findFirst().orElseThrow().outcome()
                : org.resnetlab.train.Outcome.atEnd(first.config().protocol().iterations(),
                        rows.isEmpty() ? Double.NaN : rows.get(rows.size() - 1).testError());
        return new RunResult(first.config(), outcome, rows, true);
    }

    private static double med(List<org.resnetlab.train.MetricRow> rows, java.util.function.ToDoubleFunction<org.resnetlab.train.MetricRow> f) {
        return DecisionRule.median(rows.stream().mapToDouble(f).toArray());
    }

    /**
     * Every metric row of every label (the median over its seeds, {@link #medians()}) with a leading "run" column
     * holding the label (group curves by it).
     */
    public Table curves() {
        ExperimentResults perLabel = medians();   // merges the seeds once; itself when every label has one run
        if (perLabel != this) {
            return perLabel.curves();
        }
        Table all = null;
        for (int i = 0; i < results.size(); i++) {
            Table t = results.get(i).metrics();
            StringColumn label = StringColumn.create("run", t.rowCount());
            label.setMissingTo(experiment.runs().get(i).label());
            t.insertColumn(0, label);
            all = all == null ? t.copy() : all.append(t);
        }
        if (all == null) {   // nothing recorded yet: the columns of a curve, no rows
            all = RunResult.table("none", List.of());
            all.insertColumn(0, StringColumn.create("run"));
        }
        return all.setName(experiment.name() + " curves");
    }

    /** One row per run (each seed): label, seed, depth, unit, iterations, final train/test error (%), outcome (completed/fail/diverged). */
    public Table summary() {
        StringColumn label = StringColumn.create("run");
        IntColumn seed = IntColumn.create("seed");
        IntColumn depth = IntColumn.create("depth");
        StringColumn unit = StringColumn.create("unit");
        IntColumn iterations = IntColumn.create("iterations");
        DoubleColumn trainError = DoubleColumn.create("final train error %");
        DoubleColumn testError = DoubleColumn.create("final test error %");
        StringColumn outcome = StringColumn.create("outcome");
        for (int i = 0; i < results.size(); i++) {
            RunResult r = results.get(i);
            label.append(experiment.runs().get(i).label());
            seed.append((int) r.config().seed());
            depth.append(r.config().model().depth());
            unit.append(r.config().model().unit());
            iterations.append(r.outcome().iteration());
            trainError.append(r.finalTrainError());
            testError.append(r.finalTestError());
            String status = r.outcome().status().label();
            outcome.append(r.outcome().ok() ? status : status + " (" + r.outcome().detail() + ")");
        }
        return Table.create(experiment.name() + " — " + description(),
                label, seed, depth, unit, iterations, trainError, testError, outcome);
    }
}
