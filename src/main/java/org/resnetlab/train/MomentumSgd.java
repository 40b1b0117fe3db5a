package org.resnetlab.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SGD with momentum whose state can be saved and restored (DJL's own {@code Sgd} keeps its momentum private,
 * so a resumed run would restart from zero velocity). Torch's formulation, as in the paper's code:
 * {@code v ← μ·v + (g·rescale + λ·w);  w ← w − lr·v}. The runner sets the rate before every step;
 * {@code rescale} = 1/devices turns DJL's summed multi-device gradients into their average.
 */
public final class MomentumSgd extends Optimizer {
    private final float momentum;
    private volatile float learningRate;
    /** 1/loss scale of an fp16 step (see {@link LossScaler}); 1 otherwise. */
    private volatile float gradientUnscale = 1f;
    private final Map<String, Map<Device, NDArray>> velocities = new ConcurrentHashMap<>();

    private MomentumSgd(Builder builder) {
        super(builder);
        this.momentum = builder.momentum;
        this.learningRate = builder.learningRate;
    }

    public static Builder builder() { return new Builder(); }

    public void setLearningRate(float rate) { this.learningRate = rate; }

    public float learningRate() { return learningRate; }

    /** Divides the next steps' gradients by a loss scale (fp16 runs; 1 = unscaled, every other run). */
    public void setGradientUnscale(float unscale) { this.gradientUnscale = unscale; }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        NDArray velocity = withDefaultState(velocities, parameterId, weight.getDevice(), k -> weight.zerosLike());
        float decay = getWeightDecay();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            // g·1 is g exactly: on one device, unscaled, skip the multiplication (one op per parameter and step fewer)
            float factor = rescaleGrad * gradientUnscale;
            NDArray step = factor == 1f ? grad : grad.mul(factor);
            if (clipGrad > 0) {
                step = step.clip(-clipGrad, clipGrad);
            }
            if (decay != 0) {
                step = step.add(weight.mul(decay));
            }
            velocity.muli(momentum).addi(step);
            weight.subi(velocity.mul(learningRate));
        }
    }

    /** Writes the velocity of every parameter that has one, keyed by its stable name in {@code block}. */
    public void saveState(DataOutputStream out, Block block) throws IOException {
        out.writeInt(block.getParameters().size());
        for (Pair<String, Parameter> named : block.getParameters()) {
            Map<Device, NDArray> perDevice = velocities.get(named.getValue().getId());
            NDArray velocity = perDevice == null ? null : perDevice.get(named.getValue().getArray().getDevice());
            out.writeUTF(named.getKey());
            out.writeBoolean(velocity != null);
            if (velocity != null) {
                byte[] bytes = velocity.encode();
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
    }

    /** Restores velocities saved by {@link #saveState} onto every training device. */
    public void loadState(DataInputStream in, Block block, Device[] devices) throws IOException {
        int count = in.readInt();
        Map<String, Parameter> byName = new java.util.HashMap<>();
        for (Pair<String, Parameter> named : block.getParameters()) {
            byName.put(named.getKey(), named.getValue());
        }
        if (count != byName.size()) {
            throw new IOException("optimizer state holds " + count + " parameters, the network has " + byName.size());
        }
        velocities.clear();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            Parameter parameter = byName.get(name);
            if (parameter == null) {
                throw new IOException("optimizer state names parameter " + name + ", which the network lacks");
            }
            if (!in.readBoolean()) {
                continue;
            }
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            NDManager manager = parameter.getArray().getManager();
            NDArray saved = NDArray.decode(manager, bytes);
            Map<Device, NDArray> perDevice = new ConcurrentHashMap<>();
            for (Device device : devices) {
                perDevice.put(device, device.equals(saved.getDevice()) ? saved : saved.toDevice(device, true));
            }
            velocities.put(parameter.getId(), perDevice);
        }
    }

    /** Builder: momentum, initial rate and the inherited weight decay / gradient rescale / clipping. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private float momentum = 0.9f;
        private float learningRate = 0.1f;

        public Builder momentum(float value) {
            momentum = value;
            return this;
        }

        public Builder learningRate(float value) {
            learningRate = value;
            return this;
        }

        @Override
        protected Builder self() { return this; }

        public MomentumSgd build() { return new MomentumSgd(this); }
    }
}
