package org.resnetlab.experiments;

import org.resnetlab.experiments.Experiments.LabelledRun;
import org.resnetlab.train.PaperResults;
import org.resnetlab.train.RunConfig;
import org.resnetlab.train.RunResult;
import org.resnetlab.format.Significant;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Ours beside the paper: one row per run label (the median over its seeds), our final errors with "fail" by
 * {@link FailRule} (in paper mode [2]'s 20%; otherwise against the identity baseline of the same depth in the same
 * results), and one or more columns of the paper's numbers, each with the table and row it comes from. The table's
 * name states what this mode reduced and the fail rule.
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
        return PaperResults.find("cifar10", depth, null, unit, table);
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
        boolean paperMode = results.experiment().mode() == Experiments.Mode.PAPER;
        for (Map.Entry<String, List<RunResult>> group : byLabel.entrySet()) {
            List<RunResult> members = group.getValue();
            RunConfig config = members.get(0).config();
            label.append(group.getKey());
            depth.append(config.model().depth());
            seeds.append(members.size());
            train.append(number(median(members.stream().map(PaperComparison::finalTrainError).toList())));
            test.append(testErrorText(members, paperMode, baseline(byLabel, config.model().depth())));
            for (int c = 0; c < paper.length; c++) {
                PaperResults.Entry e = paper[c].lookup().apply(config);
                paperErrors.get(c).append(e == null ? "—" : e.errorText());
                paperSources.get(c).append(e == null ? "not in the paper" : e.table() + ", " + e.row());
            }
        }
        Table table = Table.create(results.experiment().name() + ": ours (median over seeds) vs paper (CIFAR-10 test "
                + "error). " + results.description() + ". " + FailRule.description(paperMode), label, depth, seeds, train, test);
        for (int c = 0; c < paper.length; c++) {
            table.addColumns(paperErrors.get(c), paperSources.get(c));
        }
        return table;
    }

    /** The seeds' final test errors of the identity (original unit) runs at {@code depth}: the fail rule's baseline. */
    static double[] baseline(Map<String, List<RunResult>> byLabel, int depth) {
        return byLabel.values().stream().flatMap(List::stream)
                .filter(r -> r.config().model().depth() == depth && r.config().model().unit().equals("original"))
                .mapToDouble(PaperComparison::testError).toArray();
    }

    private static double testError(RunResult r) {
        return Scorecard.value(r, Claims.Metric.TEST_ERROR);
    }

    /**
     * Our test error as the paper would report it: the median over seeds, a diverged run counting above every
     * number, "fail (number)" or "fail (diverged)" where {@link FailRule} says so.
     */
    static String testErrorText(List<RunResult> runs, boolean paperMode, double[] baseline) {
        return FailRule.text(median(runs.stream().map(PaperComparison::testError).toList()), paperMode, baseline);
    }

    /** A run's last training error; a diverged run counts above every number, as in {@link #testError}. */
    static double finalTrainError(RunResult r) {
        return Scorecard.value(r, Claims.Metric.TRAIN_ERROR);
    }

    static double median(List<Double> values) {
        return DecisionRule.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static String number(double value) {
        return value == Double.POSITIVE_INFINITY ? "diverged"
                : Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f", value) : "—";
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
