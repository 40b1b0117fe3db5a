package org.resnetlab.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.resnetlab.models.CifarResNet;
import org.resnetlab.models.ModelSpec;
import org.resnetlab.models.Models;

/** Small initialised nets and batches for the probe tests (depth 20 on 8×8 images: fast on both engines). */
final class ProbeFixtures {
    private ProbeFixtures() {}

    static final int BATCH = 4;
    static final int SIZE = 8;

    static CifarResNet net(NDManager manager, ModelSpec spec) {
        CifarResNet net = Models.network(spec.withInput(3, SIZE));
        net.initialize(manager, DataType.FLOAT32, new Shape(BATCH, 3, SIZE, SIZE));
        return net;
    }

    static CifarResNet net(NDManager manager, String unit, int depth) {
        return net(manager, ModelSpec.cifar(depth, unit));
    }

    static NDArray images(NDManager manager) {
        manager.getEngine().setRandomSeed(7);
        return manager.randomNormal(new Shape(BATCH, 3, SIZE, SIZE));
    }

    static NDArray labels(NDManager manager) {
        return manager.create(new float[] {0, 3, 7, 9});
    }
}
