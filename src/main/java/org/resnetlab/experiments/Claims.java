package org.resnetlab.experiments;

import org.resnetlab.experiments.DecisionRule.Kind;
import org.resnetlab.experiments.Experiments.Experiment;
import org.resnetlab.experiments.Experiments.Mode;
import org.resnetlab.train.RunConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The claims of [1] and [2] that the notebooks test, each with the paper's numbers and where they stand, and the runs
 * (cells of seeds) that test it in a mode. The one list: notebooks show their rows of it, the README shows all.
 */
public final class Claims {
    private Claims() {}

    /** What a claim compares: the final test error, or the final training error ([1] Fig. 1 and [2] Fig. 3 are about training). */
    public enum Metric {
        TEST_ERROR("test error %"), TRAIN_ERROR("training error %");

        private final String text;

        Metric(String text) { this.text = text; }

        public String text() { return text; }
    }

    /** One cell: a configuration and its seeds. */
    public record Cell(String label, List<RunConfig> seeds) {}

    /**
     * @param id        short name, e.g. "T2-b-worst"
     * @param notebook  the notebook that shows it, e.g. "04"
     * @param source    table or figure, e.g. "[2] Table 2"
     * @param statement the claim in words, e.g. "(b) BN after addition is the worst ordering"
     * @param paper     the paper's numbers, e.g. "8.17 vs 6.37–7.84 (ResNet-110)"
     * @param kind      the contrast {@link DecisionRule} tests
     * @param metric    which error
     * @param cells     in the order {@code kind} reads them
     */
    public record Claim(String id, String notebook, String source, String statement, String paper, Kind kind,
                        Metric metric, List<Cell> cells) {}

