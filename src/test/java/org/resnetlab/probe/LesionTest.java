package org.resnetlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.resnetlab.data.DataSplits;
import org.resnetlab.data.HostBatch;
import org.resnetlab.data.Normalization;
import org.resnetlab.data.Synthetic;
import org.resnetlab.data.TrainingBatches;
import org.resnetlab.models.CifarResNet;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.units.ResidualUnit;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LesionTest {

    private static final DataSplits DATA = Synthetic.create(10, 64, 300, 3, ProbeFixtures.SIZE, 5);

    /** ResNet-14: 6 units, of which 0, 1, 3, 5 keep the shape; each lesion against a hand-run network without it. */
    @Test
    void eachLesionMatchesTheNetworkRunWithoutThatUnit() {
        for (String unit : new String[] {"original", "plain"}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                CifarResNet net = ProbeFixtures.net(manager, unit, 14);
                Normalization normalization = Normalization.of(DATA.train());
                Table t = Lesion.study(net, DATA.test(), normalization, manager);
                assertEquals(List.of(-1, 0, 1, 3, 5), t.intColumn("l").asList(), unit);
                for (int row = 0; row < t.rowCount(); row++) {
                    int skipped = t.intColumn("l").get(row);
                    double expected = 100.0 * wrongWithout(net, skipped, normalization, manager) / DATA.test().size();
                    assertEquals(expected, t.doubleColumn("test error %").get(row), 1e-9, unit + " without " + skipped);
                }
            }
        }
    }

    /** A zero-initialised pre-activation unit is the identity: deleting it changes nothing. */
    @Test
    void deletingAnIdentityUnitChangesNothing() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet net = ProbeFixtures.net(manager, ModelSpec.cifar(14, "full-preact").withZeroInitLastBn(true));
            Table t = Lesion.study(net, DATA.test(), Normalization.of(DATA.train()), manager);
            for (int row = 1; row < t.rowCount(); row++) {
                assertEquals(t.doubleColumn("test error %").get(0), t.doubleColumn("test error %").get(row), 0.0);
            }
        }
    }

    /** Errors counted in Java from the logits of the network with unit {@code skipped} left out (−1: none). */
    private static int wrongWithout(CifarResNet net, int skipped, Normalization normalization, NDManager manager) {
        HostBatch host = TrainingBatches.slice(DATA.test(), normalization, 0, DATA.test().size());
        try (NDManager scope = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(scope, false);
            NDArray x = scope.create(host.images(), new Shape(host.size(), host.channels(), host.height(), host.width()));
            x = net.stem().forward(ps, new NDList(x), false).singletonOrThrow();
            List<ResidualUnit> units = net.units();
            for (int i = 0; i < units.size(); i++) {
                if (i != skipped) {
                    x = units.get(i).forward(ps, new NDList(x), false).singletonOrThrow();
                }
            }
            float[] logits = net.head().forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
            int wrong = 0;
            for (int n = 0; n < host.size(); n++) {
                int best = 0;
                for (int c = 1; c < 10; c++) {
                    if (logits[n * 10 + c] > logits[n * 10 + best]) {
                        best = c;
                    }
                }
                if (best != (int) host.labels()[n]) {
                    wrong++;
                }
            }
            return wrong;
        }
    }
}
