package org.resnetlab.train;

import org.junit.jupiter.api.Test;
import org.resnetlab.models.ModelSpec;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class RunConfigTest {

    @Test
    void theBuilderKeepsEveryFieldItIsNotTold() {
        RunConfig run = RunConfig.builder("fashion-mnist", ModelSpec.fashionMnist(56, "original"), Path.of("a"))
                .dataDir(Path.of("data")).protocol(Protocol.paper().withIterations(600)).seed(3).engine("PyTorch")
                .devices("gpu:0").evalEvery(50).checkpointEvery(100).testLimit(256).augment(false)
                .precision(Precision.BF16).build();
        assertEquals(run, run.toBuilder().build());
        RunConfig other = run.toBuilder().seed(4).build();
        assertEquals(4, other.seed());
        assertEquals(run, other.withSeed(3));
        assertEquals(run.toMap().keySet(), other.toMap().keySet());
        assertEquals(run.identity().get("engine"), other.identity().get("engine"));
        assertEquals(Precision.BF16, run.withOut(Path.of("b")).precision());
        assertEquals(256, run.withDevices("cpu").testLimit());
        assertNotEquals(run, other);
    }

    @Test
    void theDefaultsAreThePapersProtocolOnOneCpu() {
        RunConfig run = RunConfig.of("cifar10", ModelSpec.cifar(20, "original"), Path.of("a"));
        assertEquals(new RunConfig("cifar10", null, ModelSpec.cifar(20, "original"), Protocol.paper(), 0, null, "cpu", 0, 0,
                0, true, Path.of("a"), Precision.FP32), run);
        assertEquals(Protocol.PAPER_ITERATIONS / 64, run.evalEvery(), "0 is the default interval, 1/64 of the run");
        assertEquals(run.evalEvery(), run.checkpointEvery());
    }
}
