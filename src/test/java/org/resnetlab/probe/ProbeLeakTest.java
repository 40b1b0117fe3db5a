package org.resnetlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.resnetlab.models.CifarResNet;
import org.resnetlab.models.ModelSpec;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Probes run in a loop keep the number of live arrays flat (model, inputs and probe share one manager tree). */
class ProbeLeakTest {

    @Test
    void managedArraysCountSubManagers() {
        // the measure below must see arrays owned by sub-managers, or a leak there would go unnoticed
        try (NDManager manager = NDManager.newBaseManager()) {
            int before = manager.getManagedArrays().size();
            NDManager sub = manager.newSubManager();
            NDArray a = sub.zeros(new Shape(2));
            assertEquals(before + 1, manager.getManagedArrays().size());
            a.close();
            sub.close();
            assertEquals(before, manager.getManagedArrays().size());
        }
    }

    @Test
    void probesInALoopLeaveNoArraysBehind() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CifarResNet net = ProbeFixtures.net(manager, ModelSpec.cifar(8, "full-preact"));
            CifarResNet scaled = ProbeFixtures.net(manager, ModelSpec.cifar(8, "constant-scaling:0.9/1"));
            NDArray images = ProbeFixtures.images(manager);
            NDArray labels = ProbeFixtures.labels(manager);
            Runnable probes = () -> {
                RecursionCheck.run(net, images, false);
                RecursionCheck.run(net, images, true);
                BackwardCheck.run(net, images, labels);
                GradientNorms.perUnit(net, images, labels);
                ScaledShortcuts.measure(scaled, images, labels);
            };
            probes.run(); // warm-up: lazily created arrays, if any, exist from here on
            int live = manager.getManagedArrays().size();
            for (int i = 0; i < 3; i++) {
                probes.run();
                assertEquals(live, manager.getManagedArrays().size(), "after run " + (i + 1));
            }
        }
    }
}
