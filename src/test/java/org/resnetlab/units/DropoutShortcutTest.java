package org.resnetlab.units;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** [2] §3.1: dropout on the shortcut is a random λ ∈ {0, 1} with E[λ] = 1 − P, and × (1 − P) at test time. */
class DropoutShortcutTest {

    @Test
    void trainingMaskIsZeroOrOneWithExpectationOneMinusP() {
        for (float p : new float[] {0.5f, 0.2f}) {
            DropoutShortcut unit = (DropoutShortcut) ResidualUnits.of("dropout-shortcut:" + p).create(UnitConfig.basic(4, 4, 1));
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray h = manager.full(new Shape(200_000), 3f);
                NDArray f = manager.zeros(new Shape(200_000));
                float[] shortcut = unit.combine(null, h, h, f, true).shortcutTerm().toFloatArray();
                int kept = 0;
                for (float v : shortcut) {
                    assertTrue(v == 0f || v == 3f, "an element of the shortcut is either dropped or kept unscaled, got " + v);
                    kept += v == 3f ? 1 : 0;
                }
                double factor = (double) kept / shortcut.length;
                // binomial SD at n = 200,000 is ≤ 0.0012: 0.01 is > 8 SD
                assertEquals(1 - p, factor, 0.01, "mean factor on the shortcut in training");
                assertEquals(1 - p, unit.expectedFactor(), 1e-7);
            }
        }
    }

    @Test
    void testTimeAppliesTheExpectedFactor() {
        DropoutShortcut unit = (DropoutShortcut) ResidualUnits.of("dropout-shortcut:0.5").create(UnitConfig.basic(4, 4, 1));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray h = manager.create(new float[] {2f, -4f, 6f});
            NDArray f = manager.create(new float[] {1f, 1f, -10f});
            UnitParts parts = unit.combine(null, h, h, f, false);
            assertArrayEquals(new float[] {1f, -2f, 3f}, parts.shortcutTerm().toFloatArray(), 1e-7f);
            assertArrayEquals(new float[] {2f, 0f, 0f}, parts.output().toFloatArray(), 1e-7f, "relu(0.5·h + F)");
        }
    }
}
