package org.resnetlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import org.junit.jupiter.api.Test;
import org.resnetlab.models.CifarResNet;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.units.ResidualUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackwardCheckTest {

    @Test
    void fullPreActivationSatisfiesTheBackwardEquation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet net = ProbeFixtures.net(manager, "full-preact", 20);
            BackwardCheck.Report r = BackwardCheck.run(net, ProbeFixtures.images(manager), ProbeFixtures.labels(manager));
            assertEquals(10, r.rows().size());
            assertEquals(10, r.toTable().rowCount());
            assertTrue(r.holds(1e-4), "" + r.maxRelativeDifference());
            // the shape-changing units (3 and 6) are chained through as a whole, the others through F alone
            assertFalse(r.rows().get(3).identityChained());
            assertTrue(r.rows().get(4).identityChained());
            assertTrue(r.rows().get(0).autogradNorm() > 0);
        }
    }

    @Test
    void originalUnitDoesNot() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BackwardCheck.Report r = BackwardCheck.run(ProbeFixtures.net(manager, "original", 20),
                    ProbeFixtures.images(manager), ProbeFixtures.labels(manager));
            assertFalse(r.holds(1e-2), "" + r.maxRelativeDifference());
        }
    }

    /**
     * The probes' ∂E/∂x_l (read through zero probe arrays) against autograd on x_l itself as a leaf: the test runs
     * the rest of the network from a copy of x_l and differentiates the loss with respect to it.
     */
    @Test
    void gradientNormsMatchAutogradFromALeaf() {
        for (String unit : new String[] {"plain", "original", "full-preact"}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                CifarResNet net = ProbeFixtures.net(manager, unit, 20);
                NDArray images = ProbeFixtures.images(manager);
                NDArray labels = ProbeFixtures.labels(manager);
                double[] norms = GradientNorms.perUnit(net, images, labels);
                assertEquals(net.units().size() + 1, norms.length);
                for (int l : new int[] {0, 4, net.units().size()}) {
                    double expected = leafGradientNorm(net, images, labels, l, manager);
                    assertEquals(expected, norms[l], 1e-4 * expected, unit + " l=" + l);
                }
            }
        }
    }

    private static double leafGradientNorm(CifarResNet net, NDArray images, NDArray labels, int l, NDManager manager) {
        try (NDManager m = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x;
            try (GradientCollector ignored = m.getEngine().newGradientCollector()) {
                x = net.stem().forward(ps, new NDList(images), true).singletonOrThrow();
                for (int i = 0; i < l; i++) {
                    x = net.units().get(i).forward(ps, new NDList(x), true).singletonOrThrow();
                }
            }
            NDArray leaf = m.create(x.toFloatArray(), x.getShape());
            leaf.setRequiresGradient(true);
            try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                NDArray h = leaf;
                for (int i = l; i < net.units().size(); i++) {
                    ResidualUnit unit = net.units().get(i);
                    h = unit.forward(ps, new NDList(h), true).singletonOrThrow();
                }
                NDArray logits = net.head().forward(ps, new NDList(h), true).singletonOrThrow();
                collector.backward(Loss.softmaxCrossEntropyLoss().evaluate(new NDList(labels), new NDList(logits)));
            }
            NDArray g = leaf.getGradient();
            return Math.sqrt(g.square().sum().getFloat());
        }
    }

    @Test
    void normsTablePadsShorterSeries() {
        var t = GradientNorms.table(new java.util.LinkedHashMap<>(java.util.Map.of("a", new double[] {1, 2, 3})));
        var u = GradientNorms.table(new java.util.LinkedHashMap<>(
                java.util.Map.of("long", new double[] {1, 2, 3}, "short", new double[] {4})));
        assertEquals(3, t.rowCount());
        assertEquals(2.0, t.doubleColumn("a").get(1));
        assertEquals(4.0, u.doubleColumn("short").get(0));
        assertTrue(u.doubleColumn("short").isMissing(2));
    }

    @Test
    void probesLeaveTheModelUntouched() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet net = ProbeFixtures.net(manager, ModelSpec.cifar(8, "full-preact"));
            float[][] before = net.getParameters().values().stream().map(p -> p.getArray().toFloatArray())
                    .toArray(float[][]::new);
            BackwardCheck.run(net, ProbeFixtures.images(manager), ProbeFixtures.labels(manager));
            GradientNorms.perUnit(net, ProbeFixtures.images(manager), ProbeFixtures.labels(manager));
            RecursionCheck.run(net, ProbeFixtures.images(manager), true);
            var params = net.getParameters().values();
            for (int i = 0; i < params.size(); i++) {
                // BN running averages included: a training-mode pass would move them
                org.junit.jupiter.api.Assertions.assertArrayEquals(before[i], params.get(i).getArray().toFloatArray(),
                        params.get(i).getName());
            }
        }
    }
}
