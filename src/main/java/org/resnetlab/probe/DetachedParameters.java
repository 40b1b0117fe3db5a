package org.resnetlab.probe;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import java.util.HashMap;
import java.util.Map;

/**
 * A ParameterStore that hands blocks private copies of their parameters, owned by the probe's manager and not
 * requiring gradients. A probe's backward pass then leaves the model's gradients alone, and the BN running averages
 * that a training-mode pass updates in place are the copies', not the model's: probes have no side effects.
 */
final class DetachedParameters extends ParameterStore {

    private final NDManager manager;
    private final Map<String, NDArray> copies = new HashMap<>();

    DetachedParameters(NDManager manager) {
        super(manager, false);
        this.manager = manager;
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
        if (parameter == null) {
            return null;
        }
        return copies.computeIfAbsent(parameter.getId(), id -> detachedCopy(parameter.getArray(), manager));
    }

    /** A copy of a's values with no autograd history, owned by {@code manager}. */
    static NDArray detachedCopy(NDArray a, NDManager manager) {
        // stopGradient may share storage (PyTorch detach): duplicate it so in-place updates do not reach a
        try (NDArray detached = a.stopGradient()) {
            NDArray copy = detached.duplicate();
            copy.attach(manager);
            return copy;
        }
    }
}
