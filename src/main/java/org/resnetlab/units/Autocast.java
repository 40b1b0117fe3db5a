package org.resnetlab.units;

import org.resnetlab.engine.Engines;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Mixed precision for the convolutions and the classifier, as PyTorch's autocast: inside a scope, the layers
 * {@link Layers#conv} and {@link Layers#linear} build cast their input and their weights to bfloat16 (CPU) or
 * float16 (CUDA GPU, {@link #fp16}), compute in it and hand a float32 result on, so batch norm, the loss, the optimizer and the master weights stay
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
    /** MXNet's name of the type the layers compute in. */
    private final String dtype;

    private Autocast(String dtype) {
        this.previous = ACTIVE.get();
        this.dtype = dtype;
        ACTIVE.set(this);
    }

    /** A bf16 scope on {@code engineName}; only MXNet has the casts (an IllegalArgumentException otherwise). */
    public static Autocast bf16(String engineName) {
        return on(engineName, "bfloat16");
    }

    /**
     * An fp16 scope on {@code engineName} (MXNet only), for CUDA GPUs: MXNet 1.9.1 has no fp16 convolution on a CPU
     * ("FP16 gemm on cpu not implemented"), so on a CPU the layers fail at their first forward pass. Never run on a
     * GPU here; the gradients it produces need loss scaling ({@code train.LossScaler}).
     */
    public static Autocast fp16(String engineName) {
        return on(engineName, "float16");
    }

    private static Autocast on(String engineName, String dtype) {
        if (!Engines.MXNET.equals(engineName)) {
            throw new IllegalArgumentException(dtype + " autocast is implemented for the MXNet engine only, not " + engineName);
        }
        return new Autocast(dtype);
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
     * and bias (null = none) cast to the scope's type, {@code op} computed in it, its result handed on in float32.
     */
    static NDList forwardInLowPrecision(ParameterStore store, NDList inputs, boolean training, Parameter weight,
                                        Parameter bias, LayerOp op) {
        String dtype = ACTIVE.get().dtype;
        NDArray input = inputs.singletonOrThrow();
        Device device = input.getDevice();
        NDArray w = cast(store.getValue(weight, device, training), dtype);
        NDArray b = bias == null ? null : cast(store.getValue(bias, device, training), dtype);
        return new NDList(toFloat32(op.apply(cast(input, dtype), w, b).singletonOrThrow()));
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
