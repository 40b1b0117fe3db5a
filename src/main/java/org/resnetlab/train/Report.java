package org.resnetlab.train;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.resnetlab.units.ResidualUnits;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Paper versus ours: every finished run under a results folder, grouped by dataset, depth, body and unit, with
 * the median final test error over its seeds beside the published number (same table and row).
 */
public final class Report {
    private Report() {}

    /** One finished run as recorded in its run.json. */
    public record FinishedRun(Path folder, String dataset, int depth, String body, String unit, long seed,
                              int iterations, String status, double testError) {}

    public static List<FinishedRun> finishedRuns(Path results) {
        return finishedRuns(results, warning -> System.err.println("warning: " + warning));
    }

    /** Every finished run under {@code results}; a damaged run.json is skipped with one warning naming it. */
    public static List<FinishedRun> finishedRuns(Path results, Consumer<String> warnings) {
        List<FinishedRun> runs = new ArrayList<>();
        if (!Files.isDirectory(results)) {
            return runs;
        }
        try (Stream<Path> files = Files.walk(results)) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals(RunRecord.RUN)).sorted().toList()) {
                JsonObject run;
                try {
                    run = RunRecord.readChecked(file); // checks every field read below
                } catch (RunFolderException.Damaged e) {
                    warnings.accept("skipped: " + e.getMessage());
                    continue;
                }
                JsonElement outcome = run.get("outcome");
                if (outcome == null || outcome.isJsonNull()) {
                    continue;
                }
                JsonObject id = run.getAsJsonObject("identity");
                JsonObject o = outcome.getAsJsonObject();
                JsonElement error = o.get("final_test_error");
                runs.add(new FinishedRun(file.getParent(), id.get("dataset").getAsString(), id.get("depth").getAsInt(),
                        id.get("body").isJsonNull() ? "basic" : id.get("body").getAsString(),
                        canonicalUnit(id.get("unit").getAsString()), id.get("seed").getAsLong(),
                        id.get("iterations").getAsInt(), o.get("status").getAsString(),
                        error == null || error.isJsonNull() ? Double.NaN : error.getAsDouble()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read results under " + results, e);
        }
        return runs;
    }

    /** The recorded metric rows of one run folder as a table (for plotting committed results without training). */
    public static Table metrics(Path runFolder) {
        try {
            return RunResult.table(runFolder.getFileName().toString(), RunRecord.readMetrics(runFolder));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + runFolder.resolve(RunRecord.METRICS), e);
        }
    }

    static String canonicalUnit(String unit) {
        try {
            return ResidualUnits.of(unit).name();
        } catch (IllegalArgumentException e) {
            return unit;
        }
    }

    /**
     * The comparison table: one row per (dataset, depth, body, unit, iterations), the median over its seeds.
     */
    public static Table table(Path results) {
        return table(results, warning -> System.err.println("warning: " + warning));
    }

    /** {@link #table(Path)}, passing a warning per skipped (damaged) run to {@code warnings}. */
    public static Table table(Path results, Consumer<String> warnings) {
        Map<String, List<FinishedRun>> groups = new LinkedHashMap<>();
        for (FinishedRun run : finishedRuns(results, warnings)) {
            String key = run.dataset() + "|" + run.depth() + "|" + run.body() + "|" + run.unit() + "|" + run.iterations();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(run);
        }
        StringColumn source = StringColumn.create("paper table");
        StringColumn row = StringColumn.create("paper row");
        StringColumn dataset = StringColumn.create("dataset");
        IntColumn depth = IntColumn.create("depth");
        StringColumn body = StringColumn.create("body");
        StringColumn unit = StringColumn.create("unit");
        StringColumn paper = StringColumn.create("paper error %");
        StringColumn ours = StringColumn.create("ours (median) %");
        IntColumn seeds = IntColumn.create("runs");
        StringColumn outcomes = StringColumn.create("outcomes");
        IntColumn iterations = IntColumn.create("iterations");
        DoubleColumn fraction = DoubleColumn.create("of paper schedule");
        for (List<FinishedRun> group : groups.values()) {
            FinishedRun first = group.get(0);
            PaperResults.Entry entry = PaperResults.find(first.dataset(), first.depth(), first.body(), first.unit());
            source.append(entry == null ? "" : entry.table());
            row.append(entry == null ? "" : entry.row());
            dataset.append(first.dataset());
            depth.append(first.depth());
            body.append(first.body());
            unit.append(first.unit());
            paper.append(entry == null ? "" : entry.errorText());
            ours.append(median(group));
            seeds.append(group.size());
            outcomes.append(outcomeCounts(group));
            iterations.append(first.iterations());
            fraction.append((double) first.iterations() / Protocol.PAPER_ITERATIONS);
        }
        return Table.create("paper vs ours", source, row, dataset, depth, body, unit, paper, ours, seeds, outcomes,
                iterations, fraction);
    }

    /** Median final test error; a diverged run ranks above every number; a median above 20% is the paper's fail. */
    static String median(List<FinishedRun> group) {
        List<Double> errors = new ArrayList<>();
        for (FinishedRun run : group) {
            errors.add(run.status().equals("diverged") || Double.isNaN(run.testError()) ? Double.POSITIVE_INFINITY : run.testError());
        }
        errors.sort(Comparator.naturalOrder());
        int n = errors.size();
        double median = n % 2 == 1 ? errors.get(n / 2) : (errors.get(n / 2 - 1) + errors.get(n / 2)) / 2;
        if (Double.isInfinite(median)) {
            return "fail (diverged)";
        }
        String number = String.format(java.util.Locale.ROOT, "%.2f", median);
        return median > Outcome.FAIL_ABOVE_PERCENT ? "fail (" + number + ")" : number;
    }

    private static String outcomeCounts(List<FinishedRun> group) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (FinishedRun run : group) {
            counts.merge(run.status(), 1, Integer::sum);
        }
        StringBuilder text = new StringBuilder();
        counts.forEach((status, count) -> text.append(text.length() == 0 ? "" : ", ").append(count).append(' ').append(status));
        return text.toString();
    }
}
