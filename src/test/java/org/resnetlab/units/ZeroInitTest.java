package org.resnetlab.units;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.resnetlab.models.Forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the last BN's γ = 0 a unit whose h and f are identities (on x ≥ 0, as after a ReLU) is an exact identity; the
 * dropout shortcut, whose h at test time is 0.5 · x ([2] §3.1), gives 0.5 · x.
 */
class ZeroInitTest {

    @ParameterizedTest(name = "{0} {1} zero-init is the identity")
    @CsvSource({"original, BASIC", "original, BOTTLENECK", "relu-before-addition, BASIC",
            "relu-only-preact, BASIC", "full-preact, BASIC", "full-preact, BOTTLENECK", "dropout-shortcut, BASIC",
            "conv-shortcut, BASIC"})
    void zeroInitUnitIsIdentity(String name, Body body) {
        int channels = body == Body.BOTTLENECK ? 16 : 4;
        UnitConfig config = new UnitConfig(channels, 4, 1, body, ShortcutOption.A, true, false);
        ResidualUnit unit = ResidualUnits.of(name).create(config);
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(2, channels, 6, 6);
            unit.initialize(manager, DataType.FLOAT32, shape);
            NDArray x = manager.randomUniform(0f, 2f, shape); // non-negative, like every x_l after the stem's ReLU
            NDArray eval = Forward.run(unit, x, false);
            if (name.equals("conv-shortcut")) {
                // h is a 1×1 conv, not the identity: the branch vanishes but the unit still maps x to ReLU(W_s x)
                assertFalse(eval.allClose(x), "conv shortcut is not an identity");
                NDArray f = unit.residual(new ai.djl.training.ParameterStore(manager, false), x, false);
                assertEquals(0f, f.abs().max().getFloat(), "branch is zero");
                return;
            }
            if (name.equals("dropout-shortcut")) {
                // [2]'s dropout: at test time the shortcut carries its expectation 1 − P = 0.5, not the identity
                assertArrayEquals(x.mul(0.5f).toFloatArray(), eval.toFloatArray(), 0f, "inference: 0.5 · x");
                return;
            }
            assertArrayEquals(x.toFloatArray(), eval.toFloatArray(), 0f, "inference");
            assertArrayEquals(x.toFloatArray(), Forward.run(unit, x, true).toFloatArray(), 0f, "training");
        }
    }

    /** In a whole zero-initialised net every shape-keeping unit passes x_l through unchanged. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"full-preact", "original", "relu-only-preact"})
    void zeroInitNetworkStartsAsIdentities(String name) {
        var spec = org.resnetlab.models.ModelSpec.cifar(20, name).withInput(3, 8).withZeroInitLastBn(true);
        var net = org.resnetlab.models.Models.network(spec);
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 8, 8));
            var trace = net.forwardTrace(new ai.djl.training.ParameterStore(manager, false),
                    manager.randomNormal(new Shape(2, 3, 8, 8)), false);
            for (int l = 0; l < net.units().size(); l++) {
                if (!net.units().get(l).config().changesShape()) {
                    assertArrayEquals(trace.xs().get(l).toFloatArray(), trace.xs().get(l + 1).toFloatArray(), 0f,
                            "unit " + l);
                }
            }
        }
    }

    @Test
    void withoutZeroInitTheUnitIsNotTheIdentity() {
        UnitConfig config = UnitConfig.basic(4, 4, 1);
        ResidualUnit unit = ResidualUnits.of("full-preact").create(config);
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(2, 4, 6, 6);
            unit.initialize(manager, DataType.FLOAT32, shape);
            NDArray x = manager.randomUniform(0f, 2f, shape);
            assertFalse(Forward.run(unit, x, false).allClose(x));
        }
    }

    @Test
    void zeroInitSetsOnlyTheLastBranchBnGamma() {
        ResidualUnit unit = ResidualUnits.of("original").create(UnitConfig.basic(4, 4, 1).withZeroInitLastBn(true));
        try (NDManager manager = NDManager.newBaseManager()) {
            unit.initialize(manager, DataType.FLOAT32, new Shape(1, 4, 4, 4));
            var bns = unit.branchBatchNorms();
            float[] firstGamma = bns.get(0).getParameters().get("gamma").getArray().toFloatArray();
            float[] lastGamma = bns.get(bns.size() - 1).getParameters().get("gamma").getArray().toFloatArray();
            assertTrue(allEqual(firstGamma, 1f));
            assertTrue(allEqual(lastGamma, 0f));
        }
    }

    @Test
    void zeroInitIsRefusedWhereItWouldSilenceTheUnit() {
        for (String name : new String[] {"plain", "bn-after-addition"}) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> ResidualUnits.of(name).create(UnitConfig.basic(4, 4, 1).withZeroInitLastBn(true)));
            assertTrue(e.getMessage().contains(name) && e.getMessage().contains("full-preact"), e.getMessage());
        }
    }

    private static boolean allEqual(float[] a, float v) {
        for (float f : a) {
            if (f != v) {
                return false;
            }
        }
        return true;
    }
}
