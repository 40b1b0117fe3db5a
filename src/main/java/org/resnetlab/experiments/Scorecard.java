package org.resnetlab.experiments;

import org.resnetlab.experiments.Claims.Cell;
import org.resnetlab.experiments.Claims.Claim;
import org.resnetlab.experiments.Claims.Metric;
import org.resnetlab.experiments.DecisionRule.Decision;
import org.resnetlab.experiments.Experiments.Mode;
import org.resnetlab.train.RunConfig;
import org.resnetlab.train.RunResult;
import org.resnetlab.train.TrainingRun;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Claims beside what our recorded seeds say: one row per claim with the paper's numbers, each cell's median
 * [min–max] over the seeds recorded so far, the contrast with its 90% bootstrap interval and the verdict of
 * {@link DecisionRule}. Reads recorded runs only; trains nothing. Cells with fewer than
 * {@value DecisionRule#MIN_SEEDS} recorded seeds say "n too small".
 */
public final class Scorecard {
    private Scorecard() {}

    /** The rule in one paragraph, for notebooks and the README. */
    public static final String RULE = "Decision rule: each claim is a contrast of medians over seeds that the paper says "
            + "is positive; a 90% bootstrap interval comes from resampling each cell's seeds. Reproduced: the interval lies "
            + "wholly on the paper's side of zero (with 3 vs 3 seeds: the seed ranges do not overlap). Not reproduced: our "
            + "contrast is zero or of the opposite sign. Inconclusive: our contrast has the paper's sign but the interval "
            + "reaches zero. '≈' claims: reproduced when the interval lies within ±10% of the reference median, not "
            + "reproduced when wholly outside. Fewer than 3 recorded seeds in a cell: n too small, no verdict.";

    /** One evaluated claim. */
    public record Row(Claim claim, List<double[]> values, Decision decision) {}

    /** Every claim's row from the runs recorded under {@code results}. */
    public static List<Row> evaluate(List<Claim> claims) {
        List<Row> rows = new ArrayList<>();
        for (Claim claim : claims) {
            List<double[]> values = new ArrayList<>();
            for (Cell cell : claim.cells()) {
                values.add(values(cell, claim.metric()));
            }
            rows.add(new Row(claim, values, DecisionRule.decide(claim.kind(), values)));
        }
        return rows;
    }

    /** The recorded seeds' final values of a cell (diverged = +∞). */
    static double[] values(Cell cell, Metric metric) {
        List<Double> out = new ArrayList<>();
        for (RunConfig seed : cell.seeds()) {
            Optional<RunResult> r = TrainingRun.recorded(seed);
            r.ifPresent(result -> out.add(value(result, metric)));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double value(RunResult r, Metric metric) {
        if (!r.outcome().ok() || r.rows().isEmpty()) {
            return Double.POSITIVE_INFINITY;
        }
        double v = metric == Metric.TEST_ERROR ? r.finalTestError() : r.finalTrainError();
        return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
    }

    /** The scorecard as a table titled with the mode and its reductions. */
    public static Table table(Mode mode, List<Claim> claims) {
        StringColumn id = StringColumn.create("claim");
        StringColumn source = StringColumn.create("source");
        StringColumn statement = StringColumn.create("the paper says");
        StringColumn paper = StringColumn.create("paper (CIFAR-10 %)");
        StringColumn metric = StringColumn.create("we compare");
        StringColumn ours = StringColumn.create("ours: median [min–max], n seeds");
        StringColumn contrast = StringColumn.create("contrast [90% interval]");
        StringColumn verdict = StringColumn.create("verdict");
        for (Row row : evaluate(claims)) {
            Claim c = row.claim();
            id.append(c.id());
            source.append(c.source());
            statement.append(c.statement());
            paper.append(c.paper());
            metric.append(c.metric().text());
            ours.append(cellsText(c, row.values()));
            contrast.append(row.decision().contrastText());
            verdict.append(verdictText(c, row));
        }
        return Table.create(title(mode), id, source, statement, paper, metric, ours, contrast, verdict);
    }

    /** "Scorecard (cpu mode): " + the mode's reductions. */
    public static String title(Mode mode) {
        return "Scorecard (" + mode.lower() + " mode): " + Experiments.reductions(mode);
    }

    static String verdictText(Claim c, Row row) {
        if (row.decision().verdict() != DecisionRule.Verdict.N_TOO_SMALL) {
            return row.decision().verdict().text();
        }
        StringBuilder missing = new StringBuilder("n too small (");
        for (int i = 0; i < c.cells().size(); i++) {
            missing.append(i == 0 ? "" : ", ").append(row.values().get(i).length).append('/').append(c.cells().get(i).seeds().size());
        }
        return missing.append(" seeds recorded)").toString();
    }

    static String cellsText(Claim c, List<double[]> values) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < c.cells().size(); i++) {
            text.append(i == 0 ? "" : "; ").append(c.cells().get(i).label()).append(' ').append(summary(values.get(i)));
        }
        return text.toString();
    }

    /** "12.3 [11.9–13.0], n=3"; diverged seeds print as "div". */
    public static String summary(double[] seeds) {
        if (seeds.length == 0) {
            return "(none yet)";
        }
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : seeds) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return number(DecisionRule.median(seeds)) + " [" + number(min) + "–" + number(max) + "], n=" + seeds.length;
    }

    private static String number(double v) {
        return Double.isInfinite(v) ? "div" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** The scorecard of a mode read from {@code results}. */
    public static Table of(Mode mode, Path results) {
        return table(mode, Claims.all(mode, results));
    }
}
