package org.resnetlab.probe;

import org.resnetlab.units.Body;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.resnetlab.models.CifarResNet;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.units.ResidualUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecursionCheckTest {

    @Test
    void fullPreActivationSatisfiesTheRecursion() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet net = ProbeFixtures.net(manager, "full-preact", 20);
            for (boolean training : new boolean[] {false, true}) {
                RecursionCheck.Report r = RecursionCheck.run(net, ProbeFixtures.images(manager), training);
                // 9 units; stage 1 has 3 shape-keeping units (6 pairs), stages 2 and 3 have 2 each (3 pairs)
                assertEquals(12, r.pairs().size());
                assertEquals(12, r.toTable().rowCount());
                assertTrue(r.holds(1e-5), "training=" + training + ": " + r.maxRelativeResidual());
            }
        }
    }

    @Test
    void originalUnitDoesNot() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RecursionCheck.Report r = RecursionCheck.run(ProbeFixtures.net(manager, "original", 20),
                    ProbeFixtures.images(manager), false);
            assertFalse(r.holds(1e-2), "ReLU after the addition breaks x_L = x_l + ΣF: " + r.maxRelativeResidual());
        }
    }

    /** The probe's one-unit residual against a hand computation: |ReLU(x0 + F(x0)) − (x0 + F(x0))|. */
    @Test
    void oneUnitResidualMatchesAHandComputation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet net = ProbeFixtures.net(manager, "original", 20);
            NDArray images = ProbeFixtures.images(manager);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x0 = net.stem().forward(ps, new NDList(images), false).singletonOrThrow();
            ResidualUnit unit = net.units().get(0);
            NDArray y = x0.add(unit.residual(ps, x0, false));
            double expected = Activation.relu(y).sub(y).abs().max().getFloat();
            RecursionCheck.Pair first = RecursionCheck.run(net, images, false).pairs().get(0);
            assertEquals(0, first.l());
            assertEquals(1, first.bigL());
            assertEquals(expected, first.maxAbsResidual(), 1e-5 * Math.max(1, expected));
            assertTrue(expected > 0);
        }
    }

    @Test
    void needsTheProjectNetwork() {
        try (NDManager manager = NDManager.newBaseManager()) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> RecursionCheck.run(new ai.djl.nn.SequentialBlock(), manager.zeros(new ai.djl.ndarray.types.Shape(1)), false));
            assertTrue(e.getMessage().contains("CifarResNet"));
        }
    }

    @Test
    void bottleneckNetToo() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet net = ProbeFixtures.net(manager,
                    ModelSpec.cifar(11, "full-preact").withBody(Body.BOTTLENECK));
            RecursionCheck.Report r = RecursionCheck.run(net, ProbeFixtures.images(manager), false);
            // 3 units, all change the shape (16 -> 64, then strides): nothing to pair
            assertEquals(0, r.pairs().size());
            CifarResNet net20 = ProbeFixtures.net(manager,
                    ModelSpec.cifar(20, "full-preact").withBody(Body.BOTTLENECK));
            RecursionCheck.Report r20 = RecursionCheck.run(net20, ProbeFixtures.images(manager), true);
            assertEquals(3, r20.pairs().size());
            assertTrue(r20.holds(1e-5), "" + r20.maxRelativeResidual());
        }
    }
}
