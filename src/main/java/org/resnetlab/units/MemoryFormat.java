package org.resnetlab.units;

import org.resnetlab.engine.Engines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Channels-last activations on DJL's PyTorch engine on the CPU, for nets whose first stage has at least
 * {@value #MIN_CHANNELS} channels (the model lays its activations out after the stem and after each change of shape). DJL 0.35.1 has no memory-format API, so the layout is made the way torch represents it: an
 * (N, H, W, C)-contiguous copy seen through an NCHW-shaped permutation; the convolutions, batch norm, ReLU and the
 * addition that follow keep it (as eager's {@code x.to(memory_format=torch.channels_last)}); values are the same up to
 * summation order. Measured side by side (bench/ACCOUNT.md, 2026-12-01, 2 threads): ResNet-56 at 16/32/64 channels
 * +10 %; at 4/8/16 channels 0.63× (libtorch 2.7.1's channels-last batch norm is slow on few channels), hence the
 * threshold. {@code RESNETLAB_CHANNELS_LAST=0} (or {@code -Dresnetlab.channels_last=0}) switches it off.
 */
public final class MemoryFormat {
    private MemoryFormat() {}

    /** The fewest channels a net's first stage needs for channels-last activations. */
    public static final int MIN_CHANNELS = 16;

    /** True unless switched off (system property first, then the environment variable). */
    public static boolean enabled() {
        String v = System.getProperty("resnetlab.channels_last", System.getenv("RESNETLAB_CHANNELS_LAST"));
        return !"0".equals(v);
    }

    /** What run.json's session records: the activation layout this engine gets. */
    public static String layout(String engineName) {
        return enabled() && Engines.PYTORCH.equals(engineName)
                ? "channels-last on the CPU when the first stage has >= " + MIN_CHANNELS + " channels" : "NCHW";
    }

    /** x (N, C, H, W) laid out channels-last on PyTorch on the CPU when switched on; else x itself. */
    public static NDArray channelsLast(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() != 4 || !ai.djl.Device.Type.CPU.equals(x.getDevice().getDeviceType())
                || !Engines.PYTORCH.equals(x.getManager().getEngine().getEngineName()) || !enabled()) {
            return x;
        }
        // permute to NHWC (a view), flatten (forces an NHWC-contiguous copy), restore the shape, permute back (views)
        return x.transpose(0, 2, 3, 1).reshape(s.get(0), -1)
                .reshape(s.get(0), s.get(2), s.get(3), s.get(1)).transpose(0, 3, 1, 2);
    }
}
