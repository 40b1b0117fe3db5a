package org.resnetlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.resnetlab.models.CifarResNet;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WeightChangesTest {

    @Test
    void measuresTheRelativeChangeOfEachUnitsWeights() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(1);
            CifarResNet before = ProbeFixtures.net(manager, "original", 8);
            manager.getEngine().setRandomSeed(1);
            CifarResNet after = ProbeFixtures.net(manager, "original", 8);
            Table same = WeightChanges.perUnit(before, after);
            assertEquals(3, same.rowCount());
            for (int l = 0; l < 3; l++) {
                assertEquals(0.0, same.doubleColumn(3).get(l), 0.0, "same seed, same weights: unit " + l);
            }
            // add 0.5 to every element of unit 1's first conv: ‖ΔW‖ = 0.5·sqrt(size)
            Parameter conv = after.units().get(1).getChildren().values().stream()
                    .filter(b -> b instanceof ai.djl.nn.convolutional.Conv2d).findFirst().orElseThrow()
                    .getParameters().get("weight");
            NDArray w = conv.getArray();
            long size = w.size();
            w.addi(0.5f);
            double norm0 = 0;
            for (Parameter p : before.units().get(1).getParameters().values()) {
                if (p.getType() == Parameter.Type.WEIGHT) {
                    float[] v = p.getArray().toFloatArray();
                    for (float f : v) {
                        norm0 += f * f;
                    }
                }
            }
            Table t = WeightChanges.perUnit(before, after);
            assertEquals(Math.sqrt(norm0), t.doubleColumn(2).get(1), 1e-4 * Math.sqrt(norm0));
            assertEquals(0.5 * Math.sqrt(size) / Math.sqrt(norm0), t.doubleColumn(3).get(1), 1e-4);
            assertEquals(0.0, t.doubleColumn(3).get(0), 0.0);
        }
    }
}
