package org.resnetlab.experiments;

import org.resnetlab.experiments.Experiments.LabelledRun;
import org.resnetlab.train.Outcome;
import org.resnetlab.train.PaperResults;
import org.resnetlab.train.RunConfig;
import org.resnetlab.train.RunResult;
import org.resnetlab.units.ResidualUnits;
import org.resnetlab.view.Significant;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Ours beside the paper: one row per run label (the median over its seeds when several were run), our final errors
 * with "fail" where a run diverged or ended above 20% test error ([2]'s definition), and one or more columns of the
 * paper's numbers, each with the table and row it comes from. The table's name states what this mode reduced.
 *
 * <pre>{@code
 * PaperComparison.table(results, PaperComparison.paperAtDepth("[2] Table 1", 110))
 * }</pre>
 */
public final class PaperComparison {
    private PaperComparison() {}

    /**
     * Where a run's paper number comes from.
     *
     * @param heading column heading, e.g. "paper ResNet-110"
     * @param lookup  the paper row for a run, or null when the paper has none
     */
    public record PaperColumn(String heading, Function<RunConfig, PaperResults.Entry> lookup) {}

    /**
     * The paper's number for the same unit at the paper's depth for this experiment (e.g. [2] Table 1 and 2 measure
     * every variant on ResNet-110, whatever depth we could afford), preferring rows of {@code table}.
     */
    public static PaperColumn paperAtDepth(String table, int depth) {
        return new PaperColumn("paper ResNet-" + depth, config -> entry(table, depth, config.model().unit()));
    }

    /** The paper's number for the same unit and depth (CIFAR-10), or none when the paper did not train that depth. */
    public static PaperColumn paperAtSameDepth() {
        return new PaperColumn("paper, same depth", config -> entry("[2]", config.model().depth(), config.model().unit()));
    }

    /** The paper row for a unit at a depth on CIFAR-10: a row of {@code table} first, then any [2] row, then [1]. */
    static PaperResults.Entry entry(String table, int depth, String unit) {
        String canonical = canonical(unit);
        PaperResults.Entry best = null;
        int bestRank = Integer.MAX_VALUE;
        for (PaperResults.Entry e : PaperResults.ALL) {
            if (!e.dataset().equals("cifar10") || e.depth() != depth || !e.unit().equals(canonical)) {
                continue;
            }
            int rank = e.table().startsWith(table) ? 0 : e.table().startsWith("[2]") ? 1 : 2;
            if (rank < bestRank) {
                best = e;
                bestRank = rank;
            }
        }
        return best;
    }

    /** One row per run label: ours (median over seeds) beside each paper column. */
    public static Table table(ExperimentResults results, PaperColumn... paper) {
        Map<String, List<RunResult>> byLabel = new LinkedHashMap<>();
        List<LabelledRun> runs = results.experiment().runs();
        for (int i = 0; i < runs.size(); i++) {
            byLabel.computeIfAbsent(runs.get(i).label(), k -> new ArrayList<>()).add(results.results().get(i));
        }
        StringColumn label = StringColumn.create("run");
        IntColumn depth = IntColumn.create("our depth");
        IntColumn seeds = IntColumn.create("seeds");
        StringColumn train = StringColumn.create("ours: final train error %");
        StringColumn test = StringColumn.create("ours: test error %");
        List<StringColumn> paperErrors = new ArrayList<>();
        List<StringColumn> paperSources = new ArrayList<>();
        for (PaperColumn column : paper) {
            paperErrors.add(StringColumn.create(column.heading() + " %"));
            paperSources.add(StringColumn.create(column.heading() + ": table, row"));
        }
        for (Map.Entry<String, List<RunResult>> group : byLabel.entrySet()) {
            List<RunResult> members = group.getValue();
            RunConfig config = members.get(0).config();
            label.append(group.getKey());
            depth.append(config.model().depth());
            seeds.append(members.size());
            train.append(number(median(members.stream().map(PaperComparison::finalTrainError).toList())));
            test.append(testErrorText(members));
            for (int c = 0; c < paper.length; c++) {
                PaperResults.Entry e = paper[c].lookup().apply(config);
                paperErrors.get(c).append(e == null ? "—" : e.error() == null ? e.errorText() : number(e.error()));
                paperSources.get(c).append(e == null ? "not in the paper" : e.table() + ", " + e.row());
            }
        }
        Table table = Table.create(results.experiment().name() + ": ours vs paper (CIFAR-10 test error). "
                + results.description(), label, depth, seeds, train, test);
        for (int c = 0; c < paper.length; c++) {
            table.addColumns(paperErrors.get(c), paperSources.get(c));
        }
        return table;
    }

    /**
     * Our test error as the paper would report it: the median over seeds, a diverged run counting above every
     * number, "fail" when the median is above 20% (with the number) or a diverged run.
     */
    static String testErrorText(List<RunResult> runs) {
        List<Double> errors = new ArrayList<>();
        for (RunResult r : runs) {
            boolean diverged = r.outcome().status() == Outcome.Status.DIVERGED || Double.isNaN(r.finalTestError());
            errors.add(diverged ? Double.POSITIVE_INFINITY : r.finalTestError());
        }
        double median = median(errors);
        if (Double.isInfinite(median)) {
            return "fail (diverged)";
        }
        return median > Outcome.FAIL_ABOVE_PERCENT ? "fail (" + number(median) + ")" : number(median);
    }

    static double finalTrainError(RunResult r) {
        return r.rows().isEmpty() ? Double.NaN : r.rows().get(r.rows().size() - 1).trainError();
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f", value) : "—";
    }

    private static String canonical(String unit) {
        try {
            return ResidualUnits.of(unit).name();
        } catch (IllegalArgumentException e) {
            return unit;
        }
    }

    /** What [1] says about the plain nets, which it plots but does not tabulate. */
    static final String PLAIN_NETS = "not tabulated; [1] Fig. 1 and Fig. 6 (left): the 56-layer plain net has "
            + "higher training and test error than the 20-layer one";

    /**
     * {@link ExperimentResults#summary()} plus a column with the paper's CIFAR-10 test error for the same depth and
     * unit ("[1] Table 6, row ResNet-20: 8.75"), or what the paper shows for plain nets.
     */
    public static Table withPaper(ExperimentResults results) {
        Table summary = results.summary();
        StringColumn paper = StringColumn.create("paper (CIFAR-10 test error %)");
        for (int i = 0; i < summary.rowCount(); i++) {
            String unit = summary.stringColumn("unit").get(i);
            PaperResults.Entry entry = PaperResults.find("cifar10", summary.intColumn("depth").get(i), "basic", unit);
            if (entry != null) {
                paper.append(entry.errorText() + " (" + entry.table() + ", row " + entry.row() + ")");
            } else if (unit.equals("plain")) {
                paper.append(PLAIN_NETS);
            } else {
                paper.append("no run of this depth in the papers");
            }
        }
        return Significant.digits(summary.addColumns(paper), 3);
    }
}
