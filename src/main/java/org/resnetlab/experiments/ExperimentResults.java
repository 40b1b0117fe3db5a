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

    /** Every metric row of every run with a leading "run" column holding the run's label (group curves by it). */
    public Table curves() {
        Table all = null;
        for (int i = 0; i < results.size(); i++) {
            Table t = results.get(i).metrics();
            StringColumn label = StringColumn.create("run", t.rowCount());
            label.setMissingTo(experiment.runs().get(i).label());
            t.insertColumn(0, label);
            all = all == null ? t.copy() : all.append(t);
        }
        return (all == null ? Table.create() : all).setName(experiment.name() + " curves");
    }

    /** One row per run: label, depth, unit, iterations, final train/test error (%), outcome (completed/fail/diverged). */
    public Table summary() {
        StringColumn label = StringColumn.create("run");
        IntColumn depth = IntColumn.create("depth");
        StringColumn unit = StringColumn.create("unit");
        IntColumn iterations = IntColumn.create("iterations");
        DoubleColumn trainError = DoubleColumn.create("final train error %");
        DoubleColumn testError = DoubleColumn.create("final test error %");
        StringColumn outcome = StringColumn.create("outcome");
        for (int i = 0; i < results.size(); i++) {
            RunResult r = results.get(i);
            label.append(experiment.runs().get(i).label());
            depth.append(r.config().model().depth());
            unit.append(r.config().model().unit());
            iterations.append(r.outcome().iteration());
            trainError.append(r.rows().isEmpty() ? Double.NaN : r.rows().get(r.rows().size() - 1).trainError());
            testError.append(r.finalTestError());
            String status = r.outcome().status().label();
            outcome.append(r.outcome().ok() ? status : status + " (" + r.outcome().detail() + ")");
        }
        return Table.create(experiment.name() + " — " + description(),
                label, depth, unit, iterations, trainError, testError, outcome);
    }
}
