package org.resnetlab.data;

/** Per-channel mean/std standardisation, with the statistics of the training set applied to every split. */
public record Normalization(float[] mean, float[] std) {

    /** Mean and standard deviation of each channel over a whole set, on the 0..1 pixel scale. */
    public static Normalization of(ImageSet set) {
        int channels = set.channels();
        int plane = set.height() * set.width();
        double[] sum = new double[channels];
        double[] squares = new double[channels];
        byte[] pixels = set.pixels();
        for (int i = 0; i < set.size(); i++) {
            for (int c = 0; c < channels; c++) {
                int offset = (i * channels + c) * plane;
                long s = 0;
                long q = 0;
                for (int p = 0; p < plane; p++) {
                    int v = pixels[offset + p] & 0xff;
                    s += v;
                    q += (long) v * v;
                }
                sum[c] += s;
                squares[c] += q;
            }
        }
        float[] mean = new float[channels];
        float[] std = new float[channels];
        double n = (double) set.size() * plane;
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / n;
            double variance = Math.max(squares[c] / n - m * m, 1e-12);
            mean[c] = (float) (m / 255);
            std[c] = (float) (Math.sqrt(variance) / 255);
        }
        return new Normalization(mean, std);
    }

    /** Writes image {@code index} of {@code set}, standardised, into {@code out} starting at {@code offset}. */
    public void apply(ImageSet set, int index, float[] out, int offset) {
        int plane = set.height() * set.width();
        int start = index * set.imageLength();
        byte[] pixels = set.pixels();
        for (int c = 0; c < set.channels(); c++) {
            float scale = 1f / (255f * std[c]);
            float shift = mean[c] / std[c];
            for (int p = 0; p < plane; p++) {
                int at = c * plane + p;
                out[offset + at] = (pixels[start + at] & 0xff) * scale - shift;
            }
        }
    }
}
