package org.resnetlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BenchLogicTest {

    @Test
    void medianMinMaxOfOddAndEvenCounts() {
        assertEquals(new Windows(3, 1, 9, 5), Windows.of(9, 1, 3, 4, 2));
        assertEquals(new Windows(2.5, 1, 4, 4), Windows.of(4, 1, 3, 2));
        assertThrows(IllegalArgumentException.class, Windows::of);
    }

    @Test
    void windowsFromStepStampsSkipWarmup() {
        // 2 warm-up steps (slow), then 3 windows of 2 steps: 1 s, 2 s, 1 s per window of 2×100 images
        long s = 1_000_000_000L;
        long[] stamps = {0, 10 * s, 20 * s, 20 * s + s / 2, 21 * s, 22 * s, 23 * s, 23 * s + s / 2, 24 * s};
        Windows w = Windows.fromStamps(stamps, 2, 3, 2, 100);
        assertEquals(200, w.median(), 1e-9);
        assertEquals(100, w.min(), 1e-9);
        assertEquals(200, w.max(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Windows.fromStamps(stamps, 2, 4, 2, 100));
    }

    @Test
    void flopArithmetic() {
        // ResNet-20: 40.6M forward MACs per image at 100 images/s trains at 3·2·40.6e6·100 = 24.36 GFLOP/s
        assertEquals(24.36, Flops.trainingGflops(40_600_000L, 100), 1e-9);
        assertEquals(2.0 * 2048 * 2048 * 2048 / 1e9 / 0.5, Flops.sgemmGflops(2048, 0.5), 1e-9);
        assertEquals(25.0, Flops.percentOf(10, 40), 1e-12);
    }

    @Test
    void rssFromProcStatus() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  812344 kB\nVmRSS:\t  700000 kB\nThreads:\t40\n";
        assertEquals(new ProcStatus(700_000, 812_344), ProcStatus.parse(status));
        assertEquals(-1, ProcStatus.parse("Name:\tx\n").rssKb());
    }
}
