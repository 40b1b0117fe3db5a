package org.resnetlab.units;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Mixed precision for the convolutions and the classifier, as PyTorch's CPU autocast: inside a scope, the layers
 * {@link Layers#conv} and {@link Layers#linear} build cast their input and their weights to bfloat16, compute in
 * bfloat16 and hand a float32 result on, so batch norm, the loss, the optimizer and the master weights stay
 * float32. Outside a scope (every fp32 run) they are DJL's Conv2d and Linear, op for op.
 * <pre>{@code
 * try (Autocast scope = Autocast.bf16("MXNet")) {
 *     predictions = trainer.forward(inputs);
 * }
 * }</pre>
 * The scope is per thread, like {@code torch.autocast}. The casts are differentiable: gradients reach the
 * float32 weights as float32.
 *
 * <p>Engines: MXNet 1.9.1 through its {@code amp_cast} operator (oneDNN's bf16 convolutions). DJL 0.35.1 maps
 * no bfloat16 type for MXNet either (DJL reports MXNet's bf16 arrays as {@code UINT64}: its DataType ordinal is
 * taken for MXNet's type code), so the casts go by operator name and the bf16 arrays never leave the two layers.
 * DJL's PyTorch engine cannot: see {@link org.resnetlab.train.Precision#unsupported}.
 */
public final class Autocast implements AutoCloseable {

    private static final ThreadLocal<Autocast> ACTIVE = new ThreadLocal<>();

    private final Autocast previous;

    private Autocast() {
        this.previous = ACTIVE.get();
        ACTIVE.set(this);
    }

    /** A bf16 scope on {@code engineName}; only MXNet has the casts (an IllegalArgumentException otherwise). */
    public static Autocast bf16(String engineName) {
        if (!"MXNet".equals(engineName)) {
            throw new IllegalArgumentException("bf16 autocast is implemented for the MXNet engine only, not " + engineName);
        }
        return new Autocast();
    }

    /** True inside a scope on this thread. */
    public static boolean active() {
        return ACTIVE.get() != null;
    }

    @Override
    public void close() {
        ACTIVE.set(previous);
    }

    /** A layer's operation on its input, weight and bias (null when it has none). */
    @FunctionalInterface
    interface LayerOp {
        NDList apply(NDArray input, NDArray weight, NDArray bias);
    }

    /**
     * The forward pass of a casting layer inside a scope ({@link CastingConv2d}, {@link CastingLinear}): input, weight
     * and bias (null = none) cast to bfloat16, {@code op} computed in bfloat16, its result handed on in float32.
     */
    static NDList forwardInBf16(ParameterStore store, NDList inputs, boolean training, Parameter weight, Parameter bias,
                                LayerOp op) {
        NDArray input = inputs.singletonOrThrow();
        Device device = input.getDevice();
        NDArray w = toBf16(store.getValue(weight, device, training));
        NDArray b = bias == null ? null : toBf16(store.getValue(bias, device, training));
        return new NDList(toFloat32(op.apply(toBf16(input), w, b).singletonOrThrow()));
    }

    /** {@code x} in bfloat16 (differentiable). */
    static NDArray toBf16(NDArray x) {
        return cast(x, "bfloat16");
    }

    /** {@code x} back in float32 (differentiable). */
    static NDArray toFloat32(NDArray x) {
        return cast(x, "float32");
    }

    private static NDArray cast(NDArray x, String dtype) {
        PairList<String, Object> params = new PairList<>();
        params.add("dtype", dtype);
        return x.getManager().invoke("amp_cast", new NDList(x), params).singletonOrThrow();
    }
}
