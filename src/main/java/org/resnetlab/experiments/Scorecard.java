package org.resnetlab.experiments;

import org.resnetlab.experiments.Claims.Cell;
import org.resnetlab.experiments.Claims.Claim;
import org.resnetlab.experiments.Claims.Metric;
import org.resnetlab.experiments.DecisionRule.Decision;
import org.resnetlab.experiments.DecisionRule.Kind;
import org.resnetlab.experiments.Experiments.Mode;
import org.resnetlab.train.RunConfig;
import org.resnetlab.train.RunResult;
import org.resnetlab.train.TrainingRun;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
            + "reproduced when wholly outside. Fewer than 3 recorded seeds in a cell: n too small, no verdict; a verdict before "
            + "every planned seed of its cells is recorded is marked provisional.";

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

    /**
     * A seed's final value as every comparison of seeds takes it (the scorecard, the paper-vs-ours table, "which run
     * ends highest"): +∞ for a diverged run or one without rows, so it ranks above every number.
     */
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

    /**
     * The scorecard's verdicts counted, with the claims of each, e.g. "19 claims: 12 reproduced; 4 not reproduced
     * (T1-gate-0, T2-b-worst); ...", read off the table's own claim and verdict columns (a provisional verdict counts
     * under its verdict), so a summary beside the table cannot disagree with it.
     */
    public static String tally(Table scorecard) {
        Map<DecisionRule.Verdict, List<String>> byVerdict = new EnumMap<>(DecisionRule.Verdict.class);
        for (int r = 0; r < scorecard.rowCount(); r++) {
            String verdict = scorecard.stringColumn("verdict").get(r);
            DecisionRule.Verdict v = Arrays.stream(DecisionRule.Verdict.values())
                    .filter(x -> verdict.equals(x.text()) || verdict.startsWith(x.text() + " ("))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("not a verdict: " + verdict));
            byVerdict.computeIfAbsent(v, k -> new ArrayList<>()).add(scorecard.stringColumn("claim").get(r));
        }
        List<String> parts = new ArrayList<>();
        byVerdict.forEach((v, ids) -> parts.add(ids.size() + " " + v.text()
                + (v == DecisionRule.Verdict.REPRODUCED ? "" : " (" + String.join(", ", ids) + ")")));
        return scorecard.rowCount() + " claims: " + String.join("; ", parts);
    }

    /** "Scorecard (cpu mode): " + the mode's reductions. */
    public static String title(Mode mode) {
        return "Scorecard (" + mode.lower() + " mode): " + Experiments.reductions(mode);
    }

    /** The verdict; "n too small (1/3, 3/5 seeds recorded)"; a verdict before every planned seed is in says "provisional". */
    static String verdictText(Claim c, Row row) {
        List<SeedCount> counts = seedCounts(c, row.values());
        String fractions = String.join(", ", counts.stream().map(n -> n.have() + "/" + n.planned()).toList());
        DecisionRule.Verdict verdict = row.decision().verdict();
        if (verdict == DecisionRule.Verdict.N_TOO_SMALL) {
            return "n too small (" + fractions + " seeds recorded)";
        }
        boolean partial = counts.stream().anyMatch(SeedCount::partial);
        return verdict.text() + (partial ? " (provisional: " + fractions + " seeds recorded)" : "");
    }

    /** A cell's recorded and planned seeds. */
    private record SeedCount(String label, int have, int planned) {
        boolean partial() { return have < planned; }
    }

    private static List<SeedCount> seedCounts(Claim c, List<double[]> values) {
        List<SeedCount> counts = new ArrayList<>();
        for (int i = 0; i < c.cells().size(); i++) {
            counts.add(new SeedCount(c.cells().get(i).label(), values.get(i).length, c.cells().get(i).seeds().size()));
        }
        return counts;
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

    /**
     * One sentence per claim that reads its verdict off the numbers the table prints: the medians the contrast
     * compares, the contrast with its interval, and what the rule saw in them. A claim that is not reproduced or
     * inconclusive outside paper mode also says where the paper-scale test is. For a notebook's "What the data say".
     */
    public static List<String> findings(Mode mode, List<Claim> claims) {
        return evaluate(claims).stream().map(row -> finding(mode, row)).toList();
    }

    static String finding(Mode mode, Row row) {
        Claim c = row.claim();
        Decision d = row.decision();
        String head = c.id() + " (" + c.statement() + "): ";
        if (d.verdict() == DecisionRule.Verdict.N_TOO_SMALL) {
            List<String> missing = seedCounts(c, row.values()).stream().filter(n -> n.have() < DecisionRule.MIN_SEEDS)
                    .map(n -> n.label() + " has " + n.have() + " of " + n.planned() + " seeds").toList();
            return head + "no verdict yet: " + String.join(", ", missing) + " recorded.";
        }
        boolean similar = c.kind() == Kind.SIMILAR;
        String reading = switch (d.verdict()) {
            case REPRODUCED -> similar ? "the whole interval lies inside the band."
                    : "the whole interval lies on the paper's side of zero.";
            case INCONCLUSIVE -> similar ? "the interval reaches past the band's edge."
                    : "the paper's direction, but the interval reaches zero: the seeds overlap.";
            case NOT_REPRODUCED -> similar ? "the interval lies wholly outside the band."
                    : "the contrast is zero or of the opposite sign to the paper's.";
            case N_TOO_SMALL -> throw new AssertionError();
        };
        String elsewhere = d.verdict() == DecisionRule.Verdict.REPRODUCED || mode == Mode.PAPER ? ""
                : " The test at the paper's scale is paper mode on a GPU "
                        + "(RESNETLAB_MODE=paper: CIFAR-10, the paper's depth, 5 seeds).";
        return head + d.verdict().text() + ". " + compared(c, row.values()) + "; contrast " + d.contrastText() + ": " + reading
                + elsewhere + provisional(c, row.values());
    }

    /** " Provisional: original-56 has 3 of 5 planned seeds." when a cell has a verdict's seeds but not all its plan's. */
    private static String provisional(Claim c, List<double[]> values) {
        List<String> partial = seedCounts(c, values).stream().filter(SeedCount::partial)
                .map(n -> n.label() + " has " + n.have() + " of " + n.planned() + " planned seeds").toList();
        return partial.isEmpty() ? "" : " Provisional: " + String.join(", ", partial) + ".";
    }

    /** The medians a claim's contrast is made of, in words. */
    private static String compared(Claim c, List<double[]> values) {
        List<String> labels = c.cells().stream().map(Claims.Cell::label).toList();
        double[] m = values.stream().mapToDouble(DecisionRule::median).toArray();
        String first = "median " + labels.get(0) + " " + sentenceNumber(m[0]);
        return switch (c.kind()) {
            case HIGHER, SIMILAR -> first + " vs " + labels.get(1) + " " + sentenceNumber(m[1]);
            case FAILS -> first + " vs the fail threshold " + sentenceNumber(FailRule.threshold(values.get(1)))
                    + " (" + labels.get(1) + "'s worst seed plus half its median " + sentenceNumber(m[1]) + ")";
            case HIGHEST, LOWEST -> {
                int k = 1;
                for (int i = 2; i < m.length; i++) {
                    if (c.kind() == Kind.HIGHEST ? m[i] > m[k] : m[i] < m[k]) {
                        k = i;
                    }
                }
                yield first + " vs the " + (c.kind() == Kind.HIGHEST ? "highest" : "lowest") + " of the others, "
                        + labels.get(k) + " " + sentenceNumber(m[k]);
            }
            // the gaps as the rule takes them (two diverged cells differ by 0)
            case GAP_GROWS -> "median gap " + labels.get(0) + " − " + labels.get(1) + " "
                    + sentenceNumber(DecisionRule.difference(m[0], m[1])) + " vs " + labels.get(2) + " − " + labels.get(3) + " "
                    + sentenceNumber(DecisionRule.difference(m[2], m[3]));
        };
    }

    private static String sentenceNumber(double v) {
        return Double.isInfinite(v) ? (v > 0 ? "diverged" : "−∞")
                : String.format(Locale.ROOT, "%.2f", v);
    }

    /** The scorecard of a mode read from {@code results}. */
    public static Table of(Mode mode, Path results) {
        return table(mode, Claims.all(mode, results));
    }
}
