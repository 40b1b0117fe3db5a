package org.resnetlab.units;


/**
 * Where one residual unit sits in a network: its input width, its branch width, its stride and body, and how its
 * shortcut keeps up when the shape changes.
 *
 * @param inChannels          channels of the unit's input x_l
 * @param width               branch width: the output width of a basic body, the inner width of a bottleneck
 *                            (whose output is 4 × width)
 * @param stride              1, or 2 for the first unit of a stage (subsampling)
 * @param body                two 3×3 convs, or 1×1-3×3-1×1 (stride on the 3×3)
 * @param shortcut            option A (identity, subsampled, zero-padded channels) or B (1×1 projection) where the
 *                            shape changes; ignored where it does not
 * @param zeroInitLastBn      start the last BN of the residual branch with γ = 0, so F(x) = 0 at initialisation
 * @param inputPreActivated   the network already applied this unit's pre-activation (the first unit of a
 *                            pre-activation net, [2] appendix): the unit skips its own first BN/ReLU
 */
public record UnitConfig(int inChannels, int width, int stride, Body body, ShortcutOption shortcut,
                         boolean zeroInitLastBn, boolean inputPreActivated) {

    public UnitConfig {
        if (inChannels < 1 || width < 1) {
            throw new IllegalArgumentException("channels must be positive: in " + inChannels + ", width " + width);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be at least 1, got " + stride);
        }
        if (body == null || shortcut == null) {
            throw new IllegalArgumentException("body and shortcut option are required");
        }
    }

    /** A basic unit with option A, no zero-init, that does its own pre-activation. */
    public static UnitConfig basic(int inChannels, int width, int stride) {
        return new UnitConfig(inChannels, width, stride, Body.BASIC, ShortcutOption.A, false, false);
    }

    /** A bottleneck unit (output 4 × width) with option A. */
    public static UnitConfig bottleneck(int inChannels, int width, int stride) {
        return new UnitConfig(inChannels, width, stride, Body.BOTTLENECK, ShortcutOption.A, false, false);
    }

    public int outChannels() {
        return body == Body.BOTTLENECK ? 4 * width : width;
    }

    /** True when x_{l+1} cannot have x_l's shape, so the shortcut cannot be the identity. */
    public boolean changesShape() {
        return stride != 1 || inChannels != outChannels();
    }

    public UnitConfig withShortcut(ShortcutOption s) {
        return new UnitConfig(inChannels, width, stride, body, s, zeroInitLastBn, inputPreActivated);
    }

    public UnitConfig withZeroInitLastBn(boolean z) {
        return new UnitConfig(inChannels, width, stride, body, shortcut, z, inputPreActivated);
    }
}
