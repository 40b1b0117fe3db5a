package org.resnetlab.bench;

/** Arithmetic of achieved compute: a training step costs about 3× the forward pass (forward, two backward GEMMs). */
public final class Flops {
    private Flops() {}

    /** GFLOP/s of training at {@code imagesPerSecond}: 3 × 2 × forward MACs per image × images/s / 1e9. */
    public static double trainingGflops(long forwardMacsPerImage, double imagesPerSecond) {
        return 3.0 * 2.0 * forwardMacsPerImage * imagesPerSecond / 1e9;
    }

    /** GFLOP/s of an n×n by n×n matrix product taking {@code seconds}: 2n³ / s / 1e9. */
    public static double sgemmGflops(int n, double seconds) {
        return 2.0 * n * n * (double) n / seconds / 1e9;
    }

    /** {@code achieved} as a percentage of {@code peak}. */
    public static double percentOf(double achieved, double peak) {
        return peak > 0 ? 100 * achieved / peak : Double.NaN;
    }
}
