package org.resnetlab.experiments;

import org.resnetlab.format.Significant;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.resnetlab.experiments.Experiments.LabelledRun;
import org.resnetlab.models.CifarResNet;
import org.resnetlab.probe.BackwardCheck;
import org.resnetlab.probe.Contributions;
import org.resnetlab.probe.GradientNorms;
import org.resnetlab.probe.Lesion;
import org.resnetlab.probe.RecursionCheck;
import org.resnetlab.probe.WeightChanges;
import org.resnetlab.train.RunConfig;
import org.resnetlab.train.RunData;
import org.resnetlab.train.TrainedNetwork;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The probes of notebook 02 on the trained networks of {@link Experiments#recursionNets}: gradient norms per unit at
 * initialisation and after training, each unit's share of x_L, how far each unit's weights moved, and the lesion
 * study. Tables of trained networks need the runs' checkpoints; each is recorded as CSV in its run folder
 * ({@link RecordedTables}) so that the committed results answer without them. The equation checks run on the
 * trained network when its checkpoint is here and on the run's initial network otherwise (they hold for any weights).
 */
public final class TrainedNetProbes {

    /** Images per probe batch (gradient norms, contributions, equation checks). */
    public static final int BATCH = 64;

    private final ExperimentResults nets;
    private RunData data;

    private TrainedNetProbes(ExperimentResults nets) {
        this.nets = nets;
    }

    public static TrainedNetProbes of(ExperimentResults nets) {
        return new TrainedNetProbes(nets);
    }

    public List<String> labels() {
        return nets.experiment().runs().stream().map(LabelledRun::label).toList();
    }

    /** The RMS of ∂E/∂x_l per element for l = 0 … L (comparable across stages), one column per network at initialisation and one after training. */
    public Table gradientNorms() {
        // <results>/<protocol folder>/gradient-rms.csv: one table for all the experiment's networks
        Path csv = folder(0).getParent().getParent().resolve("gradient-rms.csv");
        return RecordedTables.readOrCompute(csv, "RMS of ∂E/∂x_l per element, at initialisation and after training", () -> {
            Map<String, double[]> norms = new LinkedHashMap<>();
            for (LabelledRun run : nets.experiment().runs()) {
                norms.put(run.label() + " init", initial(run.config(), (net, batch) ->
                        GradientNorms.rmsPerUnit(net, batch.get(0), batch.get(1))));
                norms.put(run.label() + " trained", trained(run.config(), (net, batch) ->
                        GradientNorms.rmsPerUnit(net, batch.get(0), batch.get(1))));
            }
            return GradientNorms.table(norms);
        });
    }

    /** Each unit's relative update and, in the last stage, its share of x_L (trained network). */
    public Table contributions(String label) {
        RunConfig config = config(label);
        return RecordedTables.readOrCompute(config.out().resolve("contributions.csv"), "contributions to x_L: " + label,
                () -> trained(config, (net, batch) -> Contributions.of(net, batch.get(0))));
    }

    /** ‖F(x_l)‖ / ‖x_l‖ per unit of the named networks, one block of rows per network in this order ("net" column). */
    public Table relativeUpdates(String... labels) {
        Table all = null;
        for (String label : labels) {
            Table one = Contributions.relativeUpdates(label, contributions(label));
            all = all == null ? one : all.append(one);
        }
        return all;
    }

    /** ‖W_trained − W_init‖ / ‖W_init‖ per unit. */
    public Table weightChanges(String label) {
        RunConfig config = config(label);
        return RecordedTables.readOrCompute(config.out().resolve("weight-changes.csv"), "weight change per unit: " + label,
                () -> {
                    try (TrainedNetwork trained = TrainedNetwork.load(config);
                         NDManager manager = trained.manager().newSubManager()) {
                        return WeightChanges.perUnit(TrainedNetwork.atInitialisation(config, manager), trained.net());
                    }
                });
    }

    /** The lesion study of one trained network (its test set, as the run evaluated it). */
    public Table lesion(String label) {
        RunConfig config = config(label);
        return RecordedTables.readOrCompute(config.out().resolve("lesion.csv"), "lesion study: " + label, () -> {
            try (TrainedNetwork trained = TrainedNetwork.load(config)) {
                return Lesion.study(trained.net(), data(config).test(), data(config).normalization(), trained.manager());
            }
        });
    }

    /** Every network's lesion table, by label. */
    public Map<String, Table> lesions() {
        Map<String, Table> out = new LinkedHashMap<>();
        for (String label : labels()) {
            out.put(label, lesion(label));
        }
        return out;
    }

    /**
     * The lesion tables side by side: deleted unit l (−1: none) and one column of test error % per network, for a
     * chart with one line per network.
     */
    public Table lesionsSideBySide() {
        Table joined = null;
        for (Map.Entry<String, Table> e : lesions().entrySet()) {
            Table t = e.getValue();
            int[] l = java.util.Arrays.stream(t.numberColumn("l").asDoubleArray()).mapToInt(v -> (int) v).toArray();
            Table slim = Table.create(e.getKey(), IntColumn.create("l", l),
                    DoubleColumn.create(e.getKey(), t.numberColumn("test error %").asDoubleArray()));
            joined = joined == null ? slim : joined.joinOn("l").inner(slim);
        }
        return Significant.digits(joined.setName("test error % with one unit deleted (l = −1: none)"), 3);
    }

    /** [2] eq. 4 on the network (trained if its checkpoint is here, else as initialised), BN in inference mode. */
    public RecursionCheck.Report recursion(String label) {
        return anyWeights(config(label), (net, batch) -> RecursionCheck.run(net, batch.get(0), false));
    }

    /** [2] eq. 5 on the network (trained if its checkpoint is here, else as initialised). */
    public BackwardCheck.Report backward(String label) {
        return anyWeights(config(label), (net, batch) -> BackwardCheck.run(net, batch.get(0), batch.get(1)));
    }

    /**
     * Both equations on every network, one row each: the worst relative residual of x_L = x_l + Σ F(x_i) over all
     * pairs l &lt; L within a stage, and the worst relative difference between autograd's ∂E/∂x_l and
     * ∂E/∂x_L·(1 + ∂/∂x_l Σ F).
     */
    public Table equationChecks() {
        tech.tablesaw.api.StringColumn network = tech.tablesaw.api.StringColumn.create("network");
        tech.tablesaw.api.StringColumn weights = tech.tablesaw.api.StringColumn.create("weights");
        IntColumn pairs = IntColumn.create("pairs (l, L) checked");
        DoubleColumn forward = DoubleColumn.create("eq. 4: max relative residual");
        DoubleColumn backwardColumn = DoubleColumn.create("eq. 5: max relative difference");
        for (String label : labels()) {
            RecursionCheck.Report r = recursion(label);
            BackwardCheck.Report b = backward(label);
            network.append(label);
            weights.append(weightsUsed(label));
            pairs.append(r.pairs().size());
            forward.append(r.maxRelativeResidual());
            backwardColumn.append(b.maxRelativeDifference());
        }
        return Significant.digits(Table.create("[2] eq. 4 and eq. 5 checked numerically", network, weights, pairs,
                forward, backwardColumn), 3);
    }

    /** Which weights the equation checks use: the trained ones when the checkpoint is here, else the initial ones. */
    public String weightsUsed(String label) {
        RunConfig config = config(label);
        return TrainedNetwork.available(config) ? "trained weights" : "initial weights (no checkpoint in this clone)";
    }

    private <T> T anyWeights(RunConfig config, BiFunction<CifarResNet, NDList, T> probe) {
        return TrainedNetwork.available(config) ? trained(config, probe) : initial(config, probe);
    }

    private <T> T trained(RunConfig config, BiFunction<CifarResNet, NDList, T> probe) {
        try (TrainedNetwork trained = TrainedNetwork.load(config);
             NDManager manager = trained.manager().newSubManager()) {
            return probe.apply(trained.net(), data(config).batch(manager, BATCH));
        }
    }

    private <T> T initial(RunConfig config, BiFunction<CifarResNet, NDList, T> probe) {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet net = TrainedNetwork.atInitialisation(config, manager);
            return probe.apply(net, data(config).batch(manager, BATCH));
        }
    }

    private RunData data(RunConfig config) {
        if (data == null) {
            data = RunData.of(config); // every run of the experiment uses the same dataset and test limit
        }
        return data;
    }

    private RunConfig config(String label) {
        for (LabelledRun run : nets.experiment().runs()) {
            if (run.label().equals(label)) {
                return run.config();
            }
        }
        throw new IllegalArgumentException("no run '" + label + "'; runs: " + labels());
    }

    private Path folder(int index) {
        return nets.experiment().runs().get(index).config().out();
    }
}
