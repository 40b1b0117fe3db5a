package org.resnetlab.cli;

import org.resnetlab.cli.Cli.Result;

import org.junit.jupiter.api.Test;

import static org.resnetlab.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DescribeCommandTest {

    @Test
    void resNet110() {
        Result r = run("describe", "--depth", "110", "--unit", "original", "--classes", "10");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("parameters: 1727962"), r.out());
        assertTrue(r.out().contains("(252.89M)"), r.out()); // reference ≈252.9M
    }

    @Test
    void fullPreActivationBottleneck164() {
        Result r = run("describe", "--depth", "164", "--unit", "full-preact", "--body", "bottleneck");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("parameters: 17"), r.out()); // 1.7M
        assertTrue(r.out().contains("bottleneck"), r.out());
    }

    @Test
    void fashionMnistInput() {
        Result r = run("describe", "--depth", "20", "--input", "1x28x28");
        assertEquals(0, r.code(), r.err());
        // only conv1 changes with the input channels: 16·(3−1)·9 = 288 fewer weights than the CIFAR net
        assertTrue(r.out().contains("parameters: " + (269722 - 288)), r.out());
    }

    @Test
    void badDepthIsOneLineExitTwo() {
        for (String[] args : new String[][] {{"describe", "--depth", "100"}, {"describe", "--depth", "164"},
                {"describe", "--depth", "20", "--unit", "preact"}, {"describe", "--depth", "20", "--body", "wide"},
                {"describe", "--depth", "1001", "--body", "basic"}}) {
            Result r = run(args);
            assertEquals(2, r.code(), String.join(" ", args));
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("resnetlab describe: "), r.err());
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        }
    }

    @Test
    void unknownUnitListsTheValidNames() {
        Result r = run("describe", "--depth", "20", "--unit", "preact");
        assertTrue(r.err().contains("full-preact") && r.err().contains("exclusive-gating[:B]"), r.err());
    }
}
