package org.resnetlab.data;

import java.util.SplittableRandom;

/**
 * The paper's augmentation, drawn independently for every image: pad each side with {@code pad} zeros (the
 * mean after standardisation), take a random crop of the original size, flip it horizontally with probability
 * 1/2. Works on Java float arrays because DJL's RandomFlipLeftRight never flips and NDArray.pad is missing on MXNet.
 */
public record Augmentation(int pad, boolean flip) {

    public static final Augmentation PAPER = new Augmentation(4, true);
    public static final Augmentation NONE = new Augmentation(0, false);

    /** One image's random draw: crop offsets in 0..2·pad (pad,pad = centre) and whether to flip. */
    public record Draw(int dx, int dy, boolean flip) {}

    public Draw draw(SplittableRandom random) {
        int dx = random.nextInt(2 * pad + 1);
        int dy = random.nextInt(2 * pad + 1);
        boolean mirrored = flip && random.nextBoolean();
        return new Draw(dx, dy, mirrored);
    }

    /**
     * Writes the augmented copy of the CHW image at {@code in[inOffset..]} to {@code out[outOffset..]}: output
     * pixel (y, x) comes from input (y + dy − pad, x' + dx − pad) with x' = x or width−1−x when flipped, zero outside.
     */
    public static void apply(Draw draw, int pad, float[] in, int inOffset, float[] out, int outOffset,
                             int channels, int height, int width) {
        for (int c = 0; c < channels; c++) {
            int plane = c * height * width;
            for (int y = 0; y < height; y++) {
                int sy = y + draw.dy() - pad;
                int row = outOffset + plane + y * width;
                if (sy < 0 || sy >= height) {
                    java.util.Arrays.fill(out, row, row + width, 0f);
                    continue;
                }
                int sourceRow = inOffset + plane + sy * width;
                for (int x = 0; x < width; x++) {
                    int cropX = draw.flip() ? width - 1 - x : x;
                    int sx = cropX + draw.dx() - pad;
                    out[row + x] = sx < 0 || sx >= width ? 0f : in[sourceRow + sx];
                }
            }
        }
    }
}
