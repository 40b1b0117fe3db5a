package org.resnetlab.train;

import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** A finished run: its configuration, outcome and every metric row, as a Tablesaw table for the notebooks. */
public record RunResult(RunConfig config, Outcome outcome, List<MetricRow> rows, boolean alreadyComplete) {

    public RunResult {
        rows = List.copyOf(rows);
    }

    /** One row per evaluation, columns as in metrics.csv. */
    public Table metrics() {
        return table(config.out().getFileName().toString(), rows);
    }

    /** The last metric row (the run's final evaluation when it completed), or null without rows. */
    public MetricRow lastRow() {
        return rows.isEmpty() ? null : rows.get(rows.size() - 1);
    }

    public double finalTestError() {
        return rows.isEmpty() ? Double.NaN : lastRow().testError();
    }

    /** The training error of the last interval (mean over its augmented batches), NaN without rows. */
    public double finalTrainError() {
        return rows.isEmpty() ? Double.NaN : lastRow().trainError();
    }

    public static Table table(String name, List<MetricRow> rows) {
        return Table.create(name,
                IntColumn.create("iteration", rows.stream().mapToInt(MetricRow::iteration).toArray()),
                DoubleColumn.create("epoch", rows.stream().mapToDouble(MetricRow::epoch).toArray()),
                DoubleColumn.create("lr", rows.stream().mapToDouble(MetricRow::lr).toArray()),
                DoubleColumn.create("train_loss", rows.stream().mapToDouble(MetricRow::trainLoss).toArray()),
                DoubleColumn.create("train_error", rows.stream().mapToDouble(MetricRow::trainError).toArray()),
                DoubleColumn.create("test_loss", rows.stream().mapToDouble(MetricRow::testLoss).toArray()),
                DoubleColumn.create("test_error", rows.stream().mapToDouble(MetricRow::testError).toArray()),
                DoubleColumn.create("images_per_s", rows.stream().mapToDouble(MetricRow::imagesPerSecond).toArray()),
                DoubleColumn.create("elapsed_s", rows.stream().mapToDouble(MetricRow::elapsedSeconds).toArray()));
    }
}
