package org.resnetlab.train;

import java.util.List;
import org.resnetlab.units.ResidualUnits;

/**
 * Test errors (%) published in [1] He et al. 2015, "Deep Residual Learning for Image Recognition" (arXiv 1512.03385,
 * Table 6) and [2] He et al. 2016, "Identity Mappings in Deep Residual Networks" (arXiv 1603.05027, Tables 1–4), each
 * with the table and row it is printed in. {@code error == null} is the paper's "fail"
 * (test error above 20%). Units use the zoo's canonical names.
 */
public final class PaperResults {
    private PaperResults() {}

    public record Entry(String table, String row, String dataset, int depth, String body, String unit, Double error) {
        /** The published error with two decimals as printed, or "fail". */
        public String errorText() {
            return error == null ? "fail" : String.format(java.util.Locale.ROOT, "%.2f", error);
        }
    }

    private static Entry e(String table, String row, String dataset, int depth, String body, String unit, Double error) {
        return new Entry(table, row, dataset, depth, body, unit, error);
    }

    public static final List<Entry> ALL = List.of(
            // [1] Table 6: CIFAR-10, basic units, option A
            e("[1] Table 6", "ResNet-20", "cifar10", 20, "basic", "original", 8.75),
            e("[1] Table 6", "ResNet-32", "cifar10", 32, "basic", "original", 7.51),
            e("[1] Table 6", "ResNet-44", "cifar10", 44, "basic", "original", 7.17),
            e("[1] Table 6", "ResNet-56", "cifar10", 56, "basic", "original", 6.97),
            e("[1] Table 6", "ResNet-110 (6.61±0.16 over 5 runs)", "cifar10", 110, "basic", "original", 6.43),
            e("[1] Table 6", "ResNet-1202", "cifar10", 1202, "basic", "original", 7.93),
            // [2] Table 1: shortcut variants on ResNet-110, CIFAR-10 (its "original" row repeats Table 2's 6.61)
            e("[2] Table 1", "original (identity shortcut)", "cifar10", 110, "basic", "original", 6.61),
            e("[2] Table 1", "constant scaling 0 / 1", "cifar10", 110, "basic", "constant-scaling:0/1", null),
            e("[2] Table 1", "constant scaling 0.5 / 1", "cifar10", 110, "basic", "constant-scaling:0.5/1", null),
            e("[2] Table 1", "constant scaling 0.5 / 0.5", "cifar10", 110, "basic", "constant-scaling:0.5/0.5", 12.35),
            e("[2] Table 1", "exclusive gating, b_g 0 to -5", "cifar10", 110, "basic", "exclusive-gating:0", null),
            e("[2] Table 1", "exclusive gating, b_g -6", "cifar10", 110, "basic", "exclusive-gating:-6", 8.70),
            e("[2] Table 1", "exclusive gating, b_g -7", "cifar10", 110, "basic", "exclusive-gating:-7", 9.81),
            e("[2] Table 1", "shortcut-only gating, b_g 0", "cifar10", 110, "basic", "shortcut-only-gating:0", 12.86),
            e("[2] Table 1", "shortcut-only gating, b_g -6", "cifar10", 110, "basic", "shortcut-only-gating:-6", 6.91),
            e("[2] Table 1", "1x1 conv shortcut", "cifar10", 110, "basic", "conv-shortcut", 12.22),
            e("[2] Table 1", "dropout shortcut 0.5", "cifar10", 110, "basic", "dropout-shortcut:0.5", null),
            // [2] Table 2: activation orderings (listed after Table 1, so find() cites Table 2 for the original unit)
            e("[2] Table 2", "(a) original", "cifar10", 110, "basic", "original", 6.61),
            e("[2] Table 2", "(b) BN after addition", "cifar10", 110, "basic", "bn-after-addition", 8.17),
            e("[2] Table 2", "(c) ReLU before addition", "cifar10", 110, "basic", "relu-before-addition", 7.84),
            e("[2] Table 2", "(d) ReLU-only pre-activation", "cifar10", 110, "basic", "relu-only-preact", 6.71),
            e("[2] Table 2", "(e) full pre-activation", "cifar10", 110, "basic", "full-preact", 6.37),
            e("[2] Table 2", "(a) original", "cifar10", 164, "bottleneck", "original", 5.93),
            e("[2] Table 2", "(b) BN after addition", "cifar10", 164, "bottleneck", "bn-after-addition", 6.50),
            e("[2] Table 2", "(c) ReLU before addition", "cifar10", 164, "bottleneck", "relu-before-addition", 6.14),
            e("[2] Table 2", "(d) ReLU-only pre-activation", "cifar10", 164, "bottleneck", "relu-only-preact", 5.91),
            e("[2] Table 2", "(e) full pre-activation", "cifar10", 164, "bottleneck", "full-preact", 5.46),
            // [2] Table 3/4: original vs full pre-activation (rows not already listed above)
            e("[2] Table 3", "C10 ResNet-1001 original", "cifar10", 1001, "bottleneck", "original", 7.61),
            e("[2] Table 3", "C10 ResNet-1001 pre-act (4.62 with batch 64)", "cifar10", 1001, "bottleneck", "full-preact", 4.92),
            e("[2] Table 3", "C100 ResNet-164 original", "cifar100", 164, "bottleneck", "original", 25.16),
            e("[2] Table 3", "C100 ResNet-164 pre-act", "cifar100", 164, "bottleneck", "full-preact", 24.33),
            e("[2] Table 3", "C100 ResNet-1001 original", "cifar100", 1001, "bottleneck", "original", 27.82),
            e("[2] Table 3", "C100 ResNet-1001 pre-act", "cifar100", 1001, "bottleneck", "full-preact", 22.71));

    /**
     * The one lookup of a paper row: the entry for a configuration (unit by its canonical name; {@code body} null =
     * either body), preferring a row of {@code preferredTable} (e.g. "[2] Table 1"), then any of [2] (whose protocol
     * this runner follows), then [1]; the first listed among equals.
     */
    public static Entry find(String dataset, int depth, String body, String unit, String preferredTable) {
        String canonical = ResidualUnits.canonical(unit);
        Entry best = null;
        int bestRank = Integer.MAX_VALUE;
        for (Entry e : ALL) {
            if (!e.dataset.equals(dataset) || e.depth != depth || (body != null && !e.body.equals(body))
                    || !e.unit.equals(canonical)) {
                continue;
            }
            int rank = e.table.startsWith(preferredTable) ? 0 : e.table.startsWith("[2]") ? 1 : 2;
            if (rank < bestRank) {
                best = e;
                bestRank = rank;
            }
        }
        return best;
    }

    /** {@link #find(String, int, String, String, String)} preferring [2] Table 2 (the original unit's row there). */
    public static Entry find(String dataset, int depth, String body, String unit) {
        return find(dataset, depth, body, unit, "[2] Table 2");
    }
}