    /** Every claim in notebook order. */
    public static List<Claim> all(Mode mode, Path results) {
        List<Claim> claims = new ArrayList<>();
        Experiment deg = Experiments.degradation(mode, results);
        int shallow = mode.degradationDepths().get(0);
        int deep = mode.degradationDepths().get(1);
        claims.add(claim("F1-plain", "01", "[1] Fig. 1", "plain-" + deep + " has higher training error than plain-" + shallow
                        + " (degradation)", "plain-56 above plain-20 throughout training (curves)", Kind.HIGHER, Metric.TRAIN_ERROR,
                cell(deg, "plain-" + deep), cell(deg, "plain-" + shallow)));
        claims.add(claim("F1-resnet", "01", "[1] Table 6", "ResNet-" + deep + " has lower test error than ResNet-" + shallow,
                "6.97 vs 8.75", Kind.HIGHER, Metric.TEST_ERROR, cell(deg, "ResNet-" + shallow), cell(deg, "ResNet-" + deep)));

        Experiment t1 = Experiments.shortcutVariants(mode, results);
        Cell identity = cell(t1, "original");
        claims.add(claim("T1-scale-0", "03", "[2] Table 1", "constant scaling 0 on the shortcut (a plain net) fails",
                "fail vs 6.61", Kind.FAILS, Metric.TEST_ERROR, cell(t1, "constant-scaling:0 (plain)"), identity));
        claims.add(claim("T1-scale-0.5/1", "03", "[2] Table 1", "constant scaling 0.5 on the shortcut, 1 on F, fails",
                "fail vs 6.61", Kind.FAILS, Metric.TEST_ERROR, cell(t1, "constant-scaling:0.5/1"), identity));
        claims.add(claim("T1-scale-0.5/0.5", "03", "[2] Table 1", "constant scaling 0.5 on both paths is worse than the identity",
                "12.35 vs 6.61", Kind.HIGHER, Metric.TEST_ERROR, cell(t1, "constant-scaling:0.5/0.5"), identity));
        claims.add(claim("T1-gate-0", "03", "[2] Table 1", "exclusive gating with b_g = 0 fails",
                "fail (b_g from 0 to −5) vs 6.61", Kind.FAILS, Metric.TEST_ERROR, cell(t1, "exclusive-gating:0"), identity));
        claims.add(claim("T1-gate-6", "03", "[2] Table 1", "exclusive gating with b_g = −6 is worse than the identity",
                "8.70 vs 6.61", Kind.HIGHER, Metric.TEST_ERROR, cell(t1, "exclusive-gating:-6"), identity));
        claims.add(claim("T1-sgate-0", "03", "[2] Table 1", "shortcut-only gating with b_g = 0 is worse than the identity",
                "12.86 vs 6.61", Kind.HIGHER, Metric.TEST_ERROR, cell(t1, "shortcut-only-gating:0"), identity));
        claims.add(claim("T1-sgate-6", "03", "[2] Table 1", "shortcut-only gating with b_g = −6 is close to the identity",
                "6.91 vs 6.61", Kind.SIMILAR, Metric.TEST_ERROR, cell(t1, "shortcut-only-gating:-6"), identity));
        claims.add(claim("T1-conv", "03", "[2] Table 1", "the 1×1 convolution shortcut is worse than the identity",
                "12.22 vs 6.61", Kind.HIGHER, Metric.TEST_ERROR, cell(t1, "conv-shortcut"), identity));
        claims.add(claim("T1-dropout", "03", "[2] Table 1", "dropout (0.5, E[λ] = 0.5) on the shortcut fails",
                "fail vs 6.61", Kind.FAILS, Metric.TEST_ERROR, cell(t1, "dropout-shortcut:0.5"), identity));
        List<Cell> fig3 = new ArrayList<>(List.of(identity));
        for (String variant : Experiments.SHORTCUT_VARIANTS) {
            fig3.add(cell(t1, variant));
        }
        claims.add(new Claim("F3-train", "03", "[2] Fig. 3", "every non-identity shortcut has higher training error than the identity",
                "curves: the identity lowest throughout", Kind.LOWEST, Metric.TRAIN_ERROR, List.copyOf(fig3)));

        Experiment t2 = Experiments.orderings(mode, results);
        List<Cell> orderings = t2.labels().stream().map(l -> cell(t2, l)).toList();
        Cell a = orderings.get(0), b = orderings.get(1), c = orderings.get(2), d = orderings.get(3), e = orderings.get(4);
        claims.add(claim("T2-b-worst", "04", "[2] Table 2", "(b) BN after addition is the worst of the five orderings",
                "8.17 vs 6.37–7.84 (ResNet-110)", Kind.HIGHEST, Metric.TEST_ERROR, b, a, c, d, e));
        claims.add(claim("T2-c-vs-a", "04", "[2] Table 2", "(c) ReLU before addition is worse than (a) the original",
                "7.84 vs 6.61", Kind.HIGHER, Metric.TEST_ERROR, c, a));
        claims.add(claim("T2-d-vs-a", "04", "[2] Table 2", "(d) ReLU-only pre-activation is close to (a) the original",
                "6.71 vs 6.61", Kind.SIMILAR, Metric.TEST_ERROR, d, a));
        claims.add(claim("T2-e-best", "04", "[2] Table 2", "(e) full pre-activation is the best of the five orderings",
                "6.37 vs 6.61–8.17 (ResNet-110)", Kind.LOWEST, Metric.TEST_ERROR, e, a, b, c, d));

        Experiment t3 = Experiments.deeper(mode, results);
        List<Integer> depths = mode.deeperDepths();
        for (int depth : depths) {
            claims.add(claim("T3-preact-" + depth, "05", "[2] Table 3", "full pre-activation beats the original unit at depth " + depth,
                    "110: 6.61 → 6.37; 164: 5.93 → 5.46; 1001: 7.61 → 4.92", Kind.HIGHER, Metric.TEST_ERROR,
                    cell(t3, "original-" + depth), cell(t3, "full-preact-" + depth)));
        }
        int top = depths.get(depths.size() - 1), bottom = depths.get(0);
        claims.add(claim("T3-gap-grows", "05", "[2] Table 3", "the gain of pre-activation grows with depth (" + bottom + " → " + top + ")",
                "gain 0.24 (110), 0.47 (164), 2.69 (1001)", Kind.GAP_GROWS, Metric.TEST_ERROR,
                cell(t3, "original-" + top), cell(t3, "full-preact-" + top), cell(t3, "original-" + bottom), cell(t3, "full-preact-" + bottom)));
        return List.copyOf(claims);
    }

    /** The claims a notebook shows ("01", "03", …). */
    public static List<Claim> ofNotebook(String notebook, Mode mode, Path results) {
        return all(mode, results).stream().filter(c -> c.notebook().equals(notebook)).toList();
    }

    private static Claim claim(String id, String notebook, String source, String statement, String paper, Kind kind,
                               Metric metric, Cell... cells) {
        return new Claim(id, notebook, source, statement, paper, kind, metric, List.of(cells));
    }

    private static Cell cell(Experiment experiment, String label) {
        List<RunConfig> seeds = experiment.seedsOf(label);
        if (seeds.isEmpty()) {
            throw new IllegalStateException(experiment.name() + " has no run labelled " + label);
        }
        return new Cell(label, seeds);
    }
}
