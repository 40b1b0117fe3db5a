package org.resnetlab.models;

import org.resnetlab.units.ShortcutOption;
import org.resnetlab.units.Body;
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
 * @param width          width multiplier k: the stages are 16k, 32k and 64k wide (1 in the papers; the CPU mode uses a
 *                       narrower net at the paper's depth, since [2]'s effects depend on depth, not width); 16k must be
 *                       a whole number
 */
public record ModelSpec(int depth, String unit, Body body, int classes, int inputChannels, int imageSize,
                        ShortcutOption shortcut, boolean zeroInitLastBn, double width) {

    public ModelSpec {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(shortcut, "shortcut");
        double first = 16 * width;
        if (!(width > 0) || first < 1 || first > 4096 || first != Math.rint(first)) {
            throw new IllegalArgumentException("width must be a multiplier k > 0 with 16k a whole number "
                    + "(e.g. 1, 0.5, 0.25, 2), got " + width);
        }
    }

    /** The paper's width (k = 1). */
    public ModelSpec(int depth, String unit, Body body, int classes, int inputChannels, int imageSize,
                     ShortcutOption shortcut, boolean zeroInitLastBn) {
        this(depth, unit, body, classes, inputChannels, imageSize, shortcut, zeroInitLastBn, 1.0);
    }

    /** Inner widths of the three stages: 16k, 32k, 64k. */
    public int[] stageWidths() {
        int first = (int) Math.rint(16 * width);
        return new int[] {first, 2 * first, 4 * first};
    }

    /** "" at the paper's width, else " (width ×0.25: 4/8/16 channels)"-style text for titles and describe. */
    public String widthText() {
        if (width == 1.0) {
            return "";
        }
        int[] w = stageWidths();
        return " (width ×" + widthLabel(width) + ": " + w[0] + "/" + w[1] + "/" + w[2] + " channels)";
    }

    /** 1, 0.5, 0.25: the multiplier as a user types it. */
    public static String widthLabel(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
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
            return new ModelSpec(depth, unit, Body.BOTTLENECK, 10, 3, 32, ShortcutOption.paper(Body.BOTTLENECK), false);
        }
        return cifar(depth, unit);
    }

    /** A 1×28×28 Fashion-MNIST net (10 classes, option A). */
    public static ModelSpec fashionMnist(int depth, String unit) {
        return new ModelSpec(depth, unit, null, 10, 1, 28, ShortcutOption.A, false);
    }

    public ModelSpec withDepth(int d) { return new ModelSpec(d, unit, body, classes, inputChannels, imageSize, shortcut, zeroInitLastBn, width); }
    public ModelSpec withUnit(String u) { return new ModelSpec(depth, u, body, classes, inputChannels, imageSize, shortcut, zeroInitLastBn, width); }
    public ModelSpec withBody(Body b) { return new ModelSpec(depth, unit, b, classes, inputChannels, imageSize, shortcut, zeroInitLastBn, width); }
    public ModelSpec withClasses(int c) { return new ModelSpec(depth, unit, body, c, inputChannels, imageSize, shortcut, zeroInitLastBn, width); }
    public ModelSpec withInput(int channels, int size) { return new ModelSpec(depth, unit, body, classes, channels, size, shortcut, zeroInitLastBn, width); }
    public ModelSpec withShortcut(ShortcutOption s) { return new ModelSpec(depth, unit, body, classes, inputChannels, imageSize, s, zeroInitLastBn, width); }
    public ModelSpec withWidth(double k) { return new ModelSpec(depth, unit, body, classes, inputChannels, imageSize, shortcut, zeroInitLastBn, k); }
    public ModelSpec withZeroInitLastBn(boolean z) { return new ModelSpec(depth, unit, body, classes, inputChannels, imageSize, shortcut, z, width); }
}
