package org.resnetlab.experiments;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.resnetlab.experiments.Experiments.Experiment;
import org.resnetlab.experiments.Experiments.LabelledRun;
import org.resnetlab.models.Cost;
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
            Cost cost = Models.cost(c.model());
            parameters.append(Math.round(cost.parameters() / 1e4) / 100.0);
            macs.append(Math.round(cost.macs() / 1e5) / 10.0);
            iterations.append(c.protocol().iterations());
            batch.append(c.protocol().batchSize());
            seed.append((int) c.seed());
            status.append(status(c.out()));
        }
        return Table.create(experiment.name() + " (" + experiment.mode().name().toLowerCase() + " mode)", label,
                dataset, depth, unit, parameters, macs, iterations, batch, seed, status);
    }

    /** "recorded" (finished: read back), "interrupted" (resumes from its checkpoint) or "to train". */
    public static String status(Path runFolder) {
        Path runJson = runFolder.resolve(RunRecord.RUN);
        if (!Files.isRegularFile(runJson)) {
            return "to train";
        }
        try {
            JsonObject run = RunRecord.read(runJson);
            JsonElement outcome = run.get("outcome");
            return outcome == null || outcome.isJsonNull() ? "interrupted" : "recorded";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + runJson, e);
        }
    }
}
