package org.resnetlab.experiments;

import org.resnetlab.view.Significant;
import org.resnetlab.train.PaperResults;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Summary tables of the notebooks with the paper's number for the same network beside ours, table and row cited. */
public final class PaperComparison {
    private PaperComparison() {}

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
