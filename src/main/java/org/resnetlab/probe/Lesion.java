package org.resnetlab.probe;

import org.resnetlab.format.Significant;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.resnetlab.data.HostBatch;
import org.resnetlab.data.ImageSet;
import org.resnetlab.data.Normalization;
import org.resnetlab.data.TrainingBatches;
import org.resnetlab.models.CifarResNet;
import org.resnetlab.units.ResidualUnit;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/**
 * A lesion study (Veit, Wilber, Belongie 2016, "Residual networks behave like ensembles of relatively shallow
 * networks", §4): delete one unit of a trained network at test time and measure the test error. A deleted unit is
 * replaced by the identity, x_{l+1} = x_l, which is exactly its shortcut path for a residual unit (F dropped); a
 * plain network loses the layer's transformation altogether. Units that change the width or the resolution have no
 * identity to fall back on and stay in place. Inference mode (BN running
 * statistics); nothing of the network changes.
 */
public final class Lesion {
    private Lesion() {}

    private static final int CHUNK = 250;

    /**
     * Test error with no unit deleted, then with each shape-keeping unit deleted in turn.
     *
     * @return columns deleted unit ("none" or "unit l"), l (−1 for none), stage, test error %
     */
    public static Table study(Block block, ImageSet test, Normalization normalization, NDManager manager) {
        CifarResNet net = Passes.network(block);
        List<ResidualUnit> units = net.units();
        int bigL = units.size();
        long[] wrong = new long[bigL + 1]; // index 0: intact network; l + 1: unit l deleted
        for (int start = 0; start < test.size(); start += CHUNK) {
            HostBatch host = TrainingBatches.slice(test, normalization, start, CHUNK);
            try (NDManager scope = manager.newSubManager()) {
                ParameterStore ps = new ParameterStore(scope, false);
                NDArray images = scope.create(host.images(), new Shape(host.size(), host.channels(), host.height(), host.width()));
                NDArray labels = scope.create(host.labels(), new Shape(host.size()));
                CifarResNet.Trace trace = net.forwardTrace(ps, images, false);
                wrong[0] += wrong(trace.logits(), labels);
                for (int l = 0; l < bigL; l++) {
                    if (units.get(l).config().changesShape()) {
                        continue;
                    }
                    // the prefix x_0 … x_l is the intact network's; from x_{l+1} = x_l on, run the rest
                    NDArray x = trace.xs().get(l);
                    for (int i = l + 1; i < bigL; i++) {
                        x = units.get(i).forward(ps, new NDList(x), false).singletonOrThrow();
                    }
                    NDArray logits = net.head().forward(ps, new NDList(x), false).singletonOrThrow();
                    wrong[l + 1] += wrong(logits, labels);
                }
            }
        }
        StringColumn deleted = StringColumn.create("deleted unit");
        IntColumn index = IntColumn.create("l");
        IntColumn stage = IntColumn.create("stage");
        DoubleColumn error = DoubleColumn.create("test error %");
        deleted.append("none");
        index.append(-1);
        stage.append(0);
        error.append(100.0 * wrong[0] / test.size());
        int perStage = net.layout().unitsPerStage();
        for (int l = 0; l < bigL; l++) {
            if (units.get(l).config().changesShape()) {
                continue;
            }
            deleted.append("unit " + l);
            index.append(l);
            stage.append(l / perStage + 1);
            error.append(100.0 * wrong[l + 1] / test.size());
        }
        return Significant.digits(Table.create("lesion study: " + net.unitType().name() + "-" + net.spec().depth(),
                deleted, index, stage, error), 3);
    }

    private static long wrong(NDArray logits, NDArray labels) {
        try (NDArray predicted = logits.argMax(1).toType(DataType.INT64, false);
             NDArray truth = labels.toType(DataType.INT64, false);
             NDArray differ = predicted.neq(truth);
             NDArray count = differ.toType(DataType.INT64, false).sum()) {
            return count.getLong();
        }
    }
}
