package org.resnetlab.probe;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.resnetlab.models.CifarResNet;
import org.resnetlab.models.ModelSpec;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScaledShortcutsTest {

    @Test
    void gainIsTheProductOfTheScales() {
        assertArrayEquals(new double[] {1, 0.5, 0.25, 0.125}, ScaledShortcuts.gain(0.5, 3), 1e-15);
        assertArrayEquals(new double[] {1, 2, 1, 3}, ScaledShortcuts.gain(new double[] {2, 0.5, 3}), 1e-15);
        assertEquals(Math.pow(0.9, 54), ScaledShortcuts.gain(0.9, 54)[54], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> ScaledShortcuts.gain(0.5, -1));
    }

    @Test
    void curvesTable() {
        Table t = ScaledShortcuts.curves(10, 0.5, 1, 1.5);
        assertEquals(11, t.rowCount());
        assertEquals(4, t.columnCount());
        assertEquals(Math.pow(1.5, 10), t.doubleColumn("λ=1.5").get(10), 1e-9);
        assertEquals(1, t.doubleColumn("λ=1.0").get(7), 0);
    }

    /** A constant-scaling net with a silent branch (zero-init): signal and gradient follow λ^k exactly. */
    @ParameterizedTest(name = "λ = {0}")
    @ValueSource(floats = {0.5f, 1f, 1.5f})
    void realNetworkFollowsTheProduct(float lambda) {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet net = ProbeFixtures.net(manager,
                    ModelSpec.cifar(20, "constant-scaling:" + lambda + "/1").withZeroInitLastBn(true));
            ScaledShortcuts.Measurement m = ScaledShortcuts.measure(net, ProbeFixtures.images(manager),
                    ProbeFixtures.labels(manager));
            assertEquals(lambda, m.lambda(), 0);
            assertEquals(4, m.signalRatio().length); // x_0 … x_3: the first stage of ResNet-20
            for (int k = 0; k < m.signalRatio().length; k++) {
                double expected = Math.pow(lambda, k);
                assertEquals(expected, m.signalRatio()[k], 1e-5 * expected, "signal k=" + k);
            }
            for (int k = 0; k < m.gradientRatio().length; k++) {
                double expected = Math.pow(lambda, k);
                assertEquals(expected, m.gradientRatio()[k], 1e-5 * expected, "gradient k=" + k);
            }
        }
    }

    @Test
    void liveBranchesAddToTheShortcutSignal() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet net = ProbeFixtures.net(manager, "constant-scaling:0.5/1", 20);
            ScaledShortcuts.Measurement m = ScaledShortcuts.measure(net, ProbeFixtures.images(manager),
                    ProbeFixtures.labels(manager));
            assertTrue(Math.abs(m.signalRatio()[3] - 0.125) > 1e-3, "F adds to the shortcut: " + m.signalRatio()[3]);
        }
    }

    @Test
    void measureNeedsConstantScalingUnits() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet net = ProbeFixtures.net(manager, "original", 8);
            var e = assertThrows(IllegalArgumentException.class, () -> ScaledShortcuts.measure(net,
                    ProbeFixtures.images(manager), ProbeFixtures.labels(manager)));
            assertTrue(e.getMessage().contains("constant-scaling"));
        }
    }

    @Test
    void factorsAtInitArePowersOfEachVariantsPerUnitFactor() {
        var t = ScaledShortcuts.factorsAtInit(9);
        assertEquals(4, t.rowCount());
        assertEquals(1.0, t.doubleColumn(2).get(0), 0.0);
        assertEquals(Math.pow(0.5, 9), t.doubleColumn(2).get(1), 1e-15);
        double open = 1 - 1 / (1 + Math.exp(6));
        assertEquals(0.99753, t.doubleColumn(1).get(3), 1e-5);
        assertEquals(Math.pow(open, 9), t.doubleColumn(2).get(3), 1e-12);
    }

    @org.junit.jupiter.api.Test
    void theMeasuredTableOfAZeroInitialisedNetFollowsLambdaToTheK() {
        tech.tablesaw.api.Table t = ScaledShortcuts.measuredTable("constant-scaling:0.9/1", 20);
        assertEquals(4, t.rowCount(), "the first stage of ResNet-20: x_0 … x_3");
        for (int k = 0; k < t.rowCount(); k++) {
            double expected = Math.pow(0.9, k);
            org.junit.jupiter.api.Assertions.assertEquals(expected, t.doubleColumn(1).get(k), 1e-6, "λ^k in float");
            org.junit.jupiter.api.Assertions.assertEquals(expected, t.doubleColumn(2).get(k), 1e-5, "signal, k = " + k);
        }
    }
}
