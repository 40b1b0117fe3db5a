package org.resnetlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {

    @Test
    void flipRateIsOneHalfAndCropOffsetsAreUniform() {
        SplittableRandom random = new SplittableRandom(7);
        int draws = 45_000;
        int flips = 0;
        int[] dx = new int[9];
        int[] dy = new int[9];
        for (int i = 0; i < draws; i++) {
            Augmentation.Draw d = Augmentation.PAPER.draw(random);
            flips += d.flip() ? 1 : 0;
            dx[d.dx()]++;
            dy[d.dy()]++;
        }
        assertEquals(0.5, flips / (double) draws, 0.01);
        // chi-square with 8 degrees of freedom: 26.1 is the 0.1% critical value
        assertTrue(chiSquare(dx, draws) < 26.1, Arrays.toString(dx));
        assertTrue(chiSquare(dy, draws) < 26.1, Arrays.toString(dy));
    }

    private static double chiSquare(int[] counts, int total) {
        double expected = total / (double) counts.length;
        return Arrays.stream(counts).mapToDouble(c -> (c - expected) * (c - expected) / expected).sum();
    }

    @Test
    void augmentationIsDrawnPerImageWithinOneBatch() {
        ImageSet set = Synthetic.create(2, 64, 8, 1, 8, 1).train();
        TrainingBatches batches = new TrainingBatches(set, Normalization.of(set), Augmentation.PAPER, 64, 3, 0, 1);
        HostBatch batch = batches.prepare(0);
        TrainingBatches plain = new TrainingBatches(set, Normalization.of(set), Augmentation.NONE, 64, 3, 0, 1);
        HostBatch reference = plain.prepare(0);
        int length = 64;
        int unchanged = 0;
        for (int i = 0; i < 64; i++) {
            if (Arrays.equals(batch.images(), i * length, (i + 1) * length, reference.images(), i * length, (i + 1) * length)) {
                unchanged++;
            }
        }
        // only the centre crop without flip leaves an image unchanged: 1/81 · 1/2 of the images
        assertTrue(unchanged < 5, unchanged + " of 64 images unchanged");
    }

    @Test
    void cropShiftsAndFlipMirrors() {
        int w = 4;
        float[] image = new float[w * w];
        for (int i = 0; i < image.length; i++) {
            image[i] = i + 1;
        }
        float[] out = new float[w * w];
        // dx = pad+1: output (y, x) = input (y, x+1); the last column falls in the zero padding
        Augmentation.apply(new Augmentation.Draw(3, 2, false), 2, image, 0, out, 0, 1, w, w);
        assertArrayEquals(new float[] {2, 3, 4, 0, 6, 7, 8, 0, 10, 11, 12, 0, 14, 15, 16, 0}, out);
        Augmentation.apply(new Augmentation.Draw(2, 1, true), 2, image, 0, out, 0, 1, w, w);
        assertArrayEquals(new float[] {0, 0, 0, 0, 4, 3, 2, 1, 8, 7, 6, 5, 12, 11, 10, 9}, out);
    }

    @Test
    void normalisedTrainingSetHasZeroMeanAndUnitStd() {
        ImageSet set = Synthetic.create(3, 100, 10, 3, 8, 5).train();
        Normalization norm = Normalization.of(set);
        HostBatch all = TrainingBatches.slice(set, norm, 0, set.size());
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            double squares = 0;
            int n = 0;
            for (int i = 0; i < set.size(); i++) {
                for (int p = 0; p < 64; p++) {
                    double v = all.images()[i * 192 + c * 64 + p];
                    sum += v;
                    squares += v * v;
                    n++;
                }
            }
            assertEquals(0, sum / n, 1e-4);
            assertEquals(1, Math.sqrt(squares / n), 1e-3);
        }
    }

    @Test
    void streamIsAFunctionOfSeedAndIterationAndEachEpochIsAPermutation() {
        ImageSet set = Synthetic.create(4, 100, 10, 1, 8, 2).train();
        Normalization norm = Normalization.of(set);
        TrainingBatches a = new TrainingBatches(set, norm, Augmentation.PAPER, 20, 11, 0, 10);
        TrainingBatches b = new TrainingBatches(set, norm, Augmentation.PAPER, 20, 11, 7, 10);
        for (int i = 0; i < 7; i++) {
            a.next();
        }
        assertArrayEquals(a.next().images(), b.next().images(), "a stream started at 7 sees what a full one sees");
        TrainingBatches other = new TrainingBatches(set, norm, Augmentation.PAPER, 20, 12, 0, 10);
        assertTrue(!Arrays.equals(other.prepare(7).images(), b.prepare(7).images()), "the seed changes the stream");
        boolean[] seen = new boolean[100];
        for (int p = 100; p < 200; p++) {
            seen[a.imageAt(p)] = true;
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
        a.close();
        b.close();
    }
}
