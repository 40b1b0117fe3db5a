package org.resnetlab.probe;

import org.resnetlab.format.Significant;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import org.resnetlab.models.CifarResNet;
import org.resnetlab.units.ResidualUnit;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/**
 * How far training moved the weights inside each unit: ‖W_after − W_before‖ / ‖W_before‖ over the unit's convolution
 * weights (the residual branch F; the identity shortcut has none to move). Answers "are the weights inside a residual
 * block updated?" for a whole trained network against its initial weights.
 */
public final class WeightChanges {
    private WeightChanges() {}

    /**
     * @param before the network at initialisation (e.g. {@code TrainedNetwork.atInitialisation})
     * @param after  the same architecture after training
     * @return one row per unit: l, stage, ‖W_before‖, relative change
     */
    public static Table perUnit(Block before, Block after) {
        CifarResNet a = Passes.network(before);
        CifarResNet b = Passes.network(after);
        List<ResidualUnit> first = a.units();
        List<ResidualUnit> second = b.units();
        if (first.size() != second.size()) {
            throw new IllegalArgumentException("the networks differ: " + first.size() + " vs " + second.size() + " units");
        }
        IntColumn l = IntColumn.create("l");
        IntColumn stage = IntColumn.create("stage");
        DoubleColumn norm = DoubleColumn.create("‖W_init‖");
        DoubleColumn change = DoubleColumn.create("‖W_trained − W_init‖ / ‖W_init‖");
        int perStage = a.layout().unitsPerStage();
        for (int i = 0; i < first.size(); i++) {
            double initial = 0;
            double moved = 0;
            List<Parameter> p = first.get(i).getParameters().values();
            List<Parameter> q = second.get(i).getParameters().values();
            for (int k = 0; k < p.size(); k++) {
                Parameter x = p.get(k);
                if (x.getType() != Parameter.Type.WEIGHT) {
                    continue;
                }
                NDArray w0 = x.getArray();
                NDArray w1 = q.get(k).getArray();
                double n = Norms.l2(w0);
                initial += n * n;
                double d = Norms.l2Difference(w1, w0);
                moved += d * d;
            }
            l.append(i);
            stage.append(i / perStage + 1);
            norm.append(Math.sqrt(initial));
            change.append(Math.sqrt(moved) / Math.sqrt(initial));
        }
        return Significant.digits(Table.create("weight change per unit: " + b.unitType().name() + "-"
                + b.spec().depth(), l, stage, norm, change), 3);
    }
}
