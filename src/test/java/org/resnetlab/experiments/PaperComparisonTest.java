package org.resnetlab.experiments;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.resnetlab.experiments.RecordedRuns.row;

class PaperComparisonTest {

    private static ExperimentResults variants() {
        return new RecordedRuns()
                // three seeds of one label: median of 7, 9 and a diverged run is 9
                .add("original", 20, "original", false, row(50, 1.0, 30, 20), row(100, 0.5, 10, 7))
                .add("original", 20, "original", false, row(100, 0.6, 12, 9))
                .add("original", 20, "original", true, row(50, 2.3, 90, 90))
                .add("constant-scaling:0.5/1", 20, "constant-scaling:0.5/1", false, row(100, 1.5, 40, 25.5))
                .add("dropout-shortcut:0.5", 20, "dropout-shortcut:0.5", true)
                .add("plain", 20, "plain", false, row(100, 0.6, 14, 11))
                .build("03-shortcut-variants");
    }

    @Test
    void oursIsTheMedianOverSeedsWithFailWhereThePaperWouldSayFail() {
        Table t = PaperComparison.table(variants(), PaperComparison.paperAtDepth("[2] Table 1", 110));
        System.out.println(t.print());
        assertEquals(List.of("original", "constant-scaling:0.5/1", "dropout-shortcut:0.5", "plain"),
                t.stringColumn("run").asList());
        assertEquals(List.of(3, 1, 1, 1), t.intColumn("seeds").asList());
        assertEquals("9.00", t.stringColumn("ours: test error %").get(0), "median of 7, 9 and a diverged run");
        assertEquals("fail (25.50)", t.stringColumn("ours: test error %").get(1), "above 20%");
        assertEquals("fail (diverged)", t.stringColumn("ours: test error %").get(2));
        assertEquals("11.00", t.stringColumn("ours: test error %").get(3));
        assertEquals("12.00", t.stringColumn("ours: final train error %").get(0), "median of 10, 12, 90");
        assertEquals("—", t.stringColumn("ours: final train error %").get(2), "a run without rows has none");
    }

    @Test
    void paperColumnsCiteTableAndRowAtThePapersDepth() {
        Table t = PaperComparison.table(variants(), PaperComparison.paperAtDepth("[2] Table 1", 110));
        assertEquals(List.of("6.61", "fail", "fail", "—"), t.stringColumn("paper ResNet-110 %").asList());
        assertEquals("[2] Table 1, original (identity shortcut)", t.stringColumn("paper ResNet-110: table, row").get(0));
        assertEquals("[2] Table 1, constant scaling 0.5 / 1", t.stringColumn("paper ResNet-110: table, row").get(1));
        assertEquals("not in the paper", t.stringColumn("paper ResNet-110: table, row").get(3));
        assertTrue(t.name().contains("CPU mode: by hand"), "the table states the mode's reductions: " + t.name());

        Table orderings = PaperComparison.table(variants(), PaperComparison.paperAtDepth("[2] Table 2", 110),
                PaperComparison.paperAtDepth("[2] Table 2", 164));
        assertEquals("[2] Table 2, (a) original", orderings.stringColumn("paper ResNet-110: table, row").get(0));
        assertEquals("5.93", orderings.stringColumn("paper ResNet-164 %").get(0));

        ExperimentResults b = new RecordedRuns().add("(b)", 20, "bn-after-addition", false, row(10, 1, 1, 1)).build("04");
        assertEquals("6.50", PaperComparison.table(b, PaperComparison.paperAtDepth("[2] Table 2", 164))
                .stringColumn("paper ResNet-164 %").get(0), "two decimals, as the paper prints them");
    }

    @Test
    void sameDepthFindsThePapersRowOnlyWhereItTrainedThatDepth() {
        ExperimentResults deeper = new RecordedRuns()
                .add("original-20", 20, "original", false, row(100, 0.5, 10, 8))
                .add("full-preact-20", 20, "full-preact", false, row(100, 0.5, 10, 8))
                .add("full-preact-110", 110, "full-preact", false, row(100, 0.5, 10, 8))
                .build("05-deeper");
        Table t = PaperComparison.table(deeper, PaperComparison.paperAtSameDepth());
        assertEquals(List.of("8.75", "—", "6.37"), t.stringColumn("paper, same depth %").asList());
        assertEquals("[1] Table 6, ResNet-20", t.stringColumn("paper, same depth: table, row").get(0));
    }
}
