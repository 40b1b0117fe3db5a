package org.resnetlab.models;

import java.util.Objects;

/**
 * Everything needed to build one CIFAR-style network: the single model-building contract shared by the
 * unit zoo, the experiment runner, the command line and the notebooks ({@link Models#build(ModelSpec)}).
 *
 * @param depth          total weighted layers: 6n+2 for basic bodies, 9n+2 for bottleneck bodies
 * @param unit           residual-unit name as registered in {@code ResidualUnits} (e.g. "original", "full-preact", "plain")
 * @param body           basic or bottleneck; {@code null} picks basic for 6n+2 depths and bottleneck for depths that
 *                       are only 9n+2 (1001); 164 (both forms; [2]'s ResNet-164 is bottleneck) must be explicit
 *                       (see {@link Depths#resolve})
 * @param classes        10 or 100 for CIFAR, 10 for Fashion-MNIST
 * @param inputChannels  3 for CIFAR, 1 for Fashion-MNIST
 * @param imageSize      32 for CIFAR, 28 for Fashion-MNIST
 * @param shortcut       how a unit that changes width keeps its shortcut: A (zero-pad, parameter-free) or B (projection)
 * @param zeroInitLastBn start every residual branch at zero (last BN gamma = 0): each unit begins as f(h(x)), an exact
 *                       identity where h and f are (every shape-keeping unit of original and pre-act nets); refused
 *                       for plain and bn-after-addition units, whose output it would zero
 */
public record ModelSpec(int depth, String unit, Body body, int classes, int inputChannels, int imageSize,
                        ShortcutOption shortcut, boolean zeroInitLastBn) {

    /** Residual-branch shape: two 3×3 convs, or 1×1-3×3-1×1 with 4× expansion. */
    public enum Body { BASIC, BOTTLENECK }

    /** Where the width grows: option A (identity + zero padding) or option B (1×1 projection). */
    public enum ShortcutOption { A, B }

    public ModelSpec {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(shortcut, "shortcut");
    }

    /** A CIFAR-10 net of the given depth and unit, with the paper's defaults (option A, no zero-init). */
    public static ModelSpec cifar(int depth, String unit) {
        return new ModelSpec(depth, unit, null, 10, 3, 32, ShortcutOption.A, false);
    }

    /**
     * The paper's configuration for a depth: basic + option A for [1]'s 6n+2 family, bottleneck + option B
     * (projection where the width grows) for [2]'s 164 and 1001 bottleneck nets.
     */
    public static ModelSpec paper(int depth, String unit) {
        if (depth == 164 || (!Depths.fitsBasic(depth) && Depths.fitsBottleneck(depth))) {
            return new ModelSpec(depth, unit, Body.BOTTLENECK, 10, 3, 32, ShortcutOption.B, false);
        }
        return cifar(depth, unit);
    }

    /** A 1×28×28 Fashion-MNIST net (10 classes, option A). */
    public static ModelSpec fashionMnist(int depth, String unit) {
        return new ModelSpec(depth, unit, null, 10, 1, 28, ShortcutOption.A, false);
    }

    public ModelSpec withDepth(int d) { return new ModelSpec(d, unit, body, classes, inputChannels, imageSize, shortcut, zeroInitLastBn); }
    public ModelSpec withUnit(String u) { return new ModelSpec(depth, u, body, classes, inputChannels, imageSize, shortcut, zeroInitLastBn); }
    public ModelSpec withBody(Body b) { return new ModelSpec(depth, unit, b, classes, inputChannels, imageSize, shortcut, zeroInitLastBn); }
    public ModelSpec withClasses(int c) { return new ModelSpec(depth, unit, body, c, inputChannels, imageSize, shortcut, zeroInitLastBn); }
    public ModelSpec withInput(int channels, int size) { return new ModelSpec(depth, unit, body, classes, channels, size, shortcut, zeroInitLastBn); }
    public ModelSpec withShortcut(ShortcutOption s) { return new ModelSpec(depth, unit, body, classes, inputChannels, imageSize, s, zeroInitLastBn); }
    public ModelSpec withZeroInitLastBn(boolean z) { return new ModelSpec(depth, unit, body, classes, inputChannels, imageSize, shortcut, z); }
}
